package session

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
)

// Presence shared by the replicas of a service. Each replica knows the event streams
// it holds; with EmbeddedOptions.SharePresence it also marks their sessions in the
// store, so that every replica can tell a device listening anywhere from one that
// is offline.
const (
	// PresenceHeartbeat is how often a replica marks all of its streams afresh
	// (KeepPresence).
	PresenceHeartbeat = 10 * time.Second
	// PresenceTTL is how long a mark counts without a heartbeat: three missed
	// heartbeats, so that one slow write or a few seconds between the replicas'
	// clocks do not show a listening device as offline. A replica that dies
	// leaves its marks behind, and they expire after this long.
	PresenceTTL = 3 * PresenceHeartbeat
)

// listeningNow reports whether a replica marked s as listening less than
// PresenceTTL before now.
func listeningNow(s SessionRecord, now time.Time) bool {
	return !s.ListeningAt.IsZero() && now.Sub(s.ListeningAt) < PresenceTTL
}

// presence writes the marks of one replica's streams to the store. Marks and clears
// wait in pending, the latest for each session winning, and one writer at a time
// writes all that wait in one Update: a thousand streams opening at once cost a few
// transactions, not a thousand, and a clear never lands before the mark it follows.
type presence struct {
	store Store
	clock Clock

	mu       sync.Mutex
	pending  map[uuid.UUID]bool // session -> listening
	waiters  []chan error       // told when what pends now is written
	flushing bool
	stopped  bool
}

func newPresence(store Store, clock Clock) *presence {
	return &presence{store: store, clock: clock, pending: make(map[uuid.UUID]bool)}
}

// set asks for sessions to be marked as listening, or cleared, and returns a
// channel that receives the write's error once they are, and everything asked
// before them too. It does not wait, so the hub may call it under its lock and keep
// marks in the order it decided them. After stop it writes nothing new.
func (p *presence) set(sessions []uuid.UUID, listening bool) <-chan error {
	done := make(chan error, 1)
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		sessions = nil
	}
	if len(sessions) == 0 && !p.flushing {
		done <- nil // nothing asked, nothing on its way
		return done
	}
	for _, id := range sessions {
		p.pending[id] = listening
	}
	p.waiters = append(p.waiters, done)
	if !p.flushing {
		p.flushing = true
		go p.flush()
	}
	return done
}

// flush writes what pends, again and again, until nothing does. A waiter with
// nothing pending asked only that earlier writes be done, and they are.
func (p *presence) flush() {
	for {
		p.mu.Lock()
		if len(p.pending) == 0 && len(p.waiters) == 0 {
			p.flushing = false
			p.mu.Unlock()
			return
		}
		batch, waiters := p.pending, p.waiters
		p.pending, p.waiters = make(map[uuid.UUID]bool), nil
		p.mu.Unlock()
		var err error
		if len(batch) > 0 {
			err = p.write(batch)
		}
		for _, w := range waiters {
			w <- err
		}
	}
}

// write marks the sessions of batch that listen as listening now and clears the
// others, in one Update. It gives up after a heartbeat's time, so that a database
// that does not answer cannot stall the marks behind it; the next heartbeat tries
// again.
func (p *presence) write(batch map[uuid.UUID]bool) error {
	var on, off []uuid.UUID
	for id, listening := range batch {
		if listening {
			on = append(on, id)
		} else {
			off = append(off, id)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), PresenceHeartbeat)
	defer cancel()
	now := p.clock.Now()
	return p.store.Update(ctx, func(tx Tx) error {
		if err := tx.MarkListening(on, now); err != nil {
			return err
		}
		return tx.MarkListening(off, time.Time{})
	})
}

// stop makes set write nothing more: whatever is asked from now on is dropped.
// What pends already is still written.
func (p *presence) stop() {
	p.mu.Lock()
	p.stopped = true
	p.mu.Unlock()
}

// wait returns done's error, or ctx's if ctx ends first.
func wait(ctx context.Context, done <-chan error) error {
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Heartbeat marks every session with an event stream open here as listening now, in
// one Update, so that the marks stay fresh for the other replicas, and returns once
// they are written, with every mark and clear asked before. KeepPresence calls it
// every PresenceHeartbeat; a test calls it after moving its clock. Without
// EmbeddedOptions.SharePresence it does nothing.
func (e *Embedded) Heartbeat(ctx context.Context) error {
	if e.hub.presence == nil {
		return nil
	}
	return wait(ctx, e.hub.heartbeat())
}

// KeepPresence heartbeats every PresenceHeartbeat until ctx is done, passing each
// failure to report; then it clears the marks of the streams still open here, in one
// Update, and marks nothing more. A service with EmbeddedOptions.SharePresence runs
// it for as long as it serves, and closes its store only after it returns.
//
// A replica that dies cannot clear its marks: they count until PresenceTTL after its
// last heartbeat, and meanwhile the devices that listened there show as listening,
// though they are at most reconnecting to another replica.
func (e *Embedded) KeepPresence(ctx context.Context, report func(error)) {
	if e.hub.presence == nil {
		return
	}
	tick := time.NewTicker(PresenceHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			if err := e.Heartbeat(ctx); err != nil && ctx.Err() == nil {
				report(err)
			}
		case <-ctx.Done():
			if err := <-e.hub.leave(); err != nil {
				report(err)
			}
			return
		}
	}
}
