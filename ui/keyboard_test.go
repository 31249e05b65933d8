package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeyboardTypesAnEmail(t *testing.T) {
	var k Keyboard
	for _, key := range []string{KeyShift, "a", "n", "a", "@", "e", "x", KeyDotCom} {
		k.Press(key)
	}
	assert.Equal(t, "Ana@ex.com", k.Value, "shift capitalises one letter")
	k.Press(KeyDelete)
	k.Press(KeyDelete)
	assert.Equal(t, "Ana@ex.c", k.Value)
	assert.True(t, k.Press(KeyDone))
}

func TestKeyboardDeleteOnEmptyAndLimits(t *testing.T) {
	k := Keyboard{MaxLen: 3}
	k.Press(KeyDelete)
	assert.Empty(t, k.Value)
	for _, key := range []string{"a", KeySpace, "b", "c", KeyDotCom} {
		k.Press(key)
	}
	assert.Equal(t, "a b", k.Value, "nothing past the limit")
}

// Driving the keyboard with the d-pad: the keys are laid out so geometry works, and
// the keyboard remembers its last key.
func TestKeyboardWithDPad(t *testing.T) {
	var k Keyboard
	var v View
	build := func() *Node {
		root := &Node{Rect: Canvas}
		root.Add(&Node{Key: "field", Role: RoleTextField, Focusable: true, Rect: Rect{X: 200, Y: 100, W: 900, H: 80}})
		return root.Add(k.Build("kb", 200, 300, true))
	}
	v.SetRoot(build())
	v.Move(DirDown)
	assert.Equal(t, "kb/q", v.FocusedKey(), "entering the keyboard lands on its default")
	press := func(dirs ...Direction) {
		for _, d := range dirs {
			v.Move(d)
		}
		if k.Press(KeyName("kb", v.FocusedKey())) {
			return
		}
		v.SetRoot(build())
	}
	press(DirDown)                    // a
	press(DirDown, DirDown, DirRight) // from a: z, then down to Shift/.com row... then right
	press(DirUp, DirUp, DirUp, DirUp) // back up to the digits
	require.NotEmpty(t, k.Value)
	last := v.FocusedKey()
	v.Focus("field")
	v.Move(DirDown)
	assert.Equal(t, last, v.FocusedKey(), "coming back lands on the last key")

	// Every key is reachable from every other: walk the bottom row to Done.
	v.Focus("kb/z")
	v.Move(DirDown)
	for i := 0; i < 10 && !strings.HasSuffix(v.FocusedKey(), KeyDone); i++ {
		v.Move(DirRight)
	}
	assert.Equal(t, "kb/done", v.FocusedKey())
}

func TestKeyboardShowKeyOnlyForSecrets(t *testing.T) {
	var k Keyboard
	assert.Nil(t, k.Build("kb", 0, 0, false).Find("kb/show"))
	assert.NotNil(t, k.Build("kb", 0, 0, true).Find("kb/show"))
	k.Press(KeyShow)
	assert.Equal(t, "Hide", k.Build("kb", 0, 0, true).Find("kb/show").Label)
}

func TestEmailKeyboardEndings(t *testing.T) {
	k := Keyboard{Email: true}
	for _, c := range "ana" {
		k.Press(string(c))
	}
	k.Press("@yahoo.com")
	assert.Equal(t, "ana@yahoo.com", k.Value)
	k.Press("@gmail.com")
	assert.Equal(t, "ana@gmail.com", k.Value, "an ending replaces the one after the @")
	kb := k.Build("kb", 0, 0, false)
	for _, d := range EmailDomains {
		assert.NotNil(t, kb.Find("kb/"+d), d)
	}
	assert.Nil(t, (&Keyboard{}).Build("kb", 0, 0, true).Find("kb/@gmail.com"), "only email keyboards have endings")

	short := Keyboard{MaxLen: 4}
	short.Set("123456")
	assert.Equal(t, "1234", short.Value, "typed text is cut to MaxLen")
}

// ゛゜小 gives the kana before it its next form, in its own script, and leaves
// anything else alone.
func TestKanaMarks(t *testing.T) {
	for _, c := range []struct{ before, after string }{
		{"は", "ば"}, {"ば", "ぱ"}, {"ぱ", "は"}, {"つ", "っ"}, {"っ", "づ"}, {"や", "ゃ"},
		{"ハ", "バ"}, {"ツ", "ッ"}, {"う", "ぅ"}, {"ぅ", "ゔ"}, {"ん", "ん"}, {"a", "a"}, {"", ""},
	} {
		assert.Equal(t, c.after, markKana(c.before), c.before)
	}
}

// A name's keyboard opens on the layout that writes its last letter, else on the
// first offered; an email's offers none and stays Latin.
func TestOfferLayoutsFollowsTheName(t *testing.T) {
	for _, c := range []struct {
		value string
		want  Layout
	}{{"", LayoutArabic}, {"Ana", LayoutLatin}, {"سارة", LayoutArabic}, {"1", LayoutLatin}} {
		k := Keyboard{Value: c.value}
		k.OfferLayouts(LayoutArabic, LayoutLatin)
		assert.Equal(t, c.want, k.Layout, "%q", c.value)
	}
	k := Keyboard{Value: "ユキ"}
	k.OfferLayouts(LayoutKana, LayoutLatin)
	assert.Equal(t, LayoutKana, k.Layout, "katakana is typed on kana")
	assert.Equal(t, "kb/あ", k.DefaultKey("kb"))
	k.Press(KeyLayout)
	assert.Equal(t, LayoutLatin, k.Layout)
	assert.Equal(t, "kb/q", k.DefaultKey("kb"))
}

// Mirrored for Arabic, the Arabic letters start at the right and the Latin ones
// keep their order; d-pad moves follow the keys as drawn.
func TestKeyboardMirrored(t *testing.T) {
	k := Keyboard{Words: Words{RTL: true}}
	k.OfferLayouts(LayoutArabic, LayoutLatin)
	build := func() *View {
		var v View
		root := &Node{Rect: Canvas}
		root.Add(k.Build("kb", 200, 300, false))
		Mirror(root)
		v.SetRoot(root)
		return &v
	}
	v := build()
	assert.Greater(t, v.Root().Find("kb/ا").Rect.X, v.Root().Find("kb/ب").Rect.X)
	require.True(t, v.Focus("kb/ا"))
	v.Move(DirLeft)
	assert.Equal(t, "kb/ب", v.FocusedKey())
	k.Press(KeyLayout)
	v = build()
	assert.Less(t, v.Root().Find("kb/q").Rect.X, v.Root().Find("kb/w").Rect.X)
	assert.Greater(t, v.Root().Find("kb/shift").Rect.X, v.Root().Find("kb/done").Rect.X, "the bottom row mirrors")
	require.True(t, v.Focus("kb/q"))
	v.Move(DirRight)
	assert.Equal(t, "kb/w", v.FocusedKey())
}
