// Command keys is the barest Ebitengine app that answers a remote: a rectangle that
// moves along a row of four places on Left and Right, drawn only when it moves, as
// tenfoot draws only what changed. How soon a press is painted here is the floor
// under tenfoot's on the same browser and CPU (wasm/e2e/tvcpu.mjs -bare).
package main

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"tenfoot/wasm/bare"
)

type app struct {
	frames, at, was int
	moved           bool
}

var (
	background = color.RGBA{0x10, 0x12, 0x18, 0xff}
	blue       = color.RGBA{0x3d, 0x8b, 0xfd, 0xff}
)

// place is where the rectangle is drawn at place i.
func place(i int) image.Rectangle {
	x := 160 + i*240
	return image.Rect(x, 160, x+200, 400)
}

func (a *app) Update() error {
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeyArrowRight):
		a.at, a.was, a.moved = (a.at+1)%4, a.at, true
	case inpututil.IsKeyJustPressed(ebiten.KeyArrowLeft):
		a.at, a.was, a.moved = (a.at+3)%4, a.at, true
	}
	return nil
}

func (a *app) Draw(screen *ebiten.Image) {
	switch {
	case a.frames == 0:
		screen.Fill(background)
	case a.moved:
		screen.SubImage(place(a.was)).(*ebiten.Image).Fill(background)
	default:
		return // the screen keeps the last frame, and Ebitengine presents it no more
	}
	a.moved = false
	screen.SubImage(place(a.at)).(*ebiten.Image).Fill(blue)
	a.frames++
	bare.Drawn(a.frames)
}

func (a *app) Layout(w, h int) (int, int) { return w, h }

func main() {
	ebiten.SetScreenClearedEveryFrame(false)
	if err := ebiten.RunGame(&app{}); err != nil {
		panic(err)
	}
}
