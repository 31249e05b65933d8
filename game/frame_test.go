package game

import (
	"image"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/input"
	"tenfoot/ui"
)

// A frame that would look as the last one did is not drawn again; a focus move is,
// and so is every tick of its easing and of the row's scroll, until they settle.
func TestOnlyChangedFramesAreDrawn(t *testing.T) {
	r, app, frame := settledHome(t)
	assert.False(t, frame(), "nothing changed")

	app.Press(input.ActionRight)
	drawn := settle(t, frame)
	assert.GreaterOrEqual(t, drawn, ui.FocusTicks, "every tick of the easing is drawn")
	assert.False(t, frame())

	// A new draw list that shows the same is not drawn; one that shows another
	// label is, there only.
	r.rebuild(app)
	assert.False(t, frame())
	label := app.Focused().Label
	app.Focused().Label = "Another title"
	r.rebuild(app)
	assert.True(t, frame())
	assert.Less(t, r.drawn.Dx()*r.drawn.Dy(), ui.CanvasWidth*ui.CanvasHeight/10, "%v", r.drawn)
	app.Focused().Label = label
	r.rebuild(app)
	assert.True(t, frame())
	// A screen of another size is drawn on at once, and whole.
	other := ebiten.NewImage(1280, 720)
	assert.True(t, r.draw(other, 0))
	assert.Equal(t, other.Bounds(), r.drawn)
}

// With reduced motion a press draws one frame, in which it has landed, and nothing
// after: down to the catalog's first row, and along it past its edge, where it
// scrolls. Turned on mid-move, the move lands in the next frame.
func TestReducedMotionDrawsOneFramePerPress(t *testing.T) {
	r, app, frame := settledHome(t)
	app.Press(input.ActionRight)
	require.True(t, frame())
	app.SetReducedMotion(true)
	assert.True(t, frame(), "the move lands")
	assert.False(t, frame())

	presses := []input.Action{input.ActionDown, input.ActionDown}
	for range 6 {
		presses = append(presses, input.ActionRight)
	}
	for i, a := range presses {
		before := app.Focused()
		app.Press(a)
		require.NotSame(t, before, app.Focused(), "press %d moves", i)
		assert.True(t, frame(), "press %d", i)
		assert.False(t, frame(), "press %d drew after its frame, in %v", i, r.drawn)
	}
	f := app.Focused()
	assert.Less(t, f.ScreenRect().X, f.Rect.X, "%s: the row scrolled", f.Key)
}

// A focus move along a row draws only round the two tiles whose focus changes, a
// tenth of the screen, until it settles.
func TestAFocusMoveDrawsOnlyItsTiles(t *testing.T) {
	r, app, frame := settledHome(t)
	from := app.Focused().ScreenRect()
	app.Press(input.ActionRight)
	require.True(t, frame())
	to := app.Focused().ScreenRect()
	area := r.drawn
	for frame() {
		area = area.Union(r.drawn)
		require.Less(t, area.Dx(), ui.CanvasWidth, "the move settles in part")
	}
	for _, tile := range []ui.Rect{from, to} {
		assert.True(t, image.Rect(int(tile.X), int(tile.Y), int(tile.MaxX()), int(tile.MaxY())).In(area), "%v in %v", tile, area)
	}
	assert.Less(t, area.Dx()*area.Dy(), ui.CanvasWidth*ui.CanvasHeight/10, "%v", area)
}

// Operations that change places in the draw order where they overlap are drawn
// again, though neither changed: the one on top is another.
func TestReorderedOperationsAreDrawnAgain(t *testing.T) {
	r, _, frame := settledHome(t)
	last := len(r.ops) - 1
	moved := r.bounds[last]
	r.ops = append(r.ops[:1], append([]drawOp{r.ops[last]}, r.ops[1:last]...)...) // the last drawn second
	assert.True(t, frame())
	assert.True(t, moved.In(r.drawn), "%v in %v", moved, r.drawn)
	assert.Less(t, r.drawn.Dx()*r.drawn.Dy(), ui.CanvasWidth*ui.CanvasHeight/10, "only it moved: %v", r.drawn)
}

// The operations kept in order are a longest run of increasing old places.
func TestInOrder(t *testing.T) {
	var r renderer
	for _, c := range []struct {
		olds []int
		kept []bool
	}{
		{[]int{0, 1, 2, 3}, []bool{true, true, true, true}},
		{[]int{-1, 3, 0, 1, 2}, []bool{false, false, true, true, true}},
		{[]int{0, 4, 1, 2, 3}, []bool{true, false, true, true, true}},
		{[]int{2, 3, 0, 1}, []bool{false, false, true, true}},
		{[]int{-1, -1}, []bool{false, false}},
		{nil, []bool{}},
	} {
		assert.Equal(t, c.kept, r.inOrder(c.olds), "%v", c.olds)
	}
}

// settle runs frames until one is not drawn, and returns how many were.
func settle(t *testing.T, frame func() bool) int {
	drawn := 0
	for frame() {
		drawn++
		require.Less(t, drawn, 120, "the screen settles")
	}
	return drawn
}

// settledHome returns a renderer of the app on the home screen, drawn until it
// settled, and a function that runs one tick of the app as Game does, rebuilding what
// r draws when the app changed, and reports whether it drew.
func settledHome(t *testing.T) (*renderer, *app.App, func() bool) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	a := homeApp(t)
	dst := ebiten.NewImage(ui.CanvasWidth, ui.CanvasHeight)
	tick, revision := 0, ^uint64(0)
	frame := func() bool {
		tick++
		a.Update(0, input.Pointer{})
		if rev := a.Revision(); rev != revision {
			revision = rev
			r.rebuild(a)
		}
		return r.draw(dst, tick)
	}
	settle(t, frame)
	return r, a, frame
}

// On a screen drawn at the window's size, the mouse and fingers Ebitengine reads in
// screen pixels reach the app in canvas pixels, letterbox and all.
func TestPointerMapsFromTheScreenToTheCanvas(t *testing.T) {
	var g Game
	g.canvas.Store(pack(ui.CanvasWidth, ui.CanvasHeight))
	for _, c := range []struct {
		screen       [2]int
		x, y         float64
		wantX, wantY float64
	}{
		{[2]int{ui.CanvasWidth, ui.CanvasHeight}, 100, 200, 100, 200},
		{[2]int{1280, 720}, 640, 360, 960, 540},
		{[2]int{1280, 800}, 640, 40, 960, 0}, // 40 pixels of letterbox above
		{[2]int{1280, 800}, 1280, 760, 1920, 1080},
	} {
		g.screen.Store(pack(c.screen[0], c.screen[1]))
		p := g.fromScreen(input.Pointer{X: c.x, Y: c.y, Finger: input.Finger{Down: true, X: c.x, Y: c.y}})
		assert.InDelta(t, c.wantX, p.X, 1e-9, "%v", c)
		assert.InDelta(t, c.wantY, p.Y, 1e-9, "%v", c)
		assert.Equal(t, p.X, p.Finger.X)
		assert.Equal(t, p.Y, p.Finger.Y)
	}
}
