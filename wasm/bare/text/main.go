// Command text is a bare Ebitengine app that draws one line of text with text/v2
// in the Go font: what shaping text costs any app. The browser build is measured
// against it (package bare).
package main

import (
	"bytes"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/goregular"

	"tenfoot/wasm/bare"
)

type app struct {
	face   *text.GoTextFace
	frames int
}

func (a *app) Update() error { return nil }

func (a *app) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x10, 0x12, 0x18, 0xff})
	op := &text.DrawOptions{}
	op.GeoM.Translate(160, 160)
	text.Draw(screen, "Who's watching?", a.face, op)
	a.frames++
	bare.Drawn(a.frames)
}

func (a *app) Layout(w, h int) (int, int) { return w, h }

func main() {
	src, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		panic(err)
	}
	if err := ebiten.RunGame(&app{face: &text.GoTextFace{Source: src, Size: 48}}); err != nil {
		panic(err)
	}
}
