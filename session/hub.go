package session

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
)

// hub delivers each account's events to the subscribers listening to it. The store's
// events are the truth: a wake-up only says "look", and the hub reads what it has not
// delivered yet. So every subscriber hears every event once and in order, however
// the wake-ups arrive, and a wake-up lost along the way costs only time.
type hub struct {
	store Store
	// presence marks in the store the sessions listening here, for other
	// replicas to see; nil if no other replica shares the store.
	presence *presence

	mu        sync.Mutex
	audiences map[uuid.UUID]*audience
	streams   map[uuid.UUID]int // session -> its streams open here
	// joining holds, for each account with a stream opening here, the wake-ups
	// that found no one listening to it: a stream that read its events outside
	// the lock knows from it whether one came meanwhile, whose events no one
	// delivered (add).
	joining map[uuid.UUID]*joining
	// afterRead, if set, is called by add between its read and its lock: tests
	// wake accounts there.
	afterRead func()
	// readTimeout bounds a wake's read (wakeReadTimeout; shorter in tests).
	readTimeout time.Duration
	// readers holds a token for each notified wake under way: at most wakeReaders.
	readers chan struct{}
	// turn is how long a notified wake keeps its token (wakeTurn; other values in
	// tests).
	turn time.Duration
}

// joining counts the streams of one account opening here, and the wake-ups that
// found no one listening to it while they did.
type joining struct {
	streams int
	unheard uint64
}

// audience is the subscribers of one account.
type audience struct {
	last uint64 // the account's last event read from the store
	subs map[*subscriber]bool
	// failed counts the reads of the account's events that failed in a row, and
	// again reads them once more after the last failure.
	failed int
	again  *time.Timer
	// reading is set while a wake reads the account's events outside the hub's
	// lock; stale, when another wake came meanwhile, so that the reader reads
	// once more instead of a second reader starting.
	reading, stale bool
}

// How soon a read of an account's events that failed is made again: at once for a
// blip, less often while the database is away.
const (
	wakeAgainFirst = 100 * time.Millisecond
	wakeAgainMax   = 5 * time.Second
)

// wakeReadTimeout bounds a wake's read: a connection to the database that hangs
// without an error fails the read, which is made again later (wakeAgain), instead
// of holding the account's events back until the operating system gives up on it.
const wakeReadTimeout = 10 * time.Second

type subscriber struct {
	device  uuid.UUID // zero for a watcher, which is no device
	session uuid.UUID // the device's session; zero for a watcher
	seen    uint64    // the last event sent
	ch      chan Event
	// unwatch stops watching the subscriber's context once it is closed: a
	// context.AfterFunc, which costs no goroutine while ten thousand streams wait.
	unwatch func() bool
}

func newHub(store Store, presence *presence) *hub {
	return &hub{store: store, presence: presence, audiences: make(map[uuid.UUID]*audience), streams: make(map[uuid.UUID]int),
		joining: make(map[uuid.UUID]*joining), readTimeout: wakeReadTimeout,
		readers: make(chan struct{}, wakeReaders), turn: wakeTurn}
}

// read returns account's events after after, and its last sequence number.
func (h *hub) read(ctx context.Context, account uuid.UUID, after uint64) ([]Event, uint64, error) {
	var events []Event
	var last uint64
	err := h.store.View(ctx, func(tx Tx) error {
		a, err := tx.Account(account)
		if err != nil {
			return err
		}
		last = a.Seq
		events, err = tx.Events(account, after)
		return err
	})
	return events, last, err
}

// subscribe streams account's events after sequence number after to a new subscriber
// for device, signed in with session. An after beyond the account's last event
// counts as its last event. It returns once the session's first stream here is
// marked as listening, for every replica to see; a mark that fails fails nothing,
// since the next heartbeat marks it again.
func (h *hub) subscribe(ctx context.Context, account, device, session uuid.UUID, after uint64) (<-chan Event, error) {
	return h.subscribeFrom(ctx, account, device, session, after, false)
}

