//go:build !race

package game

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/ui"
)

// Rebuilding the draw list runs in Update whenever what is shown changes, up to every
// tick while a row scrolls; once the text and art it needs are made, it allocates
// nothing.
func TestRebuildAllocatesNothing(t *testing.T) {
	for _, l := range []i18n.Lang{i18n.English, i18n.Arabic} {
		r, err := newRenderer(ui.Dark)
		require.NoError(t, err)
		app := homeApp(t)
		app.Env().Language = l // right to left too, where every line is laid out in bidi runs
		app.Update(0, input.Pointer{})
		r.rebuild(app)
		allocs := testing.AllocsPerRun(20, func() {
			app.Press(input.ActionRight)
			app.Update(0, input.Pointer{})
			r.rebuild(app)
		})
		assert.Zero(t, allocs, l)
		assert.NotEmpty(t, r.ops)
		assert.Equal(t, l.RTL(), r.rtl)
	}
}

// A steady frame, which is not drawn again, only hashes what it would show.
func TestSteadyFrameAllocatesNothing(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := homeApp(t)
	r.rebuild(app)
	dst := ebiten.NewImage(ui.CanvasWidth, ui.CanvasHeight)
	r.draw(dst, 0)
	allocs := testing.AllocsPerRun(20, func() {
		assert.False(t, r.draw(dst, 0))
	})
	assert.Zero(t, allocs)
}
