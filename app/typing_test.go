package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/ui"
)

// typeKeys types on a hardware keyboard, as the host hands it to the app, after
// checking that the screen takes typed keys.
func typeKeys(t *testing.T, a *App, typed ...input.Typed) {
	t.Helper()
	for _, ty := range typed {
		require.True(t, a.TakesTyping(), "%s takes no typed keys", a.Screen().Name())
		a.TypeKeys(ty)
	}
}

// Typed keys: text, Backspace and Enter.
func typed(s string) input.Typed { return input.Typed{Text: s} }

var (
	backspace = input.Typed{Backspaces: 1}
	enter     = input.Typed{Enter: true}
)

func fieldText(a *App, key string) string { return a.View().Root().Find(key).Input }

// A person with a keyboard types their email and password on the TV, as on a
// computer: characters go into the field, Backspace deletes one, Enter moves on and
// signs in. The next time, the email they used is one press away, and the password
// is all they type.
func TestSignInTypingOnAHardwareKeyboard(t *testing.T) {
	a := appOn(t, newHousehold(t))
	press(t, a, "menu/settings", "signout", "confirm")
	for round := 1; round <= 2; round++ {
		require.Equal(t, "signin", a.Screen().Name())
		press(t, a, "email")
		require.Equal(t, "signin-email", a.Screen().Name())
		if round == 1 {
			assert.Nil(t, a.View().Root().Find("last-email"), "no email was used on this TV yet")
			typeKeys(t, a, typed("ana@exampel"), backspace, backspace, typed("le.com"))
			assert.Equal(t, demo.AnaEmail, fieldText(a, "field/email"), "round %d", round)
			_, label := focused(t, a)
			assert.Equal(t, "Email", label, "focus follows typing into the field")
			typeKeys(t, a, enter)
		} else {
			screen, label := focused(t, a)
			require.Equal(t, "signin-email", screen)
			assert.Equal(t, demo.AnaEmail, label, "the email used last time, focused: one press")
			assert.True(t, shows(a, "Last used here"))
			pressKeys(a, ok)
			assert.Equal(t, demo.AnaEmail, fieldText(a, "field/email"))
			_, label = focused(t, a)
			assert.Equal(t, "q", label, "on to the password, on the keyboard")
		}
		assert.Equal(t, "", fieldText(a, "field/password"), "round %d", round)
		typeKeys(t, a, typed("watch-together "), backspace) // a space types; Backspace takes it back
		assert.Equal(t, demo.AnaPassword, fieldText(a, "field/password"), "round %d", round)
		assert.False(t, shows(a, demo.AnaPassword), "round %d: the password is not shown", round)
		typeKeys(t, a, enter)
		a.Settle()
		require.Equal(t, "profiles", a.Screen().Name(), "round %d: Enter signed in", round)
		assert.Equal(t, demo.AnaEmail, a.Env().Device.LastEmail(), "round %d", round)

		pressKeys(a, ok) // Ana
		press(t, a, "menu/settings", "signout", "confirm")
	}
}

// Backspace deletes while there is something to delete, and then is Back, as it is
// on every other screen; Escape and a remote's Back are Back whatever was typed.
func TestBackspaceDeletesThenGoesBack(t *testing.T) {
	a := appOn(t, newHousehold(t))
	press(t, a, "menu/settings", "signout", "confirm")
	for round := 1; round <= 2; round++ {
		press(t, a, "email")
		typeKeys(t, a, typed("an"), backspace)
		assert.Equal(t, "a", fieldText(a, "field/email"), "round %d", round)
		typeKeys(t, a, backspace)
		assert.Equal(t, "signin-email", a.Screen().Name(), "round %d: a character was deleted, nothing more", round)
		assert.Equal(t, "", fieldText(a, "field/email"))
		typeKeys(t, a, backspace)
		assert.Equal(t, "signin", a.Screen().Name(), "round %d: Backspace in an empty field is Back", round)

		press(t, a, "email")
		typeKeys(t, a, typed("ana"))
		pressKeys(a, back)
		assert.Equal(t, "signin", a.Screen().Name(), "round %d: Back is Back with text typed", round)
	}
}

