package game

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	"github.com/go-text/typesetting/font"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/text/language"

	"tenfoot/assets"
	"tenfoot/i18n"
	"tenfoot/ui"
)

// lineGap is the line height as a multiple of the text size.
const lineGap = 1.35

// fontSource is one font in both weights, and what it can write. The Go fonts come
// first; a language's own font (Arabic, Japanese) writes what they cannot.
type fontSource struct {
	name  string
	srcs  [2]*text.GoTextFaceSource // [assets.Weight]
	cmap  *font.Face                // the regular weight's, to know which runes it has
	dyEm  float64                   // how far its baseline lies below the Go fonts', in em
	faces [4][2][2]*text.GoTextFace // [ui.TextStyle][assets.Weight][rtl]
	// fauxBold is set when the font came in one weight: its bold is the regular
	// drawn twice, a little apart, so a heading does not turn light mid-word.
	fauxBold bool
	// standIn is set for an embedded font of a few glyphs that stands in for a
	// language's own font until it is loaded; its letters outside own are there
	// for the app's message that a font did not come, and a text that needs them
	// still needs that font (textLine.lacks).
	standIn bool
	own     string
}

func (s *fontSource) has(r rune) bool {
	_, ok := s.cmap.NominalGlyph(r)
	return ok
}

// typeface lays out and measures the theme's text: it chooses a font for each run
// of a line, orders the runs of mixed directions by the Unicode bidi algorithm, and
// breaks lines at spaces or, in Japanese, between characters.
type typeface struct {
	sizes   [4]float64
	sources []*fontSource // the Go fonts first
	rtl     bool          // the app's language is written right to left
	fits    map[fitKey][]textLine
	para    bidi.Paragraph
	runes   []rune
}

// textLine is one line laid out: its chunks, each in one font and one direction, in
// visual order from the left.
type textLine struct {
	text   string // the line's text, in logical order
	chunks []textChunk
	w      float64
	// lacks holds the languages whose font would write what no loaded font has
	// of the line, drawn meanwhile as missing glyphs.
	lacks fontLangs
}

// fontLangs is a set of the languages whose fonts the game loads (fontTags).
type fontLangs uint8

func (s fontLangs) has(l i18n.Lang) bool { return s&(1<<l) != 0 }

func (s *fontLangs) add(l i18n.Lang) { *s |= 1 << l }

// fontLangFor returns the language whose font writes r, if the game loads one that
// does: Arabic letters, and Japanese kana, kanji and punctuation.
func fontLangFor(r rune) (i18n.Lang, bool) {
	switch {
	case unicode.Is(unicode.Arabic, r):
		return i18n.Arabic, true
	case breaksAnywhere(r):
		return i18n.Japanese, true
	}
	return 0, false
}

// textChunk is part of a line drawn with one face. A right-to-left chunk is drawn
// from its right edge, where its first character is.
type textChunk struct {
	s    string
	face *text.GoTextFace
	x, w float64 // its left edge from the line's, and its width
	dy   float64 // baseline shift, for fonts whose ascent differs from the Go fonts'
	bold float64 // how far apart a faux bold draws the regular twice; 0 for none
}

type fitKey struct {
	label, cut    string
	style         ui.TextStyle
	bold, wrap    bool
	width         float64
	lines         int
	rtl, noSpaces bool
}

// maxFits bounds the fitted-text cache; it is cleared when full, which only costs a
// re-measure of what is on screen.
const maxFits = 4096

func newTypeface(theme ui.Theme) (*typeface, error) {
	t := &typeface{sizes: theme.TextSizes, fits: make(map[fitKey][]textLine)}
	goFonts := [2][]byte{assets.GoFont(assets.WeightRegular), assets.GoFont(assets.WeightBold)}
	if err := t.addFont("Go", goFonts, language.English); err != nil {
		return nil, err
	}
	for _, names := range []struct {
		name, own string
		data      []byte
		lang      language.Tag
	}{{"Arabic names", "العربية", assets.NamesArabic, language.Arabic}, {"Japanese names", "日本語", assets.NamesJapanese, language.Japanese}} {
		if err := t.addFont(names.name, [2][]byte{names.data, names.data}, names.lang); err != nil {
			return nil, err
		}
		s := t.sources[1] // addFont puts it after the Go fonts
		s.standIn, s.own = true, names.own
	}
	return t, nil
}

