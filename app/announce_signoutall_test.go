package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// Signing out of all devices is heard step by step: what the password step asks
// for, the PIN typed as a count, and, once the service took it, how many devices
// signed out and how many wait offline. A listener heard "q" after Continue,
// nothing of the PIN's digits, and "Sign out of all devices. Done", never how it
// ended. The second time, with the offline devices gone with the first, every
// device is signed out at once, and said so.
func TestSigningOutOfAllDevicesIsHeard(t *testing.T) {
	for _, c := range []struct {
		lang                          i18n.Lang
		password, pin, typed, end, at string
	}{
		{i18n.English, "To sign every device out, enter the account's password. q",
			"To sign every device out, enter the PIN of a profile. Enter the PIN for Grandpa. PIN, 0 of 4 digits. 1",
			"PIN, 1 of 4 digits",
			"Sign out of all devices. 1 of 4 devices signed out. 3 devices are offline and sign out once they are online. Done",
			"Sign out of all devices. Every device signed out. Done"},
		{i18n.German, "Gib das Passwort des Kontos ein, um alle Geräte abzumelden. q",
			"Gib die PIN eines Profils ein, um alle Geräte abzumelden. Gib die PIN für Grandpa ein. PIN, 0 von 4 Ziffern. 1",
			"PIN, 1 von 4 Ziffern",
			"Von allen Geräten abmelden. 1 von 4 Geräten abgemeldet. 3 Geräte sind offline und werden abgemeldet, sobald sie online sind. Fertig",
			"Von allen Geräten abmelden. Alle Geräte abgemeldet. Fertig"},
	} {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			pressKeys(a, ok)
			require.Equal(t, "home", a.Screen().Name())
			for round := 1; round <= 2; round++ {
				press(t, a, "menu/settings", "account", "signout-all")
				a.Announce()
				said := heard(a, "continue")
				assert.Equal(t, c.password, said[len(said)-1], "round %d", round)
				said = heard(a, "switch-proof")
				assert.Equal(t, c.pin, said[len(said)-1], "round %d", round)
				said = heard(a, "pin/1")
				assert.Equal(t, []string{c.typed}, said, "round %d", round)
				said = heard(a, "pin/2", "pin/3", "pin/4")
				end := c.end
				if round == 2 {
					end = c.at
				}
				assert.Equal(t, end, said[len(said)-1], "round %d", round)
				press(t, a, "done")
				signInAsAna(t, a)
			}
		})
	}
}
