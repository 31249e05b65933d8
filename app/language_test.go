package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/session"
	"tenfoot/ui"
)

// chooseLanguage opens Settings → Language from Home, as laid out in the language
// shown, and chooses l.
func chooseLanguage(t *testing.T, a *App, l i18n.Lang) {
	t.Helper()
	toMenu := left
	if a.Env().Lang().RTL() {
		toMenu = right
	}
	pressKeys(a, toMenu, down, ok) // Settings
	require.Equal(t, "settings", a.Screen().Name())
	press(t, a, "language")
	require.Equal(t, "language", a.Screen().Name())
	screen, label := focused(t, a)
	require.Equal(t, "language", screen)
	assert.Equal(t, a.Env().Lang().Name(), label, "the menu opens on the language in use")
	press(t, a, "lang/"+l.Tag())
	require.Equal(t, "settings", a.Screen().Name(), "back in Settings, in the new language")
}

// A profile's language is chosen in Settings, as on Netflix: the app changes at
// once, the profile keeps it on every device, and the other profiles keep theirs.
func TestLanguageIsChosenPerProfile(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	chooseLanguage(t, a, i18n.German)
	assert.True(t, shows(a, "Einstellungen"))
	assert.True(t, shows(a, "Deutsch"))
	assert.False(t, shows(a, "Settings"), "no English left")
	assert.Equal(t, "de", profileNamed(t, h.device, "Ana").Language)

	bedroom := otherDevice(t, h, "Bedroom TV", session.DeviceKindTV)
	assert.Equal(t, "de", profileNamed(t, bedroom, "Ana").Language, "the profile's language, on every device")

	press(t, a, "switch") // Profil wechseln
	require.Equal(t, "profiles", a.Screen().Name())
	assert.True(t, shows(a, "Wer schaut gerade?"), "Ana is watching until another profile is chosen")
	press(t, a, "profile/"+profileNamed(t, h.device, "Ben").ID.String())
	assert.True(t, shows(a, "Continue watching"), "Ben reads English")
	pressKeys(a, left, down, ok)
	press(t, a, "switch")
	assert.True(t, shows(a, "Who's watching?"))
	press(t, a, "profile/"+profileNamed(t, h.device, "Ana").ID.String())
	assert.True(t, shows(a, "Weiterschauen"), "Ana reads German again")

	// The second time round: back to English, and nothing German is left.
	chooseLanguage(t, a, i18n.English)
	assert.True(t, shows(a, "Settings"))
	assert.False(t, shows(a, "Einstellungen"))
	assert.Equal(t, "en", profileNamed(t, h.device, "Ana").Language)
}

// In Arabic the whole app mirrors: the menu is on the right of Home, rows start at
// the right, Right moves right, and the sign-out dialog has Cancel on the right,
// focused first, with the account's masked email isolated in the sentence.
func TestSignOutInArabic(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	chooseLanguage(t, a, i18n.Arabic)
	assert.True(t, shows(a, "الإعدادات"))
	pressKeys(a, back)
	require.Equal(t, "home", a.Screen().Name())

	first := a.Focused()
	require.NotNil(t, first)
	pressKeys(a, left)
	second := a.Focused()
	assert.Less(t, second.ScreenRect().X, first.ScreenRect().X, "Left moves to the next title, on the left")
	pressKeys(a, right)
	assert.Equal(t, first.Key, a.Focused().Key, "Right moves back")

	pressKeys(a, right, down, ok) // the menu, on the right: الإعدادات
	require.Equal(t, "settings", a.Screen().Name())
	press(t, a, "signout")
	screen, label := focused(t, a)
	require.Equal(t, "signout", screen)
	assert.Equal(t, "إلغاء", label, "Cancel has focus first")
	cancel := a.Focused().ScreenRect()
	assert.True(t, shows(a, "هل تريد تسجيل الخروج من حساب "+i18n.FSI+"Ana"+i18n.PDI+" ("+i18n.FSI+"a•••@example.com"+i18n.PDI+")؟"))
	assert.True(t, shows(a, "سيُلغى تنزيلان جاريان. ستُحذف 3 عناوين منزَّلة."))
	pressKeys(a, right)
	_, label = focused(t, a)
	assert.Equal(t, "إلغاء", label, "nothing lies right of Cancel")
	pressKeys(a, left)
	_, label = focused(t, a)
	assert.Equal(t, "تسجيل الخروج", label, "Sign out lies to the left of Cancel")
	assert.Less(t, a.Focused().ScreenRect().X, cancel.X)
	pressKeys(a, back)
	assert.Equal(t, "settings", a.Screen().Name(), "Back is Cancel")
	assert.True(t, isSignedIn(h.device))

	// Once more, and through with it: the same dialog opens on Cancel again.
	press(t, a, "signout")
	_, label = focused(t, a)
	assert.Equal(t, "إلغاء", label)
	pressKeys(a, left, ok)
	require.Equal(t, "signin", a.Screen().Name())
	assert.False(t, isSignedIn(h.device))
	assert.True(t, shows(a, "You signed out of Ana on this device."), "signed out, the device speaks its own language")
}

