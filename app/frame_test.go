//go:build !race

package app

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
)

// A steady frame, and one moving focus along a row while it scrolls, allocate nothing.
func TestFrameAllocatesNothing(t *testing.T) {
	a := newHomeApp(t)
	// Downloads advance every downloadEvery ticks, which changes the screen; measure
	// the frames in between.
	for a.ticks%downloadEvery != 0 {
		a.Update(0, input.Pointer{})
	}
	a.Update(0, input.Pointer{})
	a.Settle()
	a.Update(0, input.Pointer{})
	// Counted from a collection just done: one started by the heap's growth in
	// the middle of the frames counted its own work as theirs, about 1 run in 100
	// of a long test process.
	runtime.GC()
	steady := testing.AllocsPerRun(40, func() {
		a.TakesTyping() // the host asks every tick
		a.Update(0, input.Pointer{})
	})
	assert.Zero(t, steady, "steady frame")

	right := input.HeldSet(0).Add(right)
	runtime.GC()
	moving := testing.AllocsPerRun(40, func() { a.Update(right, input.Pointer{}) })
	assert.Zero(t, moving, "holding right: repeat, focus moves and scrolling")
}

func BenchmarkFrame(b *testing.B) {
	store, _ := session.NewDirStorage(b.TempDir())
	_, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
	if err != nil {
		b.Fatal(err)
	}
	a := NewTenfoot(testOptions, dev)
	defer a.Close()
	pressKeys(a, ok)
	held := [2]input.HeldSet{0, input.HeldSet(0).Add(right)}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		a.Update(held[i/120%2], input.Pointer{})
		i++
	}
}
