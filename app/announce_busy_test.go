package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// A button pressed is disabled while its change runs and focus steps aside onto a
// neighbour; the listener heard that neighbour ("Use a profile PIN instead"), as
// if it had been pressed, and nothing of the work under way. The button is said as
// unavailable, then, once the change fails, the error and the button again, each
// time it is pressed.
func TestAButtonBusyWithItsChangeIsHeardAsUnavailable(t *testing.T) {
	for _, c := range []struct {
		lang              i18n.Lang
		unavailable, fail string
	}{
		{i18n.English, "Sign out of all devices, unavailable",
			"That email and password do not match. Check them and try again. Sign out of all devices"},
		{i18n.German, "Von allen Geräten abmelden, nicht verfügbar", ""},
	} {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			pressKeys(a, ok, left, down, ok, down, ok)
			press(t, a, "signout-all")
			pressKeys(a, right, ok)
			typeText(t, a, "wrong")
			require.True(t, a.View().Focus("confirm"))
			a.Announce()
			for round := 1; round <= 2; round++ {
				a.Press(ok)
				assert.Equal(t, c.unavailable, a.Announce(), "round %d", round)
				a.Settle()
				if c.fail != "" {
					assert.Equal(t, c.fail, a.Announce(), "round %d", round)
				} else {
					assert.NotEmpty(t, a.Announce(), "round %d", round)
				}
			}
		})
	}
}
