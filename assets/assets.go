// Package assets holds what tenfoot ships inside its binary: the fonts, parsed with
// golang/freetype's truetype package. It has no graphics dependency, so the host can
// turn the faces into whatever its renderer needs.
package assets

import (
	"fmt"
	"sync"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// Weight picks one of the embedded font files.
type Weight uint8

// The embedded weights. The Go fonts are humanist sans-serifs with clear letterforms
// (I, l and 1 differ), which matters for codes read off a TV from across a room.
const (
	WeightRegular Weight = iota
	WeightBold
)

var (
	parseOnce sync.Once
	fonts     [2]*truetype.Font
	parseErr  error
)

func parse() {
	for w, data := range [2][]byte{goregular.TTF, gobold.TTF} {
		f, err := truetype.Parse(data)
		if err != nil {
			parseErr = fmt.Errorf("assets: parse font %d: %w", w, err)
			return
		}
		fonts[w] = f
	}
}

// Font returns the parsed font of weight w.
func Font(w Weight) (*truetype.Font, error) {
	parseOnce.Do(parse)
	if parseErr != nil {
		return nil, parseErr
	}
	return fonts[w], nil
}

// Face returns a face of weight w at size pixels, hinted for crisp text on a TV.
func Face(w Weight, size float64) (font.Face, error) {
	f, err := Font(w)
	if err != nil {
		return nil, err
	}
	return truetype.NewFace(f, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingFull}), nil
}
