package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A new PIN is typed on the pad with the d-pad: after each digit focus stays on
// the key pressed, as on every other pad, so that 5-5-5-5 is OK four times on 5.
// Focus went back to 1 after every digit, and a person walked to 5 again each
// time. The confirmation starts where the first entry ended, as a wrong PIN's
// second try does on the profile's PIN pad.
func TestTypingANewPINKeepsFocusOnTheKey(t *testing.T) {
	a := newTestApp(t)
	openEditor(t, a, "Ben")
	for round := 1; round <= 2; round++ {
		press(t, a, "pin")
		require.True(t, a.View().Focus("pin/5"))
		for digit := 1; digit < 2*4; digit++ { // the PIN, then all but the last digit again
			pressKeys(a, ok)
			assert.Equal(t, "pin/5", a.View().FocusedKey(), "round %d, digit %d", round, digit)
		}
		pressKeys(a, ok)
		assert.Equal(t, "pin", a.View().FocusedKey(), "round %d: chosen, back on the toggle", round)
		assert.True(t, node(t, a, "pin").Checked, "round %d", round)
		press(t, a, "pin") // off again
	}
}
