package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// A toggle is heard with its state, and a password with how many characters were
// typed, in the viewer's language: a German viewer heard "Kinderprofil, off" and
// "Passwort, 5 characters", half of it in English. Toggled twice, it is heard
// each time.
func TestTogglesAndPasswordsAreHeardInTheViewersLanguage(t *testing.T) {
	cases := []struct {
		lang            i18n.Lang
		kidsOff, kidsOn string
		password        string
	}{
		{i18n.English, "Kids profile, off", "Kids profile, on", "Password, 5 characters"},
		{i18n.German, "Kinderprofil, aus", "Kinderprofil, ein", "Passwort, 5 Zeichen"},
		{i18n.Arabic, "ملف شخصي للأطفال، غير مفعّل", "ملف شخصي للأطفال، مفعّل", "كلمة المرور، 5 أحرف"},
		{i18n.Japanese, "キッズプロフィール、オフ", "キッズプロフィール、オン", "パスワード、5文字"},
	}
	for _, c := range cases {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			openEditor(t, a, "Ben")
			a.Announce()
			require.True(t, a.View().Focus("kids"))
			assert.Equal(t, c.kidsOff, a.Announce())
			for round := 1; round <= 2; round++ {
				pressKeys(a, ok)
				assert.Equal(t, c.kidsOn, a.Announce(), "round %d", round)
				pressKeys(a, ok)
				assert.Equal(t, c.kidsOff, a.Announce(), "round %d", round)
			}

			pressKeys(a, back, back)
			require.Equal(t, "profiles", a.Screen().Name())
			press(t, a, "profile/"+profileNamed(t, a.Env().Device, "Grandpa").ID.String(), "forgot")
			require.Equal(t, "forgot-pin", a.Screen().Name())
			typeText(t, a, "wrong")
			a.Announce()
			require.True(t, a.View().Focus("password"))
			assert.Equal(t, c.password, a.Announce())
		})
	}
}
