package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Connections of one replica to PostgreSQL. Writers take turns on the database's
// write lock whatever their number: a few let the next one be ready when the lock
// passes. Readers serve the event streams' catching up and every request's checks.
const (
	pgWriters = 4
	pgReaders = 16
)

// pgConnConfig is how to reach PostgreSQL, kept for the listening connection.
type pgConnConfig = pgx.ConnConfig

// IsPostgresURL reports whether url names a PostgreSQL database rather than a
// folder for SQLite.
func IsPostgresURL(url string) bool {
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		if len(url) >= len(scheme) && url[:len(scheme)] == scheme {
			return true
		}
	}
	return false
}

// OpenPostgres opens the store in the PostgreSQL database at url
// (postgres://user:password@host:port/database?sslmode=…; a search_path parameter
// keeps it in a schema of its own) and brings its tables up to date. Several
// replicas may start at once: they take turns migrating under an advisory lock, and
// only the one that created the tables reports Created.
//
// The pool's connections may pass through a pooler such as PgBouncer in transaction
// mode; the connection Listen holds may not, since such a pooler drops LISTEN.
func OpenPostgres(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: database URL: %w", err)
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "tenfootd"
	}
	listen := cfg.Copy()
	listen.RuntimeParams["application_name"] = cfg.RuntimeParams["application_name"] + " listen"
	doubt := &doubt{}
	open := func(conns int) *sql.DB {
		db := stdlib.OpenDB(*cfg, stdlib.OptionShouldPing(doubt.shouldPing))
		db.SetMaxOpenConns(conns)
		db.SetMaxIdleConns(conns)
		return db
	}
	write, read, ping := open(pgWriters), open(pgReaders), open(1)
	where := fmt.Sprintf("postgres at %s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
	created, err := withConn(ctx, write, func(conn *sql.Conn) (bool, error) {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(hashtext('tenfoot.migrate.' || current_schema()))`); err != nil {
			return false, err
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(hashtext('tenfoot.migrate.' || current_schema()))`)
		return migrate(ctx, conn, postgres, pgSchema)
	})
	if err != nil {
		write.Close()
		read.Close()
		ping.Close()
		return nil, fmt.Errorf("sqlstore: %s: %w", where, err)
	}
	s := &Store{write: write, read: read, d: postgres, created: created, listen: listen, doubt: doubt, ping: ping, observer: nopObserver{}}
	s.mark = newMarker(markAfter)
	s.markNow(ctx)
	return s, nil
}
