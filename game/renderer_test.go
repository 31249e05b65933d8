//go:build !race

package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/ui"
)

// Rebuilding the draw list runs in Update whenever what is shown changes, up to every
// tick while a row scrolls; once the text and art it needs are made, it allocates
// nothing.
func TestRebuildAllocatesNothing(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := screens.NewTenfoot(screens.Options{})
	r.rebuild(app)
	allocs := testing.AllocsPerRun(100, func() {
		app.Press(input.ActionRight)
		app.Update(0, input.Pointer{})
		r.rebuild(app)
	})
	assert.Zero(t, allocs)
	assert.NotEmpty(t, r.ops)
}

func TestFocusedNodeIsDrawnLast(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := screens.NewTenfoot(screens.Options{})
	app.Press(input.ActionRight)
	r.rebuild(app)
	last := r.ops[len(r.ops)-1]
	assert.Same(t, app.Focused(), last.node)
	assert.Equal(t, "Orbit of Small Things", last.node.Label)
	n := 0
	for _, op := range r.ops {
		if op.node == last.node {
			n++
		}
	}
	assert.Equal(t, 1, n, "and only once")
}

func TestTextFitting(t *testing.T) {
	tf, err := newTypeface(ui.Dark)
	require.NoError(t, err)
	face := tf.face(ui.TextBody, false)
	assert.Equal(t, []string{"Summit"}, tf.fit("Summit", face, 300, 1, false))
	cut := tf.fit("Orbit of Small Things and Other Very Long Titles", face, 300, 1, false)
	require.Len(t, cut, 1)
	assert.Contains(t, cut[0], "…")
	wrapped := tf.fit("A lighthouse keeper's daughter inherits a lamp that has not gone dark in a hundred years", face, 500, 2, true)
	assert.Len(t, wrapped, 2)
	assert.Contains(t, wrapped[1], "…", "the last line says there is more")
}

// BenchmarkRebuild measures producing the draw list of the home screen, which Update
// does whenever what is shown changes.
func BenchmarkRebuild(b *testing.B) {
	r, err := newRenderer(ui.Dark)
	require.NoError(b, err)
	app := screens.NewTenfoot(screens.Options{})
	b.ReportAllocs()
	for b.Loop() {
		r.rebuild(app)
	}
}
