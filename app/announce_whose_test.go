package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
)

// Opening a profile's editor says whose profile it is: it said "Edit profile. q",
// and a listener who chose among four profiles did not hear which one opened.
// Said as the editor opens, by the name it had, not again at each key typed in
// the name; a new profile is said as one.
func TestOpeningAProfileEditorSaysWhose(t *testing.T) {
	for _, c := range []struct {
		lang          i18n.Lang
		ben, kids, nw string
	}{
		{i18n.English, "Edit profile, Ben. q", "Edit profile, Kids. q", "New profile. Q"},
		{i18n.German, "Profil von Ben bearbeiten. q", "Profil von Kids bearbeiten. q", "Neues Profil. Q"},
	} {
		t.Run(c.lang.Tag(), func(t *testing.T) {
			a, _ := appIn(t, c.lang)
			press(t, a, "manage")
			a.Announce()
			for round := 1; round <= 2; round++ {
				said := heard(a, "profile/"+profileNamed(t, a.Env().Device, "Ben").ID.String())
				require.Equal(t, "edit-profile", a.Screen().Name())
				assert.Equal(t, c.ben, said[len(said)-1], "round %d", round)
				said = heard(a, "kb/x")
				assert.NotContains(t, said[len(said)-1], c.ben[:len(c.ben)-3], "round %d: said once, as it opens", round)
				pressKeys(a, back)
				a.Announce()
				said = heard(a, "profile/"+profileNamed(t, a.Env().Device, "Kids").ID.String())
				assert.Equal(t, c.kids, said[len(said)-1], "round %d", round)
				pressKeys(a, back)
				a.Announce()
			}
			said := heard(a, "add")
			require.Equal(t, "edit-profile", a.Screen().Name())
			assert.Equal(t, c.nw, said[len(said)-1])
		})
	}
}
