package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
)

// playFor runs the player for seconds, as time passes while a title plays.
func playFor(a *App, seconds int) {
	for range seconds * ticksPerSecond {
		a.Update(0, input.Pointer{})
	}
}

// shareWatched returns how far Continue watching shows the title id, or -1 when the
// row does not have it.
func shareWatched(a *App, id string) float64 {
	if n := a.View().Root().Find("title/continue/" + id); n != nil {
		return n.Value
	}
	return -1
}

// A title played from Continue watching goes on from where it was left, the first
// time and the second, and comes back to the row further on: it used to start again
// at 0:00:00, and Back then put the row's progress back to nothing.
func TestPlayerResumesWhereContinueWatchingLeftIt(t *testing.T) {
	a := newHomeApp(t)
	before := shareWatched(a, "summit")
	require.Greater(t, before, 0.3, "the demo has Summit a third watched")
	for round := 1; round <= 2; round++ {
		press(t, a, "title/continue/summit", "play")
		require.Equal(t, "player", a.Screen().Name())
		assert.NotContains(t, labels(a.View().Root()), "0:00:00 / 1:55:00", "round %d: it does not start over", round)
		playFor(a, 2)
		pressKeys(a, back, back)
		require.Equal(t, "home", a.Screen().Name())
		after := shareWatched(a, "summit")
		assert.Greater(t, after, before, "round %d: Summit is further on, not back at the start", round)
		before = after
	}
}

// Home on the remote while a title plays keeps the place in it, as Back does:
// Continue watching has the title, and has it further on the second time.
func TestHomeKeyInThePlayerKeepsThePlace(t *testing.T) {
	a := newHomeApp(t)
	before := 0.0
	for round := 1; round <= 2; round++ {
		press(t, a, "title/popular/tide", "play")
		require.Equal(t, "player", a.Screen().Name())
		playFor(a, 3)
		pressKeys(a, home)
		require.Equal(t, "home", a.Screen().Name())
		after := shareWatched(a, "tide")
		assert.Greater(t, after, before, "round %d: The Long Tide is in Continue watching, further on", round)
		before = after
	}
}
