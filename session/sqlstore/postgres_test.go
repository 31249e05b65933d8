package sqlstore

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
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

func BenchmarkSignInPostgres(b *testing.B) {
	storetest.BenchmarkSignIn(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
}

func BenchmarkHeartbeat10000Postgres(b *testing.B) {
	storetest.BenchmarkHeartbeat(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
}

// When the answer to a COMMIT is lost with its connection, PostgreSQL is asked on
// another whether the transaction committed: it says so for one that did, and for
// one that did not.
func TestPostgresTellsWhetherALostCommitCommitted(t *testing.T) {
	s := openPostgres(t, t.TempDir())
	defer s.Close()
	ctx := t.Context()
	begin := func() (*sql.Tx, int64) {
		tx, err := s.write.BeginTx(ctx, nil)
		require.NoError(t, err)
		var id int64
		require.NoError(t, tx.QueryRowContext(ctx, s.d.writeLock).Scan(&id))
		return tx, id
	}
	done, doneID := begin()
	require.NoError(t, done.Commit())
	undone, undoneID := begin()
	require.NoError(t, undone.Rollback())

	committed, known := s.committed(ctx, doneID)
	assert.True(t, known)
	assert.True(t, committed, "the committed one")
	committed, known = s.committed(ctx, undoneID)
	assert.True(t, known)
	assert.False(t, committed, "the rolled-back one")
}
