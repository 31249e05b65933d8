package sqlstore

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
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

func BenchmarkSignIn(b *testing.B) {
	storetest.BenchmarkSignIn(b, func(b *testing.B, dir string) session.Store {
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

func BenchmarkWakeAll2000(b *testing.B) {
	storetest.BenchmarkWakeAll(b, openSQLiteBench)
}

func BenchmarkWakeStorm2000(b *testing.B) {
	storetest.BenchmarkWakeStorm(b, openSQLiteBench)
}

func openSQLiteBench(b *testing.B, dir string) session.Store {
	s, err := OpenSQLite(b.Context(), dir)
	require.NoError(b, err)
	return s
}

// TestSessionsFromBeforeEpochsStayLive opens a database written before sign-outs of
// all devices revoked by account, with a live session and a revoked one: the live
// one stays live, and the next sign-out of all devices revokes it.
func TestSessionsFromBeforeEpochsStayLive(t *testing.T) {
	dir := t.TempDir()
	old, err := sql.Open("sqlite", filepath.Join(dir, FileName))
	require.NoError(t, err)
	conn, err := old.Conn(t.Context())
	require.NoError(t, err)
	_, err = migrate(t.Context(), conn, sqlite, sqliteSchema[:len(sqliteSchema)-1])
	require.NoError(t, err)
	account, live, revoked := uuid.New(), uuid.New(), uuid.New()
	_, err = conn.ExecContext(t.Context(), `INSERT INTO accounts (id, email, display_name, plan, password_hash) VALUES (?, 'ana@example.com', 'Ana', 'Premium', 'hash')`, account)
	require.NoError(t, err)
	_, err = conn.ExecContext(t.Context(), `INSERT INTO sessions (id, token_hash, account_id, device_id, device_name, device_kind, created, last_seen, revoked)
		VALUES (?, 'live', ?, ?, 'TV', 'tv', 1, 1, NULL), (?, 'revoked', ?, ?, 'Stick', 'stick', 1, 1, 2)`,
		live, account, uuid.New(), revoked, account, uuid.New())
	require.NoError(t, err)
	require.NoError(t, conn.Close())
	require.NoError(t, old.Close())

	s, err := OpenSQLite(t.Context(), dir)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.View(t.Context(), func(tx session.Tx) error {
		sessions, err := tx.LiveSessions(account)
		require.Len(t, sessions, 1)
		assert.Equal(t, live, sessions[0].ID)
		return err
	}))
	at := time.Unix(0, 3).UTC()
	require.NoError(t, s.Update(t.Context(), func(tx session.Tx) error {
		sessions, err := tx.RevokeAllSessions(account, at)
		require.Len(t, sessions, 1, "the live session, not the one revoked before")
		assert.Equal(t, at, *sessions[0].Revoked)
		return err
	}))
	require.NoError(t, s.View(t.Context(), func(tx session.Tx) error {
		r, err := tx.Session("revoked")
		assert.Equal(t, time.Unix(0, 2).UTC(), *r.Revoked, "revoked when it was")
		return err
	}))
}
