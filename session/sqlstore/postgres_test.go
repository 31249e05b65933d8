package sqlstore

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/google/uuid"
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

func BenchmarkWakeAll2000Postgres(b *testing.B) {
	storetest.BenchmarkWakeAll(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
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

// A read of an account's sessions is not compiled to machine code: compiling took
// 140 ms of a 190 ms read of 10,000 sessions whose plan's cost was estimated before
// the tables were analysed. Here every statement's cost passes jit_above_cost, and
// the setting lasts only as long as the transaction.
func TestPostgresReadsManySessionsWithoutJIT(t *testing.T) {
	s := openPostgres(t, t.TempDir())
	defer s.Close()
	ctx := t.Context()
	var available bool
	require.NoError(t, s.read.QueryRowContext(ctx, `SELECT pg_jit_available()`).Scan(&available))
	if !available {
		t.Skip("this PostgreSQL has no JIT")
	}
	var before string
	require.NoError(t, s.read.QueryRowContext(ctx, `SELECT current_setting('jit')`).Scan(&before))
	query := `SELECT ` + sessionRead + ` FROM sessions WHERE account_id = ? AND ` + sessionLive + ` ORDER BY created`
	// compiled says whether PostgreSQL compiles query, as EXPLAIN ANALYZE reports.
	compiled := func(x *tx) bool {
		var plan string
		require.NoError(t, x.one(`EXPLAIN (ANALYZE, FORMAT JSON) `+query, []any{uuid.New()}, &plan))
		return strings.Contains(plan, `"JIT"`)
	}
	err := s.Update(ctx, func(stx session.Tx) error {
		x := stx.(*tx)
		if _, err := x.exec(`SET LOCAL jit_above_cost = 0`); err != nil {
			return err
		}
		assert.True(t, compiled(x), "without it, the read would be compiled")
		if _, err := x.LiveSessions(uuid.New()); err != nil {
			return err
		}
		assert.False(t, compiled(x), "the read is not compiled")
		return nil
	})
	require.NoError(t, err)
	var after string
	require.NoError(t, s.read.QueryRowContext(ctx, `SELECT current_setting('jit')`).Scan(&after))
	assert.Equal(t, before, after, "the next transaction is as the database is set")
}

func BenchmarkWakeStorm2000Postgres(b *testing.B) {
	storetest.BenchmarkWakeStorm(b, func(b *testing.B, dir string) session.Store { return openPostgres(b, dir) })
}
