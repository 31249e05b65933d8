package screens

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
	"tenfoot/ui"
)

const (
	up    = input.ActionUp
	down  = input.ActionDown
	left  = input.ActionLeft
	right = input.ActionRight
	ok    = input.ActionOK
	back  = input.ActionBack
	home  = input.ActionHome
)

var testOptions = Options{CanExit: true, Version: "test", DeviceName: "Living Room TV"}

func newTestApp() *App { return NewTenfoot(testOptions) }

func pressKeys(a *App, actions ...input.Action) {
	for _, act := range actions {
		a.Press(act)
	}
}

// focused returns the screen name and focused label, which is what a person sees.
func focused(t *testing.T, a *App) (screen, label string) {
	t.Helper()
	n := a.Focused()
	require.NotNil(t, n, "nothing focused on %s", a.Screen().Name())
	return a.Screen().Name(), n.Label
}

func TestHomeStartsOnFirstTile(t *testing.T) {
	a := newTestApp()
	screen, label := focused(t, a)
	assert.Equal(t, "home", screen)
	assert.Equal(t, "The Long Tide", label)
}

func TestHomeFocusMoves(t *testing.T) {
	tests := []struct {
		name   string
		keys   []input.Action
		screen string
		label  string
	}{
		{"right along the row", []input.Action{right, right}, "home", "Night Kitchen"},
		{"down to the tile below", []input.Action{right, down}, "home", "Summit"},
		{"up again", []input.Action{right, down, up}, "home", "Orbit of Small Things"},
		{"left from the first tile to the menu", []input.Action{left}, "home", "Home"},
		{"down the menu", []input.Action{left, down}, "home", "Settings"},
		{"right from the menu returns to the tile it left", []input.Action{right, right, left, left, left, right}, "home", "The Long Tide"},
		{"row remembers its tile", []input.Action{right, right, right, down, up}, "home", "North Ridge"},
		{"up at the top stays", []input.Action{up, up}, "home", "The Long Tide"},
		{"right at the end of a row stays", repeat(right, 20), "home", "Harbour Lights"},
		{"OK opens the title", []input.Action{right, ok}, "details", "Play"},
		{"Back returns to the same tile", []input.Action{right, right, ok, back}, "home", "Night Kitchen"},
		{"settings", []input.Action{left, down, ok}, "settings", "Done"},
		{"settings Done returns to the menu", []input.Action{left, down, ok, ok}, "home", "Settings"},
		{"Home key from deep inside", []input.Action{right, ok, ok, home}, "home", "Orbit of Small Things"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newTestApp()
			pressKeys(a, tt.keys...)
			screen, label := focused(t, a)
			assert.Equal(t, tt.screen, screen)
			assert.Equal(t, tt.label, label)
		})
	}
}

func repeat(a input.Action, n int) []input.Action {
	out := make([]input.Action, n)
	for i := range out {
		out[i] = a
	}
	return out
}

func TestExitDialog(t *testing.T) {
	a := newTestApp()
	pressKeys(a, right, back)
	screen, label := focused(t, a)
	assert.Equal(t, "exit", screen)
	assert.Equal(t, "Cancel", label, "Cancel has focus first")
	assert.Len(t, a.Layers(nil), 2, "home stays visible under the dialog")

	pressKeys(a, back)
	screen, label = focused(t, a)
	assert.Equal(t, "home", screen, "Back closes the dialog")
	assert.Equal(t, "Orbit of Small Things", label, "focus returns where it was")

	pressKeys(a, back, left, left, up, up)
	_, label = focused(t, a)
	assert.Equal(t, "Cancel", label, "the dialog traps focus")
	pressKeys(a, right)
	assert.False(t, a.Exited())
	pressKeys(a, ok)
	assert.True(t, a.Exited())
}

func TestNoExitWhereTheAppCannotBeLeft(t *testing.T) {
	a := NewTenfoot(Options{CanExit: false})
	pressKeys(a, back, back)
	screen, label := focused(t, a)
	assert.Equal(t, "home", screen)
	assert.Equal(t, "The Long Tide", label)
	assert.False(t, a.Exited())
}

func TestRowScrollsToKeepFocusInView(t *testing.T) {
	a := newTestApp()
	row := a.View().Root().Find("row/popular")
	require.NotNil(t, row)
	pressKeys(a, right, right)
	settle(a)
	assert.Zero(t, row.ScrollX, "moving within the visible tiles keeps the row still")

	pressKeys(a, repeat(right, 7)...)
	settle(a)
	f := a.Focused().ScreenRect()
	assert.Positive(t, row.ScrollX)
	assert.LessOrEqual(t, f.MaxX(), row.Rect.MaxX(), "the last tile is fully in view")

	pressKeys(a, repeat(left, 7)...)
	settle(a)
	assert.Zero(t, row.ScrollX, "back at the first tile the row is home again")
}

func settle(a *App) {
	for i := 0; i < 120; i++ {
		a.Update(0, input.Pointer{})
	}
}

