package app

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// managing opens Manage profiles from Who's watching, unless it is open.
func managing(t *testing.T, a *App) {
	t.Helper()
	require.Equal(t, "profiles", a.Screen().Name())
	if !shows(a, "Choose a profile to edit it.") {
		press(t, a, "manage")
	}
}

// downloaded returns the titles d has downloaded or is downloading.
func downloaded(d *session.Device) []string {
	var out []string
	for _, dl := range d.Downloads() {
		out = append(out, dl.Title)
	}
	return out
}

// TestEveryProfileChangeOnAFullDisk makes each change to the profiles that the TV
// makes with the account service while its disk is full, twice, with room in
// between: the account has it, the TV shows it at once and says in words that it
// keeps it only until it is switched off, and keeps it on disk once there is room.
func TestEveryProfileChangeOnAFullDisk(t *testing.T) {
	const pin = "1357"
	for _, c := range []struct {
		name string
		// change makes the change from Who's watching, or from wherever the
		// last round left the TV, and ends where it can be seen.
		change func(t *testing.T, tv *sickTV, k *kioskTV, round int)
		// has reports whether d has the change of round.
		has func(t *testing.T, d *session.Device, round int) bool
		// says is what the toast says of the change itself, if anything.
		says string
	}{
		{
			name: "a PIN set, then removed, in the profile's editor",
			change: func(t *testing.T, tv *sickTV, k *kioskTV, round int) {
				managing(t, k.app)
				pressProfile(t, k.app, "Ben")
				if round == 0 {
					press(t, k.app, "pin")
					typePIN(t, k.app, pin)
					typePIN(t, k.app, pin)
				} else {
					typePIN(t, k.app, pin) // locked now: its PIN opens the editor
					press(t, k.app, "pin")
				}
				press(t, k.app, "save")
			},
			has: func(t *testing.T, d *session.Device, round int) bool {
				ben, _ := named(d, "Ben")
				return ben.Locked == (round == 0)
			},
		},
		{
			name: "a profile added, then deleted",
			change: func(t *testing.T, tv *sickTV, k *kioskTV, round int) {
				managing(t, k.app)
				if round == 0 {
					press(t, k.app, "add")
					typeText(t, k.app, "leo")
					press(t, k.app, "save")
				} else {
					pressProfile(t, k.app, "Leo")
					press(t, k.app, "delete", "confirm")
				}
			},
			has: func(t *testing.T, d *session.Device, round int) bool {
				_, leo := named(d, "Leo")
				return leo == (round == 0)
			},
		},
		{
			name: "a profile deleted, and its downloads with it",
			change: func(t *testing.T, tv *sickTV, k *kioskTV, round int) {
				managing(t, k.app)
				pressProfile(t, k.app, []string{"Ben", "Kids"}[round])
				press(t, k.app, "delete", "confirm")
			},
			has: func(t *testing.T, d *session.Device, round int) bool {
				_, there := named(d, []string{"Ben", "Kids"}[round])
				return !there && !slices.Contains(downloaded(d), []string{"Atlas of Rain", "Paper Moons"}[round])
			},
		},
		{
			name: "a profile renamed on Ana's phone",
			change: func(t *testing.T, tv *sickTV, k *kioskTV, round int) {
				phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
				ana, _ := named(phone, []string{"Ana", "Anna"}[round])
				ana.Name = []string{"Anna", "Ana"}[round]
				require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
				// The TV hears it on its stream, in its own time.
				require.Eventually(t, func() bool { _, ok := named(tv.dev, ana.Name); return ok }, 5*time.Second, time.Millisecond)
				k.run(1)
			},
			has: func(t *testing.T, d *session.Device, round int) bool {
				_, renamed := named(d, []string{"Anna", "Ana"}[round])
				return renamed
			},
		},
		{
			name: "a forgotten PIN replaced with the account's password",
			change: func(t *testing.T, tv *sickTV, k *kioskTV, round int) {
				press(t, k.app, "profile/"+profileNamed(t, tv.dev, "Grandpa").ID.String(), "forgot")
				typeText(t, k.app, demo.AnaPassword)
				press(t, k.app, "continue", "new-pin")
				typePIN(t, k.app, pin)
				typePIN(t, k.app, pin)
			},
			// The TV keeps no PIN: its profiles are as they were, with
			// nothing to keep, and nothing to say of keeping it.
			says: "Grandpa's profile has a new PIN.",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			tv := newSickTV(t)
			k := tv.app(t)
			a := k.app
			k.run(ticksPerSecond) // listening
			for round := range 2 {
				tv.store.full.Store(true)
				c.change(t, tv, k, round)
				require.Equal(t, "profiles", k.screen(), "round %d: %q", round, allLabels(a))
				assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
				if c.says != "" {
					assert.True(t, toastSays(a, c.says), "round %d: %v", round, a.Toast())
				}
				if c.has == nil {
					assert.False(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
				} else {
					assert.True(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
					assert.True(t, c.has(t, tv.dev, round), "round %d: the TV shows it at once", round)
					assert.False(t, c.has(t, tv.saved(t), round), "round %d: not on disk while it is full", round)
				}

				tv.store.full.Store(false)
				k.run(5 * ticksPerSecond)
				if c.has != nil {
					assert.True(t, c.has(t, tv.saved(t), round), "round %d: kept once there is room", round)
				}
			}
		})
	}
}

// TestWhatTheTVDoesNotKeepWorksOnAFullDisk does, twice each with the disk full,
// what changes the account and nothing the TV keeps: a locked profile chosen with
// its PIN, another device signed out from Account. Each works as with room, and
// nothing says the TV could not keep anything.
func TestWhatTheTVDoesNotKeepWorksOnAFullDisk(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	tv.store.full.Store(true)
	for round := range 2 {
		press(t, a, "profile/"+profileNamed(t, tv.dev, "Grandpa").ID.String())
		typePIN(t, a, demo.GrandpaPIN)
		require.Equal(t, "home", k.screen(), "round %d: %q", round, allLabels(a))
		assert.Equal(t, "Grandpa", a.Env().Profile.Name, "round %d", round)

		other := otherDevice(t, household{svc: tv.svc}, "Kitchen Stick", session.DeviceKindStick)
		press(t, a, "menu/settings", "account")
		k.runUntil(5*ticksPerSecond, func() bool { return has(a, "device/"+other.Info().ID.String()) })
		press(t, a, "device/"+other.Info().ID.String(), "confirm")
		require.Equal(t, "account", k.screen(), "round %d: %q", round, allLabels(a))
		assert.False(t, has(a, "device/"+other.Info().ID.String()), "round %d: signed out", round)
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		assert.False(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
		assert.True(t, isSignedIn(tv.dev), "round %d", round)
		pressKeys(a, home)
		press(t, a, "menu/settings", "switch")
	}
}

// TestSigningOutOfAllDevicesOnAFullDisk asks for every device of the account to
// be signed out while the TV cannot save, twice: as signing this TV out, it says in
// words that the TV could not save, and nothing is signed out, not even the other
// devices; once there is room, the same confirmation signs every device out.
func TestSigningOutOfAllDevicesOnAFullDisk(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	pressKeys(a, ok)
	for round := range 2 {
		phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
		press(t, a, "menu/settings", "account", "signout-all", "continue")
		typeText(t, a, demo.AnaPassword)
		tv.store.full.Store(true)
		press(t, a, "confirm")
		assert.Equal(t, "signout-all", k.screen(), "round %d", round)
		assert.True(t, shows(a, "This device could not save the change"), "round %d: %q", round, allLabels(a))
		assert.False(t, rawSaveError(a), "round %d: %q", round, allLabels(a))
		assert.True(t, isSignedIn(tv.dev), "round %d", round)
		assert.True(t, tv.signedInOnService(t, phone), "round %d: nothing signed out", round)
		in, _ := tv.restarted(t)
		assert.True(t, in, "round %d: and the TV does not start signed out", round)

		tv.store.full.Store(false)
		press(t, a, "confirm")
		k.runUntil(5*ticksPerSecond, func() bool { return !isSignedIn(tv.dev) })
		press(t, a, "done")
		require.Equal(t, "signin", k.screen(), "round %d", round)
		in, _ = tv.restarted(t)
		assert.False(t, in, "round %d", round)
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// TestATVStartedOnAFullDiskSaysSo starts the TV twice on a disk that refuses to
// save, with a new name to keep: it starts, and says in words that it keeps its
// changes only until it is switched off. Before, it said nothing, and its changes
// were lost with the next power cut without a word.
func TestATVStartedOnAFullDiskSaysSo(t *testing.T) {
	tv := newSickTV(t)
	tv.store.full.Store(true)
	for round, name := range []string{"Bedroom TV", "Den TV"} {
		dev, err := session.OpenDevice(tv.store, tv.svc, tv.clock, session.DeviceInfo{Name: name, Kind: session.DeviceKindTV})
		require.ErrorIs(t, err, session.ErrStorage, "round %d", round)
		a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: tv.clock}, dev)
		t.Cleanup(a.Close)
		assert.Equal(t, "profiles", a.Screen().Name(), "round %d", round)
		assert.True(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
		a.Close()
	}
}

// TestAKioskOnAFullDisk is a hotel TV whose disk fills while a guest is signed in,
// twice: "Sign out and clear this TV" clears it at once, the guest's session ended,
// and the TV saves that once there is room; before, the guest stayed signed in
// until there was room, for good on a card that takes no writes. Signed out
// from the guest's phone while the disk is full, the TV shows its welcome screen at
// once, and a TV started again once there was room starts with no guest: neither
// their session nor their time on the TV.
func TestAKioskOnAFullDisk(t *testing.T) {
	clock := &tickClock{start: checkIn}
	dir := t.TempDir()
	ds, err := session.NewDirStorage(dir)
	require.NoError(t, err)
	store := &sickStorage{DirStorage: ds}
	svcStore, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, ServiceStorage: svcStore,
		Clock: clock, PasswordCost: testCost, Device: session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk}})
	require.NoError(t, err)
	cfg := kioskConfig(t, nil)
	log := &testkit.Buffer{}
	start := func() *kioskTV {
		a := NewTenfoot(Options{Catalog: demo.Catalog, Version: "test", Kiosk: &cfg, KioskState: store, Clock: clock, Log: log}, dev)
		t.Cleanup(a.Close)
		return &kioskTV{t: t, app: a, clock: clock, device: dev, log: log}
	}
	k := start()
	pressKeys(k.app, ok)
	for round := range 2 {
		require.Equal(t, "home", k.screen(), "round %d", round)
		store.full.Store(true)
		press(t, k.app, "menu/signout", "confirm")
		require.Equal(t, "kiosk-welcome", k.screen(), "round %d: %q", round, allLabels(k.app))
		assert.False(t, rawSaveError(k.app), "round %d: %q", round, allLabels(k.app))
		assert.False(t, isSignedIn(dev), "round %d", round)
		assert.False(t, shows(k.app, "Ana"), "round %d: %q", round, allLabels(k.app))
		store.full.Store(false)
		k.run(5 * ticksPerSecond) // saved once there is room
		guestSignsIn(t, k)
	}

	phone := otherDevice(t, household{svc: svc}, "Ana's Phone", session.DeviceKindPhone)
	for round := range 2 {
		k.run(ticksPerSecond) // listening
		store.full.Store(true)
		_, err := phone.SignOutDevice(context.Background(), dev.Info().ID)
		require.NoError(t, err)
		// The TV hears it on its stream, in its own time.
		require.Eventually(t, func() bool { return !isSignedIn(dev) }, 5*time.Second, time.Millisecond, "round %d", round)
		k.run(1)
		assert.Equal(t, "kiosk-welcome", k.screen(), "round %d", round)
		assert.False(t, shows(k.app, "Ana"), "round %d: %q", round, allLabels(k.app))
		store.full.Store(false)
		k.run(int(kioskRetry/time.Second+1) * ticksPerSecond)
		data, err := store.Load("kiosk")
		require.NoError(t, err)
		assert.NotContains(t, string(data), "guestSince", "round %d: no guest's time is kept", round)

		k.app.Close() // a power cut
		dev, err = session.OpenDevice(store, svc, clock, session.DeviceInfo{})
		require.NoError(t, err)
		k = start()
		assert.Equal(t, "kiosk-welcome", k.screen(), "round %d", round)
		assert.False(t, isSignedIn(dev), "round %d", round)
		guestSignsIn(t, k)
	}
	assert.NotContains(t, log.String(), "Ana")
}

