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
