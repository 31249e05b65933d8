package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// sqliteSchema is the migrations that build the tables, in order; a database records
// how many it has had. A migration, once released, never changes: a change to the
// tables is a new one at the end. PostgreSQL runs the same ones (pgSchema).
var sqliteSchema = []string{
	`CREATE TABLE accounts (
		id            TEXT PRIMARY KEY,
		email         TEXT NOT NULL UNIQUE,
		display_name  TEXT NOT NULL,
		plan          TEXT NOT NULL,
		password_hash TEXT NOT NULL,
		seq           INTEGER NOT NULL DEFAULT 0
	);
	CREATE TABLE profiles (
		account_id TEXT NOT NULL REFERENCES accounts (id),
		id         TEXT NOT NULL,
		position   INTEGER NOT NULL,
		name       TEXT NOT NULL,
		avatar     TEXT NOT NULL,
		kids       INTEGER NOT NULL,
		locked     INTEGER NOT NULL,
		pin_hash   TEXT NOT NULL,
		PRIMARY KEY (account_id, id)
	);
	CREATE TABLE sessions (
		id          TEXT PRIMARY KEY,
		token_hash  TEXT NOT NULL UNIQUE,
		account_id  TEXT NOT NULL REFERENCES accounts (id),
		device_id   TEXT NOT NULL,
		device_name TEXT NOT NULL,
		device_kind TEXT NOT NULL,
		created     INTEGER NOT NULL,
		last_seen   INTEGER NOT NULL,
		revoked     INTEGER,
		wiped       INTEGER
	);
	CREATE INDEX sessions_live_by_account ON sessions (account_id) WHERE revoked IS NULL;
	CREATE INDEX sessions_live_by_device ON sessions (device_id) WHERE revoked IS NULL;
	CREATE INDEX sessions_by_revoked ON sessions (revoked);
	CREATE INDEX sessions_by_wiped ON sessions (wiped);
	CREATE TABLE events (
		account_id TEXT NOT NULL REFERENCES accounts (id),
		seq        INTEGER NOT NULL,
		kind       TEXT NOT NULL,
		devices    TEXT NOT NULL,
		at         INTEGER NOT NULL,
		PRIMARY KEY (account_id, seq)
	);
	CREATE INDEX events_by_at ON events (at);
	CREATE TABLE device_auths (
		code_hash     TEXT PRIMARY KEY,
		user_code     TEXT NOT NULL UNIQUE,
		device_id     TEXT NOT NULL,
		device_name   TEXT NOT NULL,
		device_kind   TEXT NOT NULL,
		expires       INTEGER NOT NULL,
		poll_interval INTEGER NOT NULL,
		last_poll     INTEGER NOT NULL,
		approved      TEXT
	);
	CREATE INDEX device_auths_by_expiry ON device_auths (expires);`,
	// Failed attempts and watch tickets, kept in the database so that every replica
	// of the service counts and honours the same ones.
	`CREATE TABLE failures (
		limit_key TEXT NOT NULL,
		at        INTEGER NOT NULL
	);
	CREATE INDEX failures_by_key ON failures (limit_key, at);
	CREATE INDEX failures_by_at ON failures (at);
	CREATE TABLE watches (
		ticket_hash TEXT PRIMARY KEY,
		account_id  TEXT NOT NULL REFERENCES accounts (id),
		after_seq   INTEGER NOT NULL,
		expires     INTEGER NOT NULL
	);
	CREATE INDEX watches_by_expiry ON watches (expires);`,
	// Who listens: each replica's last heartbeat, and the sessions it holds event
	// streams of. A replica's heartbeat is one row however many streams it holds;
	// forgetting a replica or a session forgets its marks.
	`CREATE TABLE replicas (
		id        TEXT PRIMARY KEY,
		heartbeat INTEGER NOT NULL
	);
	CREATE TABLE listeners (
		session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
		replica_id TEXT NOT NULL REFERENCES replicas (id) ON DELETE CASCADE,
		PRIMARY KEY (session_id, replica_id)
	);
	CREATE INDEX listeners_by_replica ON listeners (replica_id);`,
	// Devices prove their IDs with a secret made on their first run, so that no one
	// signs in as a device, or ends its session, by knowing its ID. Sessions are
	// found by account and device, to tell a device the account knows, and by when
	// they were last seen, to end those left unused.
	`CREATE TABLE devices (
		id          TEXT PRIMARY KEY,
		secret_hash TEXT NOT NULL,
		created     INTEGER NOT NULL
	);
	CREATE INDEX devices_by_created ON devices (created);
	CREATE INDEX sessions_by_device ON sessions (device_id, account_id);
	CREATE INDEX sessions_by_last_seen ON sessions (last_seen);`,
	// The service's secrets, such as the key the activation page signs its forms
	// with, made once and shared by every replica; base64, as both databases keep
	// text alike.
	`CREATE TABLE secrets (
		name  TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);`,
	// The language a profile chose for the app, a BCP 47 tag; '' follows the
	// device's, which is what every profile had before.
	`ALTER TABLE profiles ADD COLUMN language TEXT NOT NULL DEFAULT '';`,
	// A sign-out of all devices revokes by account: it starts a new epoch of the
	// account's sessions and records when the last one ended, one row however many
	// sessions it had, instead of writing each session's row in the confirm. A
	// session is of the epoch its account was in when it was made; one of an ended
	// epoch is revoked from that epoch's end. A revocation is kept until its
	// sessions' rows are marked revoked too, soon after, for whatever reads the
	// rows alone.
	`ALTER TABLE accounts ADD COLUMN sessions_epoch INTEGER NOT NULL DEFAULT 0;
	ALTER TABLE accounts ADD COLUMN sessions_ended INTEGER;
	ALTER TABLE sessions ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
	CREATE TABLE revocations (
		account_id TEXT NOT NULL REFERENCES accounts (id),
		epoch      INTEGER NOT NULL,
		at         INTEGER NOT NULL,
		PRIMARY KEY (account_id, epoch)
	);
	CREATE INDEX revocations_by_at ON revocations (at);`,
	// The session that approved a code, by its token's hash: the approval holds
	// only while that session does. '' for codes approved before.
	`ALTER TABLE device_auths ADD COLUMN approved_by TEXT NOT NULL DEFAULT '';`,
}

