package sqlstore

import (
	"database/sql"
	"strconv"
	"strings"
)

// dialect is what differs between the databases the store runs on. The queries are
// written once, with ? for parameters, in the SQL both databases share.
type dialect struct {
	name string
	// rebind turns the ? of a query into the database's own parameters.
	rebind func(query string) string
	// readOpts begin a View: a snapshot, so that what a View reads fits together.
	readOpts *sql.TxOptions
	// writeLock, if set, begins every Update and returns the transaction's ID.
	// SQLite lets one writer in at a time by itself; on PostgreSQL it is this lock,
	// so that the service's rules, which read then write, see the same one-writer
	// world on every replica.
	writeLock string
	// txStatus, given a transaction's ID, says whether it committed, was aborted or
	// is in progress: asked when the answer to a COMMIT was lost with its
	// connection. Only databases reached over a network need it.
	txStatus string
	// notify, if set, is run with the account's ID for each event recorded, to wake
	// the replicas listening.
	notify string
	// noJIT, if set, keeps the rest of a transaction's statements from being
	// compiled to machine code (manyRows).
	noJIT string
}

var sqlite = &dialect{
	name:     "sqlite",
	rebind:   func(q string) string { return q },
	readOpts: &sql.TxOptions{ReadOnly: true},
}

// eventsChannel is the PostgreSQL channel that says an account has new events. The
// payload is only the account's ID, far below NOTIFY's limit of 8,000 bytes: the
// events themselves are read from the table.
const eventsChannel = "tenfoot_events"

var postgres = &dialect{
	name:     "postgres",
	rebind:   dollarParams,
	readOpts: &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
	// One lock per schema, so that services kept in different schemas of one
	// database do not wait for each other. The ID comes with the lock, in the same
	// round trip.
	writeLock: `SELECT txid_current() FROM pg_advisory_xact_lock(hashtext('tenfoot.write.' || current_schema()))`,
	txStatus:  `SELECT txid_status(?)`,
	notify:    `SELECT pg_notify('` + eventsChannel + `', ?)`,
	// SET LOCAL as a function: it lasts until the transaction ends, so it holds
	// behind a pooler in transaction mode, where a startup parameter would be
	// refused and a session's SET would reach another client.
	noJIT: `SELECT set_config('jit', 'off', true)`,
}

// dollarParams numbers the ? of query as PostgreSQL's $1, $2, …; no query here has a
// ? inside a string.
func dollarParams(query string) string {
	n := strings.Count(query, "?")
	if n == 0 {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 2*n)
	i := 0
	for _, part := range strings.SplitAfter(query, "?") {
		if strings.HasSuffix(part, "?") {
			i++
			b.WriteString(part[:len(part)-1])
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(i))
		} else {
			b.WriteString(part)
		}
	}
	return b.String()
}
