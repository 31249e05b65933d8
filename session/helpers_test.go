package session

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
)

func newTestClock() *testkit.Clock {
	return testkit.NewClock(time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC))
}

// network stands between a device and the service, and can be unplugged. It counts
// the revocations that reach the service.
type network struct {
	Service
	mu       sync.Mutex
	down     bool
	signOuts int
	tries    int               // of Subscribe, refused or not
	streams  []context.Context // of each Subscribe, which hangs up as it ends
}

func (n *network) unplug() { n.mu.Lock(); n.down = true; n.mu.Unlock() }
func (n *network) plugIn() { n.mu.Lock(); n.down = false; n.mu.Unlock() }
func (n *network) err() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.down {
		return ErrOffline
	}
	return nil
}

func (n *network) SignIn(ctx context.Context, d DeviceIdentity, email, pw string) (Grant, error) {
	if err := n.err(); err != nil {
		return Grant{}, err
	}
	return n.Service.SignIn(ctx, d, email, pw)
}
func (n *network) Check(ctx context.Context, token string) (Grant, error) {
	if err := n.err(); err != nil {
		return Grant{}, err
	}
	return n.Service.Check(ctx, token)
}
func (n *network) SignOut(ctx context.Context, token string) error {
	if err := n.err(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err // a cancelled request never leaves
	}
	n.mu.Lock()
	n.signOuts++
	n.mu.Unlock()
	return n.Service.SignOut(ctx, token)
}
func (n *network) SignOutAll(ctx context.Context, token string, p Proof) (SignOutAllResult, error) {
	if err := n.err(); err != nil {
		return SignOutAllResult{}, err
	}
	return n.Service.SignOutAll(ctx, token, p)
}
func (n *network) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	n.mu.Lock()
	n.tries++
	n.mu.Unlock()
	if err := n.err(); err != nil {
		return nil, err
	}
	n.mu.Lock()
	n.streams = append(n.streams, ctx)
	n.mu.Unlock()
	return n.Service.Subscribe(ctx, token, after)
}

// The household these tests sign in to, seeded by seedHousehold: Ana's account with
// four profiles, Grandpa's locked, and three other devices of hers, and Sam's with
// two profiles.
const (
	anaEmail    = "ana@example.com"
	anaPassword = "watch-together"
	samEmail    = "sam@example.com"
	samPassword = "popcorn-night"
	grandpaPIN  = "1234"
)

// seedHousehold adds the tests' household to an empty service.
func seedHousehold(t testing.TB, svc *Embedded) {
	t.Helper()
	ana, err := svc.AddAccount(Account{Email: anaEmail, DisplayName: "Ana", Plan: "Premium"}, anaPassword,
		[]Profile{{Name: "Ana", Avatar: "fox"}, {Name: "Ben", Avatar: "owl"}, {Name: "Kids", Avatar: "bear", Kids: true}, {Name: "Grandpa", Avatar: "whale"}},
		map[string]string{"Grandpa": grandpaPIN})
	require.NoError(t, err)
	_, err = svc.AddAccount(Account{Email: samEmail, DisplayName: "Sam", Plan: "Standard"}, samPassword,
		[]Profile{{Name: "Sam", Avatar: "cat"}, {Name: "Alex", Avatar: "robot"}}, nil)
	require.NoError(t, err)
	for _, o := range []struct {
		name string
		kind DeviceKind
		ago  time.Duration
	}{
		{"Ana's Phone", DeviceKindPhone, 20 * time.Minute},
		{"Bedroom Stick", DeviceKindStick, 26 * time.Hour},
		{"Game Console", DeviceKindConsole, 9 * 24 * time.Hour},
	} {
		require.NoError(t, svc.AddSignedInDevice(ana.ID, NewDeviceIdentity(o.name, o.kind), o.ago))
	}
}

// streamWatch is a service that tells a test when a device listening to it has
// heard its event stream's backlog, instead of the test sleeping and hoping: once
// Subscribe has opened a stream, the events already in it (the service puts the
// backlog there before Subscribe returns) are relayed one at a time, then an event
// numbered 0, which every device ignores. The device takes that only when it has
// handled all before it, and then heard closes.
type streamWatch struct {
	Service
	heard chan struct{}
	once  sync.Once
}

func (w *streamWatch) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	in, err := w.Service.Subscribe(ctx, token, after)
	if err != nil {
		return nil, err
	}
	out := make(chan Event) // unbuffered: a send returns once the device took it
	send := func(ev Event) bool {
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	go func() {
		defer close(out)
		for range len(in) {
			if ev, ok := <-in; !ok || !send(ev) {
				return
			}
		}
		if !send(Event{}) {
			return
		}
		w.once.Do(func() { close(w.heard) })
		for ev := range in {
			if !send(ev) {
				return
			}
		}
	}()
	return out, nil
}

