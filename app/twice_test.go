package app

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// signInWithEmail signs in from the sign-in screen with email and password on the
// on-screen keyboard, and ends on Who's watching.
func signInWithEmail(t *testing.T, a *App, email, password string) {
	t.Helper()
	require.Equal(t, "signin", a.Screen().Name())
	press(t, a, "email")
	require.Equal(t, "signin-email", a.Screen().Name())
	typeText(t, a, email)
	press(t, a, "kb/"+ui.KeyDone)
	typeText(t, a, password)
	press(t, a, "submit")
	require.Equal(t, "profiles", a.Screen().Name(), "%q", allLabels(a))
}

// TestLeavingTheProgressOfSignOutAllGoesToSignIn signs out of all devices twice,
// leaving the list of devices with Back the first time and with Home the second:
// both end on the sign-in screen that says every device was signed out. Before,
// Home went to the account's Home on the signed-out TV: its rows and its menu,
// whose Settings led on to an Account that could only fail.
func TestLeavingTheProgressOfSignOutAllGoesToSignIn(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for round, leave := range []input.Action{back, home} {
		press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
		typePIN(t, a, "1234")
		require.Equal(t, "signout-all", a.Screen().Name(), "round %d", round)
		require.False(t, isSignedIn(h.device))
		pressKeys(a, leave)
		assert.Equal(t, "signin", a.Screen().Name(), "round %d: %q", round, allLabels(a))
		assert.True(t, shows(a, "Every device was signed out of Ana's account, this one too."), "round %d: %q", round, allLabels(a))
		assert.Len(t, a.stack, 1, "round %d: nothing of the account is left", round)
		assert.False(t, shows(a, "Continue watching"), "round %d", round)
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
		require.Equal(t, "home", a.Screen().Name())
	}
}

// TestKioskGuestSignedOutElsewhereDuringTheCountdown has the guest sign the hotel TV
// out from their phone while its idle countdown is up, for two guests in turn: the
// countdown goes and the TV shows its welcome screen. Before, the countdown gave
// way to the guest's Home on the signed-out TV, with its rows and menu, and stayed.
func TestKioskGuestSignedOutElsewhereDuringTheCountdown(t *testing.T) {
	clock := &tickClock{start: checkIn}
	svc, net := serviceBehind(t, clock)
	store, dev, phone := kioskGuest(t, clock, svc, net)
	cfg := kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s"})
	a := NewTenfoot(Options{Catalog: demo.Catalog, Kiosk: &cfg, KioskState: store, Clock: clock}, dev)
	t.Cleanup(a.Close)
	k := &kioskTV{t: t, app: a, clock: clock, device: dev}
	pressKeys(a, ok)

	for round := 1; round <= 2; round++ {
		require.Equal(t, "home", k.screen(), "round %d", round)
		k.runUntil(2*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
		k.run(5 * ticksPerSecond)

		_, err := phone.SignOutDevice(context.Background(), dev.Info().ID)
		require.NoError(t, err)
		// The TV hears it on its stream, in its own time; the countdown's clock
		// stands still meanwhile.
		require.Eventually(t, func() bool { return !isSignedIn(dev) }, 5*time.Second, time.Millisecond,
			"round %d: the TV never heard it was signed out", round)
		k.run(ticksPerSecond)
		assert.Equal(t, "kiosk-welcome", k.screen(), "round %d: %q", round, allLabels(a))
		assert.Len(t, a.stack, 1, "round %d", round)
		assert.False(t, shows(a, "Popular on tenfoot"), "round %d: nothing of the guest's screens", round)

		guestSignsIn(t, k)
	}
}

// hangingService is the account service behind a network that drops every packet
// while it hangs, as a pulled cable or a Wi-Fi gone quiet: a sign-out sent then is
// answered when the network is back, or never if the request gives up first.
type hangingService struct {
	session.Service
	mu   sync.Mutex
	back chan struct{} // closed when the network is back; nil while it works
}

func (s *hangingService) pull() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.back == nil {
		s.back = make(chan struct{})
	}
}

func (s *hangingService) plugIn() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.back != nil {
		close(s.back)
		s.back = nil
	}
}

