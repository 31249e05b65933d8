package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGestures(t *testing.T) {
	var g Gestures
	down := func(x, y float64) Gesture { return g.Update(Finger{Down: true, X: x, Y: y}) }
	up := func() Gesture { return g.Update(Finger{}) }

	assert.Equal(t, GestureNone, down(100, 100).Kind)
	assert.Equal(t, GestureNone, down(105, 108).Kind, "a finger wobbles within the slop")
	tap := up()
	assert.Equal(t, GestureTap, tap.Kind)
	assert.Equal(t, 105.0, tap.X)
	assert.Equal(t, GestureNone, up().Kind, "one tap, once")

	down(300, 100)
	d := down(250, 103)
	assert.Equal(t, GestureDrag, d.Kind)
	assert.False(t, d.Vertical)
	assert.Equal(t, -50.0, d.Delta, "the slop's movement counts too")
	assert.Equal(t, 300.0, d.X, "a drag scrolls what is under where it began")
	d = down(220, 140)
	assert.Equal(t, -30.0, d.Delta, "the axis holds once chosen")
	f := up()
	assert.Equal(t, GestureFling, f.Kind)
	assert.Less(t, f.Velocity, -20.0)

	down(100, 500)
	assert.True(t, down(102, 400).Vertical)
}