func TestHeldKeyRepeatsThroughUpdate(t *testing.T) {
	a := newTestApp()
	held := input.HeldSet(0).Add(right)
	for i := 0; i < input.RepeatDelay; i++ {
		a.Update(held, input.Pointer{})
	}
	_, label := focused(t, a)
	assert.Equal(t, "Orbit of Small Things", label, "one press until the repeat delay")
	for i := 0; i < 30; i++ {
		a.Update(held, input.Pointer{})
	}
	_, label = focused(t, a)
	assert.Equal(t, "Atlas of Rain", label, "then it repeats: presses at ticks 1, 25, 34, 42 and 50")
}

func TestHeldOKDoesNotRunIntoTheNextScreen(t *testing.T) {
	a := newTestApp()
	held := input.HeldSet(0).Add(ok)
	for i := 0; i < 200; i++ {
		a.Update(held, input.Pointer{})
	}
	screen, label := focused(t, a)
	assert.Equal(t, "details", screen)
	assert.Equal(t, "Play", label, "holding OK opened the title once and did not press Play")
}

func TestPointerHoverAndClick(t *testing.T) {
	a := newTestApp()
	settings := a.View().Root().Find("menu/settings").ScreenRect()
	a.Update(0, input.Pointer{X: settings.CenterX(), Y: settings.CenterY(), Moved: true})
	_, label := focused(t, a)
	assert.Equal(t, "Settings", label, "hover focuses")

	pressKeys(a, up)
	_, label = focused(t, a)
	assert.Equal(t, "Home", label, "arrows continue from the hovered item")

	a.Update(0, input.Pointer{X: settings.CenterX(), Y: settings.CenterY(), Moved: true, Clicked: true})
	assert.Equal(t, "settings", a.Screen().Name(), "click is OK")

	a.Update(0, input.Pointer{X: 5, Y: 5, Clicked: true})
	assert.Equal(t, "settings", a.Screen().Name(), "a click on nothing does nothing")
}

func TestPlayerPlaysAndPauses(t *testing.T) {
	a := newTestApp()
	pressKeys(a, ok, ok)
	require.Equal(t, "player", a.Screen().Name())
	p := a.Screen().(*Player)
	for i := 0; i < 3*ticksPerSecond; i++ {
		a.Update(0, input.Pointer{})
	}
	assert.True(t, p.Playing())
	assert.Contains(t, labels(a.View().Root()), "0:00:03 / 1:58:00")

	pressKeys(a, ok)
	assert.False(t, p.Playing())
	assert.Equal(t, "Play", a.Focused().Label)
	for i := 0; i < 2*ticksPerSecond; i++ {
		a.Update(0, input.Pointer{})
	}
	assert.Contains(t, labels(a.View().Root()), "0:00:03 / 1:58:00", "paused stays put")
	pressKeys(a, back)
	assert.Equal(t, "details", a.Screen().Name())
}

func TestMoreLikeThisReplacesDetails(t *testing.T) {
	a := newTestApp()
	pressKeys(a, ok, down, ok)
	assert.Equal(t, "details", a.Screen().Name())
	assert.Contains(t, labels(a.View().Root()), "The Quiet Year", "another drama")
	pressKeys(a, back)
	assert.Equal(t, "home", a.Screen().Name(), "Back goes home, not through every title seen")
}

func labels(n *ui.Node) []string {
	out := []string{n.Label}
	for _, c := range n.Children {
		out = append(out, labels(c)...)
	}
	return out
}

func TestFocusRememberedAcrossPopAndPush(t *testing.T) {
	a := newTestApp()
	pressKeys(a, left, down, ok) // Settings
	require.Equal(t, "settings", a.Screen().Name())
	pressKeys(a, back, right, right, ok, down, right, right) // a title's "More like this"
	_, label := focused(t, a)
	pressKeys(a, back, ok) // back home, and the same title again
	screen, again := focused(t, a)
	assert.Equal(t, "details", screen)
	assert.Equal(t, label, again, "the title's page comes back focused where it was left")

	pressKeys(a, back, left, left, left)
	_, label = focused(t, a)
	assert.Equal(t, "Settings", label, "the menu remembers its item across the pushes")
}

func TestWheelMovesThroughRows(t *testing.T) {
	a := newTestApp()
	a.Update(0, input.Pointer{WheelY: 1})
	_, label := focused(t, a)
	assert.Equal(t, "Lantern Street", label, "one notch down")
	a.Update(0, input.Pointer{WheelY: 0.5})
	a.Update(0, input.Pointer{WheelY: -0.4})
	_, label = focused(t, a)
	assert.Equal(t, "Lantern Street", label, "part notches do nothing")
	a.Update(0, input.Pointer{}) // the wheel rests
	a.Update(0, input.Pointer{WheelY: -1})
	_, label = focused(t, a)
	assert.Equal(t, "The Long Tide", label)
}
