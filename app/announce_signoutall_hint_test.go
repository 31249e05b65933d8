package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// Sign out of all devices says, as it opens, what it will do: every device back to
// the sign-in screen and their downloads deleted. A listener heard the question and
// Cancel, and never the warning a sighted person reads under it. Twice, in English
// and in German.
func TestSignOutOfAllDevicesSaysWhatItWillDo(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		said string
	}{
		{i18n.English, "Sign Ana (a•••@example.com) out of all 4 devices? Every device goes back to the sign-in screen, this TV too, and downloads on them are deleted. It takes seconds. Cancel"},
		{i18n.German, "Ana (a•••@example.com) von allen 4 Geräten abmelden? Jedes Gerät kehrt zur Anmeldeseite zurück, auch dieser Fernseher, und die Downloads darauf werden gelöscht. Das dauert Sekunden. Abbrechen"},
	} {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			pressKeys(a, ok)
			require.Equal(t, "home", a.Screen().Name())
			for round := 1; round <= 2; round++ {
				press(t, a, "menu/settings", "account")
				a.Announce()
				press(t, a, "signout-all")
				said := a.Announce()
				assert.Equal(t, c.said, said, "round %d", round)
				pressKeys(a, back, back, back)
				require.Equal(t, "home", a.Screen().Name(), "round %d", round)
			}
		})
	}
}
