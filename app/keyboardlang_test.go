package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/ui"
)

// appIn starts the app on the demo household with the device in language l.
func appIn(t *testing.T, l i18n.Lang) (*App, household) {
	t.Helper()
	h := newHousehold(t)
	opts := testOptions
	opts.Language = l
	a := NewTenfoot(opts, h.device)
	t.Cleanup(a.Close)
	return a, h
}

// node returns the node keyed key on the screen on top.
func node(t *testing.T, a *App, key string) *ui.Node {
	t.Helper()
	n := a.View().Root().Find(key)
	require.NotNil(t, n, "no %q on %s", key, a.Screen().Name())
	return n
}

// leftOf reports whether the node keyed a is drawn left of the one keyed b.
func leftOf(t *testing.T, a *App, left, right string) bool {
	t.Helper()
	return node(t, a, left).ScreenRect().X < node(t, a, right).ScreenRect().X
}

// In Arabic, a new profile's name is typed in Arabic letters, from the right, with
// the keyboard mirrored as the screen is; a key switches to Latin, whose letters
// keep their order, and back.
func TestProfileNameInArabicLetters(t *testing.T) {
	a, h := appIn(t, i18n.Arabic)
	press(t, a, "add")
	require.Equal(t, "edit-profile", a.Screen().Name())
	assert.Equal(t, "kb/ا", a.Focused().Key, "the name starts on the alphabet's first letter")
	assert.True(t, leftOf(t, a, "kb/ب", "kb/ا"), "the alphabet reads from the right")
	assert.True(t, leftOf(t, a, "side", "kb"), "the keyboard is on the right, where Arabic starts")

	pressKeys(a, ok, left, ok) // ا, then the letter on its left: ب
	assert.Equal(t, "اب", fieldText(a, "field/name"))
	pressKeys(a, down, ok) // under ب: س
	assert.Equal(t, "ابس", fieldText(a, "field/name"))

	// The keys' own words are Arabic, and the bottom row runs right to left.
	assert.Equal(t, "مسافة", node(t, a, "kb/space").Label)
	assert.Equal(t, "حذف", node(t, a, "kb/delete").Label)
	assert.Equal(t, "تم", node(t, a, "kb/done").Label)
	assert.Nil(t, a.View().Root().Find("kb/shift"), "Arabic has no capitals")
	assert.True(t, leftOf(t, a, "kb/done", "kb/delete"), "Done ends the row, on the left")
	assert.Equal(t, "ABC", node(t, a, "kb/layout").Label)

	// Latin, with its letters in QWERTY order, Right moving right.
	press(t, a, "kb/layout")
	assert.Equal(t, "kb/layout", a.Focused().Key, "switching keeps the switch focused")
	assert.Equal(t, "أ ب ت", node(t, a, "kb/layout").Label)
	assert.True(t, leftOf(t, a, "kb/q", "kb/w"), "Latin letters read left to right")
	assert.True(t, leftOf(t, a, "kb/1", "kb/2"))
	assert.True(t, leftOf(t, a, "kb/delete", "kb/shift"), "the row around them mirrors")
	require.True(t, a.View().Focus("kb/q"))
	pressKeys(a, right, ok)
	assert.Equal(t, "ابسw", fieldText(a, "field/name"))
	press(t, a, "kb/delete", "kb/layout")
	require.NotNil(t, a.View().Root().Find("kb/ا"), "back to Arabic")

	press(t, a, "kb/done")
	assert.Equal(t, "save", a.Focused().Key, "Done goes on to saving")
	pressKeys(a, ok)
	require.Equal(t, "profiles", a.Screen().Name())
	profileNamed(t, h.device, "ابس")
}

// In Japanese, a name is typed in hiragana from the gojūon table; ゛゜小 voices
// the kana before it, and カナ writes katakana until pressed again.
func TestProfileNameInKana(t *testing.T) {
	a, h := appIn(t, i18n.Japanese)
	press(t, a, "add")
	assert.Equal(t, "kb/あ", a.Focused().Key)
	assert.True(t, leftOf(t, a, "kb/あ", "kb/か"), "the table's columns run left to right")
	pressKeys(a, right, ok) // か
	press(t, a, "kb/゛")
	assert.Equal(t, "が", fieldText(a, "field/name"))
	assert.Equal(t, "゛゜小", node(t, a, "kb/゛").Label)

	press(t, a, "kb/shift")
	assert.True(t, node(t, a, "kb/shift").Checked)
	assert.Equal(t, "ア", node(t, a, "kb/あ").Label, "the keys show katakana")
	press(t, a, "kb/あ", "kb/つ", "kb/゛")
	assert.Equal(t, "がアッ", fieldText(a, "field/name"), "katakana, until カナ is pressed again")
	press(t, a, "kb/shift", "kb/は", "kb/゛", "kb/゛")
	assert.Equal(t, "がアッぱ", fieldText(a, "field/name"))

	assert.Equal(t, "スペース", node(t, a, "kb/space").Label)
	assert.Equal(t, "完了", node(t, a, "kb/done").Label)
	press(t, a, "kb/layout")
	assert.NotNil(t, a.View().Root().Find("kb/q"), "and Latin, one key away")
	assert.Equal(t, "あいう", node(t, a, "kb/layout").Label)
	press(t, a, "kb/done", "save")
	require.Equal(t, "profiles", a.Screen().Name())
	profileNamed(t, h.device, "がアッぱ")
}

