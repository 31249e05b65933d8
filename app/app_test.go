package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/session"
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

var testOptions = Options{Catalog: demo.Catalog, CanExit: true, Version: "test"}

// household is the demo household on real files, with this device signed in to Ana's
// account, as on first start.
type household struct {
	svc    *session.Embedded
	device *session.Device
}

// testCost keeps bcrypt fast in tests; the cost does not change behaviour.
const testCost = 4

func newHousehold(t *testing.T) household {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{
		Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV},
	})
	require.NoError(t, err)
	return household{svc, dev}
}

// newTestApp starts the app on the demo household: Who's watching.
func newTestApp(t *testing.T) *App {
	t.Helper()
	a := NewTenfoot(testOptions, newHousehold(t).device)
	t.Cleanup(a.Close)
	return a
}

// newHomeApp starts the app and opens Ana's profile, the first.
func newHomeApp(t *testing.T) *App {
	t.Helper()
	a := newTestApp(t)
	pressKeys(a, ok)
	require.Equal(t, "home", a.Screen().Name())
	return a
}

// pressKeys presses each action, letting the work it starts finish before the next,
// as a person waits to see the result.
func pressKeys(a *App, actions ...input.Action) {
	for _, act := range actions {
		a.Press(act)
		a.Settle()
	}
}

// focused returns the screen name and focused label, which is what a person sees.
func focused(t *testing.T, a *App) (screen, label string) {
	t.Helper()
	n := a.Focused()
	require.NotNil(t, n, "nothing focused on %s", a.Screen().Name())
	return a.Screen().Name(), n.Label
}

func TestHomeStartsOnContinueWatching(t *testing.T) {
	a := newHomeApp(t)
	screen, label := focused(t, a)
	assert.Equal(t, "home", screen)
	assert.Equal(t, "Summit", label)
}

