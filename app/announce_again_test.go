package app

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
)

// A password refused again is said again, however fast the refusal comes. An
// answer that came within the tick its attempt started in was taken in that same
// tick, so the host, asking what to say once the tick was over, found the error it
// had said before still there: no change, nothing said, and the second refusal
// went unheard. Such an answer now waits for the next tick, so that the attempt is
// shown, and heard, for a tick first; three times over.
func TestARefusalAnsweredWithinTheTickIsSaidAgain(t *testing.T) {
	const refused = "That email and password do not match. Check them and try again."
	a := appOn(t, newHousehold(t))
	press(t, a, "menu/settings", "signout", "confirm", "email")
	typeKeys(t, a, typed(demo.AnaEmail), enter, typed("not-my-password"))
	a.Announce()
	for attempt := 1; attempt <= 3; attempt++ {
		a.TypeKeys(enter) // the host hands typed keys over at the start of a tick
		require.Eventually(t, func() bool { return len(a.results) > 0 }, 5*time.Second, time.Millisecond,
			"attempt %d: the refusal is back before the tick ends", attempt)
		a.Update(0, input.Pointer{})
		assert.NotContains(t, a.Announce(), refused, "attempt %d: the attempt is shown first", attempt)
		assert.False(t, shows(a, refused), "attempt %d", attempt)
		a.Update(0, input.Pointer{})
		assert.Equal(t, refused, a.Announce(), "attempt %d: then the refusal, said again", attempt)
	}
	assert.Equal(t, "signin-email", a.Screen().Name())
}
