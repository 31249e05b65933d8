package game

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"tenfoot/assets"
	"tenfoot/ui"
)

// lineGap is the line height as a multiple of the text size.
const lineGap = 1.35

// typeface holds the faces of the theme's text styles, regular and bold.
type typeface struct {
	faces [4][2]*text.GoXFace // [ui.TextStyle][assets.Weight]
	sizes [4]float64
	fits  map[fitKey][]string
}

type fitKey struct {
	label string
	face  *text.GoXFace
	width float64
	lines int
	wrap  bool
}

// maxFits bounds the fitted-text cache; it is cleared when full, which only costs a
// re-measure of what is on screen.
const maxFits = 4096

func newTypeface(theme ui.Theme) (*typeface, error) {
	t := &typeface{sizes: theme.TextSizes, fits: make(map[fitKey][]string)}
	for style, size := range theme.TextSizes {
		for _, w := range []assets.Weight{assets.WeightRegular, assets.WeightBold} {
			f, err := assets.Face(w, size)
			if err != nil {
				return nil, err
			}
			t.faces[style][w] = text.NewGoXFace(f)
		}
	}
	return t, nil
}

// face returns the face for style; titles and headlines are bold, as are labels of
// things one can press.
func (t *typeface) face(style ui.TextStyle, bold bool) *text.GoXFace {
	if style == ui.TextTitle || style == ui.TextHeadline {
		bold = true
	}
	if bold {
		return t.faces[style][assets.WeightBold]
	}
	return t.faces[style][assets.WeightRegular]
}

// lineHeight returns the distance between baselines for style.
func (t *typeface) lineHeight(style ui.TextStyle) float64 {
	return t.sizes[style] * lineGap
}

// fit returns label broken into at most maxLines lines no wider than width: wrapped at
// spaces when wrap is set, and with the last line cut with "…" when it does not fit.
// Results are cached, so fitting what is on screen costs nothing after the first time.
func (t *typeface) fit(label string, face *text.GoXFace, width float64, maxLines int, wrap bool) []string {
	key := fitKey{label, face, width, maxLines, wrap}
	if lines, ok := t.fits[key]; ok {
		return lines
	}
	if len(t.fits) >= maxFits {
		clear(t.fits)
	}
	var lines []string
	if wrap {
		lines = wrapLines(label, face, width)
	} else {
		lines = []string{label}
	}
	if maxLines < 1 {
		maxLines = 1
	}
	if len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] += "…"
	}
	last := len(lines) - 1
	lines[last] = ellipsize(lines[last], face, width)
	t.fits[key] = lines
	return lines
}

// wrapLines breaks s at spaces into lines no wider than width; a word longer than the
// line stays whole, to be cut by ellipsize.
func wrapLines(s string, face *text.GoXFace, width float64) []string {
	var lines []string
	var line strings.Builder
	for _, word := range strings.Fields(s) {
		if line.Len() == 0 {
			line.WriteString(word)
			continue
		}
		if lineWidth(line.String()+" "+word, face) <= width {
			line.WriteString(" " + word)
			continue
		}
		lines = append(lines, line.String())
		line.Reset()
		line.WriteString(word)
	}
	return append(lines, line.String())
}

// ellipsize cuts s to fit width, ending it with "…" when anything was cut.
func ellipsize(s string, face *text.GoXFace, width float64) string {
	if lineWidth(s, face) <= width {
		return s
	}
	r := []rune(strings.TrimSuffix(s, "…"))
	for len(r) > 0 {
		r = r[:len(r)-1]
		cut := strings.TrimRight(string(r), " ") + "…"
		if lineWidth(cut, face) <= width {
			return cut
		}
	}
	return "…"
}

// lineWidth returns how wide s is set in face, shaped as the whole line it is.
func lineWidth(s string, face *text.GoXFace) float64 {
	return text.AdvanceAt(s, len(s), face)
}

// lines returns how many lines label takes in style wrapped to width, as drawn: the
// touch layouts make room by it.
func (r *renderer) lines(label string, style ui.TextStyle, width float64, bold bool) int {
	return len(wrapLines(label, r.type_.face(style, bold), width))
}