func TestHomeFocusMoves(t *testing.T) {
	tests := []struct {
		name   string
		keys   []input.Action
		screen string
		label  string
	}{
		{"right along the row", []input.Action{right}, "home", "Meridian"},
		{"down to downloads, at its first title: a row not visited yet starts there", []input.Action{right, down}, "home", "The Long Tide"},
		{"down to downloads and along it, then up and down again, returns to the same title", []input.Action{down, right, up, down}, "home", "Orbit of Small Things"},
		{"down to the catalog", []input.Action{down, down}, "home", "The Long Tide"},
		{"left from the first tile to the menu", []input.Action{left}, "home", "Home"},
		{"down the menu", []input.Action{left, down}, "home", "Settings"},
		{"OK on Home goes to the titles it left", []input.Action{right, left, left, ok}, "home", "Summit"},
		{"right from the menu returns to the tile it left", []input.Action{right, left, left, right}, "home", "Summit"},
		{"a row remembers its tile", []input.Action{down, right, right, up, down}, "home", "North Ridge"},
		{"up from the first row to the profile picture", []input.Action{right, up}, "home", "Ana"},
		{"down from the profile picture back to the titles", []input.Action{right, up, down}, "home", "Meridian"},
		{"left from the profile picture stays: nothing lies beside it", []input.Action{right, up, left}, "home", "Ana"},
		{"right from the profile picture stays", []input.Action{right, up, right}, "home", "Ana"},
		{"back from the profile picture goes to the menu", []input.Action{right, up, back}, "home", "Home"},
		{"back from a title goes to the menu", []input.Action{down, right, back}, "home", "Home"},
		{"up from Home, the first of the menu, stays", []input.Action{left, up}, "home", "Home"},
		{"down from Settings, the last of the menu, stays", []input.Action{left, down, down}, "home", "Settings"},
		{"right at the end of a row stays", repeat(right, 20), "home", "Meridian"},
		{"OK opens the title", []input.Action{right, ok}, "details", "Play"},
		{"Back returns to the same tile", []input.Action{down, down, right, ok, back}, "home", "Orbit of Small Things"},
		{"settings", []input.Action{left, down, ok}, "settings", "Switch profile"},
		{"Home key from deep inside", []input.Action{right, ok, ok, home}, "home", "Meridian"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newHomeApp(t)
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
	a := newHomeApp(t)
	pressKeys(a, right, back)
	screen, label := focused(t, a)
	assert.Equal(t, "home", screen, "Back from the titles goes to the menu first")
	assert.Equal(t, "Home", label)
	pressKeys(a, back)
	screen, label = focused(t, a)
	assert.Equal(t, "exit", screen)
	assert.Equal(t, "Cancel", label, "Cancel has focus first")
	assert.Len(t, a.Layers(nil), 2, "home stays visible under the dialog")

	pressKeys(a, back)
	screen, label = focused(t, a)
	assert.Equal(t, "home", screen, "Back closes the dialog")
	assert.Equal(t, "Home", label, "focus returns where it was")

	pressKeys(a, back, left, left, up, up)
	_, label = focused(t, a)
	assert.Equal(t, "Cancel", label, "the dialog traps focus")
	pressKeys(a, right)
	assert.False(t, a.Exited())
	pressKeys(a, ok)
	assert.True(t, a.Exited())
}

func TestNoExitWhereTheAppCannotBeLeft(t *testing.T) {
	a := NewTenfoot(Options{Catalog: demo.Catalog, CanExit: false}, newHousehold(t).device)
	defer a.Close()
	pressKeys(a, ok, back, back)
	screen, label := focused(t, a)
	assert.Equal(t, "home", screen)
	assert.Equal(t, "Home", label, "Back goes to the menu, and stays there")
	assert.Len(t, a.Layers(nil), 1, "no dialog asks to exit")
	assert.False(t, a.Exited())
}

func TestRowScrollsToKeepFocusInView(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, down, down)
	// Downloads progress while the test runs, which rebuilds the screen: look the
	// row up each time.
	row := func() *ui.Node { return a.View().Root().Find("row/popular") }
	require.NotNil(t, row())
	pressKeys(a, right, right)
	settle(a)
	assert.Zero(t, row().ScrollX, "moving within the visible tiles keeps the row still")

	pressKeys(a, repeat(right, 7)...)
	settle(a)
	f := a.Focused().ScreenRect()
	assert.Positive(t, row().ScrollX)
	assert.LessOrEqual(t, f.MaxX(), ui.SafeArea(ui.Canvas).MaxX(), "the last tile is fully in view")

	pressKeys(a, repeat(left, 7)...)
	settle(a)
	assert.Zero(t, row().ScrollX, "back at the first tile the row is home again")
}

func settle(a *App) {
	for i := 0; i < 120; i++ {
		a.Update(0, input.Pointer{})
	}
	a.Settle()
}

func TestHeldKeyRepeatsThroughUpdate(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, down, down)
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

// Right held on the keyboard, then Left on a gamepad while Right is still down (the
// app sees what every device holds at once): focus goes left, to the first title and
// on to the menu, and never back to the tile Right reached, where it used to swing
// between the two for as long as both were held. Let go and held again, the same.
func TestOppositeDirectionsHeldOnTwoDevicesGoTheNewerWay(t *testing.T) {
	a := newHomeApp(t)
	keyboard, both := input.HeldSet(0).Add(right), input.HeldSet(0).Add(right).Add(left)
	for round := 1; round <= 2; round++ {
		for range 10 {
			a.Update(keyboard, input.Pointer{})
		}
		_, label := focused(t, a)
		require.Equal(t, "Meridian", label, "round %d", round)
		var visited []string
		for range 120 {
			a.Update(both, input.Pointer{})
			if _, label := focused(t, a); len(visited) == 0 || visited[len(visited)-1] != label {
				visited = append(visited, label)
			}
		}
		assert.Equal(t, []string{"Summit", "Home"}, visited, "round %d", round)
		for range 10 {
			a.Update(0, input.Pointer{})
		}
		pressKeys(a, ok) // Home, from the menu: back to the first title
		_, label = focused(t, a)
		require.Equal(t, "Summit", label, "round %d", round)
	}
}

func TestHeldOKDoesNotRunIntoTheNextScreen(t *testing.T) {
	a := newHomeApp(t)
	held := input.HeldSet(0).Add(ok)
	for i := 0; i < 200; i++ {
		a.Update(held, input.Pointer{})
	}
	screen, label := focused(t, a)
	assert.Equal(t, "details", screen)
	assert.Equal(t, "Play", label, "holding OK opened the title once and did not press Play")
}

func TestPointerHoverAndClick(t *testing.T) {
	a := newHomeApp(t)
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
	a := newHomeApp(t)
	pressKeys(a, down, down, ok, ok)
	require.Equal(t, "player", a.Screen().Name())
	p := a.Screen().(screens.Player)
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
	pressKeys(a, back, back)
	assert.Equal(t, "home", a.Screen().Name())
	assert.Contains(t, labels(a.View().Root().Find("row/continue")), "The Long Tide", "now in Continue watching")
}

// A remote with Play and Pause keys of its own (LG's, Samsung's) plays with Play and
// pauses with Pause, whichever it was doing: pressed twice, each stays as it is.
func TestRemotePlayAndPauseKeys(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, down, down, ok)
	require.Equal(t, "details", a.Screen().Name())
	pressKeys(a, input.ActionPause)
	assert.Equal(t, "details", a.Screen().Name(), "Pause plays nothing")
	pressKeys(a, input.ActionPlay)
	require.Equal(t, "player", a.Screen().Name(), "Play plays the title")
	p := a.Screen().(screens.Player)
	for _, step := range []struct {
		key     input.Action
		playing bool
	}{
		{input.ActionPlay, true}, {input.ActionPause, false}, {input.ActionPause, false},
		{input.ActionPlay, true}, {input.ActionPlayPause, false}, {input.ActionPlayPause, true},
	} {
		pressKeys(a, step.key)
		assert.Equal(t, step.playing, p.Playing(), "after %s", step.key)
	}
}

