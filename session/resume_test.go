package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A device signed out of all devices while it was between two streams (its replica
// shut down, it was reconnecting) resumes from the last event it heard and hears its
// sign-out, as if it had stayed; its stream then ends. It hears nothing after its
// sign-out, and a revoked session that missed no sign-out of its device is refused
// as before.
func TestResumingAfterASignOutHearsIt(t *testing.T) {
	h := newHousehold(t)
	phone, err := h.svc.SignIn(ctx, NewDeviceIdentity("Phone", DeviceKindPhone), anaEmail, anaPassword)
	require.NoError(t, err)
	tv := NewDeviceIdentity("TV", DeviceKindTV)
	g, err := h.svc.SignIn(ctx, tv, anaEmail, anaPassword)
	require.NoError(t, err)

	_, err = h.svc.SaveProfile(ctx, phone.Token, ProfileChange{Profile: Profile{Name: "Dana", Avatar: "fox"}})
	require.NoError(t, err)
	res, err := h.svc.SignOutAll(ctx, phone.Token, Proof{Password: anaPassword})
	require.NoError(t, err)
	require.NotEmpty(t, res.Devices)

	events, err := h.svc.Subscribe(ctx, g.Token, g.Seq)
	require.NoError(t, err, "resuming from the last event heard")
	var kinds []EventKind
	for ev := range events {
		kinds = append(kinds, ev.Kind)
		if ev.Kind == EventSignedOut {
			assert.True(t, ev.Concerns(tv.ID))
		}
	}
	assert.Equal(t, []EventKind{EventProfilesChanged, EventSignedOut}, kinds, "what it missed, up to its sign-out, then the end")

	_, err = h.svc.Subscribe(ctx, g.Token, g.Seq+2)
	assert.ErrorIs(t, err, ErrRevoked, "it has heard its sign-out: refused")
	require.NoError(t, h.svc.SignOut(ctx, g.Token), "it confirms its wipe")
	_, err = h.svc.Subscribe(ctx, g.Token, g.Seq)
	assert.ErrorIs(t, err, ErrRevoked, "once it confirmed its wipe, it is refused")
	_, err = h.svc.Subscribe(ctx, "made-up", 1)
	assert.ErrorIs(t, err, ErrUnauthorized)
}