// holdBackspace holds Backspace down for ticks ticks and lets it go, as the host
// reads the keyboard: a deletion when it goes down, then, held, the key's repeat.
func holdBackspace(a *App, ticks int) {
	for held := 1; held <= ticks; held++ {
		var ty input.Typed
		ty.AddBackspace(held)
		if a.TakesTyping() {
			a.TypeKeys(ty)
		}
		a.Update(0, input.Pointer{})
	}
	a.Update(0, input.Pointer{})
}

// Holding Backspace clears a field and stops there, as on a computer: its repeat is
// not a press of Back, which would leave the screen and all that was changed on it.
// Pressed again in the empty field, it is Back.
func TestHeldBackspaceClearsTheFieldAndStays(t *testing.T) {
	a := newTestApp(t)
	press(t, a, "add")
	for round := 1; round <= 2; round++ {
		require.Equal(t, "edit-profile", a.Screen().Name())
		press(t, a, "avatar/cat")
		typeKeys(t, a, typed("Mia"))
		holdBackspace(a, 2*ticksPerSecond)
		require.Equal(t, "edit-profile", a.Screen().Name(), "round %d: holding Backspace stayed on the editor", round)
		assert.Equal(t, "", fieldText(a, "field/name"), "round %d: and cleared the name", round)
		assert.True(t, a.View().Root().Find("avatar/cat").Selected, "round %d: the picture chosen is kept", round)

		holdBackspace(a, 1)
		assert.Equal(t, "profiles", a.Screen().Name(), "round %d: a press in the empty field is Back", round)
		press(t, a, "add")
	}
}

// Enter on a key of the on-screen keyboard presses it, as OK does; Enter on the
// field finishes it. Keys typed while a screen has no keyboard do nothing.
func TestEnterPressesTheFocusedKey(t *testing.T) {
	a := appOn(t, newHousehold(t))
	assert.False(t, a.TakesTyping(), "Home has no text to type")
	press(t, a, "menu/settings", "signout", "confirm")
	press(t, a, "email")
	for round := 1; round <= 2; round++ {
		require.True(t, a.View().Focus("kb/a"))
		typeKeys(t, a, enter)
		assert.Equal(t, strings.Repeat("a", round), fieldText(a, "field/email"), "round %d", round)
		_, label := focused(t, a)
		assert.Equal(t, "a", label, "round %d: focus stays on the key", round)
	}
}

// The email keyboard has keys for the common address endings: one press each, and
// an ending replaces one already typed after the "@".
func TestEmailKeyboardEndings(t *testing.T) {
	a := appOn(t, newHousehold(t))
	press(t, a, "menu/settings", "signout", "confirm")
	for round := 1; round <= 2; round++ {
		press(t, a, "email")
		typeText(t, a, "ana")
		press(t, a, "kb/@outlook.com")
		assert.Equal(t, "ana@outlook.com", fieldText(a, "field/email"))
		press(t, a, "kb/@gmail.com")
		assert.Equal(t, "ana@gmail.com", fieldText(a, "field/email"), "round %d: the ending is replaced, not added", round)
		press(t, a, "kb/"+ui.KeyDone)
		assert.Nil(t, a.View().Root().Find("kb/@gmail.com"), "round %d: a password has no address endings", round)
		assert.NotNil(t, a.View().Root().Find("kb/"+ui.KeyDotCom))
		pressKeys(a, back)
	}
}

// A hotel TV never offers one guest's email to the next: it remembers none, and
// forgets one it had from before it was a kiosk when the guest signs out.
func TestKioskOffersNoLastEmail(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	require.NoError(t, k.device.RememberEmail("owner@example.com")) // from before it was a kiosk
	for round := 1; round <= 2; round++ {
		pressKeys(k.app, ok, red, right, ok) // a profile, then Sign out and clear this TV
		require.Equal(t, "kiosk-welcome", k.screen())
		assert.Empty(t, k.device.LastEmail(), "round %d: cleared with the guest", round)
		press(t, k.app, "email")
		assert.Nil(t, k.app.View().Root().Find("last-email"), "round %d", round)
		typeKeys(t, k.app, typed(demo.AnaEmail), enter, typed(demo.AnaPassword), enter)
		k.app.Settle()
		require.Equal(t, "profiles", k.screen(), "round %d", round)
		assert.Empty(t, k.device.LastEmail(), "round %d: a kiosk remembers no guest's email", round)
	}
}
