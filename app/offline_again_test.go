package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// tvBehind returns a TV signed in to Ana's account on the demo service, reached
// through the network net makes of it, on a clock the test moves tick by tick, and
// the app on it at Home.
func tvBehind(t *testing.T, net func(session.Service) session.Service) *kioskTV {
	t.Helper()
	clock := &tickClock{start: checkIn}
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{PasswordCost: testCost, Clock: clock})
	require.NoError(t, err)
	require.NoError(t, demo.Seed(svc))
	dev, err := session.OpenDevice(&session.MemStorage{}, net(svc), clock, session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, dev.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: clock}, dev)
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
