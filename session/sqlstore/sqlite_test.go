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
