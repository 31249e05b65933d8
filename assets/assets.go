// Package assets holds what tenfoot ships inside its binary: the fonts. It has no
// graphics dependency, so the host can turn them into whatever its renderer needs.
//
// The Go fonts write English and German, and every Latin name and email. Arabic
// and Japanese need fonts of their own, too big to embed in a browser build: the
// hosts find or fetch those (package game, FontLoader); here are only the glyphs
// of those languages' own names, so that a language menu lists "العربية" and "日本語"
// before either font is loaded, and of the message that a font did not come.
package assets

import (
	_ "embed"

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

// GoFont returns the TrueType file of the Go font of weight w.
func GoFont(w Weight) []byte {
	if w == WeightBold {
		return gobold.TTF
	}
	return goregular.TTF
}

// The glyphs of "العربية" (Noto Sans Arabic Bold) and of "日本語" (Noto Sans CJK JP
// Bold), and of the message that a font did not come in each, cut from Noto under
// the SIL Open Font License 1.1 (fonts/README.md).
var (
	//go:embed fonts/names-arabic.ttf
	NamesArabic []byte
	//go:embed fonts/names-japanese.otf
	NamesJapanese []byte
)
