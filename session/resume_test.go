package session

import (
	"context"
	"slices"
	"testing"
	"time"

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

// TestAStreamFarBehindCatchesUpWithoutTheHistory renames a profile, then makes
// more events than a stream replays (other devices signing in and out), all while
// the TV is off. The TV's stream replays no more than replayLimit of them, and
// still shows the profile renamed: it starts with one profiles-changed for those
// it skipped. A client that asks for the whole history is given the same. Before,
// every stream read and held all of the account's events: 16 streams of an account
// of 50,000 took 3 s and 77 MB.
func TestAStreamFarBehindCatchesUpWithoutTheHistory(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	ben := phone.Profiles()[1]
	require.Equal(t, "Ben", ben.Name)
	ben.Name = "Benjamin"
	require.NoError(t, phone.SaveProfile(ctx, ProfileChange{Profile: ben}))
	for range replayLimit/2 + 20 { // a sign-in and a sign-out of a hotel TV, two events each
		g, err := h.svc.SignIn(ctx, NewDeviceIdentity("Room 214", DeviceKindTV), anaEmail, anaPassword)
		require.NoError(t, err)
		require.NoError(t, h.svc.SignOut(ctx, g.Token))
	}

	events, err := h.svc.Subscribe(t.Context(), tokenOf(tv), 0)
	require.NoError(t, err)
	require.LessOrEqual(t, len(events), replayLimit+1, "the history is not replayed")
	first := <-events
	assert.Equal(t, EventProfilesChanged, first.Kind, "what was skipped is summed up")

	listening, stop := context.WithCancel(t.Context())
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tv.Listen(listening)
	}()
	defer func() {
		stop()
		<-stopped // before the TV's folder is removed: it may be saving
	}()
	require.Eventually(t, func() bool {
		return slices.ContainsFunc(tv.Profiles(), func(p Profile) bool { return p.Name == "Benjamin" })
	}, 5*time.Second, time.Millisecond, "the TV never showed Ben renamed")
}

// TestARevokedSessionFarBehindIsToldWithoutTheHistory: a TV signed out of all
// devices while off, with more events after than a stream replays. Resuming from
// before its sign-out, it is refused as revoked and wipes itself, without the
// history replayed to reach its sign-out. Before, a session revoked and never
// wiped could have every event of 30 days read for each stream it opened.
func TestARevokedSessionFarBehindIsToldWithoutTheHistory(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	token, lastHeard := tokenOf(tv), tv.st.LastSeq
	phone, _, _ := h.signedIn("Phone")
	_, err := phone.SignOutAll(ctx, Proof{Password: anaPassword})
	require.NoError(t, err)
	for range replayLimit/2 + 20 {
		g, err := h.svc.SignIn(ctx, NewDeviceIdentity("Room 214", DeviceKindTV), anaEmail, anaPassword)
		require.NoError(t, err)
		require.NoError(t, h.svc.SignOut(ctx, g.Token))
	}
	_, err = h.svc.Subscribe(t.Context(), token, lastHeard)
	assert.ErrorIs(t, err, ErrRevoked)
	assert.ErrorIs(t, tv.Listen(t.Context()), ErrRevoked)
	_, signedIn := tv.Account()
	assert.False(t, signedIn, "it wiped itself")
}
