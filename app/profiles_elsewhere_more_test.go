package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
)

// A profile's Delete confirmed once every other profile was deleted on another
// device leaves it, as an account keeps one, and says so in the viewer's words,
// back in its editor, which offers no Delete now. It said "Something went wrong:
// session: invalid request: an account keeps at least one profile", in English, and
// the dialog stayed with its Delete. Twice, with a profile added on the phone and
// deleted there again the second time.
func TestDeletingWhatIsNowTheLastProfileSaysWhy(t *testing.T) {
	for _, l := range i18n.Langs {
		t.Run(l.Tag(), func(t *testing.T) {
			a, h := appIn(t, l)
			phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
			press(t, a, "manage")
			for round := 1; round <= 2; round++ {
				pressProfile(t, a, "Ben")
				press(t, a, "delete")
				require.Equal(t, "delete-profile", a.Screen().Name())
				for _, p := range phone.Profiles() {
					if p.Name != "Ben" {
						require.NoError(t, phone.DeleteProfile(context.Background(), p.ID, session.Proof{Password: demo.AnaPassword}))
					}
				}
				changedElsewhere(t, a, h)
				press(t, a, "confirm")
				assert.Equal(t, "edit-profile", a.Screen().Name(), "round %d: back in Ben's editor", round)
				assert.False(t, shows(a, "session:"), "round %d", round)
				require.NotNil(t, a.Toast(), "round %d", round)
				assert.Equal(t, a.Env().Say("lastProfileStays", i18n.S("name", "Ben")), a.Toast().Label, "round %d", round)
				assert.False(t, has(a, "delete"), "round %d: no Delete for the last profile", round)
				assert.Len(t, h.device.Profiles(), 1, "round %d: Ben stays", round)
				press(t, a, "cancel")

				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: session.Profile{Name: "Mia", Avatar: "cat"}}))
				changedElsewhere(t, a, h)
			}
		})
	}
}
