package session

import (
	"context"
	"errors"
	"maps"
	"slices"
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
	// keepReplicas is how long a silent replica's marks are kept before any
	// other replica forgets them.
	keepReplicas = time.Hour
	// writeAgainAfter is how soon marks are written again after the store was
	// unavailable: well within a second, so that a database restarting shows no
	// device offline until the next heartbeat.
	writeAgainAfter = 500 * time.Millisecond
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
// Every write is also the replica's heartbeat, which keeps all its marks fresh, so
// a heartbeat costs one row however many streams the replica holds.
type presence struct {
	store   Store
	clock   Clock
	replica uuid.UUID // new each time the service starts

	mu       sync.Mutex
	pending  map[uuid.UUID]bool // session -> listening
	beat     bool               // a heartbeat is asked for
	waiters  []chan error       // told when what is asked now is written
	flushing bool
	stopped  bool        // no more marks; the next write clears them all
	again    *time.Timer // writes what the store was unavailable for, soon

	// Only the flushing writer touches these. marked is the sessions whose marks
	// are written, marked again if the store forgot this replica and cleared when
	// it leaves; unwritten is what a failed write left to write.
	marked    map[uuid.UUID]bool
	unwritten map[uuid.UUID]bool
}

func newPresence(store Store, clock Clock) *presence {
	return &presence{store: store, clock: clock, replica: uuid.New(),
		pending: make(map[uuid.UUID]bool), marked: make(map[uuid.UUID]bool), unwritten: make(map[uuid.UUID]bool)}
}

// set asks for sessions to be marked as listening, or cleared, and returns a
// channel that receives the write's error once they are, with everything asked
// before them. It does not wait, so the hub may call it under its lock and keep
// marks in the order it decided them. After stop it asks nothing.
func (p *presence) set(sessions []uuid.UUID, listening bool) <-chan error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		for _, id := range sessions {
			p.pending[id] = listening
		}
	}
	return p.ask()
}

// heartbeat asks for the replica's heartbeat, like set.
func (p *presence) heartbeat() <-chan error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.beat = p.beat || !p.stopped
	return p.ask()
}

// stop asks for every mark of the replica to be cleared, and for nothing more after
// that, like set.
func (p *presence) stop() <-chan error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.stopped {
		p.stopped, p.beat = true, true
	}
	return p.ask()
}

// ask returns a channel told once what is asked is written, starting the writer if
// it has something to write. The caller holds p.mu.
func (p *presence) ask() <-chan error {
	done := make(chan error, 1)
	if len(p.pending) == 0 && !p.beat && !p.flushing {
		done <- nil // nothing asked, nothing on its way
		return done
	}
	p.waiters = append(p.waiters, done)
	if !p.flushing {
		p.flushing = true
		go p.flush()
	}
	return done
}

// flush writes what is asked, again and again, until nothing is. A waiter with
// nothing asked wanted only earlier writes done, and they are.
func (p *presence) flush() {
	for {
		p.mu.Lock()
		if len(p.pending) == 0 && !p.beat && len(p.waiters) == 0 {
			p.flushing = false
			p.mu.Unlock()
			return
		}
		batch, beat, leaving, waiters := p.pending, p.beat, p.stopped, p.waiters
		p.pending, p.beat, p.waiters = make(map[uuid.UUID]bool), false, nil
		p.mu.Unlock()
		var err error
		if len(batch) > 0 || beat {
			err = p.write(batch, leaving)
		}
		if errors.Is(err, ErrUnavailable) {
			p.writeAgain()
		}
		for _, w := range waiters {
			w <- err
		}
	}
}

// writeAgain asks for a heartbeat writeAgainAfter from now, which writes what the
// store was unavailable for, unless one is on its way or the replica has stopped.
// Other failures wait for the next heartbeat: retrying them sooner would not help.
func (p *presence) writeAgain() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped || p.again != nil {
		return
	}
	p.again = time.AfterFunc(writeAgainAfter, func() {
		p.mu.Lock()
		p.again = nil
		p.mu.Unlock()
		p.heartbeat()
	})
}

// write records the replica's heartbeat with the marks and clears of batch, and
// those a failed write left, in one Update; leaving, it clears every mark. A store
// that had forgotten the replica (silent past keepReplicas) gets all its marks
// again. It gives up after a heartbeat's time, so that a database that does not
// answer cannot stall the marks behind it; the next heartbeat tries again, or
// writeAgain sooner if the store said it was unavailable.
func (p *presence) write(batch map[uuid.UUID]bool, leaving bool) error {
	for id, listening := range batch {
		p.unwritten[id] = listening
	}
	if leaving { // nothing stays marked, not even a mark not yet written
		for id := range p.unwritten {
			p.unwritten[id] = false
		}
		for id := range p.marked {
			p.unwritten[id] = false
		}
	}
	var on, off []uuid.UUID
	for id, listening := range p.unwritten {
		if listening {
			on = append(on, id)
		} else {
			off = append(off, id)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), PresenceHeartbeat)
	defer cancel()
	now := p.clock.Now()
	err := p.store.Update(ctx, func(tx Tx) error {
		known, err := tx.ReplicaAlive(p.replica, now)
		if err != nil {
			return err
		}
		if err := tx.PruneReplicas(now.Add(-keepReplicas)); err != nil {
			return err
		}
		again := on
		if !known {
			again = slices.AppendSeq(slices.Clone(on), maps.Keys(p.marked))
		}
		if err := tx.MarkListening(p.replica, again, true); err != nil {
			return err
		}
		return tx.MarkListening(p.replica, off, false)
	})
	if err != nil {
		return err
	}
	for _, id := range on {
		p.marked[id] = true
	}
	for _, id := range off {
		delete(p.marked, id)
	}
	clear(p.unwritten)
	return nil
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

// Heartbeat records that this replica is alive now, which keeps the marks of all the
// streams it holds fresh for the other replicas, in one small Update; it returns
// once that is written, with every mark and clear asked before it. KeepPresence
// calls it every PresenceHeartbeat; a test calls it after moving its clock. Without
// EmbeddedOptions.SharePresence it does nothing.
func (e *Embedded) Heartbeat(ctx context.Context) error {
	if e.hub.presence == nil {
		return nil
	}
	return wait(ctx, e.hub.presence.heartbeat())
}

// KeepPresence heartbeats every PresenceHeartbeat until ctx is done, passing each
// failure to report; then it clears every mark this replica made, in one Update,
// and marks nothing more. A service with EmbeddedOptions.SharePresence runs
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
			if err := <-e.hub.presence.stop(); err != nil {
				report(err)
			}
			return
		}
	}
}
