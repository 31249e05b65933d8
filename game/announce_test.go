package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/input"
)

// What a screen reader should say reaches the host each time, the same words twice
// in a row too: a password refused three times is handed to OnShow three times,
// and the browser writes each into the live region that did not say the last
// (wasm/e2e/announce.test.mjs), so that it is heard three times.
func TestAPasswordRefusedAgainIsHandedToTheHostAgain(t *testing.T) {
	const refused = "That email and password do not match. Check them and try again."
	a := householdNamed(t, i18n.English)
	var said []string
	g, err := New(a, Options{OnShow: func(_, _, _, spoken string) {
		if spoken != "" {
			said = append(said, spoken)
		}
	}})
	require.NoError(t, err)
	pressOn(g, input.ActionOK)
	pressKeyed(t, g, "menu/settings", "signout", "confirm", "email")
	require.Equal(t, "signin-email", a.Screen().Name())
	for _, typed := range []input.Typed{{Text: demo.AnaEmail}, {Enter: true}, {Text: "not-my-password"}} {
		a.TypeKeys(typed)
		step(g)
	}
	said = nil
	for range 3 {
		a.TypeKeys(input.Typed{Enter: true}) // in a tick, as Update hands typed keys over
		step(g)
		a.Settle() // the service answers
		step(g)
	}
	assert.Equal(t, []string{refused, refused, refused}, said)
}
