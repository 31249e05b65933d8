package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A new PIN chosen on the pad is heard as a count of the digits typed, as the PIN
// asked for a locked profile is, never the digits: choosing one heard only "1"
// after each press, the focus going back to the first key, and nothing of how
// many were typed. Chosen, taken off and chosen again, it is heard the same.
func TestChoosingAPINIsHeardAsACount(t *testing.T) {
	a := newTestApp(t)
	openEditor(t, a, "Ben")
	for round := 1; round <= 2; round++ {
		said := heard(a, "pin")
		assert.Equal(t, "Choose a PIN for Ben. PIN, 0 of 4 digits. 1", said[len(said)-1], "round %d", round)
		said = heard(a, "pin/1", "pin/1", "pin/1", "pin/1")
		assert.Equal(t, []string{"PIN, 1 of 4 digits", "PIN, 2 of 4 digits", "PIN, 3 of 4 digits",
			"Enter the same PIN again. PIN, 0 of 4 digits"}, said, "round %d", round)
		said = heard(a, "pin/1", "pin/1", "pin/1", "pin/1")
		assert.Equal(t, []string{"PIN, 1 of 4 digits", "PIN, 2 of 4 digits", "PIN, 3 of 4 digits",
			"Lock with a PIN, on"}, said, "round %d: the toggle is on", round)
		said = heard(a, "pin")
		assert.Equal(t, []string{"Lock with a PIN, off"}, said, "round %d", round)
	}
}
