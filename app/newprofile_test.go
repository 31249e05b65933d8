package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
)

// A profile added to the household has watched nothing: its Home has no Continue
// watching, whatever the others watched, while the demo household's own profiles
// keep theirs. A profile of the same name added again, after the first was deleted,
// starts as empty as the first did.
func TestNewProfileStartsEmpty(t *testing.T) {
	a := newTestApp(t)
	for round := 1; round <= 2; round++ {
		press(t, a, "add")
		typeText(t, a, "leo")
		press(t, a, "save")
		require.Equal(t, "profiles", a.Screen().Name())
		pressProfile(t, a, "Leo")
		require.Equal(t, "home", a.Screen().Name())
		assert.Empty(t, continueWatching(a), "round %d: Leo has watched nothing", round)
		_, label := focused(t, a)
		assert.Equal(t, "The Long Tide", label, "round %d: Home starts on the first title of the catalog", round)

		// What Leo watches is Leo's.
		press(t, a, "title/popular/tide", "play")
		require.Equal(t, "player", a.Screen().Name())
		for range ticksPerSecond {
			a.Update(0, input.Pointer{})
		}
		pressKeys(a, back, back)
		require.Equal(t, "home", a.Screen().Name())
		assert.Equal(t, []string{"The Long Tide"}, continueWatching(a), "round %d", round)

		// Ana's history is as the demo seeded it, and has nothing of Leo's.
		press(t, a, "profile", "switch")
		pressProfile(t, a, "Ana")
		require.Equal(t, "home", a.Screen().Name())
		assert.Equal(t, []string{"Summit", "Meridian"}, continueWatching(a), "round %d", round)

		// Leo goes, to come back new in the next round.
		press(t, a, "profile", "switch", "manage")
		pressProfile(t, a, "Leo")
		press(t, a, "delete")
		pressKeys(a, right, ok)
		require.Equal(t, "profiles", a.Screen().Name())
		press(t, a, "manage")
	}
}

// A Save that fails leaves focus on Save, where the person presses again once they
// have put right what was wrong, not on Cancel beside it, whose OK throws the new
// profile away.
func TestFailedSaveLeavesFocusOnSave(t *testing.T) {
	a := newTestApp(t)
	press(t, a, "add")
	require.Equal(t, "edit-profile", a.Screen().Name())
	press(t, a, "avatar/cat", "save") // no name yet: the service refuses it
	for try := 1; try <= 2; try++ {
		require.Equal(t, "edit-profile", a.Screen().Name(), "try %d", try)
		assert.True(t, shows(a, "Type a name for the profile."), "try %d: says why", try)
		assert.Equal(t, "save", a.View().FocusedKey(), "try %d: focus is back on Save", try)
		pressKeys(a, ok) // the person presses again
	}
	require.Equal(t, "edit-profile", a.Screen().Name(), "OK on Save did not cancel the new profile")
	assert.True(t, a.View().Root().Find("avatar/cat").Selected, "the picture chosen is kept")

	typeText(t, a, "leo")
	press(t, a, "save")
	require.Equal(t, "profiles", a.Screen().Name())
	assert.True(t, shows(a, "Leo"), "saved once the name was given")
}

// continueWatching returns the titles of Home's Continue watching row, or nil when
// there is none.
func continueWatching(a *App) []string {
	var out []string
	if row := a.View().Root().Find("row/continue"); row != nil {
		for _, c := range row.Children {
			out = append(out, c.Label)
		}
	}
	return out
}
