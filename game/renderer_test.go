package game

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

func TestFocusedNodeIsDrawnLast(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := homeApp(t)
	app.Press(input.ActionRight)
	r.rebuild(app)
	last := r.ops[len(r.ops)-1]
	assert.Same(t, app.Focused(), last.node)
	assert.Equal(t, "Meridian", last.node.Label)
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
	app := homeApp(b)
	b.ReportAllocs()
	for b.Loop() {
		r.rebuild(app)
	}
}

// homeApp is the app on the demo household, on Ana's home screen.
func homeApp(tb testing.TB) *app.App {
	store, err := session.NewDirStorage(tb.TempDir())
	require.NoError(tb, err)
	_, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: 4,
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
	require.NoError(tb, err)
	app := app.NewTenfoot(app.Options{Catalog: demo.Catalog}, dev)
	tb.Cleanup(app.Close)
	app.Press(input.ActionOK)
	app.Settle()
	return app
}
