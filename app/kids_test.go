package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/screens"
	"tenfoot/ui"
)

// has reports whether the screen on top has a node with key, shown.
func has(a *App, key string) bool {
	n := a.View().Root().Find(key)
	return n != nil && !n.Hidden
}

// switchTo goes from Home to Who's watching and chooses name.
func switchTo(t *testing.T, a *App, name string) {
	t.Helper()
	press(t, a, "menu/settings", "switch")
	require.Equal(t, "profiles", a.Screen().Name())
	press(t, a, "profile/"+profileNamed(t, a.Env().Device, name).ID.String())
}

func TestKidsProfileCannotManageTheAccount(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "profile/"+profileNamed(t, h.device, "Kids").ID.String())
	for range 2 {
		require.Equal(t, "Kids", a.Env().Profile.Name)
		press(t, a, "profile")
		require.Equal(t, "profile-menu", a.Screen().Name())
		assert.False(t, shows(a, "Account"), "no Account in a kids profile's menu")
		assert.True(t, shows(a, "Switch profile"))
		pressKeys(a, back)
		press(t, a, "menu/settings")
		assert.False(t, has(a, "account"), "nor in Settings")
		assert.Equal(t, screens.None, a.Screen().Handle(screens.Event{Action: ok, Focused: "account"}), "nor by its key")

		press(t, a, "switch")
		require.Equal(t, "profiles", a.Screen().Name())
		assert.False(t, has(a, "manage"), "no Manage profiles from a kids profile")
		assert.False(t, has(a, "add"), "no Add profile")

		// Ana's profile has no PIN: choosing it is how the adults get their menus back.
		press(t, a, "profile/"+profileNamed(t, h.device, "Ana").ID.String())
		press(t, a, "profile")
		assert.True(t, shows(a, "Account"), "Ana has the Account entry")
		pressKeys(a, back)
		switchTo(t, a, "Kids")
	}
}

func TestLeavingKidsForALockedProfileAsksItsPIN(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "profile/"+profileNamed(t, h.device, "Kids").ID.String())
	for range 2 {
		switchTo(t, a, "Grandpa")
		require.Equal(t, "pin", a.Screen().Name(), "Grandpa's PIN, every time")
		pressKeys(a, back)
		assert.Equal(t, "profiles", a.Screen().Name())
		assert.Equal(t, "Kids", a.Env().Profile.Name, "still the kids profile")

		press(t, a, "profile/"+profileNamed(t, h.device, "Grandpa").ID.String())
		typePIN(t, a, "0000")
		assert.True(t, shows(a, "That PIN is not right."))
		typePIN(t, a, demo.GrandpaPIN)
		require.Equal(t, "home", a.Screen().Name())
		assert.Equal(t, "Grandpa", a.Env().Profile.Name)
		switchTo(t, a, "Kids")
	}
}

func TestPhoneKidsProfileHasNoAccountInMore(t *testing.T) {
	h := newHousehold(t)
	a := onPhone(NewTenfoot(Options{Catalog: demo.Catalog, Version: "test"}, h.device))
	t.Cleanup(a.Close)
	for _, name := range []string{"Kids", "Ana", "Kids"} {
		tap(t, a, "profile/"+profileNamed(t, h.device, name).ID.String())
		tap(t, a, "tab/more")
		require.Equal(t, "more", a.Screen().Name())
		kids := name == "Kids"
		assert.Equal(t, !kids, has(a, "account"), "Account in More for %s", name)
		assert.Equal(t, !kids, has(a, "approve-tv"), "Sign in a TV in More for %s", name)
		assert.True(t, has(a, "signout"), "Sign out of this phone stays, for %s", name)
		tap(t, a, "settings")
		tap(t, a, "switch")
		require.Equal(t, "profiles", a.Screen().Name())
	}
}

// A kids profile's title pages suggest only titles for kids under More like this,
// on the page opened from Home and on the one opened from there: they suggested
// any title of the catalog, so a child was two presses from an action film.
func TestKidsProfileMoreLikeThisIsForKids(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "profile/"+profileNamed(t, h.device, "Kids").ID.String())
	require.Equal(t, "home", a.Screen().Name())
	kidsTitles := map[string]bool{}
	for _, title := range demo.Catalog.Titles {
		kidsTitles[title.Name] = title.Kids
	}
	first := findRole(a.View().Root().Find("rows"), ui.RoleTile)
	require.NotNil(t, first)
	press(t, a, first.Key)
	for round := 1; round <= 2; round++ {
		require.Equal(t, "details", a.Screen().Name(), "round %d", round)
		row := a.View().Root().Find("row/similar")
		require.NotNil(t, row)
		require.NotEmpty(t, row.Children, "round %d: there is something like it for kids", round)
		for _, s := range row.Children {
			assert.True(t, kidsTitles[s.Label], "round %d: %s is suggested to a kids profile", round, s.Label)
		}
		press(t, a, row.Children[len(row.Children)-1].Key) // the last suggestion's page
	}
}

// A profile made a kids profile shows only titles for kids on Home, in every row:
// Continue watching and Downloads kept the grown-up titles it had started or
// downloaded before, one press from playing. Twice, with Ana and then Ben.
func TestAProfileMadeKidsShowsOnlyTitlesForKids(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	kidsTitles := map[string]bool{}
	for _, title := range demo.Catalog.Titles {
		kidsTitles[title.Name] = title.Kids
	}
	for round, who := range []string{"Ana", "Ben"} {
		if round > 0 { // Ana, a kids profile now, manages no profiles
			press(t, a, "menu/settings", "switch")
			pressProfile(t, a, who)
		}
		press(t, a, "menu/settings", "switch", "manage")
		pressProfile(t, a, who)
		press(t, a, "kids", "save", "manage")
		pressProfile(t, a, who)
		require.Equal(t, "home", a.Screen().Name())
		require.True(t, a.Env().Profile.Kids)
		tiles := 0
		var walk func(n *ui.Node)
		walk = func(n *ui.Node) {
			if n.Role == ui.RoleTile {
				tiles++
				assert.True(t, kidsTitles[n.Label], "round %d: %s on %s's Home, a kids profile now", round, n.Label, who)
			}
			for _, c := range n.Children {
				walk(c)
			}
		}
		walk(a.View().Root())
		assert.Positive(t, tiles, "round %d", round)
	}
}