// catchUp is subscribe for a device's stream that skips the events up to after,
// which it has not heard: it begins with one profiles-changed numbered after, the
// only kind of event a signed-in device acts on that it may have missed there (a
// sign-out of it would have ended its session). So a device far behind catches up
// with one read of its profiles, not a replay of the account's history.
func (h *hub) catchUp(ctx context.Context, account, device, session uuid.UUID, after uint64) (<-chan Event, error) {
	return h.subscribeFrom(ctx, account, device, session, after, true)
}

func (h *hub) subscribeFrom(ctx context.Context, account, device, session uuid.UUID, after uint64, skipped bool) (<-chan Event, error) {
	ch, marked, err := h.add(ctx, account, device, session, after, skipped)
	if err != nil {
		return nil, err
	}
	wait(ctx, marked)
	return ch, nil
}

// add is subscribe's work with the hub; marked says when the mark is written.
//
// The account's events are read outside the hub's lock, so that streams opening
// together (a replica's ten thousand moving to this one as it shuts down) wait for
// the database side by side, and a slow read holds back no one else. The read
// starts where the account's audience here had got to, as it was just before. If,
// meanwhile, the audience moved outside what was read, or a wake-up found no one
// to deliver to (its events may be newer than the read), the read is made again.
func (h *hub) add(ctx context.Context, account, device, session uuid.UUID, after uint64, skipped bool) (ch <-chan Event, marked <-chan error, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	join := h.joining[account]
	if join == nil {
		join = &joining{}
		h.joining[account] = join
	}
	join.streams++
	defer func() {
		if join.streams--; join.streams == 0 {
			delete(h.joining, account)
		}
	}()
	var aud *audience
	var events []Event
	var last uint64
	for {
		from := after
		if aud := h.audiences[account]; aud != nil {
			from = min(after, aud.last)
		}
		unheard := join.unheard
		h.mu.Unlock()
		events, last, err = h.read(ctx, account, from)
		if err == nil && h.afterRead != nil {
			h.afterRead()
		}
		h.mu.Lock()
		if err != nil {
			return nil, nil, err
		}
		aud = h.audiences[account]
		if join.unheard == unheard && (aud == nil || from <= aud.last && aud.last <= last) {
			break
		}
	}
	if aud == nil {
		aud = &audience{last: last, subs: make(map[*subscriber]bool)}
		h.audiences[account] = aud
	}
	size := subscriberBuffer
	if device == uuid.Nil {
		size = watcherBuffer
	}
	after = min(after, last)
	missed := 0
	for _, ev := range events {
		if ev.Seq > after {
			missed++
		}
	}
	if skipped {
		missed++ // room for the profiles-changed that stands for what was skipped
	}
	sub := &subscriber{device: device, session: session, seen: after, ch: make(chan Event, size+missed)}
	if skipped {
		sub.ch <- Event{AccountID: account, Seq: after, Kind: EventProfilesChanged, At: time.Now()}
	}
	sub.unwatch = context.AfterFunc(ctx, func() {
		h.mu.Lock()
		h.unsubscribe(account, sub)
		h.mu.Unlock()
	})
	aud.subs[sub] = true
	marked = h.opened(session)
	h.deliver(account, aud, events)
	return sub.ch, marked, nil
}

// opened counts a stream of session opened here, and marks the session as listening
// if it is its first. The caller holds h.mu.
func (h *hub) opened(session uuid.UUID) <-chan error {
	if session == uuid.Nil {
		return closedDone
	}
	if h.streams[session]++; h.streams[session] > 1 || h.presence == nil {
		return closedDone
	}
	return h.presence.set([]uuid.UUID{session}, true)
}

// closed counts a stream of session closed here, and clears the session's mark if
// it was its last. The caller holds h.mu.
func (h *hub) closed(session uuid.UUID) {
	if session == uuid.Nil {
		return
	}
	if h.streams[session]--; h.streams[session] > 0 {
		return
	}
	delete(h.streams, session)
	if h.presence != nil {
		h.presence.set([]uuid.UUID{session}, false)
	}
}

