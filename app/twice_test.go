package app

import (
	"context"
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
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	dev, err := session.OpenDevice(store, net, clock, session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk})
	require.NoError(t, err)
	require.NoError(t, dev.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	phone, err := session.OpenDevice(&session.MemStorage{}, svc, clock, session.DeviceInfo{Name: "Ana's Phone", Kind: session.DeviceKindPhone})
	require.NoError(t, err)
	require.NoError(t, phone.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	cfg := kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s"})
	a := NewTenfoot(Options{Catalog: demo.Catalog, Kiosk: &cfg, KioskState: store, Clock: clock}, dev)
	t.Cleanup(a.Close)
	k := &kioskTV{t: t, app: a, clock: clock, device: dev}
	pressKeys(a, ok)

	for round := 1; round <= 2; round++ {
		require.Equal(t, "home", k.screen(), "round %d", round)
		k.runUntil(2*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
		k.run(5 * ticksPerSecond)

		_, err = phone.SignOutDevice(context.Background(), dev.Info().ID)
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
