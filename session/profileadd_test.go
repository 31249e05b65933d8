package session

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A device adds a profile and its answer is lost: the same save, sent again with
// the ID the device chose, finds the profile made and makes no second one, even
// with no room left for one. Another account may use the same ID for a profile of
// its own, which changes nothing of the first. Only the first save, and no save
// that changes nothing, tells the account's devices.
func TestAProfileAddedTwiceByOneSaveIsMadeOnce(t *testing.T) {
	h := newHousehold(t)
	phone, err := h.svc.SignIn(ctx, NewDeviceIdentity("Phone", DeviceKindPhone), anaEmail, anaPassword)
	require.NoError(t, err)
	id := uuid.New()
	leo := ProfileChange{Profile: Profile{Name: "Leo", Avatar: "cat"}, NewID: id}
	first, err := h.svc.SaveProfile(ctx, phone.Token, leo)
	require.NoError(t, err)
	require.Len(t, first, 5, "the fifth profile: the account is full")
	assert.Equal(t, id, first[4].ID, "the ID the device chose")
	again, err := h.svc.SaveProfile(ctx, phone.Token, leo)
	require.NoError(t, err, "the same save again is the save it was, not a sixth profile")
	assert.Equal(t, first, again)

	ben := first[1]
	_, err = h.svc.SaveProfile(ctx, phone.Token, ProfileChange{Profile: ben})
	require.NoError(t, err, "Ben saved as he is")
	ben.Name = "Benjamin"
	_, err = h.svc.SaveProfile(ctx, phone.Token, ProfileChange{Profile: ben})
	require.NoError(t, err)

	ctx, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	events, err := h.svc.Subscribe(ctx, phone.Token, phone.Seq)
	require.NoError(t, err)
	var seqs []uint64
	for ev := range events {
		require.Equal(t, EventProfilesChanged, ev.Kind)
		if seqs = append(seqs, ev.Seq); len(seqs) == 2 {
			break
		}
	}
	assert.Equal(t, []uint64{phone.Seq + 1, phone.Seq + 2}, seqs, "Leo added, then Ben renamed: nothing in between")

	sam, err := h.svc.SignIn(ctx, NewDeviceIdentity("Sam's TV", DeviceKindTV), samEmail, samPassword)
	require.NoError(t, err)
	theirs, err := h.svc.SaveProfile(ctx, sam.Token, ProfileChange{Profile: Profile{Name: "Mia", Avatar: "owl"}, NewID: id})
	require.NoError(t, err)
	require.Len(t, theirs, 3)
	assert.Equal(t, "Mia", theirs[2].Name, "a profile of Sam's own")
	ana, err := h.svc.SaveProfile(ctx, phone.Token, leo)
	require.NoError(t, err)
	assert.Equal(t, "Leo", ana[4].Name, "Ana's Leo is as he was")
}