// A row scrolled to its end still shows its titles once Home comes back in Arabic,
// mirrored, and again once back in English: it is not left at an offset of the other
// direction, which scrolls every title out of sight, and Down into it lands on the
// title it remembers, on screen.
func TestScrolledRowShowsItsTitlesAfterSwitchingLanguage(t *testing.T) {
	a := newHomeApp(t)
	pressKeys(a, down, down) // the catalog's first row
	row := func() *ui.Node { return a.View().Root().Find("row/popular") }
	require.NotNil(t, row())
	pressKeys(a, repeat(right, 9)...)
	settle(a)
	last := a.View().FocusedKey()
	require.Equal(t, row().Children[len(row().Children)-1].Key, last, "at the row's end")
	require.Positive(t, row().ScrollX)
	pressKeys(a, up) // another row takes focus; this one stays scrolled

	safe := ui.SafeArea(ui.Canvas)
	onScreen := func(r ui.Rect) bool { return r.X >= safe.X && r.MaxX() <= safe.MaxX() }
	for _, l := range []i18n.Lang{i18n.Arabic, i18n.English, i18n.Arabic, i18n.English} {
		chooseLanguage(t, a, l)
		pressKeys(a, back)
		require.Equal(t, "home", a.Screen().Name())
		settle(a)
		inView := 0
		for _, c := range row().Children {
			if onScreen(c.ScreenRect()) {
				inView++
			}
		}
		assert.GreaterOrEqual(t, inView, 3, "%s: the row shows its titles", l.Tag())
		assert.True(t, onScreen(row().Find(last).ScreenRect()), "%s: the title it remembers is on screen", l.Tag())

		toRows := right
		if l.RTL() {
			toRows = left
		}
		pressKeys(a, toRows, down) // from the menu into the rows, and down into this one
		settle(a)
		assert.Equal(t, last, a.View().FocusedKey(), "%s: Down lands on the title the row remembers", l.Tag())
		assert.True(t, onScreen(a.Focused().ScreenRect()), "%s: on screen", l.Tag())
		pressKeys(a, up)
	}
}

// A kiosk greets every guest in its config's language; a guest from abroad switches
// the welcome screen to theirs, and after they are signed out the next guest is
// greeted in the kiosk's again.
func TestKioskGuestsSwitchTheLanguage(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s", "language": "de"}), checkIn)
	assert.True(t, shows(k.app, "Wer schaut gerade?"), "the guest signed in before power-on is greeted in the kiosk's language")
	k.runUntil(3*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-welcome" })
	assert.True(t, shows(k.app, "Willkommen"))
	assert.True(t, shows(k.app, "日本語"), "each language named in itself")

	press(t, k.app, "lang/ja")
	assert.True(t, shows(k.app, "ようこそ"))
	assert.True(t, shows(k.app, "スマートフォンでログイン"))
	assert.Equal(t, "lang/ja", k.app.View().FocusedKey(), "focus stays on the language chosen")

	guestSignsIn(t, k)
	assert.True(t, shows(k.app, "ホーム"), "the guest's language, while they stay")
	k.runUntil(3*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-welcome" })
	assert.True(t, shows(k.app, "Willkommen"), "the next guest is greeted in German again")
}

// namesAndLanguages lists d's profiles as name/language.
func namesAndLanguages(d *session.Device) []string {
	var out []string
	for _, p := range d.Profiles() {
		out = append(out, p.Name+"/"+p.Language)
	}
	return out
}

// Choosing a language changes the profile's language and nothing else: Ana renames
// her profile on her phone while she watches on the TV, then chooses German on the
// TV, then Japanese; the name the phone gave stays both times.
func TestChoosingALanguageKeepsARenameFromAnotherDevice(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	ana := profileNamed(t, phone, "Ana")
	ana.Name = "Anna"
	require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
	require.NoError(t, h.device.Refresh(context.Background()))
	a.Settle()
	profileNamed(t, h.device, "Anna") // the TV knows the new name

	chooseLanguage(t, a, i18n.German)
	assert.Contains(t, namesAndLanguages(h.device), "Anna/de", "the profile keeps the name the phone gave it and takes the language")
	assert.NotContains(t, namesAndLanguages(h.device), "Ana/de")

	pressKeys(a, back)
	chooseLanguage(t, a, i18n.Japanese)
	assert.Contains(t, namesAndLanguages(h.device), "Anna/ja", "the second choice keeps it too")
	assert.Equal(t, "Anna", a.Env().Profile.Name, "the app watches as the profile now is")
}