// addFont adds a font, regular and bold (the same file if it has one weight), from
// TrueType, OpenType or a collection (whose face for lang is taken), ahead of the
// fonts added before it but after the Go fonts. Added again under the same name, it
// replaces the one it had, as a language's full font replaces its names' glyphs.
func (t *typeface) addFont(name string, files [2][]byte, lang language.Tag) error {
	s := &fontSource{name: name, fauxBold: files[1] == nil}
	for w, data := range files {
		if w > 0 && (data == nil || bytes.Equal(data, files[0])) {
			s.srcs[w] = s.srcs[0] // one file for both weights: parsed once
			continue
		}
		src, err := parseFont(data, lang)
		if err != nil {
			return fmt.Errorf("game: font %s: %w", name, err)
		}
		s.srcs[w] = src
	}
	f, ok := s.srcs[0].UnsafeInternal().(*font.Face)
	if !ok {
		return fmt.Errorf("game: font %s: no glyph table", name)
	}
	s.cmap = f
	for style, size := range t.sizes {
		for w := range s.srcs {
			for rtl, dir := range []text.Direction{text.DirectionLeftToRight, text.DirectionRightToLeft} {
				s.faces[style][w][rtl] = &text.GoTextFace{Source: s.srcs[w], Size: size, Direction: dir, Language: lang}
			}
		}
	}
	if len(t.sources) > 0 {
		goM, m := t.sources[0].faces[0][0][0].Metrics(), s.faces[0][0][0].Metrics()
		s.dyEm = (goM.HAscent - m.HAscent) / t.sizes[0]
	}
	t.sources = slices.DeleteFunc(t.sources, func(o *fontSource) bool { return o.name == name || o.name == namesOf(name) })
	if len(t.sources) == 0 {
		t.sources = append(t.sources, s)
	} else {
		t.sources = slices.Insert(t.sources, 1, s)
	}
	clear(t.fits)
	return nil
}

// namesOf is the font of a language's names that its full font replaces.
func namesOf(name string) string { return name + " names" }

func parseFont(data []byte, lang language.Tag) (*text.GoTextFaceSource, error) {
	if !bytes.HasPrefix(data, []byte("ttcf")) {
		return text.NewGoTextFaceSource(bytes.NewReader(data))
	}
	all, err := text.NewGoTextFaceSourcesFromCollection(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	region := map[language.Tag]string{language.Japanese: " JP"}[lang]
	for _, s := range all {
		if fam := s.Metadata().Family; region != "" && strings.HasSuffix(fam, region) && !strings.Contains(fam, "Mono") {
			return s, nil
		}
	}
	return all[0], nil
}

// weight returns the weight style is drawn in: titles and headlines are bold, as
// are labels of things one can press.
func weight(style ui.TextStyle, bold bool) assets.Weight {
	if bold || style == ui.TextTitle || style == ui.TextHeadline {
		return assets.WeightBold
	}
	return assets.WeightRegular
}

// metrics returns the Go font's metrics for style: every line's baseline is theirs.
func (t *typeface) metrics(style ui.TextStyle, bold bool) text.Metrics {
	return t.sources[0].faces[style][weight(style, bold)][0].Metrics()
}

// lineHeight returns the distance between baselines for style.
func (t *typeface) lineHeight(style ui.TextStyle) float64 {
	return t.sizes[style] * lineGap
}

// fit returns label broken into at most maxLines lines no wider than width: wrapped at
// spaces (and between Japanese characters) when wrap is set, and with the last line
// cut with "…" when it does not fit. Results are cached, so fitting what is on
// screen costs nothing after the first time.
func (t *typeface) fit(label string, style ui.TextStyle, bold bool, width float64, maxLines int, wrap bool) []textLine {
	key := fitKey{label: label, style: style, bold: bold, width: width, lines: maxLines, wrap: wrap, rtl: t.rtl}
	if lines, ok := t.fits[key]; ok {
		return lines
	}
	if len(t.fits) >= maxFits {
		clear(t.fits)
	}
	var texts []string
	if wrap {
		texts = t.wrapLines(label, style, bold, width)
	} else {
		texts = []string{label}
	}
	if maxLines < 1 {
		maxLines = 1
	}
	if len(texts) > maxLines {
		texts = texts[:maxLines]
		texts[maxLines-1] += "…"
	}
	last := len(texts) - 1
	texts[last] = t.ellipsize(texts[last], style, bold, width)
	lines := make([]textLine, len(texts))
	for i, s := range texts {
		lines[i] = t.layout(s, style, bold)
	}
	t.fits[key] = lines
	return lines
}

// fitCutting returns label on one line no wider than width, cutting cut, a part of
// it, with "…" when it does not fit, so that the rest shows whole; then, if the
// rest alone is too wide, its end too. Results are cached, as fit's.
func (t *typeface) fitCutting(label, cut string, style ui.TextStyle, bold bool, width float64) []textLine {
	key := fitKey{label: label, cut: cut, style: style, bold: bold, width: width, lines: 1, rtl: t.rtl}
	if lines, ok := t.fits[key]; ok {
		return lines
	}
	if len(t.fits) >= maxFits {
		clear(t.fits)
	}
	s := label
	if i := strings.Index(label, cut); i >= 0 && t.width(label, style, bold) > width {
		before, after := label[:i], label[i+len(cut):]
		rest := t.width(before+after, style, bold)
		s = before + t.ellipsize(cut, style, bold, width-rest) + after
	}
	lines := []textLine{t.layout(t.ellipsize(s, style, bold, width), style, bold)}
	t.fits[key] = lines
	return lines
}

// wrapLines breaks s into lines no wider than width: at spaces, and between
// Japanese characters, though not before closing punctuation nor after opening
// (kinsoku). A word longer than the line stays whole, to be cut by ellipsize.
//
// Each token is shaped once and a line's width is the sum of its tokens': shaping
// every candidate line again costs a paragraph's length squared, which a browser
// feels on every new screen.
func (t *typeface) wrapLines(s string, style ui.TextStyle, bold bool, width float64) []string {
	var lines []string
	line, lineW := "", 0.0
	for _, tok := range breakTokens(s) {
		w := t.width(tok.text, style, bold)
		if line == "" {
			line, lineW = tok.text, w
			continue
		}
		joined, joinedW := line+tok.text, lineW+w
		if tok.space != "" {
			joined, joinedW = line+tok.space+tok.text, joinedW+t.width(tok.space, style, bold)
		}
		if joinedW <= width {
			line, lineW = joined, joinedW
			continue
		}
		lines = append(lines, line)
		line, lineW = tok.text, w
	}
	return append(lines, line)
}

// token is what a line may break before: a word, or a Japanese character with the
// punctuation that must stay with it.
type token struct {
	text  string
	space string // the spaces that stood before it, kept where the line does not break
}

// breakTokens splits s where a line may break.
func breakTokens(s string) []token {
	var out []token
	var cur, space strings.Builder
	glue := false // the next character joins cur, after opening punctuation
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, token{cur.String(), space.String()})
			cur.Reset()
			space.Reset()
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			flush()
			if len(out) > 0 { // spaces before the first word are not kept
				space.WriteRune(r)
			}
			glue = false
		case noBreakBefore(r):
			cur.WriteRune(r) // closing punctuation stays with what it closes
		case breaksAnywhere(r) && !glue:
			flush()
			cur.WriteRune(r)
			glue = noBreakAfter(r)
		default:
			if glue || cur.Len() == 0 || !endsBreakable(cur.String()) {
				cur.WriteRune(r)
			} else {
				flush()
				cur.WriteRune(r)
			}
			glue = noBreakAfter(r)
		}
	}
	flush()
	return out
}

