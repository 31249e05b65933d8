package sqlstore

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

// Waker is told which accounts have new events; session.Embedded is one. Listen
// calls it on goroutines of its own, so a call may come while another for the same
// account has not returned.
type Waker interface {
	// Wake says that account may have new events.
	Wake(account uuid.UUID)
	// WakeAll says that any account may have new events.
	WakeAll()
}

// How Listen keeps its connection. A connection that hears nothing for
// listenQuiet is pinged, so that one cut without a word is found and replaced.
const (
	listenQuiet      = 30 * time.Second
	listenRetryFirst = 100 * time.Millisecond
	listenRetryMax   = 5 * time.Second
)

// Listen wakes w for each event that any replica records, until ctx is done. The
// events table is the truth and a notification only says which account to look at,
// so Listen may lose notifications but never events: after every connect, the first
// and each one after a drop, it wakes every account (WakeAll), and each reads the
// events it has not delivered.
//
// It holds one connection of its own, outside the pool, which must reach PostgreSQL
// directly or through a pooler in session mode: a pooler in transaction mode drops
// LISTEN. Each failure is passed to report and the connection made again, waiting
// longer each time up to listenRetryMax. On SQLite it returns at once: there, one
// process records every event and wakes its own streams.
func (s *Store) Listen(ctx context.Context, w Waker, report func(error)) {
	if s.listen == nil {
		return
	}
	wait := listenRetryFirst
	for {
		listened, err := s.listenOnce(ctx, w)
		if ctx.Err() != nil {
			return
		}
		if listened {
			wait = listenRetryFirst
		}
		report(err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, listenRetryMax)
	}
}

// listenOnce connects, listens and wakes w until the connection fails; listened says
// whether it got as far as listening.
func (s *Store) listenOnce(ctx context.Context, w Waker) (listened bool, err error) {
	conn, err := pgx.ConnectConfig(ctx, s.listen)
	if err != nil {
		return false, err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+eventsChannel); err != nil {
		return false, err
	}
	s.listening.Store(true)
	defer s.listening.Store(false)
	// A wake reads the account's events: the next notification does not wait for
	// that read, which may be slow, nor for another account's.
	go w.WakeAll() // whatever was recorded while no one here was listening
	for {
		quiet, cancel := context.WithTimeout(ctx, listenQuiet)
		n, err := conn.WaitForNotification(quiet)
		cancel()
		switch {
		case err == nil:
			if account, err := uuid.Parse(n.Payload); err == nil {
				go w.Wake(account)
			}
		case ctx.Err() != nil:
			return true, ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			if err := conn.Ping(ctx); err != nil {
				return true, err
			}
		default:
			return true, err
		}
	}
}
