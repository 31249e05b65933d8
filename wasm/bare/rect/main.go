// Command rect is the barest Ebitengine app: one rectangle on a dark screen. The
// browser build is measured against it (package bare).
package main

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"

	"tenfoot/wasm/bare"
)

type app struct{ frames int }

func (a *app) Update() error { return nil }

func (a *app) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x10, 0x12, 0x18, 0xff})
	screen.SubImage(image.Rect(160, 160, 640, 400)).(*ebiten.Image).Fill(color.RGBA{0x3d, 0x8b, 0xfd, 0xff})
	a.frames++
	bare.Drawn(a.frames)
}

func (a *app) Layout(w, h int) (int, int) { return w, h }

func main() {
	if err := ebiten.RunGame(&app{}); err != nil {
		panic(err)
	}
}
