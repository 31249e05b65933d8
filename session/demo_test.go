package session

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The demo household's own profiles are known as such, renamed or not; a profile
// added to it is not, so the app shows history for the household's profiles only.
func TestDemoProfilesAreTheSeededOnes(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.signedIn("Living Room TV")
	ctx := context.Background()
	ana := d.Profiles()[0]
	ana.Name = "Ana M"
	require.NoError(t, d.SaveProfile(ctx, ProfileChange{Profile: ana}))
	require.NoError(t, d.SaveProfile(ctx, ProfileChange{Profile: Profile{Name: "Leo", Avatar: "cat"}}))
	seeded := map[string]bool{}
	for _, p := range d.Profiles() {
		seeded[p.Name] = DemoProfile(p.ID)
	}
	assert.Equal(t, map[string]bool{"Ana M": true, "Ben": true, "Kids": true, "Grandpa": true, "Leo": false}, seeded)
}
