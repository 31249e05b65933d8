package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/session"
)

// A device signed out meanwhile, by itself or from elsewhere, while this TV asks
// whether to sign it out: Sign out counts it done, as it is, and says so in the
// viewer's words. It said "Something went wrong: session: not found: no device
// 6f1c… is signed in to this account", in English inside a German sentence, and
// the dialog stayed. Twice, with a device signed out each way.
func TestSigningOutADeviceAlreadySignedOutIsDone(t *testing.T) {
	h := newHousehold(t)
	opts := testOptions
	opts.Language = i18n.German
	a := NewTenfoot(opts, h.device)
	t.Cleanup(a.Close)
	pressProfile(t, a, "Ana")
	for round, name := range []string{"Küchen-Stick", "Anas Tablet"} {
		other := otherDevice(t, h, name, session.DeviceKindStick)
		press(t, a, "menu/settings", "account", "device/"+other.Info().ID.String())
		require.Equal(t, "signout-device", a.Screen().Name())
		if round == 0 {
			plan, err := other.Plan()
			require.NoError(t, err)
			_, err = other.Confirm(context.Background(), plan)
			require.NoError(t, err)
		} else {
			phone := otherDevice(t, h, "Anas Handy", session.DeviceKindPhone)
			_, err := phone.SignOutDevice(context.Background(), other.Info().ID)
			require.NoError(t, err)
		}
		press(t, a, "confirm")
		assert.Equal(t, "account", a.Screen().Name(), "round %d: the dialog is done", round)
		assert.False(t, shows(a, "session:"), "round %d", round)
		require.NotNil(t, a.Toast(), "round %d", round)
		assert.Equal(t, name+" ist abgemeldet.", a.Toast().Label, "round %d", round)
		assert.False(t, has(a, "device/"+other.Info().ID.String()), "round %d: it is not listed", round)
		pressKeys(a, home)
	}
}