func (s *hangingService) SignOut(ctx context.Context, token string) error {
	s.mu.Lock()
	back := s.back
	s.mu.Unlock()
	if back != nil {
		select {
		case <-back:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.Service.SignOut(ctx, token)
}

// TestSignOutOnANetworkThatHangs signs out twice while the network swallows every
// request: the TV is wiped at once and the sign-out waits in the outbox, so the
// dialog gives way to the sign-in screen in moments, and once the network is back
// both sign-outs reach the service. Before, the dialog said "Signing out…" and held
// Back and Home until the request gave up, 15 seconds with tenfootd, on a TV that
// was already signed out.
func TestSignOutOnANetworkThatHangs(t *testing.T) {
	net := &hangingService{Service: demoService(t, nil)}
	a, dev := homeBehind(t, net)

	for round := 1; round <= 2; round++ {
		require.Equal(t, "home", a.Screen().Name(), "round %d", round)
		press(t, a, "menu/settings", "signout")
		require.True(t, a.View().Focus("confirm"))
		net.pull()
		a.Press(ok)
		waitWithin(t, a, 5*time.Second, "the sign-in screen", func() bool { return a.Screen().Name() == "signin" })
		assert.True(t, shows(a, "You signed out of Ana on this device."), "round %d", round)
		assert.False(t, isSignedIn(dev))
		assert.Equal(t, 1, dev.PendingRevocations(), "round %d: waiting in the outbox", round)

		net.plugIn()
		dev.NetworkBack()
		waitWithin(t, a, 5*time.Second, "the outbox is delivered", func() bool { return dev.PendingRevocations() == 0 })
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// codeService is the account service behind a network that is down for the
// request that asks for a sign-in code while down is set.
type codeService struct {
	session.Service
	down atomic.Bool
}

func (s *codeService) StartDeviceAuth(ctx context.Context, id session.DeviceIdentity) (session.DeviceAuth, error) {
	if s.down.Load() {
		return session.DeviceAuth{}, session.ErrOffline
	}
	return s.Service.StartDeviceAuth(ctx, id)
}

// TestACodeComesOnceTheNetworkIsBack opens Sign in with your phone while the
// network is down, twice, signing in with the code in between: the screen says the
// service cannot be reached, and shows a code by itself once it can. Before, it
// said "Loading…" under the error for good, with no way to try again but to leave
// the screen and come back.
func TestACodeComesOnceTheNetworkIsBack(t *testing.T) {
	clock := &tickClock{start: checkIn}
	svc := demoService(t, clock)
	net := &codeService{Service: svc}
	dev, err := session.OpenDevice(&session.MemStorage{}, net, clock, session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	phone, err := session.OpenDevice(&session.MemStorage{}, svc, clock, session.DeviceInfo{Name: "Ana's Phone", Kind: session.DeviceKindPhone})
	require.NoError(t, err)
	require.NoError(t, phone.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: clock}, dev)
	t.Cleanup(a.Close)
	tv := &kioskTV{t: t, app: a, clock: clock, device: dev}

	for round := 1; round <= 2; round++ {
		require.Equal(t, "signin", tv.screen(), "round %d", round)
		net.down.Store(true)
		press(t, a, "phone")
		require.Equal(t, "signin-code", tv.screen())
		assert.True(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		tv.run(10 * ticksPerSecond)
		assert.Empty(t, shownCode(a), "round %d: no code while the network is down", round)

		net.down.Store(false)
		tv.runUntil(10*ticksPerSecond, func() bool { return shownCode(a) != "" })
		assert.False(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		require.NoError(t, phone.ApproveCode(context.Background(), shownCode(a)))
		tv.runUntil(10*ticksPerSecond, func() bool { return tv.screen() == "profiles" })
		pressKeys(a, ok)
		press(t, a, "menu/settings", "signout", "confirm")
	}
}

// TestSignOutOfAllDevicesOnANetworkThatHangs signs out of all devices twice, the
// network going quiet each time just after the service took the sign-out: the list
// of devices comes in moments, this TV's confirmation waiting in the outbox, and
// reaches the service once the network is back. Before, "Signing out…" stayed, and
// Back and Home waited, for the whole of the confirmation's 15 s timeout.
func TestSignOutOfAllDevicesOnANetworkThatHangs(t *testing.T) {
	net := &quietAfterSignOutAll{hangingService: hangingService{Service: demoService(t, nil)}}
	a, dev := homeBehind(t, net)

	for round := 1; round <= 2; round++ {
		require.Equal(t, "home", a.Screen().Name(), "round %d", round)
		press(t, a, "menu/settings", "account")
		a.Settle()
		press(t, a, "signout-all", "continue", "switch-proof")
		typePIN(t, a, "123")
		require.True(t, a.View().Focus("pin/4"))
		a.Press(ok)
		waitWithin(t, a, 5*time.Second, "the list of devices", func() bool { return shows(a, "This device") })
		assert.False(t, isSignedIn(dev), "round %d", round)
		assert.Equal(t, 1, dev.PendingRevocations(), "round %d: this TV's word waits in the outbox", round)

		net.plugIn()
		dev.NetworkBack()
		waitWithin(t, a, 5*time.Second, "the outbox is delivered", func() bool { return dev.PendingRevocations() == 0 })
		press(t, a, "done")
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// quietAfterSignOutAll is a network that goes quiet, as hangingService, the moment
// the service takes a sign-out of all devices, which reaches it: quiet before the
// service answers, since the service tells this TV on its stream too, and a TV
// that heard it there before the network went quiet had its word delivered (1 run
// in 15).
type quietAfterSignOutAll struct{ hangingService }

func (s *quietAfterSignOutAll) SignOutAll(ctx context.Context, token string, proof session.Proof) (session.SignOutAllResult, error) {
	s.pull()
	return s.Service.SignOutAll(ctx, token, proof)
}

// devicesService is the account service behind a network that is down for the
// request that lists the account's devices while down is set.
type devicesService struct {
	session.Service
	down atomic.Bool
}

func (s *devicesService) Devices(ctx context.Context, token string) ([]session.SignedInDevice, error) {
	if s.down.Load() {
		return nil, session.ErrOffline
	}
	return s.Service.Devices(ctx, token)
}

// TestSignOutOfAllDevicesCountsThemOnceTheNetworkIsBack opens Sign out of all
// devices while the network is down, twice: it cannot count the devices and says
// so, and once the network is back it counts them by itself and Continue works.
// Before, it asked to sign out "of all 0 devices" with Continue disabled for good,
// until the person left the flow and opened it again.
func TestSignOutOfAllDevicesCountsThemOnceTheNetworkIsBack(t *testing.T) {
	var net *devicesService
	tv := tvBehind(t, func(svc session.Service) session.Service {
		net = &devicesService{Service: svc}
		return net
	})
	a := tv.app

	for round, devices := range []int{4, 1} { // the demo's three offline ones go the first time
		require.Equal(t, "home", tv.screen(), "round %d", round)
		press(t, a, "menu/settings", "account")
		net.down.Store(true)
		press(t, a, "signout-all")
		require.Equal(t, "signout-all", tv.screen())
		assert.True(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		assert.True(t, a.View().Root().Find("continue").Disabled, "round %d: nothing counted to sign out", round)
		tv.run(10 * ticksPerSecond)

		net.down.Store(false)
		question := fmt.Sprintf("Sign Ana (a•••@example.com) out of all %d devices?", devices)
		if devices == 1 {
			question = "Sign Ana (a•••@example.com) out of 1 device?"
		}
		tv.runUntil(10*ticksPerSecond, func() bool { return shows(a, question) })
		assert.False(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		press(t, a, "continue", "switch-proof")
		typePIN(t, a, "1234")
		require.False(t, isSignedIn(tv.device), "round %d", round)
		press(t, a, "done")
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// homeBehind returns the app at Ana's Home on a TV signed in through net, on the
// system's clock, and the TV.
func homeBehind(t *testing.T, net session.Service) (*App, *session.Device) {
	t.Helper()
	a, dev := signedInBehind(t, net, demo.AnaEmail, demo.AnaPassword)
	pressKeys(a, ok)
	return a, dev
}

// signedInBehind returns the app at Who's watching on a TV signed in to the account
// of email through net, on the system's clock, and the TV.
func signedInBehind(t *testing.T, net session.Service, email, password string) (*App, *session.Device) {
	t.Helper()
	dev, err := session.OpenDevice(&session.MemStorage{}, net, nil, session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, dev.SignIn(context.Background(), email, password))
	a := NewTenfoot(testOptions, dev)
	t.Cleanup(a.Close)
	return a, dev
}
