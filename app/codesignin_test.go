package app

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// pollRecorder is the account service as a TV reaches it, noting when the TV asked
// whether its code was approved and what it was told. With slowDownFirst, the first
// poll of each code is told to slow down, as a service under load may.
type pollRecorder struct {
	session.Service
	clock         session.Clock
	slowDownFirst bool

	mu    sync.Mutex
	polls []recordedPoll
	seen  map[string]bool
}

type recordedPoll struct {
	at  time.Time
	err error
}

func (p *pollRecorder) PollDeviceAuth(ctx context.Context, deviceCode string) (session.Grant, error) {
	p.mu.Lock()
	first := p.slowDownFirst && !p.seen[deviceCode]
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	p.seen[deviceCode] = true
	p.mu.Unlock()
	g, err := session.Grant{}, session.ErrSlowDown
	if !first {
		g, err = p.Service.PollDeviceAuth(ctx, deviceCode)
	}
	p.mu.Lock()
	p.polls = append(p.polls, recordedPoll{p.clock.Now(), err})
	p.mu.Unlock()
	return g, err
}

// count returns how many polls were recorded since the last taken.
func (p *pollRecorder) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.polls)
}

// taken returns the polls recorded so far and forgets them.
func (p *pollRecorder) taken() []recordedPoll {
	p.mu.Lock()
	defer p.mu.Unlock()
	polls := p.polls
	p.polls = nil
	return polls
}

// busyTV is a TV on the demo service whose app draws a frame every frame of the
// clock, as a loaded browser page does, and Ana's phone, which approves its codes.
type busyTV struct {
	t       *testing.T
	clock   *testkit.Clock
	frame   time.Duration
	service *pollRecorder
	phone   *session.Device
	app     *App
}

