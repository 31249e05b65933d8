package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// A TV signed out while the service cannot be reached is wiped at once, and tells
// the service as soon as it can while the app runs, not at its next start.
func TestSignOutWhileOfflineReachesTheServiceWhileTheAppRuns(t *testing.T) {
	clock := &tickClock{start: checkIn}
	_, net := serviceBehind(t, clock)
	dev, err := session.OpenDevice(&session.MemStorage{}, net, clock, session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, dev.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: clock}, dev)
	t.Cleanup(a.Close)
	tv := &kioskTV{t: t, app: a, clock: clock, device: dev}

	net.down.Store(true)
	pressKeys(a, ok, left, down, ok, down, down, ok, right, ok) // Ana, Settings, Sign out, Sign out
	require.Equal(t, "signin", tv.screen())
	assert.False(t, isSignedIn(dev), "wiped at once, network or not")
	require.Equal(t, 1, dev.PendingRevocations())

	net.down.Store(false)
	ticks := tv.runUntil(60*ticksPerSecond, func() bool { return dev.PendingRevocations() == 0 })
	t.Logf("the service had it %d ticks after the network came back", ticks)
	assert.Equal(t, "signin", tv.screen())
}
