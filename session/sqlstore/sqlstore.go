// Package sqlstore keeps the account service's records in a SQL database, for
// tenfootd: SQLite through modernc.org/sqlite, pure Go, so tenfootd stays one static
// binary, or PostgreSQL through pgx, for several tenfootd replicas sharing one
// database. The queries keep to the SQL that SQLite and PostgreSQL share; a dialect
// holds the little that differs.
package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"tenfoot/session"
)

// Store is a session.Store in a SQL database.
type Store struct {
	// write has one connection on SQLite: the database takes one writer at a time,
	// and waiting here, in order, beats retrying on "database is locked". On
	// PostgreSQL it has a few, which wait in turn on the dialect's write lock.
	write *sql.DB
	read  *sql.DB
	d     *dialect
	// created says whether opening the store created its tables.
	created bool
	// listen is how to reach PostgreSQL for LISTEN; nil on SQLite.
	listen *pgConnConfig
	// doubt has the pools ping their connections for a while after one was lost;
	// nil on SQLite, whose connections are never lost.
	doubt *doubt
	// ping is the pool Ping asks through: on PostgreSQL one connection of its own,
	// so that a busy pool does not look like a database that does not answer.
	ping *sql.DB
	// listening is whether Listen holds a connection that listens now.
	listening atomic.Bool
	observer  Observer
	mark      *marker
}

// Observer is told how each transaction of a Store went, for metrics. It is called
// once a View or Update has ended, its runs again included, on the goroutine that
// asked for it: it must return at once.
type Observer interface {
	Transaction(TxReport)
}

// TxReport is how one View or Update went.
type TxReport struct {
	Write   bool // an Update; else a View
	Outcome TxOutcome
	// Took is the time from the first begin to the end, waits between runs
	// included.
	Took time.Duration
	// Retries is how many times it ran again after losing its connection.
	Retries int
}

// TxOutcome says how a transaction ended.
type TxOutcome int

// The ways a transaction ends. Only the last three are failures of the store.
const (
	// TxCommitted: an Update committed, or a View read.
	TxCommitted TxOutcome = iota
	// TxRolledBack: the function run in it returned an error of its own, such as a
	// wrong password or a record not found, and nothing was written: an answer,
	// not a failure.
	TxRolledBack
	// TxCanceled: whoever asked went away, or its deadline passed.
	TxCanceled
	// TxUnavailable: the database could not be reached, or whether a COMMIT took
	// could not be told, after running again for as long as retryFor.
	TxUnavailable
	// TxFailed: the database refused a statement or the commit.
	TxFailed
)

// TxOutcomes lists every outcome, in order.
var TxOutcomes = []TxOutcome{TxCommitted, TxRolledBack, TxCanceled, TxUnavailable, TxFailed}

// String names the outcome in snake case, as a metric's label value.
func (o TxOutcome) String() string {
	switch o {
	case TxCommitted:
		return "committed"
	case TxRolledBack:
		return "rolled_back"
	case TxCanceled:
		return "canceled"
	case TxUnavailable:
		return "unavailable"
	case TxFailed:
		return "failed"
	}
	return "unknown"
}

// nopObserver is the Observer of a store that has none.
type nopObserver struct{}

func (nopObserver) Transaction(TxReport) {}

// Observe has o told how each transaction goes from now on. Call it before the store
// is used.
func (s *Store) Observe(o Observer) {
	if o == nil {
		o = nopObserver{}
	}
	s.observer = o
}

// Ping reports whether the database answers a query within ctx, on a connection that
// busy requests do not hold: for a readiness check.
func (s *Store) Ping(ctx context.Context) error {
	var version sql.NullInt64
	if err := s.ping.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("sqlstore: the database does not answer: %w", err)
	}
	return nil
}

// Listening reports whether the store hears the events other replicas record: on
// PostgreSQL, whether Listen holds a connection that listens now; on SQLite always,
// since one process records every event there.
func (s *Store) Listening() bool {
	return s.listen == nil || s.listening.Load()
}

