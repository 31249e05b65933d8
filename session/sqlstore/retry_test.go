package sqlstore

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"

	"tenfoot/session"
)

// notSent is a driver error for a request that never left, as pgconn reports one.
type notSent struct{}

func (notSent) Error() string     { return "write failed before sending" }
func (notSent) SafeToRetry() bool { return true }

func TestConnectionLost(t *testing.T) {
	pg := func(code string) error { return &pgconn.PgError{Severity: "FATAL", Code: code} }
	cases := []struct {
		name string
		err  error
		lost bool
	}{
		{"the server shut down (57P01)", pg("57P01"), true},
		{"the server crashed (57P02)", pg("57P02"), true},
		{"the server is starting (57P03)", pg("57P03"), true},
		{"the connection failed (08006)", pg("08006"), true},
		{"the connection could not be made (08001)", pg("08001"), true},
		{"the server has all the connections it allows (53300)", pg("53300"), true},
		{"wrapped by the store", fmt.Errorf("sqlstore: begin: %w", pg("57P01")), true},
		{"a bad connection", driver.ErrBadConn, true},
		{"the socket ended", io.EOF, true},
		{"the socket ended mid-message", fmt.Errorf("receive message: %w", io.ErrUnexpectedEOF), true},
		{"the connection was refused", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, true},
		{"the connection was reset", &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true},
		{"a request that never left", notSent{}, true},

		{"no error", nil, false},
		{"a unique key taken (23505)", pg("23505"), false},
		{"a query canceled (57014)", pg("57014"), false},
		{"a serialization failure (40001)", pg("40001"), false},
		{"the server out of memory (53200)", pg("53200"), false},
		{"the caller canceled", context.Canceled, false},
		{"the caller's deadline, as pgconn reports it", &net.OpError{Op: "read", Err: context.DeadlineExceeded}, false},
		{"a record not found", session.ErrNotFound, false},
		{"any other error", errors.New("sqlstore: something else"), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.lost, connectionLost(tc.err), "%v", tc.err)
		})
	}
}
