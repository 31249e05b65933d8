package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // the "sqlite" driver
)

// FileName is the database file in a data folder.
const FileName = "tenfoot.db"

// readers is how many connections read at once. Readers never wait for the writer:
// that is what the write-ahead log is for.
const readers = 8

// OpenSQLite opens, or creates, the database in the folder dir and brings its tables
// up to date. It runs in write-ahead-log mode, and a commit reaches the disk before
// it returns, so a revocation once reported survives a power cut.
func OpenSQLite(ctx context.Context, dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("sqlstore: data folder: %w", err)
	}
	path := filepath.Join(dir, FileName)
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlstore: the data folder's path %q may not hold ? or #", dir)
	}
	params := url.Values{
		"_busy_timeout": {"10000"},
		"_journal_mode": {"WAL"},
		"_synchronous":  {"FULL"},
		"_foreign_keys": {"1"},
	}
	open := func(extra string, conns int) (*sql.DB, error) {
		db, err := sql.Open("sqlite", path+"?"+params.Encode()+extra)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
		}
		db.SetMaxOpenConns(conns)
		db.SetMaxIdleConns(conns)
		return db, nil
	}
	// Writers take the lock when they begin, not at their first write, so two
	// never deadlock upgrading from reading.
	write, err := open("&_txlock=immediate", 1)
	if err != nil {
		return nil, err
	}
	// The one writing connection keeps any other process out while migrating.
	created, err := withConn(ctx, write, func(conn *sql.Conn) (bool, error) {
		return migrate(ctx, conn, sqlite, sqliteSchema)
	})
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlstore: %s: %w", path, err)
	}
	read, err := open("&_query_only=1", readers)
	if err != nil {
		write.Close()
		return nil, err
	}
	s := &Store{write: write, read: read, d: sqlite, created: created, ping: read, observer: nopObserver{}}
	s.mark = newMarker(markAfter)
	s.markNow(ctx)
	return s, nil
}

// withConn runs fn on one connection of db.
func withConn[T any](ctx context.Context, db *sql.DB, fn func(*sql.Conn) (T, error)) (T, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	defer conn.Close()
	return fn(conn)
}
