// Package pgtest gives tests a PostgreSQL of their own to keep a store in: a fresh
// schema in the server that TENFOOT_TEST_DATABASE_URL names, which `make test`
// starts (scripts/with-postgres.sh). Without it the tests that need one are
// skipped, except under CI, where they fail.
package pgtest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	"github.com/stretchr/testify/require"
)

// EnvURL names the variable that holds the server's URL.
const EnvURL = "TENFOOT_TEST_DATABASE_URL"

// ServerURL returns the test server's URL, or skips tb, or fails it under CI.
func ServerURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(EnvURL)
	switch {
	case u != "":
		return u
	case os.Getenv("CI") != "":
		tb.Fatalf("%s is not set: the PostgreSQL tests must run under CI (make test starts a server)", EnvURL)
	default:
		tb.Skipf("%s is not set: no PostgreSQL to test on (scripts/with-postgres.sh go test … starts one)", EnvURL)
	}
	return ""
}

// SchemaURL returns a URL of the test server whose connections keep to a schema of
// their own, named after key and tb: empty the first time, the same one for the
// same key within tb, dropped when tb ends.
func SchemaURL(tb testing.TB, key string) string {
	tb.Helper()
	server := ServerURL(tb)
	sum := sha256.Sum256([]byte(tb.Name() + "\x00" + key))
	schema := "t_" + hex.EncodeToString(sum[:12])
	db, err := sql.Open("pgx", server)
	require.NoError(tb, err)
	defer db.Close()
	var existed bool
	require.NoError(tb, db.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)`, schema).Scan(&existed))
	if !existed {
		_, err = db.Exec(`CREATE SCHEMA ` + schema)
		require.NoError(tb, err)
		tb.Cleanup(func() { Exec(tb, server, `DROP SCHEMA IF EXISTS `+schema+` CASCADE`) })
	}
	u, err := url.Parse(server)
	require.NoError(tb, err)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs statement on the server at u.
func Exec(tb testing.TB, u, statement string, args ...any) {
	tb.Helper()
	db, err := sql.Open("pgx", u)
	require.NoError(tb, err)
	defer db.Close()
	_, err = db.ExecContext(context.Background(), statement, args...)
	require.NoError(tb, err)
}

// Open connects to the server at u until tb ends.
func Open(tb testing.TB, u string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("pgx", u)
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	return db
}
