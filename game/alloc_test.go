//go:build !race

package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
	"tenfoot/ui"
)

// Rebuilding the draw list runs in Update whenever what is shown changes, up to every
// tick while a row scrolls; once the text and art it needs are made, it allocates
// nothing.
func TestRebuildAllocatesNothing(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := homeApp(t)
	r.rebuild(app)
	allocs := testing.AllocsPerRun(20, func() {
		app.Press(input.ActionRight)
		app.Update(0, input.Pointer{})
		r.rebuild(app)
	})
	assert.Zero(t, allocs)
	assert.NotEmpty(t, r.ops)
}
