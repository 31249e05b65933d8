package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"tenfoot/assets"
)

// The loader's colours: its background, its text and its progress bar.
var (
	iconBackground = color.RGBA{0x0e, 0x10, 0x15, 0xff}
	iconText       = color.RGBA{0xf2, 0xf4, 0xf8, 0xff}
	iconAccent     = color.RGBA{0x4f, 0x8c, 0xff, 0xff}
)

// drawIcon draws the app's icon at w×h: "tf" in the app's bold face over the
// loader's blue bar, on its dark background, as PNG.
func drawIcon(w, h int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(iconBackground), image.Point{}, draw.Src)
	side := min(w, h)
	bold, err := opentype.Parse(assets.GoFont(assets.WeightBold))
	if err != nil {
		return nil, err
	}
	face, err := opentype.NewFace(bold, &opentype.FaceOptions{Size: float64(side) * 0.5, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	defer face.Close()
	d := font.Drawer{Dst: img, Src: image.NewUniform(iconText), Face: face}
	const label = "tf"
	width := d.MeasureString(label)
	base := h/2 + side/6
	d.Dot = fixed.Point26_6{X: fixed.I(w)/2 - width/2, Y: fixed.I(base)}
	d.DrawString(label)
	bar := image.Rect(w/2-side*3/10, base+side/10, w/2+side*3/10, base+side/10+max(2, side/16))
	draw.Draw(img, bar, image.NewUniform(iconAccent), image.Point{}, draw.Src)
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