// household is a service with the tests' accounts and helpers to add devices.
type household struct {
	t     *testing.T
	svc   *Embedded
	clock *testkit.Clock
	dir   string
}

// lowCost keeps bcrypt fast in tests; the cost does not change behaviour.
const lowCost = 4

func newHousehold(t *testing.T) *household {
	t.Helper()
	dir := t.TempDir()
	store, err := NewDirStorage(dir)
	require.NoError(t, err)
	clock := newTestClock()
	svc, err := OpenEmbedded(EmbeddedOptions{Storage: store, Clock: clock, PasswordCost: lowCost, VerificationURI: "https://tenfoot.example/activate"})
	require.NoError(t, err)
	seedHousehold(t, svc)
	return &household{t: t, svc: svc, clock: clock, dir: dir}
}

// device opens a new device with its own state folder, reaching the service through
// its own network.
func (h *household) device(name string, kind DeviceKind) (*Device, *network, string) {
	h.t.Helper()
	dir := h.t.TempDir()
	store, err := NewDirStorage(dir)
	require.NoError(h.t, err)
	net := &network{Service: h.svc}
	d, err := OpenDevice(store, net, h.clock, DeviceInfo{Name: name, Kind: kind})
	require.NoError(h.t, err)
	return d, net, dir
}

// signedIn opens a device signed in to Ana's account.
func (h *household) signedIn(name string) (*Device, *network, string) {
	h.t.Helper()
	d, net, dir := h.device(name, DeviceKindTV)
	require.NoError(h.t, d.SignIn(context.Background(), anaEmail, anaPassword))
	return d, net, dir
}

// reopen opens the device kept in dir again, as after a restart.
func (h *household) reopen(dir string, net *network) *Device {
	h.t.Helper()
	store, err := NewDirStorage(dir)
	require.NoError(h.t, err)
	d, err := OpenDevice(store, net, h.clock, DeviceInfo{})
	require.NoError(h.t, err)
	return d
}

// damage makes the device state kept in dir unreadable, as a crash of the disk might.
func damage(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, "device.json")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, append([]byte("#"), data...), 0o600))
}

// signedOutOffline signs a TV in, then out while its network is unplugged, so that
// its sign-out waits in its outbox; then plugs the network in again.
func (h *household) signedOutOffline() (tv *Device, net *network, dir, token string) {
	h.t.Helper()
	tv, net, dir = h.signedIn("TV")
	token = tokenOf(tv)
	plan, err := tv.Plan()
	require.NoError(h.t, err)
	net.unplug()
	_, err = tv.Confirm(ctx, plan)
	require.NoError(h.t, err)
	require.Equal(h.t, 1, tv.PendingRevocations())
	net.plugIn()
	return tv, net, dir, token
}

func (h *household) sessionOf(d *Device) *SessionRecord {
	return h.session(tokenOf(d))
}

// session returns the service's record of token's session, or nil.
func (h *household) session(token string) *SessionRecord {
	var s *SessionRecord
	require.NoError(h.t, h.svc.store.View(context.Background(), func(tx Tx) error {
		r, err := tx.Session(hashToken(token))
		if err == nil {
			s = &r
		}
		return nil
	}))
	return s
}

// eventsOf counts the household's accounts' events of kind that concern device.
func eventsOf(svc *Embedded, kind EventKind, device uuid.UUID) int {
	n := 0
	svc.store.View(context.Background(), func(tx Tx) error {
		for _, email := range []string{anaEmail, samEmail} {
			a, _ := tx.AccountByEmail(email)
			events, _ := tx.Events(a.ID, 0)
			for _, ev := range events {
				if ev.Kind == kind && ev.Concerns(device) {
					n++
				}
			}
		}
		return nil
	})
	return n
}

func tokenOf(d *Device) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.st.Token
}

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// reopenDamaged damages the device state saved in dir, as a failing disk would, and
// opens the device again; it must start signed out and say why.
func (h *household) reopenDamaged(dir string, net *network) *Device {
	h.t.Helper()
	damage(h.t, dir)
	store, err := NewDirStorage(dir)
	require.NoError(h.t, err)
	d, err := OpenDevice(store, net, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.ErrorIs(h.t, err, ErrCorruptState)
	require.Empty(h.t, tokenOf(d))
	return d
}
