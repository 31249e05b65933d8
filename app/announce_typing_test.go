package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/ui"
)

// Typing on the on-screen keyboard is heard: the field as it now reads after each
// key, and Shift with its state. Someone who could not see the field heard
// nothing at all after a letter, Space, Delete or Shift. A password is heard as a
// count, also once Show has unmasked it on screen and when focus is on the field.
func TestTypingIsHeard(t *testing.T) {
	for _, c := range []struct {
		lang                                     i18n.Lang
		typed, deleted, shiftOn, shiftOff, count string
		password, shown                          string
	}{
		{i18n.English, "Name, Benx", "Name, Ben", "Shift, on", "Shift, off", "Name, BenA. a",
			"Password, 1 character", "Password, 2 characters"},
		{i18n.German, "Name, Benx", "Name, Ben", "Umschalt, ein", "Umschalt, aus", "Name, BenA. a",
			"Passwort, 1 Zeichen", "Passwort, 2 Zeichen"},
	} {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			openEditor(t, a, "Ben")
			a.Announce()
			for round := 1; round <= 2; round++ {
				said := heard(a, "kb/x", "kb/"+ui.KeyDelete)
				assert.Equal(t, []string{"x", c.typed, a.Env().Words().Delete, c.deleted}, said, "round %d", round)
				said = heard(a, "kb/"+ui.KeyShift, "kb/a")
				assert.Equal(t, []string{c.shiftOff, c.shiftOn, "A", c.count}, said, "round %d", round)
				heard(a, "kb/"+ui.KeyDelete)
				a.Announce()
			}

			pressKeys(a, back, back)
			press(t, a, "profile/"+profileNamed(t, a.Env().Device, "Grandpa").ID.String(), "forgot")
			require.Equal(t, "forgot-pin", a.Screen().Name())
			a.Announce()
			said := heard(a, "kb/w")
			assert.Equal(t, []string{"w", c.password}, said)
			said = heard(a, "kb/"+ui.KeyShow, "kb/x")
			assert.Equal(t, []string{a.Env().Words().Show, a.Env().Words().Hide, "x", c.shown}, said, "shown, still a count")
			require.True(t, a.View().Focus("password"))
			assert.Equal(t, c.shown, a.Announce(), "shown, the field itself is a count")
		})
	}
}
