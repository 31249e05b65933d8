package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// The scenarios in this file check that what the app says is what happened.

func TestSignOutOfAllDevicesSaysSoOnTheSignInScreen(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for range 2 {
		press(t, a, "menu/settings", "account", "signout-all", "continue")
		typeText(t, a, demo.AnaPassword)
		press(t, a, "confirm")
		require.False(t, isSignedIn(h.device))
		press(t, a, "done")

		require.Equal(t, "signin", a.Screen().Name())
		assert.True(t, shows(a, "Every device was signed out of Ana's account, this one too."))
		assert.False(t, shows(a, "on this device"), "not as if only this TV was signed out")
		assert.Equal(t, "Sign in with your phone", focusedLabel(t, a), "ready to sign in the quick way")
		signInAsAna(t, a)
	}
}

func TestSignOutDeviceDialogSaysWhatHappens(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for _, name := range []string{"Kitchen Stick", "Ana's Tablet"} {
		other := otherDevice(t, h, name, session.DeviceKindStick)
		press(t, a, "menu/settings", "account", "device/"+other.Info().ID.String())
		require.Equal(t, "signout-device", a.Screen().Name())
		assert.Equal(t, "Sign "+name+" out?", a.Title())
		assert.True(t, shows(a, "It goes back to its sign-in screen, and the titles downloaded on it are deleted."))
		assert.True(t, shows(a, "It is offline, so this happens the moment it comes online."), "it is not listening, so it is offline")
		assert.True(t, shows(a, "You stay signed in on this TV."))
		assert.Equal(t, "Cancel", focusedLabel(t, a))
		pressKeys(a, right, ok)
		require.Equal(t, "account", a.Screen().Name())
		assert.True(t, isSignedIn(h.device), "this TV stays signed in")
		pressKeys(a, home) // back to Home for the next round
	}
}

func TestSignedOutElsewhereFocusesSignInWithYourPhone(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	press(t, a, "menu/settings", "signout", "confirm")
	signInAsAna(t, a) // the sign-in screen was last left on "Sign in with email"

	_, err := phone.SignOutDevice(t.Context(), h.device.Info().ID)
	require.NoError(t, err)
	waitFor(t, a, "the TV hears it was signed out", func() bool {
		a.Settle()
		return a.Screen().Name() == "signin"
	})
	assert.True(t, shows(a, "This device was signed out. Sign in to continue."))
	assert.Equal(t, "Sign in with your phone", focusedLabel(t, a))
}