// pgSchema is sqliteSchema for PostgreSQL, whose INTEGER has 32 bits where SQLite's
// has 64: Unix nanoseconds need BIGINT.
var pgSchema = func() []string {
	out := make([]string, len(sqliteSchema))
	for i, m := range sqliteSchema {
		out[i] = strings.ReplaceAll(m, "INTEGER", "BIGINT")
	}
	return out
}()

// migrate applies the migrations the database has not had, each in its own
// transaction, on conn, and reports whether it created the tables. A database from a
// newer tenfootd, with migrations this one does not know, is refused rather than
// misread. The caller makes sure no one else migrates meanwhile.
func migrate(ctx context.Context, conn *sql.Conn, d *dialect, migrations []string) (created bool, err error) {
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		applied BIGINT NOT NULL
	)`); err != nil {
		return false, fmt.Errorf("migrations: %w", err)
	}
	var have int
	if err := conn.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return false, fmt.Errorf("migrations: %w", err)
	}
	if have > len(migrations) {
		return false, fmt.Errorf("the database has %d migrations and this tenfootd knows %d: it was written by a newer version", have, len(migrations))
	}
	for v := have + 1; v <= len(migrations); v++ {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return false, fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, d.rebind(`INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`), v, time.Now().UnixNano()); err != nil {
			tx.Rollback()
			return false, fmt.Errorf("migration %d: %w", v, err)
		}
		if err := tx.Commit(); err != nil {
			return false, fmt.Errorf("migration %d: %w", v, err)
		}
	}
	return have == 0, nil
}
