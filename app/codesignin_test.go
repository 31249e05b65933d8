package app

import (
	"context"
	"errors"
	"sync"
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
