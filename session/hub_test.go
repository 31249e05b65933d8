package session

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A stream reads its backlog before it takes the hub's lock. If, meanwhile, the last
// listener of its account hears its sign-out and leaves (the account has no
// audience left) and a new event is recorded and woken, no one is there to deliver
// it: the new stream must find it all the same.
func TestStreamOpeningWhileItsAccountIsWokenMissesNothing(t *testing.T) {
	store, err := OpenJSONStore(&MemStorage{}, "hub")
	require.NoError(t, err)
	account, tv := uuid.New(), uuid.New()
	require.NoError(t, store.Update(ctx, func(tx Tx) error {
		return tx.AddAccount(AccountRecord{Account: Account{ID: account, Email: "ana@example.com"}}, nil)
	}))
	record := func(kind EventKind) {
		require.NoError(t, store.Update(ctx, func(tx Tx) error {
			_, err := tx.AppendEvent(Event{AccountID: account, Kind: kind, Devices: []uuid.UUID{tv}, At: time.Now()})
			return err
		}))
	}
	h := newHub(store, nil)
	tvEvents, err := h.subscribe(ctx, account, tv, uuid.New(), 0)
	require.NoError(t, err)

	h.afterRead = func() {
		h.afterRead = nil
		record(EventSignedOut) // the TV hears it and leaves: no audience is left
		h.wake(account)
		record(EventDeviceWiped) // woken with no one to hear it
		h.wake(account)
	}
	watch, err := h.subscribe(context.Background(), account, uuid.Nil, uuid.Nil, 0)
	require.NoError(t, err)

	var heard []EventKind
	for ev := range tvEvents {
		heard = append(heard, ev.Kind)
	}
	assert.Equal(t, []EventKind{EventSignedOut}, heard, "the TV heard its sign-out, and left")
	heard = nil
	for len(heard) < 2 {
		select {
		case ev := <-watch:
			heard = append(heard, ev.Kind)
		case <-time.After(5 * time.Second):
			t.Fatalf("the watch heard only %v", heard)
		}
	}
	assert.Equal(t, []EventKind{EventSignedOut, EventDeviceWiped}, heard, "the watch hears both, the one woken while no one listened too")
}

// stallStore is a store whose next read can be made to hang, as a read does on a
// connection to the database that stops answering without an error: it waits until
// released or until the reader gives up.
type stallStore struct {
	Store
	reads   atomic.Int32
	next    atomic.Bool
	stalled chan struct{} // told when a read hangs
	release chan struct{} // closed to let it go on
}

func newStallStore(t *testing.T) *stallStore {
	inner, err := OpenJSONStore(&MemStorage{}, "hub")
	require.NoError(t, err)
	return &stallStore{Store: inner, stalled: make(chan struct{}, 1), release: make(chan struct{})}
}