// Created reports whether opening the store created it, so the caller can seed it.
func (s *Store) Created() bool { return s.created }

// View implements session.Store. A View whose connection is lost runs again on
// another: it only reads.
func (s *Store) View(ctx context.Context, fn func(session.Tx) error) error {
	return s.run(ctx, s.read, s.d.readOpts, "", fn)
}

// Update implements session.Store. An Update whose connection is lost runs again on
// another if it certainly did not commit, so fn may run more than once: each run
// must start afresh, and only the last one's results count.
func (s *Store) Update(ctx context.Context, fn func(session.Tx) error) error {
	return s.run(ctx, s.write, nil, s.d.writeLock, fn)
}

// run runs fn in a transaction on db that begins with the statement first, if any.
// A transaction that fails because its connection was lost, and may safely run
// again, does so with short waits between, for up to retryFor; if the database
// stays out of reach, run fails with a session.UnavailableError.
func (s *Store) run(ctx context.Context, db *sql.DB, opts *sql.TxOptions, first string, fn func(session.Tx) error) error {
	start, wait := time.Now(), retryFirst
	report := TxReport{Write: db == s.write}
	defer func() {
		report.Took = time.Since(start)
		s.observer.Transaction(report)
	}()
	for attempt := 1; ; attempt++ {
		again, refused, err := s.attempt(ctx, db, opts, first, fn)
		if !again {
			report.Outcome = outcome(ctx, err, refused)
			return err
		}
		s.doubt.raise() // the pool's other connections are likely lost too
		if time.Since(start)+wait > retryFor {
			report.Outcome = TxUnavailable
			return &session.UnavailableError{Err: fmt.Errorf("sqlstore: tried %d times in %s: %w", attempt, time.Since(start).Round(time.Millisecond), err)}
		}
		if !sleep(ctx, wait) {
			report.Outcome = TxCanceled
			return fmt.Errorf("sqlstore: %w while waiting to try again after: %v", ctx.Err(), err)
		}
		report.Retries++
		wait = min(2*wait, retryLongest)
	}
}

// outcome says how a transaction that will not run again ended with err, refused
// saying whether the database refused something in it.
func outcome(ctx context.Context, err error, refused bool) TxOutcome {
	switch {
	case err == nil:
		return TxCommitted
	case errors.Is(err, session.ErrUnavailable):
		return TxUnavailable
	case ctx.Err() != nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return TxCanceled
	case refused:
		return TxFailed
	}
	return TxRolledBack
}

// Close implements session.Store.
func (s *Store) Close() error {
	s.stopMarking()
	err := errors.Join(s.read.Close(), s.write.Close())
	if s.ping != s.read {
		err = errors.Join(err, s.ping.Close())
	}
	return err
}

// tx is one transaction. Times are kept as Unix nanoseconds, IDs as text, flags as
// 0 or 1: what every SQL database stores alike.
type tx struct {
	ctx context.Context
	tx  *sql.Tx
	d   *dialect
	// lost is the error that lost the transaction's connection, if one did.
	lost error
	// refused says whether the database refused a statement.
	refused bool
	// endedEpoch says that it ended an account's epoch of sessions, whose rows are
	// to be marked once it committed.
	endedEpoch bool
	// noJIT says that manyRows turned JIT compiling off.
	noJIT bool
}

// manyRows readies the transaction for a statement over an account's sessions,
// which may be thousands of rows. PostgreSQL compiles a statement to machine code
// (JIT) once its plan's estimated cost passes jit_above_cost, and an estimate made
// before autovacuum has analysed the tables easily does: compiling then took 140 ms
// of a 190 ms read of 10,000 sessions, in the confirm of a sign-out of all devices.
// The statements here are short, and gain nothing from it.
func (t *tx) manyRows() error {
	if t.d.noJIT == "" || t.noJIT {
		return nil
	}
	t.noJIT = true
	_, err := t.exec(t.d.noJIT)
	return err
}

