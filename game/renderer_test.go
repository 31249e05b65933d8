package game

import (
	"image"
	"os"
	"slices"
	"strings"

	"context"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/text/language"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

func TestFocusedNodeIsDrawnLast(t *testing.T) {
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	app := homeApp(t)
	app.Press(input.ActionRight)
	r.rebuild(app)
	last := r.ops[len(r.ops)-1]
	assert.Same(t, app.Focused(), last.node)
	assert.Equal(t, "Meridian", last.node.Label)
	n := 0
	for _, op := range r.ops {
		if op.node == last.node {
			n++
		}
	}
	assert.Equal(t, 1, n, "and only once")
}

func TestTextFitting(t *testing.T) {
	tf, err := newTypeface(ui.Dark)
	require.NoError(t, err)
	texts := func(lines []textLine) []string {
		var out []string
		for _, l := range lines {
			out = append(out, l.text)
		}
		return out
	}
	assert.Equal(t, []string{"Summit"}, texts(tf.fit("Summit", ui.TextBody, false, 300, 1, false)))
	cut := texts(tf.fit("Orbit of Small Things and Other Very Long Titles", ui.TextBody, false, 300, 1, false))
	require.Len(t, cut, 1)
	assert.Contains(t, cut[0], "…")
	wrapped := texts(tf.fit("A lighthouse keeper's daughter inherits a lamp that has not gone dark in a hundred years", ui.TextBody, false, 500, 2, true))
	assert.Len(t, wrapped, 2)
	assert.Contains(t, wrapped[1], "…", "the last line says there is more")
}

// Japanese breaks between characters, but never before a closing mark nor after an
// opening one; Latin words inside it stay whole.
func TestJapaneseBreaksBetweenCharacters(t *testing.T) {
	var got []string
	for _, tok := range breakTokens("「tenfoot」にログインしました。PIN を入力") {
		s := tok.space + tok.text
		got = append(got, s)
	}
	assert.Equal(t, []string{"「tenfoot」", "に", "ロ", "グ", "イ", "ン", "し", "ま", "し", "た。", "PIN", " を", "入", "力"}, got)
	tf, err := newTypeface(ui.Dark)
	require.NoError(t, err)
	lines := tf.wrapLines("すべてのデバイスがログイン画面に戻り、各デバイスのダウンロードは削除されます。", ui.TextBody, false, 400)
	require.Greater(t, len(lines), 1, "a sentence with no spaces still wraps")
	for _, l := range lines[1:] {
		assert.NotRegexp(t, "^[、。]", l, "no line starts with a stop")
	}
}

// A wrapped text keeps the spaces between its words as they were written where it
// does not break: the device list's "Living Room TV  ·  TV" lost its wide gaps
// around the dots once its rows wrapped, and read "Living Room TV · TV".
func TestWrappingKeepsTheSpacesItDoesNotBreakAt(t *testing.T) {
	tf, err := newTypeface(ui.Dark)
	require.NoError(t, err)
	for round := 1; round <= 2; round++ { // the second from the typeface's caches
		assert.Equal(t, []string{"Living Room TV  ·  TV  ·  This device"},
			tf.wrapLines("Living Room TV  ·  TV  ·  This device", ui.TextBody, false, 1000), "round %d", round)
		lines := tf.wrapLines("Living Room TV  ·  TV  ·  This device", ui.TextBody, false, 300)
		require.Greater(t, len(lines), 1, "round %d", round)
		for _, l := range lines {
			assert.NotRegexp(t, `^\s|\s$`, l, "round %d: the spaces at a break go", round)
		}
	}
}

// An Arabic sentence is laid out right to left, and the Latin email in it keeps
// its own order: the question mark, last in the sentence, is leftmost.
func TestArabicLinesRunRightToLeft(t *testing.T) {
	tf, err := newTypeface(ui.Dark)
	require.NoError(t, err)
	tf.rtl = true
	arabic := systemFont(t, "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf")
	require.NoError(t, tf.addFont("Arabic", [2][]byte{arabic, arabic}, language.Arabic))
	line := tf.layout("هل تريد تسجيل الخروج من حساب \u2068Ana\u2069 (\u2068a•••@example.com\u2069)؟", ui.TextTitle, true)
	var order []string
	for _, c := range line.chunks {
		order = append(order, c.s)
	}
	require.NotEmpty(t, order)
	assert.Equal(t, []string{"؟", ")", "a•••@example.com", " (", "Ana", "هل تريد تسجيل الخروج من حساب "}, order,
		"left to right: the question mark and the email's closing parenthesis (drawn right to left, mirrored), the email, its opening one, the name, the words before them")
	i := slices.Index(order, "a•••@example.com")
	j := slices.IndexFunc(order, func(s string) bool { return strings.Contains(s, "Ana") })
	assert.True(t, i >= 0 && j > i, "the email lies left of the name, which a right-to-left reader meets first: %q", order)
	assert.Equal(t, text.DirectionRightToLeft, line.chunks[len(line.chunks)-1].face.Direction, "the sentence starts at the right, in Arabic")
}

// BenchmarkRebuild measures producing the draw list of the home screen, which Update
// does whenever what is shown changes.
func BenchmarkRebuild(b *testing.B) {
	r, err := newRenderer(ui.Dark)
	require.NoError(b, err)
	app := homeApp(b)
	b.ReportAllocs()
	for b.Loop() {
		r.rebuild(app)
	}
}

// homeApp is the app on the demo household, on Ana's home screen.
func homeApp(tb testing.TB) *app.App {
	store, err := session.NewDirStorage(tb.TempDir())
	require.NoError(tb, err)
	_, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: 4,
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
	require.NoError(tb, err)
	app := app.NewTenfoot(app.Options{Catalog: demo.Catalog}, dev)
	tb.Cleanup(app.Close)
	app.Press(input.ActionOK)
	app.Settle()
	return app
}

// systemFont reads a font of Debian's Noto packages, which scripts/install-deps.sh
// installs; without it the test is skipped.
func systemFont(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	return data
}

// On an Arabic screen a value on its own, such as a version, reads left to right,
// and a sentence whose Latin arguments are isolated reads right to left.
func TestParagraphDirectionIsTheFirstLetters(t *testing.T) {
	assert.True(t, firstStrongLTR([]rune("0.1.0-dev")))
	assert.True(t, firstStrongLTR([]rune("Ana (a•••@example.com)")))
	assert.False(t, firstStrongLTR([]rune("\u2068Chromium on Linux\u2069  ·  متصفح ويب")), "isolated arguments do not count")
	assert.False(t, firstStrongLTR([]rune("123")), "no letter: the screen's direction")
}

// BenchmarkFocusMoveFrame measures the work of a frame that moves focus, before the
// GPU's: the app's tick, the new draw list and its damage.
func BenchmarkFocusMoveFrame(b *testing.B) {
	r, err := newRenderer(ui.Dark)
	require.NoError(b, err)
	app := homeApp(b)
	r.rebuild(app)
	r.damage(image.Rect(0, 0, ui.CanvasWidth, ui.CanvasHeight))
	moves := [2]input.Action{input.ActionRight, input.ActionLeft}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		app.Press(moves[i%2])
		app.Update(0, input.Pointer{})
		r.rebuild(app)
		r.damage(image.Rect(0, 0, ui.CanvasWidth, ui.CanvasHeight))
		i++
	}
}
