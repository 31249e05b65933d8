package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
)

// The focused tile stays as it is while the device's state changes under it: the
// demo's two downloads in progress are saved every two seconds, and each save built
// Home again with its focus grown from nothing, a pulse of the focused tile every
// two seconds, on any profile's Home. Twice, on Ana's Home and on Ben's.
func TestTheFocusedTileStaysStillWhileADownloadGoesOn(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	for round, who := range []string{"Ana", "Ben"} {
		pressProfile(t, a, who)
		require.Equal(t, "home", a.Screen().Name())
		for i := 0; i < 2*ticksPerSecond; i++ {
			a.Update(0, input.Pointer{})
		}
		focused := a.View().Focused()
		require.Equal(t, 1.0, a.View().FocusAmount(focused), "round %d: settled", round)

		for i := 0; i < 2; i++ {
			_, err := h.device.AdvanceDownloads(1 << 20)
			require.NoError(t, err)
			a.Update(0, input.Pointer{})
			assert.Equal(t, 1.0, a.View().FocusAmount(a.View().Focused()), "round %d: %s's focused tile pulsed", round, who)
		}
		press(t, a, "menu/settings", "switch")
	}
}
