package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
	"tenfoot/ui"
)

// A frame that would look as the last one did is not drawn again; a focus move is,
// and so is every tick of its easing and of the row's scroll, until they settle.
func TestOnlyChangedFramesAreDrawn(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := homeApp(t)
	dst := ebiten.NewImage(ui.CanvasWidth, ui.CanvasHeight)
	tick := 0
	// frame runs one tick as Game does and reports whether it was drawn.
	frame := func() bool {
		tick++
		rev := app.Revision()
		app.Update(0, input.Pointer{})
		if app.Revision() != rev {
			r.rebuild(app)
		}
		return r.draw(dst, tick)
	}
	r.rebuild(app)
	for frame() {
		require.Less(t, tick, 120, "the home screen settles")
	}
	assert.False(t, frame(), "nothing changed")

	app.Press(input.ActionRight)
	drawn := 0
	for frame() {
		drawn++
		require.Less(t, drawn, 120, "the move settles")
	}
	assert.GreaterOrEqual(t, drawn, ui.FocusTicks, "every tick of the easing is drawn")
	assert.False(t, frame())

	// A new draw list is drawn even where its key would not tell.
	r.rebuild(app)
	assert.True(t, frame())
	// A screen of another size is drawn on at once.
	assert.True(t, r.draw(ebiten.NewImage(1280, 720), tick))
}
