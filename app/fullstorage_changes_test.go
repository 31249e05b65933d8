package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
	"tenfoot/ui"
)

// toastSays reports whether the toast on screen contains s.
func toastSays(a *App, s string) bool {
	return a.Toast() != nil && strings.Contains(a.Toast().Label, s)
}

// notKept is what the TV says, in English, when it shows a change its storage
// refused to keep.
const notKept = "This device's storage is full or cannot be written to"

// named returns the profile of d called name, and whether there is one.
func named(d *session.Device, name string) (session.Profile, bool) {
	for _, p := range d.Profiles() {
		if p.Name == name {
			return p, true
		}
	}
	return session.Profile{}, false
}

// TestAProfileChangedOnAFullDiskShowsAtOnce renames Ben and makes him a kids
// profile, then back, each time with the TV's disk full: the service keeps the
// change, and the TV shows it at once, says in words that it keeps it only until
// it is switched off, and keeps it on disk once there is room. Before, the editor
// said "This device could not save the change … try again" of a change the
// account had made, and the TV went on showing Ben as he was, even once there was
// room, until it was started again.
func TestAProfileChangedOnAFullDiskShowsAtOnce(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	press(t, a, "manage")
	for round, name := range []string{"Benny", "Ben"} {
		was := []string{"Ben", "Benny"}[round]
		kids := round == 0
		pressProfile(t, a, was)
		require.Equal(t, "edit-profile", k.screen())
		if round == 0 {
			typeText(t, a, "ny")
		} else {
			press(t, a, "kb/"+ui.KeyDelete, "kb/"+ui.KeyDelete)
		}
		press(t, a, "kids")
		tv.store.full.Store(true)
		press(t, a, "save")
		require.Equal(t, "profiles", k.screen(), "round %d: %q", round, allLabels(a))
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		assert.True(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
		p, ok := named(tv.dev, name)
		require.True(t, ok, "round %d: the TV shows %s as he was", round, was)
		assert.Equal(t, kids, p.Kids, "round %d", round)
		assert.True(t, has(a, "profile/"+p.ID.String()), "round %d", round)
		assert.True(t, shows(a, name), "round %d", round)
		_, onDisk := named(tv.saved(t), name)
		assert.False(t, onDisk, "round %d: not on disk while it is full", round)

		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		p, ok = named(tv.saved(t), name)
		assert.True(t, ok, "round %d: kept once there is room", round)
		assert.Equal(t, kids, p.Kids, "round %d", round)
		unsaved, _ := tv.dev.Unsaved()
		assert.False(t, unsaved, "round %d", round)
	}
}

// TestALanguageChosenOnAFullDiskShowsAtOnce chooses German in Settings with the
// TV's disk full, then English again: the app is in the language chosen at once,
// says in it that the TV keeps the choice only until it is switched off, and
// keeps it on disk once there is room. Before, the language menu stayed in
// English, saying "This device could not save the change … try again", though the
// account had the profile in German on every other device.
func TestALanguageChosenOnAFullDiskShowsAtOnce(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	pressKeys(a, ok) // Ana's Home
	for round, l := range []i18n.Lang{i18n.German, i18n.English} {
		settings, full := []string{"Einstellungen", "Settings"}[round], []string{"Der Speicher dieses Geräts ist voll", notKept}[round]
		tv.store.full.Store(true)
		press(t, a, "menu/settings", "language", "lang/"+l.Tag())
		require.Equal(t, "settings", k.screen(), "round %d: %q", round, allLabels(a))
		assert.True(t, shows(a, settings), "round %d: Settings in %s: %q", round, l.Name(), allLabels(a))
		assert.True(t, shows(a, l.Name()), "round %d", round)
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		assert.True(t, toastSays(a, full), "round %d: %v", round, a.Toast())
		ana, _ := named(tv.dev, "Ana")
		assert.Equal(t, l.Tag(), ana.Language, "round %d", round)
		k.run(3 * ticksPerSecond)
		assert.True(t, shows(a, settings), "round %d: still in %s as the disk stays full", round, l.Name())

		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		ana, _ = named(tv.saved(t), "Ana")
		assert.Equal(t, l.Tag(), ana.Language, "round %d: kept once there is room", round)
		pressKeys(a, back)
		require.Equal(t, "home", k.screen())
	}
}

// TestDownloadsOnAFullDiskPauseAndSaySo lets the TV's disk fill up while two
// downloads are in progress, twice: they stop where they are, Home's Downloads row
// and each download's tile say in words that they are paused because the storage
// is full, and once there is room they go on by themselves and are kept. Before,
// they stalled without a word.
func TestDownloadsOnAFullDiskPauseAndSaySo(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	pressKeys(a, ok) // Ana's Home
	orbit := func(d *session.Device) int64 {
		for _, dl := range d.Downloads() {
			if dl.Title == "Orbit of Small Things" {
				return dl.BytesDone
			}
		}
		t.Fatal("no Orbit of Small Things")
		return 0
	}
	paused := "paused: this device's storage is full"
	for round := 1; round <= 2; round++ {
		k.run(3 * ticksPerSecond)
		require.False(t, shows(a, paused), "round %d", round)
		tv.store.full.Store(true)
		k.run(3 * ticksPerSecond)
		stopped := orbit(tv.dev)
		k.run(5 * ticksPerSecond)
		assert.Equal(t, stopped, orbit(tv.dev), "round %d: a download whose bytes have nowhere to go waits", round)
		assert.True(t, shows(a, paused), "round %d: %q", round, allLabels(a))
		row := a.View().Root().Find("row/downloads")
		require.Len(t, row.Children, 3, "Ana's: The Long Tide, downloaded; Orbit of Small Things and North Ridge, in progress")
		assert.NotContains(t, row.Children[0].Name, "paused", "round %d: a title downloaded whole is not paused", round)
		assert.Contains(t, row.Children[1].Name, "paused", "round %d: a screen reader hears it of the tile", round)

		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		assert.Greater(t, orbit(tv.dev), stopped, "round %d: it goes on once there is room", round)
		k.runUntil(ticksPerSecond, func() bool { return !shows(a, paused) }) // as the screen looks again
		assert.Greater(t, orbit(tv.saved(t)), stopped, "round %d: and is kept", round)
	}
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

// TestTheDownloadsTabSaysDownloadsArePaused is the same on a phone's Downloads
// tab, twice: while the storage refuses to save, it says above the downloads why
// they are paused and that they go on by themselves, and each one in progress says
// it is paused; once there is room, neither.
func TestTheDownloadsTabSaysDownloadsArePaused(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := onPhone(k.app)
	tap(t, a, "profile/"+tv.dev.Profiles()[0].ID.String())
	tap(t, a, "tab/downloads")
	require.Equal(t, "downloads", k.screen())
	why := "Downloads are paused: this device's storage is full or cannot be written to."
	for round := 1; round <= 2; round++ {
		tv.store.full.Store(true)
		k.runUntil(5*ticksPerSecond, func() bool { return shows(a, why) })
		var paused []string
		for _, l := range allLabels(a) {
			if strings.HasSuffix(l, "% downloaded, paused") {
				paused = append(paused, l[:strings.Index(l, "  ·  ")])
			}
		}
		assert.Equal(t, []string{"Orbit of Small Things", "North Ridge"}, paused, "round %d: %q", round, allLabels(a))
		assert.True(t, shows(a, "The Long Tide  ·  Downloaded"), "round %d: %q", round, allLabels(a))
		tv.store.full.Store(false)
		k.runUntil(5*ticksPerSecond, func() bool { return !shows(a, why) })
		assert.False(t, shows(a, "paused"), "round %d: %q", round, allLabels(a))
	}
}
