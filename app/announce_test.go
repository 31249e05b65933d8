package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
	"tenfoot/session"
)

// heard returns what a screen reader says after keys are pressed: each press is
// followed by a host's call to Announce, as the browser and -announce make.
func heard(a *App, keys ...string) []string {
	var said []string
	for _, k := range keys {
		if a.View().Focus(k) {
			if s := a.Announce(); s != "" {
				said = append(said, s)
			}
		}
		pressKeys(a, ok)
		if s := a.Announce(); s != "" {
			said = append(said, s)
		}
	}
	return said
}

// Someone who cannot see the sign-out dialog hears all that a sighted person reads
// on it: whose account, which profiles, what is lost, and then where focus is. The
// second sign-out, after signing in again, is heard the same.
func TestSignOutDialogIsHeardInFull(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for round := 1; round <= 2; round++ {
		said := heard(a, "menu/settings", "signout")
		require.Equal(t, "signout", a.Screen().Name())
		lost := "2 downloads in progress will be cancelled. 3 downloaded titles will be deleted."
		if round == 2 {
			lost = "Nothing downloaded on this device will be lost." // the downloads went with the first sign-out
		}
		assert.Equal(t, "Sign out of Ana (a•••@example.com)? Profiles on this TV: Ana, Ben, Kids and Grandpa. "+
			lost+" Cancel", said[len(said)-1], "round %d: the question, the profiles, what is lost, then Cancel", round)

		said = heard(a, "confirm")
		assert.Equal(t, "Sign in to tenfoot. You signed out of Ana on this device. Sign in with your phone", said[len(said)-1],
			"round %d: the sign-in screen says why it is there", round)
		signInAsAna(t, a)
	}
}

// A wrong PIN is heard, each time it is typed, not only seen.
func TestWrongPINIsHeard(t *testing.T) {
	a := newTestApp(t)
	grandpa := profileNamed(t, a.Env().Device, "Grandpa")
	said := heard(a, "profile/"+grandpa.ID.String())
	assert.Equal(t, "Enter the PIN for Grandpa. PIN, 0 of 4 digits. 1", said[len(said)-1],
		"the question, how much is typed, then the first key")
	for round := 1; round <= 2; round++ {
		said = heard(a, "pin/9", "pin/9", "pin/9", "pin/9")
		assert.Equal(t, "That PIN is not right."+" PIN, 0 of 4 digits", said[len(said)-1], "round %d: the error first", round)
	}
	said = heard(a, "pin/1", "pin/2", "pin/3", "pin/4")
	assert.Equal(t, "home", a.Screen().Name())
}

// Someone signed out from another device hears why the TV went back to the sign-in
// screen, the first time and again after signing in and being signed out again.
func TestSignedOutFromElsewhereIsHeard(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	for round := 1; round <= 2; round++ {
		a.Announce()
		_, err := phone.SignOutDevice(context.Background(), h.device.Info().ID)
		require.NoError(t, err)
		waitFor(t, a, "the TV hears it was signed out", func() bool { return a.Screen().Name() == "signin" })
		assert.Equal(t, "Sign in to tenfoot. "+"This device was signed out. Sign in to continue."+" Sign in with your phone", a.Announce(), "round %d", round)
		signInAsAna(t, a)
	}
}

// Each row of Home is named as focus enters it, and only then: moving along a row
// says the title alone.
func TestHomeRowsAreNamedAsFocusEntersThem(t *testing.T) {
	a := newTestApp(t)
	for round := 1; round <= 2; round++ {
		a.Announce()
		pressKeys(a, ok) // Ana
		assert.Equal(t, "Home. Continue watching, row: Summit", a.Announce(), "round %d", round)
		pressKeys(a, right)
		assert.Equal(t, "Meridian", a.Announce())
		pressKeys(a, down)
		assert.Equal(t, "Downloads, row: The Long Tide", a.Announce())
		pressKeys(a, up)
		assert.Equal(t, "Continue watching, row: Meridian", a.Announce())
		pressKeys(a, input.ActionMenu, ok) // Switch profile
		require.Equal(t, "profiles", a.Screen().Name())
	}
}

// The six picture swatches of a profile all show its initial; each is heard by its
// picture, and Who's watching says what the note under a picture says.
func TestPictureSwatchesHaveTheirOwnNames(t *testing.T) {
	a := newTestApp(t)
	said := heard(a, "manage", "profile/"+profileNamed(t, a.Env().Device, "Ben").ID.String())
	require.Equal(t, "edit-profile", a.Screen().Name())
	assert.Contains(t, said[len(said)-1], "Edit profile, Ben.")
	var names []string
	for _, pic := range []string{"fox", "owl", "bear", "whale", "cat", "robot"} {
		require.True(t, a.View().Focus("avatar/"+pic))
		names = append(names, a.Announce())
	}
	assert.Equal(t, []string{"Picture: fox", "Picture: owl", "Picture: bear", "Picture: whale", "Picture: cat", "Picture: robot"}, names)

	pressKeys(a, back)
	assert.Contains(t, a.Announce(), "Manage profiles.")
	require.True(t, a.View().Focus("profile/"+profileNamed(t, a.Env().Device, "Grandpa").ID.String()))
	assert.Equal(t, "Grandpa, locked with a PIN", a.Announce())
	require.True(t, a.View().Focus("profile/"+profileNamed(t, a.Env().Device, "Kids").ID.String()))
	assert.Equal(t, "Kids, Kids profile", a.Announce())
}