func TestMoreLikeThisReplacesDetails(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, down, down, ok, down, ok)
	assert.Equal(t, "details", a.Screen().Name())
	assert.Contains(t, labels(a.View().Root()), "The Quiet Year", "another drama")
	pressKeys(a, back)
	assert.Equal(t, "home", a.Screen().Name(), "Back goes home, not through every title seen")
}

func labels(n *ui.Node) []string {
	if n == nil {
		return nil
	}
	shown, _ := n.Shown()
	out := []string{shown}
	for _, c := range n.Children {
		out = append(out, labels(c)...)
	}
	return out
}

func TestFocusRememberedAcrossPopAndPush(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, left, down, ok) // Settings
	require.Equal(t, "settings", a.Screen().Name())
	pressKeys(a, back, right, down, down, right, ok, down, right, right) // a title's "More like this"
	_, label := focused(t, a)
	pressKeys(a, back, ok) // back home, and the same title again
	screen, again := focused(t, a)
	assert.Equal(t, "details", screen)
	assert.Equal(t, label, again, "the title's page comes back focused where it was left")

	pressKeys(a, back, left, left, left)
	_, label = focused(t, a)
	assert.Equal(t, "Settings", label, "the menu remembers its item across the pushes")
}

// Account opens its device list loading, with nothing to focus yet; come back to it
// and it still opens where it was left once the list is in, on Sign out of all
// devices or on a device down the list, not on the list's first device.
func TestAccountOpensWhereItWasLeft(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, left, down, ok, down, ok) // Settings, Account
	require.Equal(t, "account", a.Screen().Name())
	devices := a.View().Root().Find("devices").Children
	require.Len(t, devices, 4)
	assert.Equal(t, devices[0].Key, a.View().FocusedKey(), "the first visit opens on the list")
	for range 2 {
		pressKeys(a, repeat(up, 3)...)
		require.Equal(t, "Sign out of all devices", focusedLabel(t, a))
		pressKeys(a, back, ok)
		require.Equal(t, "account", a.Screen().Name())
		assert.Equal(t, "Sign out of all devices", focusedLabel(t, a), "opened again where it was left")

		pressKeys(a, down, down, down)
		require.Equal(t, devices[2].Key, a.View().FocusedKey(), "the third device")
		pressKeys(a, back, ok)
		require.Equal(t, "account", a.Screen().Name())
		assert.Equal(t, devices[2].Key, a.View().FocusedKey(), "opened again on the third device, not the first")
	}
}

func TestWheelMovesThroughRows(t *testing.T) {
	a := newHomeApp(t)
	a.Update(0, input.Pointer{WheelY: 1})
	_, label := focused(t, a)
	assert.Equal(t, "The Long Tide", label, "one notch down")
	a.Update(0, input.Pointer{WheelY: 0.5})
	a.Update(0, input.Pointer{WheelY: -0.4})
	_, label = focused(t, a)
	assert.Equal(t, "The Long Tide", label, "part notches do nothing")
	a.Update(0, input.Pointer{}) // the wheel rests
	a.Update(0, input.Pointer{WheelY: -1})
	_, label = focused(t, a)
	assert.Equal(t, "Summit", label)
}
