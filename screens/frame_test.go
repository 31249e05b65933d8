//go:build !race

package screens

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"tenfoot/input"
)

// A steady frame, and one moving focus along a row while it scrolls, allocate nothing.
func TestFrameAllocatesNothing(t *testing.T) {
	a := newTestApp()
	steady := testing.AllocsPerRun(200, func() { a.Update(0, input.Pointer{}) })
	assert.Zero(t, steady, "steady frame")

	right := input.HeldSet(0).Add(right)
	moving := testing.AllocsPerRun(200, func() { a.Update(right, input.Pointer{}) })
	assert.Zero(t, moving, "holding right: repeat, focus moves and scrolling")
}

func BenchmarkFrame(b *testing.B) {
	a := newTestApp()
	held := [2]input.HeldSet{0, input.HeldSet(0).Add(right)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Update(held[i/120%2], input.Pointer{})
		i++
	}
}
