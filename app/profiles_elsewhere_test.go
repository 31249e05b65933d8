package app

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
)

// changedElsewhere lets the TV hear that the profiles changed on another device, as
// its event stream tells it, and runs a tick.
func changedElsewhere(t *testing.T, a *App, h household) {
	t.Helper()
	require.NoError(t, h.device.Refresh(context.Background()))
	a.Update(0, input.Pointer{})
}

// The profile watching, deleted on another device, is left at once for Who's
// watching, wherever the TV was in it: it used to stay on its Home, and a language
// chosen there said "Something went wrong: session: not found: no such profile".
func TestProfileDeletedElsewhereIsLeft(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	for round, who := range []string{"Ana", "Ben"} {
		if round == 1 {
			press(t, a, "menu/settings", "switch")
			pressProfile(t, a, who)
			press(t, a, "menu/settings", "account") // deeper in, the second time
			require.Equal(t, "account", a.Screen().Name())
		}
		require.Equal(t, who, a.Env().Profile.Name)
		gone := profileNamed(t, h.device, who)
		require.NoError(t, phone.DeleteProfile(context.Background(), gone.ID, session.Proof{}))
		changedElsewhere(t, a, h)
		assert.Equal(t, "profiles", a.Screen().Name(), "round %d: %s's screens are left", round, who)
		assert.Nil(t, a.Env().Profile, "round %d: nobody is watching", round)
		assert.False(t, has(a, "profile/"+gone.ID.String()), "round %d: %s is not on Who's watching", round, who)
		pressKeys(a, back)
		assert.Equal(t, "exit", a.Screen().Name(), "round %d: Back asks to exit, not back into %s", round, who)
		pressKeys(a, back)
		pressProfile(t, a, []string{"Ben", "Kids"}[round])
		require.Equal(t, "home", a.Screen().Name())
	}
}

// The profile watching, made a kids profile on another device, is one at once here:
// Home keeps only titles for kids and Settings has no Account; made an adult's again,
// it has them back. Its new name is on its picture.
func TestProfileMadeKidsElsewhereIsKidsHere(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	for round, kids := range []bool{true, false, true} {
		ana := profileNamed(t, phone, []string{"Ana", "Little Ana", "Ana"}[round])
		ana.Kids = kids
		ana.Name = []string{"Little Ana", "Ana", "Little Ana"}[round]
		require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ana}))
		changedElsewhere(t, a, h)
		require.Equal(t, "home", a.Screen().Name())
		assert.Equal(t, !kids, shows(a, "Circuit Breaker"), "round %d: an action film only on an adult's profile", round)
		assert.Equal(t, ana.Name, a.View().Root().Find("profile").Label, "round %d: the picture has the new name", round)
		press(t, a, "menu/settings")
		assert.Equal(t, !kids, has(a, "account"), "round %d: Account only on an adult's profile", round)
		pressKeys(a, back)
	}
}