// closedDone is a write that has nothing to wait for.
var closedDone = func() <-chan error {
	ch := make(chan error)
	close(ch)
	return ch
}()

// wake delivers account's events recorded since the last delivery. If the store
// cannot be read, the account's subscribers stay open, and the read is made again
// later until it succeeds: a database restarting delays their events, and costs no
// device its stream.
//
// The read is made outside the hub's lock, so that a slow or hung read of one
// account holds back neither other accounts' events nor streams opening and
// closing. One wake at a time reads an account: a wake that comes meanwhile only
// marks what was read stale, and returns.
//
// wake is for a write made here, and is part of the request that made it; notified
// is for the wakes that come in storms.
func (h *hub) wake(account uuid.UUID) {
	h.mu.Lock()
	defer h.mu.Unlock()
	aud := h.audiences[account]
	if aud == nil {
		if join := h.joining[account]; join != nil {
			join.unheard++
		}
		return
	}
	if aud.reading {
		aud.stale = true
		return
	}
	aud.reading = true
	defer func() { aud.reading = false }()
	for {
		aud.stale = false
		from := aud.last
		h.mu.Unlock()
		events, err := h.readBounded(account, from)
		h.mu.Lock()
		if h.audiences[account] != aud {
			return // everyone left meanwhile; a new audience reads for itself
		}
		if err != nil {
			h.wakeAgain(account, aud)
			return
		}
		aud.failed = 0
		h.deliver(account, aud, events)
		if !aud.stale || h.audiences[account] != aud {
			return
		}
	}
}

// readBounded reads account's events after after for a wake, within readTimeout.
func (h *hub) readBounded(account uuid.UUID, after uint64) ([]Event, error) {
	ctx, cancel := context.WithTimeout(context.Background(), h.readTimeout)
	defer cancel()
	events, _, err := h.read(ctx, account, after)
	return events, err
}

// notified wakes account for a notification from another replica, a wake of every
// account or a read made again after it failed. If the account has streams here, it
// first waits for one of the readers tokens, so that a storm of notifications leaves
// the store's connections to requests. It claims the account's read only then: a
// write made here meanwhile reads and delivers its own events without waiting. It
// gives the token back when it is done, or after h.turn if that comes first.
func (h *hub) notified(account uuid.UUID) {
	h.mu.Lock()
	listened := h.audiences[account] != nil
	h.mu.Unlock()
	if listened {
		h.readers <- struct{}{}
		passOn := sync.OnceFunc(func() { <-h.readers })
		late := time.AfterFunc(h.turn, passOn)
		defer func() {
			late.Stop()
			passOn()
		}()
	}
	h.wake(account)
}

// wakeAgain wakes account again a while after a read that failed, waiting longer
// after each failure in a row, up to wakeAgainMax. The caller holds h.mu.
func (h *hub) wakeAgain(account uuid.UUID, aud *audience) {
	aud.failed++
	if aud.again != nil {
		return // on its way
	}
	wait := wakeAgainMax
	if aud.failed < 8 {
		wait = min(wakeAgainFirst<<(aud.failed-1), wakeAgainMax)
	}
	aud.again = time.AfterFunc(wait, func() {
		h.mu.Lock()
		aud.again = nil
		h.mu.Unlock()
		h.notified(account)
	})
}

// wakeReaders is how many accounts' events the wakes that come in storms read at
// once (notified). Notifications from other replicas each wake their account on a
// goroutine of its own, so a storm of them (a hotel's guests all signed out at
// check-out time) would otherwise take every connection of the store's pool, and
// the replica's requests would wait behind thousands of reads (BenchmarkWakeStorm).
// A few at once still read thousands of accounts in a fraction of a second, and
// leave most of the pool to requests. Reads wait their turn in the order they
// came. The wake of a write made here does not wait: it is its request's.
const wakeReaders = 4

