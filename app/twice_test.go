package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
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
