package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"tenfoot/session"
)

// How a transaction whose connection was lost runs again: at once-doubling waits
// from retryFirst up to retryLongest, for as long as retryFor. That rides out
// PostgreSQL killing its backends, again and again if it must, a pooler dropping
// its connections, or a quick restart; a database that stays down longer is
// reported as unavailable, and the devices try again later.
const (
	retryAttempts = 5 // asking whether a lost commit committed
	retryFirst    = 20 * time.Millisecond
	retryLongest  = 250 * time.Millisecond
	retryFor      = 2 * time.Second
	// doubtFor is how long, after a connection was found lost, the pool pings each
	// connection before using it again.
	doubtFor = 2 * time.Second
)

// tooManyConnections is the SQLSTATE of a connection refused because the server,
// the role or the database has as many as it allows.
const tooManyConnections = "53300"

// connectionLost reports whether err says that the connection to the database
// failed, rather than what was asked of it: the server is shutting down, restarting
// or killed the backend (SQLSTATE class 57P), the connection broke (class 08), the
// driver found it bad or had not sent the request yet, the socket ended or failed.
// A connection the server would not take because it has as many as it allows
// (max_connections, or the role's or database's CONNECTION LIMIT: SQLSTATE 53300)
// counts too: nothing was sent on it, and the pool's connections, or another
// client's, come free within moments. Without it a request that found the pool's
// connections lost while PostgreSQL was full answered 500, a failure of the
// service, rather than 503, which a device rides out as offline.
// A transaction that failed so before its COMMIT was sent did not commit, and may
// run again on another connection. A context that ended is not a lost connection:
// whoever asked has gone.
func connectionLost(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		return strings.HasPrefix(pgErr.Code, "57P") || strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == tooManyConnections
	}
	if pgconn.SafeToRetry(err) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	_, isNet := errors.AsType[net.Error](err)
	return isNet
}

// doubt makes the pool ping a connection before using it again, for doubtFor after
// a connection was found lost. When PostgreSQL restarts or kills its backends, every
// idle connection in the pool is dead; without the ping each would fail one more
// transaction before the pool learnt it, since by default a connection used within
// the last second is trusted.
type doubt struct {
	until atomic.Int64 // Unix nanoseconds
}

// raise doubts every pooled connection from now on, for doubtFor.
func (d *doubt) raise() {
	if d != nil {
		d.until.Store(time.Now().Add(doubtFor).UnixNano())
	}
}

// shouldPing is the pool's OptionShouldPing: the default, a ping after a second
// idle, and every time while in doubt.
func (d *doubt) shouldPing(_ context.Context, p stdlib.ShouldPingParams) bool {
	return p.IdleDuration > time.Second || time.Now().UnixNano() < d.until.Load()
}

// attempt runs fn once in a transaction on db that begins with the statement first,
// if any, which returns the transaction's ID. again says that it failed because the
// connection was lost, and that running it again on another connection is safe: the
// transaction certainly did not commit, or it only read. refused says that the
// database refused something: a statement, the begin or the commit.
func (s *Store) attempt(ctx context.Context, db *sql.DB, opts *sql.TxOptions, first string, fn func(session.Tx) error) (again, refused bool, err error) {
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return connectionLost(err), true, fmt.Errorf("sqlstore: begin: %w", err)
	}
	t := &tx{ctx: ctx, tx: sqlTx, d: s.d}
	var id int64
	if first != "" {
		if err := t.one(first, nil, &id); err != nil {
			sqlTx.Rollback()
			return t.lost != nil, true, err
		}
	}
	if err := fn(t); err != nil {
		sqlTx.Rollback()
		if t.lost != nil {
			// fn may have turned the failure into an answer of its own; the
			// transaction is broken all the same.
			return true, true, t.lost
		}
		return connectionLost(err), t.refused, err
	}
	err = sqlTx.Commit()
	if h := commitHook.Load(); h != nil && opts == nil {
		err = (*h)(ctx, err)
	}
	if t.endedEpoch {
		// Even if the commit's fate is not known: marking what did not commit
		// marks nothing.
		s.markSoon()
	}
	switch {
	case err == nil:
		return false, false, nil
	case ctx.Err() != nil:
		// database/sql rolls a transaction back when its context ends, and then
		// Commit says only that it is done: whoever asked went away, and nothing
		// was committed.
		return false, false, fmt.Errorf("sqlstore: commit: %w", ctx.Err())
	case !connectionLost(err):
		return false, true, fmt.Errorf("sqlstore: commit: %w", err)
	case pgconn.SafeToRetry(err) || opts != nil && opts.ReadOnly:
		// The COMMIT never left, or there was nothing to commit.
		return true, true, fmt.Errorf("sqlstore: commit: %w", err)
	}
	// The COMMIT was sent and its answer lost with the connection: it may have
	// committed. PostgreSQL still knows, on another connection.
	committed, known := false, false
	if id != 0 {
		committed, known = s.committed(ctx, id)
	}
	switch {
	case !known:
		return false, true, &session.UnavailableError{Err: fmt.Errorf("sqlstore: commit: the connection was lost, and whether the transaction committed is not known: %w", err)}
	case committed:
		return false, false, nil
	}
	return true, true, fmt.Errorf("sqlstore: commit: %w", err)
}

// commitHook, if set, is given the context and the outcome of every Update's
// COMMIT, and returns the outcome the store goes on with (SetCommitHook).
var commitHook atomic.Pointer[func(ctx context.Context, err error) error]

// SetCommitHook has hook see the context and the outcome of every COMMIT of an
// Update from now on, in every Store of the process, and return the outcome taken
// for it; nil removes it. It is for tests only: a hook that stops the database and
// returns io.ErrUnexpectedEOF after a COMMIT that took is the answer to a COMMIT lost
// with its connection, at the one moment a test could not otherwise pick.
func SetCommitHook(hook func(ctx context.Context, err error) error) {
	if hook == nil {
		commitHook.Store(nil)
		return
	}
	commitHook.Store(&hook)
}

// committed asks, on a connection of the reading pool, whether the transaction with
// ID id committed; known is false if the database cannot tell now. A transaction
// still in progress is one whose backend is ending: it is asked about again.
func (s *Store) committed(ctx context.Context, id int64) (committed, known bool) {
	wait := retryFirst
	for range retryAttempts {
		var status sql.NullString
		err := s.read.QueryRowContext(ctx, s.d.rebind(s.d.txStatus), id).Scan(&status)
		switch {
		case err == nil && status.String == "committed":
			return true, true
		case err == nil && status.String == "aborted":
			return false, true
		case err != nil && !connectionLost(err), err == nil && status.String != "in progress":
			return false, false
		}
		s.doubt.raise()
		if !sleep(ctx, wait) {
			return false, false
		}
		wait *= 2
	}
	return false, false
}

// sleep waits for d, or less if ctx ends first; it reports whether ctx is still on.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