// wakeTurn is how long a notified wake holds its turn. One whose read hangs (a
// connection cut without a reset) passes its turn on after wakeTurn and goes on
// waiting for its read alone: four hung reads hold the other accounts back for a
// second, not until they are given up (wakeReadTimeout). A read takes a millisecond
// or so; one that takes a second is not load the bound protects against. A database
// slow in every read still has at most wakeReaders × wakeReadTimeout / wakeTurn of
// them at once.
const wakeTurn = time.Second

// wakeAll wakes every account that has subscribers here: after a wake-up may have
// been missed, each reads what it has not delivered yet.
func (h *hub) wakeAll() {
	h.mu.Lock()
	accounts := make([]uuid.UUID, 0, len(h.audiences))
	for account := range h.audiences {
		accounts = append(accounts, account)
	}
	h.mu.Unlock()
	next := make(chan uuid.UUID)
	var readers sync.WaitGroup
	for range min(wakeReaders, len(accounts)) {
		readers.Go(func() {
			for account := range next {
				h.notified(account)
			}
		})
	}
	for _, account := range accounts {
		next <- account
	}
	close(next)
	readers.Wait()
}

// deliver sends events to each subscriber of aud that has not had them. One that has
// fallen behind, or whose own device was just signed out, is closed: the former
// catches up by subscribing again, the latter has nothing more to hear.
func (h *hub) deliver(account uuid.UUID, aud *audience, events []Event) {
	for _, ev := range events {
		aud.last = max(aud.last, ev.Seq)
		concerns := concerned(ev)
		for sub := range aud.subs {
			if ev.Seq <= sub.seen {
				continue
			}
			sub.seen = ev.Seq
			mine := sub.device != uuid.Nil && concerns(sub.device)
			select {
			case sub.ch <- sub.view(ev, mine):
				if ev.Kind == EventSignedOut && mine {
					h.unsubscribe(account, sub)
				}
			default:
				h.unsubscribe(account, sub)
			}
		}
	}
}

// concerned returns whether ev concerns a device, answered in constant time for an
// event that names many: signing out ten thousand devices must not compare each
// listener with all ten thousand.
func concerned(ev Event) func(uuid.UUID) bool {
	if len(ev.Devices) <= 8 {
		return ev.Concerns
	}
	set := make(map[uuid.UUID]struct{}, len(ev.Devices))
	for _, d := range ev.Devices {
		set[d] = struct{}{}
	}
	return func(d uuid.UUID) bool {
		_, ok := set[d]
		return ok
	}
}

// view is what sub hears of ev, which concerns sub's device if mine. A device's
// stream names only that device, if the event concerns it: signing out a thousand
// devices sends each a few bytes, not the whole list a thousand times. A watcher
// hears every device.
func (sub *subscriber) view(ev Event, mine bool) Event {
	if sub.device == uuid.Nil {
		return ev
	}
	if mine {
		ev.Devices = []uuid.UUID{sub.device}
	} else {
		ev.Devices = nil
	}
	return ev
}

// unsubscribe closes sub. The caller holds h.mu.
func (h *hub) unsubscribe(account uuid.UUID, sub *subscriber) {
	aud := h.audiences[account]
	if aud == nil || !aud.subs[sub] {
		return
	}
	delete(aud.subs, sub)
	h.closed(sub.session) // asked before the stream ends, so a reader who saw it end finds it asked
	close(sub.ch)
	sub.unwatch()
	if len(aud.subs) == 0 {
		delete(h.audiences, account)
		if aud.again != nil {
			aud.again.Stop()
		}
	}
}

// online returns the devices listening to account's events here now: the fast,
// local part of presence, which the marks in the store extend to other replicas.
func (h *hub) online(account uuid.UUID) map[uuid.UUID]bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make(map[uuid.UUID]bool)
	if aud := h.audiences[account]; aud != nil {
		for sub := range aud.subs {
			out[sub.device] = true
		}
	}
	return out
}
