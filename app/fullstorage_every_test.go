package app

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// TestAKioskOnAFullDisk is a hotel TV whose disk fills while a guest is signed in,
// twice: "Sign out and clear this TV" says in words that the TV could not save and
// leaves the guest signed in; with room, the same OK clears the TV. Signed out
// from the guest's phone while the disk is full, the TV shows its welcome screen at
// once, and a TV started again once there was room starts with no guest: neither
// their session nor their time on the TV.
func TestAKioskOnAFullDisk(t *testing.T) {
	clock := &tickClock{start: checkIn}
	dir := t.TempDir()
	ds, err := session.NewDirStorage(dir)
	require.NoError(t, err)
	store := &sickStorage{DirStorage: ds}
	svcStore, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, ServiceStorage: svcStore,
		Clock: clock, PasswordCost: testCost, Device: session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk}})
	require.NoError(t, err)
	cfg := kioskConfig(t, nil)
	log := &testkit.Buffer{}
	start := func() *kioskTV {
		a := NewTenfoot(Options{Catalog: demo.Catalog, Version: "test", Kiosk: &cfg, KioskState: store, Clock: clock, Log: log}, dev)
		t.Cleanup(a.Close)
		return &kioskTV{t: t, app: a, clock: clock, device: dev, log: log}
	}
	k := start()
	pressKeys(k.app, ok)
	for round := range 2 {
		require.Equal(t, "home", k.screen(), "round %d", round)
		store.full.Store(true)
		press(t, k.app, "menu/signout", "confirm")
		assert.Equal(t, "signout", k.screen(), "round %d", round)
		assert.True(t, shows(k.app, "This device could not save the change"), "round %d: %q", round, allLabels(k.app))
		assert.False(t, rawSaveError(k.app), "round %d: %q", round, allLabels(k.app))
		assert.True(t, isSignedIn(dev), "round %d", round)
		store.full.Store(false)
		press(t, k.app, "confirm")
		require.Equal(t, "kiosk-welcome", k.screen(), "round %d", round)
		guestSignsIn(t, k)
	}

	phone := otherDevice(t, household{svc: svc}, "Ana's Phone", session.DeviceKindPhone)
	for round := range 2 {
		k.run(ticksPerSecond) // listening
		store.full.Store(true)
		_, err := phone.SignOutDevice(context.Background(), dev.Info().ID)
		require.NoError(t, err)
		// The TV hears it on its stream, in its own time.
		require.Eventually(t, func() bool { return !isSignedIn(dev) }, 5*time.Second, time.Millisecond, "round %d", round)
		k.run(1)
		assert.Equal(t, "kiosk-welcome", k.screen(), "round %d", round)
		assert.False(t, shows(k.app, "Ana"), "round %d: %q", round, allLabels(k.app))
		store.full.Store(false)
		k.run(int(kioskRetry/time.Second+1) * ticksPerSecond)
		data, err := store.Load("kiosk")
		require.NoError(t, err)
		assert.NotContains(t, string(data), "guestSince", "round %d: no guest's time is kept", round)

		k.app.Close() // a power cut
		dev, err = session.OpenDevice(store, svc, clock, session.DeviceInfo{})
		require.NoError(t, err)
		k = start()
		assert.Equal(t, "kiosk-welcome", k.screen(), "round %d", round)
		assert.False(t, isSignedIn(dev), "round %d", round)
		guestSignsIn(t, k)
	}
	assert.NotContains(t, log.String(), "Ana")
}
