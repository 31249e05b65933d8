package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/ui"
)

// The scenarios in this file check the promises a confirmation makes, on every use
// and not only the first: each flow runs twice, since what the first use leaves
// behind is where the worst bugs hid.

// signInAsAna signs Ana in again on the sign-in screen with the on-screen keyboard,
// and opens her profile.
func signInAsAna(t *testing.T, a *App) {
	t.Helper()
	require.Equal(t, "signin", a.Screen().Name())
	press(t, a, "email")
	typeText(t, a, demo.AnaEmail)
	press(t, a, "kb/"+ui.KeyDone)
	typeText(t, a, demo.AnaPassword)
	press(t, a, "kb/"+ui.KeyDone)
	require.Equal(t, "profiles", a.Screen().Name())
	press(t, a, "profile/"+a.Env().Device.Profiles()[0].ID.String())
	require.Equal(t, "home", a.Screen().Name())
}

// focusedLabel returns the label of what has focus.
func focusedLabel(t *testing.T, a *App) string {
	t.Helper()
	_, label := focused(t, a)
	return label
}

func TestSignOutDialogOpensOnCancelEveryTime(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for range 2 {
		press(t, a, "menu/settings")
		require.Equal(t, "settings", a.Screen().Name())
		assert.Equal(t, "Switch profile", focusedLabel(t, a), "Settings opens on its first entry, not on Sign out")
		pressKeys(a, down, down, ok)
		require.Equal(t, "signout", a.Screen().Name())
		assert.Equal(t, "Cancel", focusedLabel(t, a))

		pressKeys(a, right, back) // changed their mind on Sign out
		require.Equal(t, "settings", a.Screen().Name())
		pressKeys(a, ok)
		assert.Equal(t, "Cancel", focusedLabel(t, a), "opened again, it is on Cancel, not where it was left")

		pressKeys(a, right, ok)
		require.Equal(t, "signin", a.Screen().Name())
		assert.False(t, isSignedIn(h.device))
		assert.Equal(t, "Sign in with your phone", focusedLabel(t, a))
		signInAsAna(t, a)
	}
}

func TestProfileMenuNeverOpensOnSignOut(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for range 2 {
		press(t, a, "profile") // the picture, upper right
		require.Equal(t, "profile-menu", a.Screen().Name())
		assert.Equal(t, "Switch profile", focusedLabel(t, a))
		pressKeys(a, down, down, ok, right, ok) // Sign out, then Sign out
		require.Equal(t, "signin", a.Screen().Name())
		signInAsAna(t, a)

		// A person who has learnt that the menu sat on Sign out presses on.
		press(t, a, "profile")
		assert.Equal(t, "Switch profile", focusedLabel(t, a))
		pressKeys(a, ok, ok)
		assert.True(t, isSignedIn(h.device), "Avatar, OK, OK, OK does not sign out")
		assert.Equal(t, "home", a.Screen().Name(), "it switched to the profile already focused")
	}
}

func TestDeleteProfileDialogOpensOnCancelEveryTime(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "manage")
	for _, name := range []string{"Ben", "Kids"} {
		p, before := profileNamed(t, h.device, name), len(h.device.Profiles())
		press(t, a, "profile/"+p.ID.String(), "delete")
		require.Equal(t, "delete-profile", a.Screen().Name())
		assert.Equal(t, "Cancel", focusedLabel(t, a))
		pressKeys(a, right, back)
		require.Equal(t, "edit-profile", a.Screen().Name())
		press(t, a, "delete")
		assert.Equal(t, "Cancel", focusedLabel(t, a), "opened again, it is on Cancel")
		pressKeys(a, ok)
		assert.Len(t, h.device.Profiles(), before, "Cancel deletes nothing")

		press(t, a, "delete")
		pressKeys(a, right, ok)
		require.Equal(t, "profiles", a.Screen().Name())
		assert.False(t, shows(a, name), "%s's profile is gone", name)
	}
	assert.Len(t, h.device.Profiles(), 2)
}

// TestFormsOpenWhereTheyStart leaves each form with focus moved elsewhere and opens
// it again: it opens where it starts, never where the last visit left focus. The
// profile editor left on Delete opened the next profile's editor on Delete; the
// language menu opened on a language not in use, which OK would then choose; the
// email sign-in lost its one-press offer of the last email.
func TestFormsOpenWhereTheyStart(t *testing.T) {
	t.Run("profile editor", func(t *testing.T) {
		a := newTestApp(t)
		press(t, a, "manage")
		for _, name := range []string{"Ben", "Kids", "Ben"} {
			pressProfile(t, a, name)
			require.Equal(t, "edit-profile", a.Screen().Name())
			assert.Equal(t, "q", focusedLabel(t, a), "%s's editor opens on the keyboard", name)
			require.True(t, a.View().Focus("delete"))
			pressKeys(a, back)
		}
	})
	t.Run("new profile", func(t *testing.T) {
		a := newTestApp(t)
		for range 2 {
			press(t, a, "add")
			assert.Equal(t, "Q", focusedLabel(t, a), "ready to type the name")
			press(t, a, "cancel")
		}
	})
	t.Run("language", func(t *testing.T) {
		a := newHomeApp(t)
		press(t, a, "menu/settings")
		for range 2 {
			press(t, a, "language")
			assert.Equal(t, "English", focusedLabel(t, a), "opens on the language in use")
			require.True(t, a.View().Focus("lang/de"))
			pressKeys(a, back)
		}
	})
	t.Run("sign in with email", func(t *testing.T) {
		h := newHousehold(t)
		a := appOn(t, h)
		press(t, a, "menu/settings", "signout", "confirm")
		signInAsAna(t, a)
		press(t, a, "menu/settings", "signout", "confirm")
		for range 2 {
			press(t, a, "email")
			assert.Equal(t, demo.AnaEmail, focusedLabel(t, a), "the last email is one press away")
			press(t, a, "kb/x")
			pressKeys(a, back)
		}
	})
}