// breaksAnywhere reports whether a line may break before r: Japanese and Chinese
// characters, kana and fullwidth forms, which are written without spaces.
func breaksAnywhere(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// endsBreakable reports whether a line may break after s's last character.
func endsBreakable(s string) bool {
	r := []rune(s)
	return breaksAnywhere(r[len(r)-1]) && !noBreakAfter(r[len(r)-1])
}

// noBreakBefore lists what may not start a line (JIS X 4051's line-start
// prohibitions, in short): closing brackets, stops, small kana, the long vowel mark.
func noBreakBefore(r rune) bool {
	return strings.ContainsRune("、。，．・：；？！）」』】〕〉》ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥々,.:;?!)]}", r)
}

// noBreakAfter lists what may not end a line: opening brackets.
func noBreakAfter(r rune) bool { return strings.ContainsRune("（「『【〔〈《([{", r) }

// ellipsize cuts s to fit width, ending it with "…" when anything was cut: the
// longest such cut that fits, found by halving.
func (t *typeface) ellipsize(s string, style ui.TextStyle, bold bool, width float64) string {
	if t.width(s, style, bold) <= width {
		return s
	}
	r := []rune(strings.TrimSuffix(s, "…"))
	cut := func(n int) string { return strings.TrimRight(string(r[:n]), " ") + "…" }
	lo, hi := 0, len(r) // cut(lo) fits, or lo is 0; cut(hi) does not
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if t.width(cut(mid), style, bold) <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return "…"
	}
	return cut(lo)
}

// width returns how wide s is, laid out as the line it would be.
func (t *typeface) width(s string, style ui.TextStyle, bold bool) float64 {
	return t.layout(s, style, bold).w
}

