package screens

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
		assert.Equal(t, msgSignInPhone, focusedLabel(t, a), "ready to sign in the quick way")
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
		assert.True(t, shows(a, msgSignOutDeviceOffline), "it is not listening, so it is offline")
		assert.True(t, shows(a, "You stay signed in on this TV."))
		assert.Equal(t, msgCancel, focusedLabel(t, a))
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
	assert.True(t, shows(a, msgSignedOutElsewhere))
	assert.Equal(t, msgSignInPhone, focusedLabel(t, a))
}

func TestDownloadsLostAreNamed(t *testing.T) {
	for _, c := range []struct {
		name                   string
		inProgress, downloaded []string
		want                   string
	}{
		{"nothing", nil, nil, ""},
		{"one still downloading", []string{"Summit"}, nil, "1 download in progress will be cancelled: Summit."},
		{"two still downloading", []string{"The Long Tide", "North Ridge"}, nil,
			"2 downloads in progress will be cancelled: The Long Tide and North Ridge."},
		{"both kinds", []string{"Summit"}, []string{"Meridian", "Harbour", "Kite"},
			"1 download in progress will be cancelled: Summit. 3 downloaded titles will be deleted: Meridian, Harbour and Kite."},
		{"too many to name", nil, []string{"A", "B", "C", "D", "E"}, "5 downloaded titles will be deleted: A, B, C and 2 more."},
	} {
		t.Run(c.name, func(t *testing.T) {
			plan := session.SignOutPlan{InProgress: c.inProgress, Downloaded: c.downloaded}
			assert.Equal(t, c.want, msgDownloadsLost(plan))
		})
	}
}
