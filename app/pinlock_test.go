package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/ui"
)

// typePIN presses the digits of pin on the number pad.
func typePIN(t *testing.T, a *App, pin string) {
	t.Helper()
	for _, d := range pin {
		press(t, a, "pin/"+string(d))
	}
}

func TestALockedProfileAsksItsPINBeforeEveryEdit(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	press(t, a, "manage")
	for i, name := range []string{"Grandad", "Grandpa"} {
		locked := profileNamed(t, h.device, []string{"Grandpa", "Grandad"}[i])
		press(t, a, "profile/"+locked.ID.String())
		require.Equal(t, "pin", a.Screen().Name(), "the editor of a locked profile is behind its PIN")
		pressKeys(a, back)
		require.Equal(t, "profiles", a.Screen().Name(), "Back leaves it locked")

		press(t, a, "profile/"+locked.ID.String())
		typePIN(t, a, "9999")
		assert.True(t, shows(a, "That PIN is not right."))
		assert.Equal(t, "pin", a.Screen().Name())
		typePIN(t, a, demo.GrandpaPIN)
		require.Equal(t, "edit-profile", a.Screen().Name())
		for range len(locked.Name) {
			press(t, a, "kb/"+ui.KeyDelete)
		}
		typeText(t, a, name)
		press(t, a, "save")
		require.Equal(t, "profiles", a.Screen().Name())
		assert.True(t, profileNamed(t, h.device, name).Locked, "renamed, and still locked")
	}

	// Unlocking takes the PIN too; then the profile opens without one.
	grandpa := profileNamed(t, h.device, "Grandpa")
	press(t, a, "profile/"+grandpa.ID.String())
	typePIN(t, a, demo.GrandpaPIN)
	press(t, a, "pin", "save")
	assert.False(t, profileNamed(t, h.device, "Grandpa").Locked)
	press(t, a, "manage", "profile/"+grandpa.ID.String())
	assert.Equal(t, "home", a.Screen().Name())
}

func TestForgotPINAsksForTheAccountPassword(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	grandpa := profileNamed(t, h.device, "Grandpa")

	// A new PIN, after a wrong password and two PINs that differ.
	press(t, a, "profile/"+grandpa.ID.String(), "forgot")
	require.Equal(t, "forgot-pin", a.Screen().Name())
	assert.True(t, shows(a, "Forgot the PIN for Grandpa?"))
	typeText(t, a, "guess")
	press(t, a, "continue", "new-pin")
	typePIN(t, a, "5555")
	assert.True(t, shows(a, "Enter the same PIN again"))
	typePIN(t, a, "5556")
	assert.True(t, shows(a, "The two PINs were not the same. Choose the PIN again."), "two PINs that differ start the choice again")
	typePIN(t, a, "5555")
	typePIN(t, a, "5555")
	assert.True(t, shows(a, "That is not the account's password. Try again."), "the password was wrong: nothing changed")
	assert.Equal(t, "forgot-pin", a.Screen().Name())
	assert.NoError(t, h.device.VerifyPIN(t.Context(), grandpa.ID, demo.GrandpaPIN))

	typeText(t, a, demo.AnaPassword)
	press(t, a, "continue", "new-pin")
	typePIN(t, a, "5555")
	typePIN(t, a, "5555")
	require.Equal(t, "profiles", a.Screen().Name())
	require.NotNil(t, a.Toast())
	assert.Equal(t, "Grandpa's profile has a new PIN.", a.Toast().Label)
	press(t, a, "profile/"+grandpa.ID.String())
	typePIN(t, a, "5555")
	require.Equal(t, "home", a.Screen().Name())

	// The second time, the PIN goes.
	press(t, a, "menu/settings", "switch", "profile/"+grandpa.ID.String(), "forgot")
	typeText(t, a, demo.AnaPassword)
	press(t, a, "continue", "remove-pin")
	require.Equal(t, "profiles", a.Screen().Name())
	assert.False(t, profileNamed(t, h.device, "Grandpa").Locked)
	press(t, a, "profile/"+grandpa.ID.String())
	assert.Equal(t, "home", a.Screen().Name(), "no PIN asked")
}
