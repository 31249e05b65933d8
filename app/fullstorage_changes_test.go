package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/ui"
)

// named returns the profile of d called name, and whether there is one.
func named(d *session.Device, name string) (session.Profile, bool) {
	for _, p := range d.Profiles() {
		if p.Name == name {
			return p, true
		}
	}
	return session.Profile{}, false
}

// TestAChangeTheDemoServiceCannotSaveSaysSo is the TV natively with no tenfootd:
// the demo's account service keeps its records in the TV's own state folder, on
// the same full disk. A language chosen and a profile renamed, twice each, are
// refused by the service, and the screen says in words that this device could not
// save it, with nothing changed; once there is room the same OK does it. Before,
// it said "Something went wrong: no space left on device".
func TestAChangeTheDemoServiceCannotSaveSaysSo(t *testing.T) {
	ds, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	store := &sickStorage{DirStorage: ds}
	svc, dev, err := demo.Open(t.Context(), demo.Options{Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	a := appOn(t, household{svc, dev})
	cannotSave := "This device could not save the change"
	for round := 1; round <= 2; round++ {
		store.full.Store(true)
		press(t, a, "menu/settings", "language", "lang/de")
		assert.Equal(t, "language", a.Screen().Name(), "round %d", round)
		assert.True(t, shows(a, cannotSave), "round %d: %q", round, allLabels(a))
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		ana, _ := named(dev, "Ana")
		assert.NotEqual(t, "de", ana.Language, "round %d", round)
		store.full.Store(false)
		press(t, a, "lang/de")
		require.True(t, shows(a, "Einstellungen"), "round %d: %q", round, allLabels(a))
		press(t, a, "language", "lang/en")

		press(t, a, "switch", "manage")
		pressProfile(t, a, "Ben")
		typeText(t, a, "ny")
		store.full.Store(true)
		press(t, a, "save")
		assert.Equal(t, "edit-profile", a.Screen().Name(), "round %d", round)
		assert.True(t, shows(a, cannotSave), "round %d: %q", round, allLabels(a))
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		_, renamed := named(dev, "Benny")
		assert.False(t, renamed, "round %d", round)
		store.full.Store(false)
		press(t, a, "save")
		require.Equal(t, "profiles", a.Screen().Name(), "round %d: %q", round, allLabels(a))
		pressProfile(t, a, "Benny")
		press(t, a, "kb/"+ui.KeyDelete, "kb/"+ui.KeyDelete, "save")
		press(t, a, "manage")
		pressProfile(t, a, "Ana")
		require.Equal(t, "home", a.Screen().Name())
	}
}