func newBusyTV(t *testing.T, frame time.Duration, slowDownFirst bool) *busyTV {
	t.Helper()
	clock := testkit.NewClock(time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC))
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, phone, err := demo.Open(context.Background(), demo.Options{Storage: store, Clock: clock, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "Ana's Phone", Kind: session.DeviceKindPhone}})
	require.NoError(t, err)
	tvStore, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	rec := &pollRecorder{Service: svc, clock: clock, slowDownFirst: slowDownFirst}
	tv, err := session.OpenDevice(tvStore, rec, clock, session.DeviceInfo{Name: "Bedroom TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	a := NewTenfoot(Options{Catalog: demo.Catalog, CanExit: true, Version: "test", Clock: clock}, tv)
	t.Cleanup(a.Close)
	return &busyTV{t: t, clock: clock, frame: frame, service: rec, phone: phone, app: a}
}

// run draws frames until cond holds, and returns how much time passed; it fails
// after limit.
func (b *busyTV) run(limit time.Duration, cond func() bool) time.Duration {
	b.t.Helper()
	for passed := time.Duration(0); passed <= limit; passed += b.frame {
		if cond() {
			return passed
		}
		b.clock.Advance(b.frame)
		b.app.Update(0, input.Pointer{})
		b.app.Settle() // the service answers within the frame
	}
	b.t.Fatalf("not within %v; on %s", limit, b.app.Screen().Name())
	return 0
}

// wait draws frames for d.
func (b *busyTV) wait(d time.Duration) {
	for passed := time.Duration(0); passed < d; passed += b.frame {
		b.clock.Advance(b.frame)
		b.app.Update(0, input.Pointer{})
		b.app.Settle()
	}
}

// showCode goes from the sign-in screen to a code and returns it.
func (b *busyTV) showCode() string {
	b.t.Helper()
	require.Equal(b.t, "signin", b.app.Screen().Name())
	press(b.t, b.app, "phone")
	require.Equal(b.t, "signin-code", b.app.Screen().Name())
	code := shownCode(b.app)
	require.NotEmpty(b.t, code)
	return code
}

// signOut opens the first profile and signs the TV out from Settings.
func (b *busyTV) signOut() {
	b.t.Helper()
	pressKeys(b.app, ok)
	press(b.t, b.app, "menu/settings", "signout", "confirm")
	require.Equal(b.t, "signin", b.app.Screen().Name())
}

// slowDownStep is what RFC 8628 §3.5 has a device add to its interval when the
// service answers slow_down.
const slowDownStep = 5 * time.Second

// shownCode returns the sign-in code on screen, or "" while there is none.
func shownCode(a *App) string {
	if n := a.View().Root().Find("code"); n != nil {
		return n.Label
	}
	return ""
}

// assertPolledOnTime checks that no two polls came closer than the service's
// interval, grown by 5 s after each slow_down, and that none was told to slow down
// unless the service chose to.
func assertPolledOnTime(t *testing.T, polls []recordedPoll, slowDowns int) {
	t.Helper()
	interval := session.DeviceAuthInterval
	told := 0
	for i, p := range polls {
		if i > 0 {
			assert.GreaterOrEqual(t, p.at.Sub(polls[i-1].at), interval, "poll %d came %v after the one before", i, p.at.Sub(polls[i-1].at))
		}
		if errors.Is(p.err, session.ErrSlowDown) {
			told++
			interval += slowDownStep
		}
	}
	assert.Equal(t, slowDowns, told, "polls told to slow down")
}

// A code approved on a phone signs the TV in within the service's interval, however
// few frames the page draws: the TV polls by the clock, not by counting frames. Here
// the page draws four frames a second, as a loaded browser tab did, where polls
// counted in frames came 37 s apart.
func TestACodeSignsInPromptlyOnABusyPage(t *testing.T) {
	b := newBusyTV(t, 250*time.Millisecond, false)
	for round := range 2 {
		code := b.showCode()
		b.service.taken()
		b.wait(7 * time.Second) // the person finds their phone
		require.NoError(t, b.phone.ApproveCode(context.Background(), code))
		took := b.run(5*time.Second, func() bool { return b.app.Screen().Name() == "profiles" })

		t.Logf("round %d: approval to Who's watching in %v of the clock", round, took)
		assert.LessOrEqual(t, took, session.DeviceAuthInterval+b.frame, "round %d: within the interval", round)
		polls := b.service.taken()
		assert.GreaterOrEqual(t, len(polls), 5, "round %d: the TV kept asking while it waited", round)
		assertPolledOnTime(t, polls, 0)
		b.signOut()
	}
}

// A service that answers slow_down gets polls 5 s further apart from then on, as
// RFC 8628 asks, and the TV still signs in when the code is approved.
func TestACodeSlowsDownWhenTheServiceAsks(t *testing.T) {
	b := newBusyTV(t, 100*time.Millisecond, true)
	for round := range 2 {
		code := b.showCode()
		b.service.taken()
		b.run(20*time.Second, func() bool { return b.service.count() >= 3 })
		require.NoError(t, b.phone.ApproveCode(context.Background(), code))
		b.run(2*(session.DeviceAuthInterval+slowDownStep), func() bool { return b.app.Screen().Name() == "profiles" })
		polls := b.service.taken()
		require.GreaterOrEqual(t, len(polls), 3, "round %d", round)
		assert.ErrorIs(t, polls[0].err, session.ErrSlowDown, "round %d", round)
		assertPolledOnTime(t, polls, 1)
		b.signOut()
	}
}

// network is the TV's way to the service, which can be cut: while it is, every
// request fails as a TV's does with no network.
type network struct {
	session.Service
	down atomic.Bool
}

func (n *network) StartDeviceAuth(ctx context.Context, d session.DeviceIdentity) (session.DeviceAuth, error) {
	if n.down.Load() {
		return session.DeviceAuth{}, session.ErrOffline
	}
	return n.Service.StartDeviceAuth(ctx, d)
}

func (n *network) PollDeviceAuth(ctx context.Context, deviceCode string) (session.Grant, error) {
	if n.down.Load() {
		return session.Grant{}, session.ErrOffline
	}
	return n.Service.PollDeviceAuth(ctx, deviceCode)
}

// newTVOnNetwork is newBusyTV with the TV's requests going through a network that
// can be cut.
func newTVOnNetwork(t *testing.T, frame time.Duration) (*busyTV, *network) {
	t.Helper()
	b := newBusyTV(t, frame, false)
	net := &network{Service: b.service.Service}
	b.service.Service = net
	return b, net
}

// A code shown until it expires is replaced by a new one, by itself, and a screen
// reader hears why and the new code; twice in a row, the second time as the first.
// The code that expired is nowhere on screen.
func TestAnExpiredCodeIsReplacedAndSaidAloud(t *testing.T) {
	b := newBusyTV(t, 250*time.Millisecond, false)
	code := b.showCode()
	b.app.Announce()
	for round := range 2 {
		b.run(session.DeviceAuthLifetime+2*time.Second, func() bool { c := shownCode(b.app); return c != "" && c != code })
		next := shownCode(b.app)
		assert.False(t, shows(b.app, code), "round %d: the expired code is gone", round)
		assert.True(t, shows(b.app, "The code expired, so here is a new one."), "round %d", round)
		said := b.app.Announce()
		assert.Contains(t, said, "The code expired, so here is a new one.", "round %d: said why", round)
		assert.Contains(t, said, "Your code is "+next, "round %d: said the new code", round)
		code = next
	}
	require.NoError(t, b.phone.ApproveCode(context.Background(), code))
	b.run(2*session.DeviceAuthInterval, func() bool { return b.app.Screen().Name() == "profiles" })
}

// The network drops while a TV shows its code. The TV says it cannot reach the
// service, and asks less and less often, as RFC 8628 §3.5 asks of a device whose
// polls fail, at most every 30 s. The code expires meanwhile: it is taken off the
// screen, for no one to type a code that can only fail. Once the network is back, a
// new code comes by itself within the longest wait, the error goes, and a screen
// reader hears the new code. Twice in a row.
func TestTheCodeScreenRidesOutANetworkDrop(t *testing.T) {
	b, net := newTVOnNetwork(t, 250*time.Millisecond)
	code := b.showCode()
	for round := range 2 {
		b.service.taken()
		net.down.Store(true)
		b.wait(session.DeviceAuthLifetime + time.Minute)
		assert.True(t, shows(b.app, "The account service cannot be reached"), "round %d: says why", round)
		assert.False(t, shows(b.app, code), "round %d: the expired code is not shown", round)
		polls := b.service.taken()
		assert.Less(t, len(polls), 40, "round %d: asked less often while it failed, not %d times in 11 minutes", round, len(polls))
		for i := 1; i < len(polls); i++ {
			gap := polls[i].at.Sub(polls[i-1].at)
			assert.LessOrEqual(t, gap, 30*time.Second+b.frame, "round %d: still asks every 30 s", round)
		}

		net.down.Store(false)
		b.app.Announce()
		took := b.run(30*time.Second+time.Second, func() bool { c := shownCode(b.app); return c != "" && c != code })
		t.Logf("round %d: a new code %v after the network came back", round, took)
		assert.False(t, shows(b.app, "The account service cannot be reached"), "round %d: the error is gone", round)
		code = shownCode(b.app)
		assert.Contains(t, b.app.Announce(), "Your code is "+code, "round %d", round)
	}
	require.NoError(t, b.phone.ApproveCode(context.Background(), code))
	b.run(2*session.DeviceAuthInterval, func() bool { return b.app.Screen().Name() == "profiles" })
}

// The code is approved on a phone while the TV app draws no frames (a browser tab
// in the background, an app paused): the TV signs in with its first frame back.
// Back only after the code expired, it shows a new one and says why, rather than a
// code that can only fail.
func TestACodeApprovedWhileTheTVIsInTheBackground(t *testing.T) {
	b := newBusyTV(t, 250*time.Millisecond, false)
	code := b.showCode()
	b.clock.Advance(30 * time.Second) // no frames
	require.NoError(t, b.phone.ApproveCode(context.Background(), code))
	b.clock.Advance(30 * time.Second)
	took := b.run(b.frame, func() bool { return b.app.Screen().Name() == "profiles" })
	assert.LessOrEqual(t, took, b.frame, "signed in with the first frame back")
	b.signOut()

	code = b.showCode()
	b.clock.Advance(session.DeviceAuthLifetime + time.Minute) // no frames
	b.run(b.frame, func() bool { c := shownCode(b.app); return c != "" && c != code })
	assert.True(t, shows(b.app, "The code expired, so here is a new one."))
	assert.False(t, shows(b.app, code))
}
