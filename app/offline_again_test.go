package app

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
)

// tvBehind returns a TV signed in to Ana's account on the demo service, reached
// through the network net makes of it, on a clock the test moves tick by tick, and
// the app on it at Home.
func tvBehind(t *testing.T, net func(session.Service) session.Service) *kioskTV {
	t.Helper()
	return tvIn(t, i18n.English, net)
}

// tvIn is tvBehind with the device's language lang.
func tvIn(t *testing.T, lang i18n.Lang, net func(session.Service) session.Service) *kioskTV {
	t.Helper()
	clock := &tickClock{start: checkIn}
	svc := demoService(t, clock)
	dev, err := session.OpenDevice(&session.MemStorage{}, net(svc), clock, session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, dev.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: clock, Language: lang}, dev)
	t.Cleanup(a.Close)
	pressKeys(a, ok)
	require.Equal(t, "home", a.Screen().Name())
	return &kioskTV{t: t, app: a, clock: clock, device: dev}
}

// TestAccountListsTheDevicesOnceTheNetworkIsBack opens Account while the network is
// down, twice: it says the service cannot be reached, and lists the devices by
// itself once it can. Before, the error stayed with no device listed until the
// person left Account and opened it again.
func TestAccountListsTheDevicesOnceTheNetworkIsBack(t *testing.T) {
	var net *devicesService
	tv := tvBehind(t, func(svc session.Service) session.Service {
		net = &devicesService{Service: svc}
		return net
	})
	a := tv.app
	for round := 1; round <= 2; round++ {
		net.down.Store(true)
		press(t, a, "menu/settings", "account")
		require.Equal(t, "account", tv.screen())
		assert.True(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		tv.run(10 * ticksPerSecond)
		assert.False(t, shows(a, "This device"), "round %d: no device while the network is down", round)

		net.down.Store(false)
		tv.runUntil(10*ticksPerSecond, func() bool { return shows(a, "This device") })
		assert.False(t, shows(a, "The account service cannot be reached."), "round %d: %q", round, allLabels(a))
		pressKeys(a, home)
		require.Equal(t, "home", tv.screen(), "round %d", round)
	}
}

// TestSignOutOfAllDevicesAsksWithoutACountItDoesNotHave opens Sign out of all
// devices in every language, while the devices are being counted and while they
// cannot be: the question names no number then, and fits; once counted,
// it says how many. Before, it asked to sign Ana out "of all 0 devices", for as long
// as the network was down, and for a moment (up to the request's 15 s on a network
// gone quiet) every time it opened.
func TestSignOutOfAllDevicesAsksWithoutACountItDoesNotHave(t *testing.T) {
	for _, lang := range append(i18n.Langs, i18n.Pseudo) {
		t.Run(lang.Tag(), func(t *testing.T) {
			var net *devicesService
			tv := tvIn(t, lang, func(svc session.Service) session.Service {
				net = &devicesService{Service: svc}
				return net
			})
			a := tv.app
			question := func() string { return a.View().Title() }
			press(t, a, "menu/settings", "account")

			require.True(t, a.View().Focus("signout-all"))
			a.Press(ok) // not settled: the devices are being counted
			require.Equal(t, "signout-all", tv.screen())
			assert.NotContains(t, question(), "0", "while counting")
			if lang == i18n.English {
				assert.Equal(t, "Sign Ana (a•••@example.com) out of all devices?", question())
			}
			a.Settle()
			assert.Contains(t, question(), "4", "counted")
			pressKeys(a, back)
			require.Equal(t, "account", tv.screen())

			net.down.Store(true)
			press(t, a, "signout-all")
			require.True(t, a.View().Root().Find("continue").Disabled)
			assert.NotContains(t, question(), "0", "the devices cannot be counted")
			if lang == i18n.English {
				assert.Equal(t, "Sign Ana (a•••@example.com) out of all devices?", question())
			}
			assertInSafeArea(t, a)
			assertTextFits(t, a)
		})
	}
}

// watchedService is the account service that keeps the context of every stream
// that follows a sign-out of all devices, to see whether it ends.
type watchedService struct {
	session.Service
	mu      sync.Mutex
	watches []context.Context
}

func (s *watchedService) WatchSignOut(ctx context.Context, ticket string) (<-chan session.Event, error) {
	s.mu.Lock()
	s.watches = append(s.watches, ctx)
	s.mu.Unlock()
	return s.Service.WatchSignOut(ctx, ticket)
}

// open counts the streams that have not ended.
func (s *watchedService) open() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, ctx := range s.watches {
		if ctx.Err() == nil {
			n++
		}
	}
	return n
}