// isBidiControl reports whether r only steers the bidi algorithm: it is not drawn.
func isBidiControl(r rune) bool {
	return r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

// layout lays out one line: its bidi runs in visual order (the paragraph's own
// direction is the app's), each cut where the font that has its characters
// changes. Punctuation and spaces stay in the font of what they stand in.
func (t *typeface) layout(s string, style ui.TextStyle, bold bool) textLine {
	line := textLine{text: s}
	w := weight(style, bold)
	t.runes = append(t.runes[:0], []rune(s)...)
	type run struct {
		start, end int
		rtl        bool
		level      bidi.Level
	}
	var runs []run
	if t.rtl || hasRTL(t.runes) {
		dir := bidi.LeftToRight
		if t.rtl && !firstStrongLTR(t.runes) {
			dir = bidi.RightToLeft
		}
		b := t.para.Segment(t.runes, dir)
		for i := 0; i < b.NumRuns(); i++ {
			r := b.Run(i)
			runs = append(runs, run{r.Start, r.End, !r.IsLeftToRight(), r.Level})
		}
		runs = visualOrder(runs, func(r run) bidi.Level { return r.level })
	} else {
		runs = []run{{0, len(t.runes), false, 0}}
	}
	x := 0.0
	for _, r := range runs {
		chunks, lacks := t.chunks(t.runes[r.start:r.end], style, w, r.rtl)
		line.lacks |= lacks
		if r.rtl {
			slices.Reverse(chunks)
		}
		for _, c := range chunks {
			c.x = x
			x += c.w
			line.chunks = append(line.chunks, c)
		}
	}
	line.w = x
	return line
}

// chunks cuts runes of one direction where the font changes: a rune goes in the
// font of the rune before it if that font has it, else in the first font that does.
// It also returns the languages whose fonts would write the runes no font has.
func (t *typeface) chunks(runes []rune, style ui.TextStyle, w assets.Weight, rtl bool) ([]textChunk, fontLangs) {
	var lacks fontLangs
	var out []textChunk
	var cur *fontSource
	var b strings.Builder
	dir := 0
	if rtl {
		dir = 1
	}
	flush := func() {
		if b.Len() == 0 || cur == nil {
			return
		}
		f := cur.faces[style][w][dir]
		s := b.String()
		c := textChunk{s: s, face: f, w: text.Advance(s, f), dy: cur.dyEm * t.sizes[style]}
		if cur.fauxBold && w == assets.WeightBold {
			c.bold = t.sizes[style] / 24
		}
		out = append(out, c)
		b.Reset()
	}
	for _, r := range runes {
		if isBidiControl(r) {
			continue
		}
		next, ok := cur, cur != nil && cur.has(r) // a font keeps what it can write: fewer, longer runs
		if !ok {
			next, ok = t.sourceFor(r)
		}
		if !ok || next.standIn && !strings.ContainsRune(next.own, r) {
			if l, ok := fontLangFor(r); ok {
				lacks.add(l)
			}
		}
		if next != cur {
			flush()
			cur = next
		}
		b.WriteRune(r)
	}
	flush()
	return out, lacks
}

// sourceFor returns the first font that has r: the Go fonts if they do. When none
// has it, it returns the Go fonts, which draw it as their missing glyph, and false.
func (t *typeface) sourceFor(r rune) (*fontSource, bool) {
	for _, s := range t.sources {
		if s.has(r) {
			return s, true
		}
	}
	return t.sources[0], false
}

// firstStrongLTR reports whether the first letter of runes outside an isolate is
// written left to right (rules P2 and P3 of the bidi algorithm): a version, a
// device id or a Latin name shown on its own in an Arabic screen reads left to
// right, aligned to the right. A sentence, whose arguments are isolated, takes its
// direction from its own words.
func firstStrongLTR(runes []rune) bool {
	depth := 0
	for _, r := range runes {
		switch {
		case r >= 0x2066 && r <= 0x2068:
			depth++
		case r == 0x2069:
			depth = max(depth-1, 0)
		case depth > 0:
		case unicode.In(r, unicode.Arabic, unicode.Hebrew):
			return false
		case unicode.IsLetter(r):
			return true
		}
	}
	return false
}

// hasRTL reports whether any of runes is written right to left.
func hasRTL(runes []rune) bool {
	for _, r := range runes {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew) {
			return true
		}
	}
	return false
}

// visualOrder orders runs from left to right by rule L2 of the bidi algorithm:
// from the highest level down to the lowest odd one, every sequence of runs at that
// level or higher is reversed.
func visualOrder[R any](runs []R, level func(R) bidi.Level) []R {
	var hi bidi.Level
	lo := bidi.Level(127)
	for _, r := range runs {
		hi = max(hi, level(r))
		if l := level(r); l%2 == 1 {
			lo = min(lo, l)
		}
	}
	for l := hi; l >= lo && l > 0; l-- {
		for i := 0; i < len(runs); {
			if level(runs[i]) < l {
				i++
				continue
			}
			j := i
			for j < len(runs) && level(runs[j]) >= l {
				j++
			}
			slices.Reverse(runs[i:j])
			i = j
		}
	}
	return runs
}

// lines returns how many lines label takes in style wrapped to width, as drawn: the
// touch layouts make room by it.
func (r *renderer) lines(label string, style ui.TextStyle, width float64, bold bool) int {
	return len(r.type_.wrapLines(label, style, bold, width))
}