// failed wraps err from the database, and notes whether it lost the connection.
func (t *tx) failed(err error) error {
	err = fmt.Errorf("sqlstore: %w", err)
	t.refused = true
	if t.lost == nil && connectionLost(err) {
		t.lost = err
	}
	return err
}

func (t *tx) exec(query string, args ...any) (sql.Result, error) {
	r, err := t.tx.ExecContext(t.ctx, t.d.rebind(query), args...)
	if err != nil {
		return nil, t.failed(err)
	}
	return r, nil
}

// one scans the single row query returns, or fails with session.ErrNotFound.
func (t *tx) one(query string, args []any, dest ...any) error {
	err := t.tx.QueryRowContext(t.ctx, t.d.rebind(query), args...).Scan(dest...)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return session.ErrNotFound
	case err != nil:
		return t.failed(err)
	}
	return nil
}

// each calls scan for every row query returns.
func (t *tx) each(query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := t.tx.QueryContext(t.ctx, t.d.rebind(query), args...)
	if err != nil {
		return t.failed(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return t.failed(err)
		}
	}
	if err := rows.Err(); err != nil {
		return t.failed(err)
	}
	return nil
}

// affected fails with session.ErrNotFound if r changed no row.
func affected(r sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil || n == 0 {
		return session.ErrNotFound
	}
	return nil
}

func nanos(t time.Time) int64 { return t.UnixNano() }

func fromNanos(n int64) time.Time { return time.Unix(0, n).UTC() }

// optNanos is a time that may be unset, as NULL.
func optNanos(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixNano(), Valid: true}
}

func fromOptNanos(n sql.NullInt64) *time.Time {
	if !n.Valid {
		return nil
	}
	t := fromNanos(n.Int64)
	return &t
}

// fromOptNanosZero reads a time that may be unset, as 0.
func fromOptNanosZero(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return fromNanos(n)
}

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

const accountColumns = `id, email, display_name, plan, password_hash, seq`

func (t *tx) account(where string, arg any) (session.AccountRecord, error) {
	var a session.AccountRecord
	err := t.one(`SELECT `+accountColumns+` FROM accounts WHERE `+where+` = ?`, []any{arg},
		&a.ID, &a.Email, &a.DisplayName, &a.Plan, &a.PasswordHash, &a.Seq)
	return a, err
}

func (t *tx) Account(id uuid.UUID) (session.AccountRecord, error) { return t.account("id", id) }

func (t *tx) AccountByEmail(email string) (session.AccountRecord, error) {
	return t.account("email", email)
}

