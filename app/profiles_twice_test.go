package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
)

// deleteProfile deletes the profile called name from Manage profiles, after its PIN
// when it has one, and confirms.
func deleteProfile(t *testing.T, a *App, name, pin string) {
	t.Helper()
	pressProfile(t, a, name)
	if pin != "" {
		typePIN(t, a, pin)
	}
	press(t, a, "delete", "confirm")
	require.Equal(t, "profiles", a.Screen().Name(), "%s deleted", name)
}

// An account keeps at least one profile, so the last one's editor offers no Delete:
// it used to, and the confirmation then said "Something went wrong: session:
// invalid request: an account keeps at least one profile". Once there are two again,
// each has its Delete back; down to one again, it goes again.
func TestTheLastProfileOffersNoDelete(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "manage")
	deleteProfile(t, a, "Ben", "")
	deleteProfile(t, a, "Kids", "")
	deleteProfile(t, a, "Grandpa", demo.GrandpaPIN)
	for round := 1; round <= 2; round++ {
		pressProfile(t, a, "Ana")
		require.Equal(t, "edit-profile", a.Screen().Name())
		assert.False(t, has(a, "delete"), "round %d: the last profile cannot be deleted", round)
		press(t, a, "cancel")

		press(t, a, "manage") // Done
		press(t, a, "add")
		typeText(t, a, "leo")
		press(t, a, "save")
		press(t, a, "manage")
		pressProfile(t, a, "Ana")
		assert.True(t, has(a, "delete"), "round %d: with Leo, Ana can be deleted", round)
		press(t, a, "cancel")
		deleteProfile(t, a, "Leo", "")
	}
}

// Whoever makes the profile watching a kids profile in Manage profiles stays in
// Manage profiles, with its Done, and goes back to that profile as a kids profile
// now: only titles for kids. Twice, with Ana and then Ben.
func TestMakingTheProfileWatchingAKidsProfileStaysInManageProfiles(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for round, who := range []string{"Ana", "Ben"} {
		if round > 0 {
			press(t, a, "menu/settings", "switch")
			pressProfile(t, a, who)
		}
		press(t, a, "menu/settings", "switch", "manage")
		pressProfile(t, a, who)
		press(t, a, "kids", "save")
		require.Equal(t, "profiles", a.Screen().Name())
		assert.True(t, shows(a, "Choose a profile to edit it."), "round %d: still managing profiles", round)
		assert.True(t, has(a, "manage"), "round %d: with Done", round)
		press(t, a, "manage")
		pressKeys(a, back)
		require.Equal(t, "home", a.Screen().Name(), "round %d: back to %s", round, who)
		assert.Equal(t, who, a.Env().Profile.Name)
		assert.False(t, shows(a, "Circuit Breaker"), "round %d: %s is a kids profile now", round, who)
	}
}

// A new profile saved once another device took the account's last place, or with no
// name, says why in the viewer's words, in every language, the first time and the
// second: it said "Something went wrong: session: an account has at most 5
// profiles", or "…: session: invalid request: profile name is empty", in English
// inside a German, Arabic or Japanese sentence.
func TestANewProfileRefusedSaysWhyInWords(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(l.Tag(), func(t *testing.T) {
			a, h := appIn(t, l)
			empty, full := a.Env().Say("profileNameEmpty"), a.Env().Say("tooManyProfiles")
			press(t, a, "add", "save") // no name
			for try := 1; try <= 2; try++ {
				require.Equal(t, "edit-profile", a.Screen().Name())
				assert.False(t, shows(a, "session:"), "try %d: the empty name is said in words", try)
				assert.True(t, shows(a, empty), "try %d", try)
				assert.Equal(t, "save", a.View().FocusedKey(), "try %d", try)
				pressKeys(a, ok)
			}

			phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
			require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: session.Profile{Name: "Mia", Avatar: "cat"}}))
			typeKeys(t, a, typed("Leo")) // on a keyboard: the on-screen one has the language's letters
			for try := 1; try <= 2; try++ {
				press(t, a, "save")
				require.Equal(t, "edit-profile", a.Screen().Name())
				assert.False(t, shows(a, "session:"), "try %d: a full account is said in words", try)
				assert.True(t, shows(a, full), "try %d", try)
			}
		})
	}
}

// A profile deleted in Manage profiles leaves focus on the profile that takes its
// place, as anything that vanishes from under the focus does, not on the first
// profile nor on the one watching: Ben's place goes to Kids, and Kids' to Grandpa;
// the last one's to Add profile, which moves into it. It used to open on Ana, at
// the start of the row, each time.
func TestDeletingAProfileLeavesFocusOnTheOneInItsPlace(t *testing.T) {
	tests := []struct {
		name  string
		begin func(t *testing.T, h household) *App
	}{
		{"at the start", func(t *testing.T, h household) *App {
			a := NewTenfoot(testOptions, h.device)
			t.Cleanup(a.Close)
			press(t, a, "manage")
			return a
		}},
		{"while Ana watches", func(t *testing.T, h household) *App {
			a := appOn(t, h)
			press(t, a, "menu/settings", "switch", "manage")
			return a
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.begin(t, newHousehold(t))
			for _, step := range []struct{ gone, pin, next string }{
				{"Ben", "", "Kids"}, {"Kids", "", "Grandpa"}, {"Grandpa", demo.GrandpaPIN, "Add profile"},
			} {
				deleteProfile(t, a, step.gone, step.pin)
				assert.True(t, shows(a, "Choose a profile to edit it."), "still managing profiles")
				assert.Equal(t, step.next, focusedLabel(t, a), "%s deleted", step.gone)
			}
		})
	}
}
