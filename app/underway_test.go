package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// underWay is a change a person confirms, pressed on, and then Back, Home and Back
// again mashed before the service has answered.
type underWay struct {
	name string
	// begin opens the screen and focuses where the last press sends the change.
	begin func(t *testing.T, h household) *App
	// then checks the app once the change is done.
	then func(t *testing.T, h household, a *App)
}

func underWays() []underWay {
	return []underWay{
		{name: "signing this device out", begin: func(t *testing.T, h household) *App {
			a := appOn(t, h)
			press(t, a, "menu/settings", "signout")
			require.True(t, a.View().Focus("confirm"))
			return a
		}, then: func(t *testing.T, h household, a *App) {
			assert.Equal(t, "signin", a.Screen().Name())
			assert.True(t, shows(a, "You signed out of Ana on this device."), "the dialog says how its sign-out went: %q", allLabels(a))
		}},
		{name: "deleting a profile", begin: func(t *testing.T, h household) *App {
			a := NewTenfoot(testOptions, h.device)
			t.Cleanup(a.Close)
			press(t, a, "manage")
			pressProfile(t, a, "Ben")
			press(t, a, "delete")
			require.True(t, a.View().Focus("confirm"))
			return a
		}, then: func(t *testing.T, h household, a *App) {
			assert.Equal(t, "profiles", a.Screen().Name(), "Ben's editor is not left open")
			assert.False(t, shows(a, "Ben"))
		}},
		{name: "signing another device out", begin: func(t *testing.T, h household) *App {
			stick := otherDevice(t, h, "Kitchen Stick", session.DeviceKindStick)
			a := appOn(t, h)
			press(t, a, "menu/settings", "account", "device/"+stick.Info().ID.String())
			require.True(t, a.View().Focus("confirm"))
			return a
		}, then: func(t *testing.T, h household, a *App) {
			a.Settle() // the list read again
			assert.Equal(t, "account", a.Screen().Name())
			assert.False(t, shows(a, "Kitchen Stick"), "the list no longer has it: %q", allLabels(a))
			require.NotNil(t, a.Toast())
			assert.Contains(t, a.Toast().Label, "Kitchen Stick")
		}},
		{name: "signing in with email", begin: func(t *testing.T, h household) *App {
			a := appOn(t, h)
			press(t, a, "menu/settings", "signout", "confirm", "email")
			typeText(t, a, demo.AnaEmail)
			press(t, a, "kb/"+ui.KeyDone)
			typeText(t, a, demo.AnaPassword)
			require.True(t, a.View().Focus("kb/"+ui.KeyDone))
			return a
		}, then: func(t *testing.T, h household, a *App) {
			assert.True(t, isSignedIn(h.device))
			assert.Equal(t, "profiles", a.Screen().Name(), "signed in, so on to Who's watching")
		}},
		{name: "signing out of all devices", begin: func(t *testing.T, h household) *App {
			a := appOn(t, h)
			press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
			typePIN(t, a, "123")
			require.True(t, a.View().Focus("pin/4"))
			return a
		}, then: func(t *testing.T, h household, a *App) {
			assert.Equal(t, "signout-all", a.Screen().Name(), "the devices are listed as they sign out")
			assert.True(t, shows(a, "This device"), "%q", allLabels(a))
			assert.False(t, isSignedIn(h.device))
		}},
	}
}

// TestBackWaitsForAChangeUnderWay mashes Back and Home the moment a change is
// confirmed: the change is sent and cannot be taken back, so the screen stays until
// it is done and then goes where the change leads, as if nothing had been pressed.
// Before, Back closed the screen and the change's outcome was dropped: a dialog
// gone as if cancelled while the TV signed out, a deleted profile's editor left
// open, a TV signed in yet stuck on the sign-in screen.
func TestBackWaitsForAChangeUnderWay(t *testing.T) {
	for _, c := range underWays() {
		t.Run(c.name, func(t *testing.T) {
			h := newHousehold(t)
			a := c.begin(t, h)
			screen := a.Screen().Name()
			for _, act := range []input.Action{ok, back, home, back} {
				a.Press(act) // all before the service answers
			}
			assert.Equal(t, screen, a.Screen().Name(), "Back waits while the change is under way")
			a.Settle()
			a.Update(0, input.Pointer{})
			c.then(t, h, a)
			assert.False(t, a.committing(), "nothing is under way once it is done: Back works again")
		})
	}
}

// TestSignedOutElsewhereWhileSigningOut opens the sign-out dialog and the sign-out
// of all devices, and signs the TV out from the phone meanwhile: there is no longer
// anything to sign out, so the TV goes to the sign-in screen, as from any screen of
// the account. Before, the dialog stayed, naming the account and its downloads, now
// gone; its Sign out only said something had changed, and Cancel led back to the
// account's Settings on a signed-out TV.
func TestSignedOutElsewhereWhileSigningOut(t *testing.T) {
	for _, open := range [][]string{{"menu/settings", "signout"}, {"menu/settings", "account", "signout-all"}} {
		t.Run(open[len(open)-1], func(t *testing.T) {
			h := newHousehold(t)
			phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
			a := appOn(t, h)
			waitForListening(t, a, phone, h)
			press(t, a, open...)
			a.Settle()
			require.Equal(t, open[len(open)-1], a.Screen().Name())

			_, err := phone.SignOutDevice(t.Context(), h.device.Info().ID)
			require.NoError(t, err)
			waitFor(t, a, "the TV shows the sign-in screen", func() bool { return a.Screen().Name() == "signin" })
			assert.True(t, shows(a, "This device was signed out. Sign in to continue."))
			assert.Len(t, a.stack, 1, "nothing of the account is left under it")
		})
	}
}

// TestSignOutPressedAfterSignedOutElsewhere presses Sign out in the dialog after
// the TV was signed out from the phone but before the app has shown it: the dialog
// ends on the sign-in screen, not in a dialog for an account that is gone.
func TestSignOutPressedAfterSignedOutElsewhere(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	waitForListening(t, a, phone, h)
	press(t, a, "menu/settings", "signout")

	_, err := phone.SignOutDevice(t.Context(), h.device.Info().ID)
	require.NoError(t, err)
	// The device hears it; the app, not updated, does not yet.
	require.Eventually(t, func() bool { return !isSignedIn(h.device) }, 5*time.Second, time.Millisecond,
		"the device never heard it was signed out")
	press(t, a, "confirm")
	a.Settle()
	a.Update(0, input.Pointer{})
	assert.Equal(t, "signin", a.Screen().Name(), "%q", allLabels(a))
	assert.Len(t, a.stack, 1)
	assert.False(t, strings.Contains(strings.Join(allLabels(a), " "), "Ana"), "the account is named nowhere")
}

// waitForListening runs the app until the service counts the TV online, listening
// for its sign-out.
func waitForListening(t *testing.T, a *App, phone *session.Device, h household) {
	t.Helper()
	waitFor(t, a, "the TV listens", func() bool {
		devices, _ := phone.Devices(context.Background())
		for _, d := range devices {
			if d.ID == h.device.Info().ID && d.Online {
				return true
			}
		}
		return false
	})
}