// TestWhatIsSaidOfAChangeIsNotCoveredByTheFullDisk has Ana's phone make the
// profile watching on the TV a kids profile while the TV's disk is full, and then
// an adult's again: the TV says first what happened to the profile, whole, and then,
// once that has gone, that it keeps the change only until it is switched off. The
// second did not cover the first, nor cut it short.
func TestWhatIsSaidOfAChangeIsNotCoveredByTheFullDisk(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
	pressKeys(a, ok)      // Ana's Home
	k.run(ticksPerSecond) // listening
	for round, kids := range []bool{true, false} {
		tv.store.full.Store(true)
		ana, _ := named(phone, "Ana")
		ana.Kids = kids
		require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
		require.Eventually(t, func() bool { p, _ := named(tv.dev, "Ana"); return p.Kids == kids }, 5*time.Second, time.Millisecond,
			"round %d: the TV never heard", round)
		k.run(1)
		require.Equal(t, kids, a.Env().Profile.Kids, "round %d", round)
		if kids {
			assert.True(t, toastSays(a, "Ana's profile is a kids profile now."), "round %d: %v", round, a.Toast())
			k.runUntil(5*ticksPerSecond, func() bool { return !toastSays(a, "kids profile") })
		}
		assert.True(t, toastSays(a, notKept), "round %d: %v", round, a.Toast())
		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		unsaved, _ := tv.dev.Unsaved()
		assert.False(t, unsaved, "round %d", round)
	}
}