func (s *stallStore) View(ctx context.Context, fn func(Tx) error) error {
	s.reads.Add(1)
	if s.next.CompareAndSwap(true, false) {
		s.stalled <- struct{}{}
		select {
		case <-s.release:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.Store.View(ctx, fn)
}

// account adds an account and returns its ID.
func (s *stallStore) account(t *testing.T, email string) uuid.UUID {
	id := uuid.New()
	require.NoError(t, s.Update(t.Context(), func(tx Tx) error {
		return tx.AddAccount(AccountRecord{Account: Account{ID: id, Email: email}}, nil)
	}))
	return id
}

// record records an event for account that concerns none of its devices.
func (s *stallStore) record(t *testing.T, account uuid.UUID) {
	require.NoError(t, s.Update(t.Context(), func(tx Tx) error {
		_, err := tx.AppendEvent(Event{AccountID: account, Kind: EventProfilesChanged, At: time.Now()})
		return err
	}))
}

// within fails t if do has not returned within five seconds.
func within(t *testing.T, what string, do func()) {
	t.Helper()
	done := make(chan struct{})
	go func() { do(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s waited for another account's read", what)
	}
}

// heard returns the sequence numbers of the next n events on ch, failing t if they
// do not come within five seconds.
func heard(t *testing.T, ch <-chan Event, n int) []uint64 {
	t.Helper()
	var seqs []uint64
	for len(seqs) < n {
		select {
		case ev, open := <-ch:
			require.True(t, open, "the stream stays open")
			seqs = append(seqs, ev.Seq)
		case <-time.After(5 * time.Second):
			t.Fatalf("heard only %v of %d events", seqs, n)
		}
	}
	return seqs
}

// One account's read hangs, as it does on a connection to the database that stops
// answering. Every other account's events still reach their streams, streams still
// open and close, and the replica can still say who listens; the account's own wakes
// meanwhile wait for the read in flight, which delivers them all once it is answered.
func TestOneAccountsHungReadHoldsBackNoOtherAccount(t *testing.T) {
	store := newStallStore(t)
	ana, ben := store.account(t, "ana@example.com"), store.account(t, "ben@example.com")
	h := newHub(store, nil)
	anaTV, err := h.subscribe(t.Context(), ana, uuid.New(), uuid.New(), 0)
	require.NoError(t, err)
	benTV, err := h.subscribe(t.Context(), ben, uuid.New(), uuid.New(), 0)
	require.NoError(t, err)

	store.record(t, ana)
	store.next.Store(true)
	go h.wake(ana)
	select {
	case <-store.stalled:
	case <-time.After(5 * time.Second):
		t.Fatal("the wake never read")
	}

	store.record(t, ben)
	within(t, "Ben's wake", func() { h.wake(ben) })
	assert.Len(t, heard(t, benTV, 1), 1, "Ben's TV heard its event")
	within(t, "who listens to Ana", func() { assert.Len(t, h.online(ana), 1) })
	stick, leave := context.WithCancel(t.Context())
	within(t, "a stream opening", func() {
		_, err := h.subscribe(stick, ben, uuid.New(), uuid.New(), 0)
		assert.NoError(t, err)
	})
	within(t, "a stream closing", func() {
		leave()
		assert.Eventually(t, func() bool { return len(h.online(ben)) == 1 }, 5*time.Second, time.Millisecond)
	})
	store.record(t, ana)
	within(t, "Ana's second wake", func() { h.wake(ana) })

	close(store.release)
	assert.Equal(t, []uint64{1, 2}, heard(t, anaTV, 2), "Ana's TV hears both, in order, once the read is answered")
}

// A read that hangs is given up after the hub's read timeout and made again: the
// event it was to deliver comes, with no one waking the account again.
func TestHungReadIsMadeAgain(t *testing.T) {
	store := newStallStore(t)
	ana := store.account(t, "ana@example.com")
	h := newHub(store, nil)
	h.readTimeout = 50 * time.Millisecond
	tv, err := h.subscribe(t.Context(), ana, uuid.New(), uuid.New(), 0)
	require.NoError(t, err)

	store.record(t, ana)
	store.next.Store(true) // and never released
	go h.wake(ana)
	assert.Equal(t, []uint64{1}, heard(t, tv, 1))
}

// A stream opening reads its account's backlog again only for a wake-up of its own
// account that no one heard: on a replica, which hears every account's wake-ups,
// those of accounts with no one listening here come all the time.
func TestStreamOpeningReadsOnceWhileOtherAccountsAreWoken(t *testing.T) {
	store := newStallStore(t)
	ana, ben := store.account(t, "ana@example.com"), store.account(t, "ben@example.com")
	h := newHub(store, nil)
	h.afterRead = func() {
		h.afterRead = nil
		store.record(t, ben)
		h.wake(ben) // no one listens to Ben here
	}
	store.reads.Store(0)
	_, err := h.subscribe(t.Context(), ana, uuid.New(), uuid.New(), 0)
	require.NoError(t, err)
	assert.Equal(t, int32(1), store.reads.Load(), "Ana's backlog read once")
}

// A storm of notified wakes, each on a goroutine of its own as notifications come,
// reads wakeReaders accounts at once, the rest waiting their turn, and delivers
// every account's events: the store's other connections are left to requests. The
// wake of a write made here meanwhile reads at once, though its account's
// notification waits in the storm.
func TestAStormOfWakesReadsAFewAccountsAtOnce(t *testing.T) {
	store := newGateStore(t)
	h := newHub(store, nil)
	h.turn = time.Hour // held reads keep their turns here
	accounts, tvs := guests(t, h, store.stallStore, 3*wakeReaders+2)
	for _, account := range accounts {
		store.record(t, account) // no one wakes them yet
	}
	storm, here := accounts[1:], accounts[0]
	store.hold.Store(true)
	for _, account := range storm {
		go h.notified(account)
	}
	entered := func(what string) {
		t.Helper()
		select {
		case <-store.entered:
		case <-time.After(5 * time.Second):
			t.Fatal(what)
		}
	}
	for range wakeReaders {
		entered("the storm's first reads did not begin")
	}
	for range 100 {
		runtime.Gosched() // the other wakes get as far as they can
	}
	go h.notified(here) // the write's own notification, which waits its turn
	for range 100 {
		runtime.Gosched()
	}
	go h.wake(here)
	entered("the wake of a write made here waited for the storm")
	close(store.gate) // the reads go on: the rest of the storm's, four at a time
	for _, tv := range tvs {
		assert.Equal(t, []uint64{1}, heard(t, tv, 1))
	}
	assert.Equal(t, int32(wakeReaders+1), store.most.Load(), "reads under way at once: the storm's and the write's")
}

// A notified wake whose read hangs passes its turn on after h.turn: hung reads hold
// the other accounts' notifications back that long, not until they are given up.
func TestAHungReadPassesItsTurnOn(t *testing.T) {
	store := newGateStore(t)
	h := newHub(store, nil)
	h.turn = 20 * time.Millisecond
	accounts, tvs := guests(t, h, store.stallStore, wakeReaders+1)
	for _, account := range accounts {
		store.record(t, account)
	}
	store.hold.Store(true) // every read hangs until the gate opens
	for _, account := range accounts {
		go h.notified(account)
	}
	for range len(accounts) {
		select {
		case <-store.entered:
		case <-time.After(5 * time.Second):
			t.Fatal("the last account's notification waited for the hung reads")
		}
	}
	close(store.gate)
	for _, tv := range tvs {
		assert.Equal(t, []uint64{1}, heard(t, tv, 1))
	}
}

func newGateStore(t *testing.T) *gateStore {
	return &gateStore{stallStore: newStallStore(t), entered: make(chan struct{}, 100), gate: make(chan struct{})}
}

// gateStore holds each read, once hold is set, until gate lets it go, and counts
// the reads under way.
type gateStore struct {
	*stallStore
	hold           atomic.Bool
	entered        chan struct{} // told when a read begins
	gate           chan struct{}
	inFlight, most atomic.Int32
}

func (s *gateStore) View(ctx context.Context, fn func(Tx) error) error {
	if s.hold.Load() {
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for m := s.most.Load(); n > m && !s.most.CompareAndSwap(m, n); m = s.most.Load() {
		}
		s.entered <- struct{}{}
		<-s.gate
	}
	return s.stallStore.View(ctx, fn)
}

// Waking every account, as a replica does when its LISTEN connection is back, delivers
// what each missed, a few accounts read at a time.
func TestWakeAllDeliversEveryAccountsEvents(t *testing.T) {
	store := newStallStore(t)
	h := newHub(store, nil)
	accounts, tvs := guests(t, h, store, 3*wakeReaders+1)
	for _, account := range accounts {
		store.record(t, account) // no one wakes them: the notifications were lost
	}
	h.wakeAll()
	for _, tv := range tvs {
		assert.Equal(t, []uint64{1}, heard(t, tv, 1))
	}
}

// guests adds n accounts to store, each with a TV listening on h, and returns the
// accounts and their TVs' streams.
func guests(t *testing.T, h *hub, store *stallStore, n int) ([]uuid.UUID, []<-chan Event) {
	accounts, tvs := make([]uuid.UUID, n), make([]<-chan Event, n)
	for i := range n {
		accounts[i] = store.account(t, fmt.Sprintf("guest%d@example.com", i))
		var err error
		tvs[i], err = h.subscribe(t.Context(), accounts[i], uuid.New(), uuid.New(), 0)
		require.NoError(t, err)
	}
	return accounts, tvs
}
