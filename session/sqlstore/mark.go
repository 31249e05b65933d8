package sqlstore

import (
	"context"
	"sync"
	"time"

	"tenfoot/session"
)

// markAfter is how long after a sign-out of all devices the rows of its sessions are
// marked revoked: once its devices were told, whose telling the writes would slow.
const markAfter = 2 * time.Second

// marker marks the rows of the sessions of ended epochs revoked (tx.markEnded), on a
// goroutine of its own started when first needed, a while after it is woken. Until
// then every read of a session works the revocation out from its epoch; the marks
// are for what reads the rows alone, such as a tenfootd from before epochs on the
// same database during a rolling upgrade.
type marker struct {
	after time.Duration
	wake  chan struct{}
	ctx   context.Context
	stop  context.CancelFunc
	done  chan struct{}

	mu      sync.Mutex
	started bool // the goroutine runs, or ran
	stopped bool // the store closed: no goroutine starts
}

func newMarker(after time.Duration) *marker {
	ctx, stop := context.WithCancel(context.Background())
	return &marker{after: after, wake: make(chan struct{}, 1), ctx: ctx, stop: stop, done: make(chan struct{})}
}

// markNow marks what a store closed before marking left, as it opens. Should the
// database not take it now, the next sign-out of all devices or prune does.
func (s *Store) markNow(ctx context.Context) {
	s.markEnded(ctx)
}

// markEnded marks the rows of the sessions of ended epochs in a transaction of its
// own.
func (s *Store) markEnded(ctx context.Context) error {
	return s.Update(ctx, func(t session.Tx) error { return t.(*tx).markEnded() })
}

// markSoon wakes the marker, if it is not awake already.
func (s *Store) markSoon() {
	m := s.mark
	m.mu.Lock()
	if !m.started && !m.stopped {
		m.started = true
		go s.marking()
	}
	m.mu.Unlock()
	select {
	case s.mark.wake <- struct{}{}:
	default:
	}
}

func (s *Store) marking() {
	ctx := s.mark.ctx
	defer close(s.mark.done)
	for {
		select {
		case <-ctx.Done():
			return
		case <-s.mark.wake:
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(s.mark.after):
		}
		if err := s.markEnded(ctx); err != nil && ctx.Err() == nil {
			s.markSoon() // the database is away: again, a while later
		}
	}
}

// stopMarking stops the marker, if it started, and waits for it; again, it returns
// at once.
func (s *Store) stopMarking() {
	m := s.mark
	m.mu.Lock()
	m.stopped = true
	started := m.started
	m.mu.Unlock()
	m.stop()
	if started {
		<-m.done
	}
}