// TestClosingTheAppEndsTheSignOutItFollows signs out of all devices and closes the
// app on the list of devices signing out, as when a browser tab goes away or a
// kiosk's supervisor restarts the app: the stream that follows the devices ends
// with it. Before, it stayed open after Close, a goroutine and a connection to the
// service left behind until the service ended the watch.
func TestClosingTheAppEndsTheSignOutItFollows(t *testing.T) {
	var net *watchedService
	tv := tvBehind(t, func(svc session.Service) session.Service {
		net = &watchedService{Service: svc}
		return net
	})
	a := tv.app
	press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
	typePIN(t, a, "1234")
	require.Equal(t, "signout-all", tv.screen())
	require.True(t, shows(a, "This device"), "%q", allLabels(a))
	require.Equal(t, 1, net.open(), "the list follows the devices")

	a.Close()
	assert.Equal(t, 0, net.open(), "a stream outlives the app")
}

// watchDownService is the account service behind a network that is down for the
// stream that follows a sign-out of all devices while down is set.
type watchDownService struct {
	session.Service
	down atomic.Bool
}

func (s *watchDownService) WatchSignOut(ctx context.Context, ticket string) (<-chan session.Event, error) {
	if s.down.Load() {
		return nil, session.ErrOffline
	}
	return s.Service.WatchSignOut(ctx, ticket)
}

// TestSignOutOfAllDevicesTicksThemOffOnceTheNetworkIsBack signs out of all devices
// with a tablet online, the network dropping just as the service took the sign-out:
// the tablet is signed out meanwhile, and once the network is back the list ticks
// it off by itself. Before, the tablet said "Signing out…" for as long as the list
// was up: the stream that follows the devices was opened once, and never again
// once it could not be, or once it dropped.
func TestSignOutOfAllDevicesTicksThemOffOnceTheNetworkIsBack(t *testing.T) {
	var net *watchDownService
	var svc session.Service
	tv := tvBehind(t, func(s session.Service) session.Service {
		svc, net = s, &watchDownService{Service: s}
		return net
	})
	a := tv.app
	tablet, err := session.OpenDevice(&session.MemStorage{}, svc, tv.clock, session.DeviceInfo{Name: "Ana's Tablet", Kind: session.DeviceKindPhone})
	require.NoError(t, err)
	require.NoError(t, tablet.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	listen, stop := context.WithCancel(context.Background())
	var listening sync.WaitGroup
	listening.Go(func() { tablet.Listen(listen) })
	t.Cleanup(func() { stop(); listening.Wait() })
	require.Eventually(t, func() bool {
		devices, _ := tablet.Devices(context.Background())
		for _, d := range devices {
			if d.ID == tablet.Info().ID && d.Online {
				return true
			}
		}
		return false
	}, 5*time.Second, time.Millisecond, "the tablet is online")

	press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
	net.down.Store(true)
	typePIN(t, a, "1234")
	require.Equal(t, "signout-all", tv.screen())
	require.True(t, shows(a, "Ana's Tablet"), "%q", allLabels(a))
	require.Eventually(t, func() bool { return !isSignedIn(tablet) }, 5*time.Second, time.Millisecond, "the tablet hears it")
	tv.run(10 * ticksPerSecond)
	assert.Equal(t, 1, count(allLabels(a), "Signed out"), "only this TV is known to be signed out while the network is down")

	net.down.Store(false)
	tv.runUntil(10*ticksPerSecond, func() bool {
		a.Settle()
		return count(allLabels(a), "Signed out") == 2
	})
}
