package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/session"
)

// The profile watching, made a kids profile on another device while the TV shows
// something a kids profile may not see (Account, signing a device or every device
// out, a grown-up's title or its player), leaves it for Home at once, with a toast
// that says why, in the viewer's language: it used to stay there, with buttons that
// did nothing, or go on playing the grown-up's film. Made an adult's again, it is
// left where it is. Each case runs twice.
func TestProfileMadeKidsElsewhereLeavesWhatKidsMayNotSee(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T, a *App)
		want string // the screen it opens
	}{
		{"Account", func(t *testing.T, a *App) { press(t, a, "menu/settings", "account") }, "account"},
		{"signing a device out", func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "account")
			press(t, a, otherDeviceKey(t, a))
		}, "signout-device"},
		{"signing every device out", func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "account", "signout-all")
		}, "signout-all"},
		{"a grown-up's title", func(t *testing.T, a *App) { pressKeys(a, right, ok) }, "details"},
		{"its player", func(t *testing.T, a *App) {
			pressKeys(a, right, ok)
			press(t, a, "play")
		}, "player"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHousehold(t)
			phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
			opts := testOptions
			opts.Language = i18n.German
			a := NewTenfoot(opts, h.device)
			t.Cleanup(a.Close)
			pressProfile(t, a, "Ana")
			for round := 1; round <= 2; round++ {
				require.Equal(t, "home", a.Screen().Name())
				tt.open(t, a)
				require.Equal(t, tt.want, a.Screen().Name(), "round %d", round)

				ana := profileNamed(t, phone, "Ana")
				ana.Kids = true
				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
				changedElsewhere(t, a, h)
				assert.Equal(t, "home", a.Screen().Name(), "round %d: a kids profile has no %s", round, tt.want)
				require.NotNil(t, a.Toast(), "round %d: why is said", round)
				assert.Equal(t, "Das Profil von Ana ist jetzt ein Kinderprofil.", a.Toast().Label, "round %d", round)
				assert.False(t, shows(a, "Meridian"), "round %d: only titles for kids", round)

				ana.Kids = false
				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
				changedElsewhere(t, a, h)
				tt.open(t, a)
				require.Equal(t, tt.want, a.Screen().Name(), "round %d: an adult's again", round)
				before := a.Toast()
				ana.Name = "Anna"
				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
				changedElsewhere(t, a, h)
				assert.Equal(t, tt.want, a.Screen().Name(), "round %d: renamed, it stays", round)
				assert.Equal(t, before, a.Toast(), "round %d: with nothing to say", round)
				ana.Name = "Ana"
				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
				changedElsewhere(t, a, h)
				for n := 0; a.Screen().Name() != "home" && n < 5; n++ {
					pressKeys(a, back) // Home again, the way a person goes
				}
			}
		})
	}
}
