package sqlstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"tenfoot/session"
	"tenfoot/session/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dir string) session.Store {
		s, err := OpenSQLite(t.Context(), dir)
		require.NoError(t, err)
		return s
	})
}

func BenchmarkSignOutAll1000(b *testing.B) {
	storetest.BenchmarkSignOutAll(b, func(b *testing.B, dir string) session.Store {
		s, err := OpenSQLite(b.Context(), dir)
		require.NoError(b, err)
		return s
	})
}

func BenchmarkHeartbeat10000(b *testing.B) {
	storetest.BenchmarkHeartbeat(b, func(b *testing.B, dir string) session.Store {
		s, err := OpenSQLite(b.Context(), dir)
		require.NoError(b, err)
		return s
	})
}