func (t *tx) AddAccount(a session.AccountRecord, profiles []session.ProfileRecord) error {
	switch _, err := t.AccountByEmail(a.Email); {
	case err == nil:
		return fmt.Errorf("%w: an account with email %s exists", session.ErrInvalid, a.Email)
	case !errors.Is(err, session.ErrNotFound):
		return err
	}
	if _, err := t.exec(`INSERT INTO accounts (`+accountColumns+`) VALUES (?, ?, ?, ?, ?, ?)`,
		a.ID, a.Email, a.DisplayName, a.Plan, a.PasswordHash, a.Seq); err != nil {
		return err
	}
	for _, p := range profiles {
		if err := t.PutProfile(a.ID, p); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) Profiles(account uuid.UUID) ([]session.ProfileRecord, error) {
	var out []session.ProfileRecord
	err := t.each(`SELECT id, name, avatar, kids, locked, pin_hash, language FROM profiles WHERE account_id = ? ORDER BY position`,
		[]any{account}, func(rows *sql.Rows) error {
			var p session.ProfileRecord
			var kids, locked int
			if err := rows.Scan(&p.ID, &p.Name, &p.Avatar, &kids, &locked, &p.PINHash, &p.Language); err != nil {
				return err
			}
			p.Kids, p.Locked = kids != 0, locked != 0
			out = append(out, p)
			return nil
		})
	return out, err
}

func (t *tx) PutProfile(account uuid.UUID, p session.ProfileRecord) error {
	_, err := t.exec(`INSERT INTO profiles (account_id, id, position, name, avatar, kids, locked, pin_hash, language)
		VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM profiles WHERE account_id = ?), ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name, avatar = excluded.avatar,
			kids = excluded.kids, locked = excluded.locked, pin_hash = excluded.pin_hash, language = excluded.language`,
		account, p.ID, account, p.Name, p.Avatar, flag(p.Kids), flag(p.Locked), p.PINHash, p.Language)
	return err
}

func (t *tx) DeleteProfile(account, profile uuid.UUID) error {
	return affected(t.exec(`DELETE FROM profiles WHERE account_id = ? AND id = ?`, account, profile))
}

const sessionColumns = `id, token_hash, account_id, device_id, device_name, device_kind, created, last_seen, revoked, wiped`

// epochEnded is when the session's epoch ended, in a sign-out of all devices of its
// account, until its row is marked revoked (markEnded); NULL while the epoch lasts.
const epochEnded = `(SELECT v.at FROM revocations v WHERE v.account_id = sessions.account_id AND v.epoch = sessions.epoch)`

// sessionRevoked is when a session was revoked: on its own, or with every session
// of its epoch. A session of an ended epoch with neither (one added by a tenfootd
// from before epochs, which knows nothing of them, while both ran on one
// database) is revoked from when the account's last epoch ended: it was never live.
const sessionRevoked = `COALESCE(revoked, ` + epochEnded + `,
	(SELECT a.sessions_ended FROM accounts a WHERE a.id = sessions.account_id AND sessions.epoch < a.sessions_epoch))`

// sessionLive holds for a session that is not revoked: not on its own, and of its
// account's epoch now.
const sessionLive = `revoked IS NULL AND epoch = (SELECT a.sessions_epoch FROM accounts a WHERE a.id = sessions.account_id)`

// sessionRead is what a session is read as: its columns, with when it was revoked
// however it was, and its ListeningAt, the last heartbeat of the replicas holding
// its streams.
var sessionRead = sessionReadAs(sessionRevoked)

// sessionReadAs is sessionRead with when the session was revoked worked out by the
// expression revoked.
func sessionReadAs(revoked string) string {
	return `id, token_hash, account_id, device_id, device_name, device_kind, created, last_seen, ` + revoked + `, wiped,
	COALESCE((SELECT MAX(r.heartbeat) FROM listeners l JOIN replicas r ON r.id = l.replica_id
	WHERE l.session_id = sessions.id), 0)`
}

func scanSession(scan func(...any) error) (session.SessionRecord, error) {
	var s session.SessionRecord
	var created, lastSeen, listeningAt int64
	var revoked, wiped sql.NullInt64
	err := scan(&s.ID, &s.TokenHash, &s.AccountID, &s.Device.ID, &s.Device.Name, &s.Device.Kind, &created, &lastSeen, &revoked, &wiped, &listeningAt)
	s.Created, s.LastSeen = fromNanos(created), fromNanos(lastSeen)
	s.Revoked, s.Wiped = fromOptNanos(revoked), fromOptNanos(wiped)
	s.ListeningAt = fromOptNanosZero(listeningAt)
	return s, err
}

func (t *tx) sessions(query string, args ...any) ([]session.SessionRecord, error) {
	var out []session.SessionRecord
	err := t.each(query, args, func(rows *sql.Rows) error {
		s, err := scanSession(rows.Scan)
		out = append(out, s)
		return err
	})
	return out, err
}

func (t *tx) Session(tokenHash string) (session.SessionRecord, error) {
	out, err := t.sessions(`SELECT `+sessionRead+` FROM sessions WHERE token_hash = ?`, tokenHash)
	if err == nil && len(out) == 0 {
		err = session.ErrNotFound
	}
	if err != nil {
		return session.SessionRecord{}, err
	}
	return out[0], nil
}

func (t *tx) LiveSessions(account uuid.UUID) ([]session.SessionRecord, error) {
	if err := t.manyRows(); err != nil {
		return nil, err
	}
	return t.sessions(`SELECT `+sessionRead+` FROM sessions WHERE account_id = ? AND `+sessionLive+` ORDER BY created`, account)
}

// AddSession implements session.Tx. The session is of its account's epoch now.
func (t *tx) AddSession(s session.SessionRecord) error {
	_, err := t.exec(`INSERT INTO sessions (`+sessionColumns+`, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		COALESCE((SELECT sessions_epoch FROM accounts WHERE id = ?), 0))`,
		s.ID, s.TokenHash, s.AccountID, s.Device.ID, s.Device.Name, s.Device.Kind,
		nanos(s.Created), nanos(s.LastSeen), optNanos(s.Revoked), optNanos(s.Wiped), s.AccountID)
	return err
}

func (t *tx) TouchSession(id uuid.UUID, at time.Time) error {
	return affected(t.exec(`UPDATE sessions SET last_seen = ? WHERE id = ?`, nanos(at), id))
}

func (t *tx) WipeSession(id uuid.UUID, at time.Time) error {
	return affected(t.exec(`UPDATE sessions SET revoked = COALESCE(`+sessionRevoked+`, ?), wiped = ? WHERE id = ?`, nanos(at), nanos(at), id))
}

func (t *tx) RevokeSessions(account, device uuid.UUID, at time.Time) ([]session.SessionRecord, error) {
	if device == uuid.Nil {
		return nil, fmt.Errorf("%w: no device named", session.ErrInvalid)
	}
	return t.sessions(`UPDATE sessions SET revoked = ? WHERE account_id = ? AND device_id = ? AND `+sessionLive+` RETURNING `+sessionRead,
		nanos(at), account, device)
}

// RevokeAllSessions implements session.Tx by ending the account's epoch: one row
// written however many sessions it had, so that the confirm of a sign-out of all
// devices does not wait for thousands of rows to be rewritten; they are marked
// after it committed (markEnded). It reads the sessions it revoked back, with the
// time it revoked them given rather than looked up for each.
func (t *tx) RevokeAllSessions(account uuid.UUID, at time.Time) ([]session.SessionRecord, error) {
	var ended int64
	err := t.one(`UPDATE accounts SET sessions_epoch = sessions_epoch + 1, sessions_ended = ? WHERE id = ? RETURNING sessions_epoch - 1`,
		[]any{nanos(at), account}, &ended)
	if err != nil {
		return nil, err
	}
	if _, err := t.exec(`INSERT INTO revocations (account_id, epoch, at) VALUES (?, ?, ?)`, account, ended, nanos(at)); err != nil {
		return nil, err
	}
	t.endedEpoch = true
	if err := t.manyRows(); err != nil {
		return nil, err
	}
	return t.sessions(`SELECT `+sessionReadAs(`CAST(? AS BIGINT)`)+` FROM sessions WHERE account_id = ? AND epoch = ? AND revoked IS NULL ORDER BY created`,
		nanos(at), account, ended)
}

// markEnded marks the rows of the sessions of every ended epoch revoked, from the
// epoch's end, and forgets the revocations: from then on the rows alone say it,
// to a tenfootd from before epochs too.
func (t *tx) markEnded() error {
	if err := t.manyRows(); err != nil {
		return err
	}
	_, err := t.exec(`UPDATE sessions SET revoked = ` + epochEnded + `
		WHERE revoked IS NULL AND (account_id, epoch) IN (SELECT account_id, epoch FROM revocations)`)
	if err != nil {
		return err
	}
	_, err = t.exec(`DELETE FROM revocations`)
	return err
}

func (t *tx) EndDeviceSessions(device uuid.UUID, at time.Time) ([]session.SessionRecord, error) {
	return t.sessions(`UPDATE sessions SET revoked = ?, wiped = ? WHERE device_id = ? AND `+sessionLive+` RETURNING `+sessionRead,
		nanos(at), nanos(at), device)
}

// PruneSessions implements session.Tx. It marks the sessions of ended epochs
// first, should that not have happened yet, so that they go by their rows.
func (t *tx) PruneSessions(wiped, revoked, lastSeen time.Time) error {
	if err := t.markEnded(); err != nil {
		return err
	}
	_, err := t.exec(`DELETE FROM sessions WHERE wiped < ? OR revoked < ? OR last_seen < ?`, nanos(wiped), nanos(revoked), nanos(lastSeen))
	return err
}

func (t *tx) SignedInBefore(account, device uuid.UUID) (bool, error) {
	var n int
	err := t.one(`SELECT COUNT(*) FROM (SELECT 1 FROM sessions WHERE account_id = ? AND device_id = ? LIMIT 1) AS s`, []any{account, device}, &n)
	return n > 0, err
}

func (t *tx) SignedInNow(account, device uuid.UUID) (bool, error) {
	var n int
	err := t.one(`SELECT COUNT(*) FROM (SELECT 1 FROM sessions WHERE account_id = ? AND device_id = ? AND `+sessionLive+` LIMIT 1) AS s`,
		[]any{account, device}, &n)
	return n > 0, err
}

func (t *tx) DeviceSignedIn(device uuid.UUID) (bool, error) {
	var n int
	err := t.one(`SELECT COUNT(*) FROM (SELECT 1 FROM sessions WHERE device_id = ? LIMIT 1) AS s`, []any{device}, &n)
	return n > 0, err
}

func (t *tx) Device(id uuid.UUID) (session.DeviceRecord, error) {
	d := session.DeviceRecord{ID: id}
	var created int64
	err := t.one(`SELECT secret_hash, created FROM devices WHERE id = ?`, []any{id}, &d.SecretHash, &created)
	d.Created = fromNanos(created)
	return d, err
}

func (t *tx) AddDevice(d session.DeviceRecord) error {
	switch _, err := t.Device(d.ID); {
	case err == nil:
		return fmt.Errorf("%w: device %s is known", session.ErrInvalid, d.ID)
	case !errors.Is(err, session.ErrNotFound):
		return err
	}
	_, err := t.exec(`INSERT INTO devices (id, secret_hash, created) VALUES (?, ?, ?)`, d.ID, d.SecretHash, nanos(d.Created))
	return err
}

func (t *tx) PruneDevices(before time.Time) error {
	_, err := t.exec(`DELETE FROM devices WHERE created < ? AND NOT EXISTS (SELECT 1 FROM sessions WHERE sessions.device_id = devices.id)`, nanos(before))
	return err
}

func (t *tx) ReplicaAlive(replica uuid.UUID, at time.Time) (bool, error) {
	r, err := t.exec(`UPDATE replicas SET heartbeat = ? WHERE id = ?`, nanos(at), replica)
	if err := affected(r, err); !errors.Is(err, session.ErrNotFound) {
		return true, err
	}
	_, err = t.exec(`INSERT INTO replicas (id, heartbeat) VALUES (?, ?)`, replica, nanos(at))
	return false, err
}

// markChunk is how many sessions one statement of MarkListening names: well under
// the parameters a statement may have (32,766 in SQLite, 65,535 in PostgreSQL),
// and few enough that the statement stays quick to build and to plan.
const markChunk = 1000

func (t *tx) MarkListening(replica uuid.UUID, sessions []uuid.UUID, listening bool) error {
	args := make([]any, 0, 1+min(len(sessions), markChunk))
	for chunk := range slices.Chunk(sessions, markChunk) {
		args = append(args[:0], replica)
		for _, id := range chunk {
			args = append(args, id)
		}
		in := `(?` + strings.Repeat(`, ?`, len(chunk)-1) + `)`
		query := `DELETE FROM listeners WHERE replica_id = ? AND session_id IN ` + in
		if listening {
			query = `INSERT INTO listeners (replica_id, session_id) SELECT ?, id FROM sessions WHERE id IN ` + in +
				` ON CONFLICT (session_id, replica_id) DO NOTHING`
		}
		if _, err := t.exec(query, args...); err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) PruneReplicas(before time.Time) error {
	_, err := t.exec(`DELETE FROM replicas WHERE heartbeat < ?`, nanos(before))
	return err
}

func (t *tx) AppendEvent(ev session.Event) (session.Event, error) {
	if err := t.one(`UPDATE accounts SET seq = seq + 1 WHERE id = ? RETURNING seq`, []any{ev.AccountID}, &ev.Seq); err != nil {
		return session.Event{}, err
	}
	devices, err := json.Marshal(ev.Devices)
	if err != nil {
		return session.Event{}, fmt.Errorf("sqlstore: %w", err)
	}
	if _, err = t.exec(`INSERT INTO events (account_id, seq, kind, devices, at) VALUES (?, ?, ?, ?, ?)`,
		ev.AccountID, ev.Seq, ev.Kind, string(devices), nanos(ev.At)); err != nil {
		return session.Event{}, err
	}
	if t.d.notify != "" {
		// Delivered at commit, never before it, and dropped with a rollback.
		if _, err := t.exec(t.d.notify, ev.AccountID.String()); err != nil {
			return session.Event{}, err
		}
	}
	return ev, nil
}

func (t *tx) Events(account uuid.UUID, after uint64) ([]session.Event, error) {
	if after > math.MaxInt64 {
		return nil, nil // beyond any sequence number the columns hold
	}
	var out []session.Event
	err := t.each(`SELECT seq, kind, devices, at FROM events WHERE account_id = ? AND seq > ? ORDER BY seq`,
		[]any{account, after}, func(rows *sql.Rows) error {
			ev := session.Event{AccountID: account}
			var devices string
			var at int64
			if err := rows.Scan(&ev.Seq, &ev.Kind, &devices, &at); err != nil {
				return err
			}
			ev.At = fromNanos(at)
			out = append(out, ev)
			return json.Unmarshal([]byte(devices), &out[len(out)-1].Devices)
		})
	return out, err
}

func (t *tx) PruneEvents(before time.Time) error {
	_, err := t.exec(`DELETE FROM events WHERE at < ?`, nanos(before))
	return err
}

const deviceAuthColumns = `code_hash, user_code, device_id, device_name, device_kind, expires, poll_interval, last_poll, approved, approved_by`

func (t *tx) deviceAuth(where string, arg any) (session.DeviceAuthRecord, error) {
	var d session.DeviceAuthRecord
	var expires, interval, lastPoll int64
	var approved sql.NullString
	err := t.one(`SELECT `+deviceAuthColumns+` FROM device_auths WHERE `+where+` = ?`, []any{arg},
		&d.CodeHash, &d.UserCode, &d.Device.ID, &d.Device.Name, &d.Device.Kind, &expires, &interval, &lastPoll, &approved, &d.ApprovedBy)
	if err != nil {
		return d, err
	}
	d.Expires, d.Interval = fromNanos(expires), time.Duration(interval)
	if lastPoll != 0 {
		d.LastPoll = fromNanos(lastPoll)
	}
	if approved.Valid {
		if d.Approved, err = uuid.Parse(approved.String); err != nil {
			return d, fmt.Errorf("sqlstore: %w", err)
		}
	}
	return d, nil
}

// deviceAuthValues are d's columns in the order of deviceAuthColumns.
func deviceAuthValues(d session.DeviceAuthRecord) []any {
	var lastPoll int64
	if !d.LastPoll.IsZero() {
		lastPoll = nanos(d.LastPoll)
	}
	approved := sql.NullString{String: d.Approved.String(), Valid: d.Approved != uuid.Nil}
	return []any{d.CodeHash, d.UserCode, d.Device.ID, d.Device.Name, d.Device.Kind, nanos(d.Expires), int64(d.Interval), lastPoll, approved, d.ApprovedBy}
}

func (t *tx) AddDeviceAuth(d session.DeviceAuthRecord) error {
	_, err := t.exec(`INSERT INTO device_auths (`+deviceAuthColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, deviceAuthValues(d)...)
	return err
}

func (t *tx) DeviceAuth(codeHash string) (session.DeviceAuthRecord, error) {
	return t.deviceAuth("code_hash", codeHash)
}

func (t *tx) DeviceAuthByUserCode(userCode string) (session.DeviceAuthRecord, error) {
	return t.deviceAuth("user_code", userCode)
}

func (t *tx) PutDeviceAuth(d session.DeviceAuthRecord) error {
	v := deviceAuthValues(d)
	return affected(t.exec(`UPDATE device_auths SET user_code = ?, device_id = ?, device_name = ?, device_kind = ?,
		expires = ?, poll_interval = ?, last_poll = ?, approved = ?, approved_by = ? WHERE code_hash = ?`, append(v[1:], v[0])...))
}

func (t *tx) DeleteDeviceAuth(codeHash string) error {
	_, err := t.exec(`DELETE FROM device_auths WHERE code_hash = ?`, codeHash)
	return err
}

func (t *tx) ExpireDeviceAuthsOf(device uuid.UUID, now time.Time) error {
	_, err := t.exec(`UPDATE device_auths SET expires = ? WHERE device_id = ? AND expires > ?`, nanos(now), device, nanos(now))
	return err
}

func (t *tx) PruneDeviceAuths(now time.Time) error {
	_, err := t.exec(`DELETE FROM device_auths WHERE expires <= ?`, nanos(now))
	return err
}

func (t *tx) Failures(key string, since time.Time) ([]time.Time, error) {
	var out []time.Time
	err := t.each(`SELECT at FROM failures WHERE limit_key = ? AND at > ? ORDER BY at`,
		[]any{key, nanos(since)}, func(rows *sql.Rows) error {
			var at int64
			err := rows.Scan(&at)
			out = append(out, fromNanos(at))
			return err
		})
	return out, err
}

func (t *tx) AddFailure(key string, at time.Time) error {
	_, err := t.exec(`INSERT INTO failures (limit_key, at) VALUES (?, ?)`, key, nanos(at))
	return err
}

func (t *tx) ClearFailures(key string) error {
	_, err := t.exec(`DELETE FROM failures WHERE limit_key = ?`, key)
	return err
}

func (t *tx) PruneFailures(before time.Time) error {
	_, err := t.exec(`DELETE FROM failures WHERE at < ?`, nanos(before))
	return err
}

func (t *tx) AddWatch(w session.WatchRecord) error {
	_, err := t.exec(`INSERT INTO watches (ticket_hash, account_id, after_seq, expires) VALUES (?, ?, ?, ?)`,
		w.TicketHash, w.AccountID, w.After, nanos(w.Expires))
	return err
}

func (t *tx) Watch(ticketHash string) (session.WatchRecord, error) {
	w := session.WatchRecord{TicketHash: ticketHash}
	var expires int64
	err := t.one(`SELECT account_id, after_seq, expires FROM watches WHERE ticket_hash = ?`, []any{ticketHash},
		&w.AccountID, &w.After, &expires)
	w.Expires = fromNanos(expires)
	return w, err
}

func (t *tx) PruneWatches(now time.Time) error {
	_, err := t.exec(`DELETE FROM watches WHERE expires <= ?`, nanos(now))
	return err
}