// Editing a Latin name in Arabic opens on Latin, where its letters are.
func TestEditingALatinNameStaysLatin(t *testing.T) {
	a, h := appIn(t, i18n.Arabic)
	press(t, a, "manage", "profile/"+profileNamed(t, h.device, "Ben").ID.String())
	require.Equal(t, "edit-profile", a.Screen().Name())
	assert.Equal(t, "kb/q", a.Focused().Key)
	assert.Equal(t, "أ ب ت", node(t, a, "kb/layout").Label)
}

// An email and a password are typed on Latin alone in every language, as on
// Netflix and YouTube: in Arabic the keys' words are Arabic, the letters keep
// their order, and the row of special keys mirrors with the screen.
func TestSignInKeyboardInArabic(t *testing.T) {
	a, _ := appIn(t, i18n.Arabic)
	pressKeys(a, mirrored(i18n.Arabic, []input.Action{ok, left, down, ok, down, down, ok, right, ok, down, ok})...)
	require.Equal(t, "signin-email", a.Screen().Name())
	assert.Nil(t, a.View().Root().Find("kb/layout"), "no other script for an email")
	assert.NotNil(t, a.View().Root().Find("kb/.com"))
	assert.Equal(t, "حرف كبير", node(t, a, "kb/shift").Label)
	assert.True(t, leftOf(t, a, "kb/q", "kb/w"))
	assert.True(t, leftOf(t, a, "kb/done", "kb/shift"))
	require.True(t, a.View().Focus("kb/a"))
	pressKeys(a, ok, right, ok, up, ok)
	assert.Equal(t, "asw", fieldText(a, "field/email"), "Right and Up move as the keys are drawn")
}

// English names are typed on Latin alone: no switch, and .com where it was.
func TestProfileNameInEnglishIsLatin(t *testing.T) {
	a, _ := appIn(t, i18n.English)
	press(t, a, "add")
	assert.Equal(t, "kb/q", a.Focused().Key)
	assert.Nil(t, a.View().Root().Find("kb/layout"))
	assert.NotNil(t, a.View().Root().Find("kb/.com"))
}

// A PIN pad reads 1 2 3 from the left in Arabic too, as a phone's does: the screen
// around it mirrors, its digits do not, and Right moves to the next digit. It used
// to mirror with the screen and read 3 2 1. Each pad twice: Grandpa's PIN, the
// proof for signing out of all devices, and a new profile's PIN.
func TestPINPadsKeepTheirDigitsInOrderInArabic(t *testing.T) {
	pads := []struct {
		name string
		home bool // opened from Home, else from Who's watching
		open func(t *testing.T, a *App)
	}{
		{"a locked profile's", false, func(t *testing.T, a *App) { pressProfile(t, a, "Grandpa") }},
		{"signing out of all devices", true, func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
		}},
		{"a new profile's", false, func(t *testing.T, a *App) { press(t, a, "add", "pin") }},
	}
	for _, pad := range pads {
		t.Run(pad.name, func(t *testing.T) {
			a, _ := appIn(t, i18n.Arabic)
			if pad.home {
				pressProfile(t, a, "Ana")
			}
			for round := range 2 {
				pad.open(t, a)
				for _, pair := range [][2]string{{"1", "2"}, {"2", "3"}, {"4", "5"}, {"8", "9"}, {"delete", "0"}} {
					assert.True(t, leftOf(t, a, "pin/"+pair[0], "pin/"+pair[1]), "round %d: %s left of %s", round, pair[0], pair[1])
				}
				require.True(t, a.View().Focus("pin/4"))
				pressKeys(a, right)
				assert.Equal(t, "pin/5", a.View().FocusedKey(), "round %d: Right goes on to the next digit", round)
				pressKeys(a, left)
				assert.Equal(t, "pin/4", a.View().FocusedKey(), "round %d: and Left back", round)
				pressKeys(a, down, down)
				assert.Equal(t, "pin/delete", a.View().FocusedKey(), "round %d: Delete under 7, on the left", round)
				pressKeys(a, home) // back where it was opened from
			}
		})
	}
}
