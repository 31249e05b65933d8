package sqlstore

import (
	"testing"

	"github.com/stretchr/testify/require"

	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
	"tenfoot/session/storetest"
)

// openPostgres opens a store in a schema of its own for each folder dir names.
func openPostgres(tb testing.TB, dir string) *Store {
	s, err := OpenPostgres(tb.Context(), pgtest.SchemaURL(tb, dir))
	require.NoError(tb, err)
	return s
}

func TestPostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T, dir string) session.Store { return openPostgres(t, dir) })
}

func BenchmarkSignOutAll1000Postgres(b *testing.B) {
	storetest.BenchmarkSignOutAll(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
}

func BenchmarkHeartbeat10000Postgres(b *testing.B) {
	storetest.BenchmarkHeartbeat(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
}
