package screens

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
	"tenfoot/ui"
)

// firstTitle returns the label of the first tile on screen: the first of the first row.
func firstTitle(t *testing.T, a *App) string {
	t.Helper()
	tile := findRole(a.View().Root(), ui.RoleTile)
	require.NotNil(t, tile, "no titles on %s", a.Screen().Name())
	return tile.Label
}

// Home starts on the first title whenever a profile is chosen, as Netflix does, not
// where the last person left it: switching profiles from the picture in the upper
// right used to land on that picture, where Down, Right and Back did nothing.
func TestHomeAfterChoosingAProfileStartsOnTheFirstTitle(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for round, who := range []string{"Ben", "Ana", "Ben"} {
		pressKeys(a, right, up) // along the row, then up to the picture
		_, label := focused(t, a)
		require.Equal(t, a.Env().Profile.Name, label, "round %d: on the profile picture", round)
		pressKeys(a, ok)
		require.Equal(t, "profile-menu", a.Screen().Name())
		press(t, a, "switch")
		require.Equal(t, "profiles", a.Screen().Name())
		press(t, a, "profile/"+profileNamed(t, h, who).ID.String())

		screen, label := focused(t, a)
		require.Equal(t, "home", screen)
		assert.Equal(t, who, a.Env().Profile.Name)
		assert.Equal(t, firstTitle(t, a), label, "round %d: %s starts on the first title, not the picture", round, who)
	}
}

// profileNamed returns the household's profile called name.
func profileNamed(t *testing.T, h household, name string) session.Profile {
	t.Helper()
	for _, p := range h.device.Profiles() {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no profile called %s", name)
	return session.Profile{}
}