// A profile deleted on another device while its editor, its Delete confirmation,
// its PIN or Forgot PIN is open on the TV: what the TV does next leads back to the
// profiles that are left, saying what happened in words, or, for Delete, as done;
// it used to say "Something went wrong: session: not found: no such profile" and
// stay. Each case runs twice, with a profile added on the phone each time.
func TestProfileDeletedElsewhereWhileOpenHere(t *testing.T) {
	const pin = "2468"
	tests := []struct {
		name   string
		open   []string // keys pressed after Leo's avatar
		act    func(t *testing.T, a *App)
		toast  string
		manage bool // ends on Manage profiles
	}{
		{"the editor's Save", nil, func(t *testing.T, a *App) { press(t, a, "save") },
			"Leo's profile was deleted on another device.", true},
		{"the Delete confirmation", []string{"delete"}, func(t *testing.T, a *App) { press(t, a, "confirm") },
			"", true},
		{"the PIN to open it", nil, func(t *testing.T, a *App) { typePIN(t, a, pin) },
			"Leo's profile was deleted on another device.", false},
		{"Forgot PIN", []string{"forgot"}, func(t *testing.T, a *App) {
			typeText(t, a, demo.AnaPassword)
			press(t, a, "continue", "remove-pin")
		}, "Leo's profile was deleted on another device.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHousehold(t)
			phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
			a := NewTenfoot(testOptions, h.device)
			t.Cleanup(a.Close)
			if tt.manage {
				press(t, a, "manage")
			}
			for round := 1; round <= 2; round++ {
				leo := session.ProfileChange{Profile: session.Profile{Name: "Leo", Avatar: "cat"}}
				if !tt.manage {
					p := pin
					leo.PIN = &p
				}
				require.NoError(t, phone.SaveProfile(context.Background(), leo))
				changedElsewhere(t, a, h)
				pressProfile(t, a, "Leo")
				press(t, a, tt.open...)
				opened := a.Screen().Name()

				require.NoError(t, phone.DeleteProfile(context.Background(), profileNamed(t, phone, "Leo").ID, session.Proof{Password: demo.AnaPassword}))
				changedElsewhere(t, a, h)
				require.Equal(t, opened, a.Screen().Name(), "round %d: nothing is pulled away from under the remote", round)
				tt.act(t, a)
				assert.Equal(t, "profiles", a.Screen().Name(), "round %d: back to the profiles", round)
				assert.False(t, shows(a, "Something went wrong"), "round %d", round)
				assert.False(t, shows(a, "Leo"), "round %d: Leo is gone", round)
				if tt.toast != "" {
					require.NotNil(t, a.Toast(), "round %d", round)
					assert.Equal(t, tt.toast, a.Toast().Label, "round %d", round)
				}
				assert.Equal(t, tt.manage, shows(a, "Choose a profile to edit it."), "round %d", round)
			}
		})
	}
}

// A profile whose PIN is removed on another device while the TV asks for it opens
// with whatever was typed, as it would if chosen now: the PIN that was right a
// moment ago was "not right", and the person was left to guess a new one. Locked
// again on the phone, the TV asks for the new PIN the next time.
func TestPINRemovedElsewhereWhileAsked(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	pins := []string{demo.GrandpaPIN, "8642"}
	for round := 0; round < 2; round++ {
		pressProfile(t, a, "Grandpa")
		require.Equal(t, "pin", a.Screen().Name(), "round %d: Grandpa is locked", round)
		grandpa := profileNamed(t, phone, "Grandpa")
		none := ""
		require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: grandpa, PIN: &none, Proof: session.Proof{Password: demo.AnaPassword}}))
		changedElsewhere(t, a, h)
		typePIN(t, a, pins[round])
		require.Equal(t, "home", a.Screen().Name(), "round %d: Grandpa has no PIN now", round)
		assert.Equal(t, "Grandpa", a.Env().Profile.Name)

		next := "8642"
		require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: grandpa, PIN: &next, Proof: session.Proof{Password: demo.AnaPassword}}))
		changedElsewhere(t, a, h)
		press(t, a, "menu/settings", "switch")
		pressProfile(t, a, "Ben")
		press(t, a, "menu/settings", "switch")
	}
}

// What another device changed in a profile while its editor was open on the TV
// stays when the TV saves what it changed: the editor saved the whole profile as it
// had opened it, so a profile made a kids profile on the phone meanwhile was an
// adult's again once the TV changed its picture, and a name given on the phone was
// taken back. What the TV changed wins where both changed the same.
func TestSavingKeepsWhatAnotherDeviceChangedMeanwhile(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "manage")
	for round, picture := range []string{"bear", "whale"} {
		pressProfile(t, a, "Ben")
		require.Equal(t, "edit-profile", a.Screen().Name())

		ben := profileNamed(t, phone, "Ben")
		ben.Kids = round == 0 // made a kids profile, then an adult's again
		ben.Language = []string{"de", "ja"}[round]
		require.NoError(t, phone.SaveProfile(context.Background(), session.ProfileChange{Profile: ben}))
		changedElsewhere(t, a, h)

		press(t, a, "avatar/"+picture, "save")
		require.Equal(t, "profiles", a.Screen().Name(), "round %d: saved", round)
		require.NoError(t, phone.Refresh(context.Background()))
		saved := profileNamed(t, phone, "Ben")
		assert.Equal(t, picture, saved.Avatar, "round %d: the TV's change is saved", round)
		assert.Equal(t, round == 0, saved.Kids, "round %d: the phone's change is kept", round)
		assert.Equal(t, ben.Language, saved.Language, "round %d: the phone's language is kept", round)
	}
}
