package session

import (
	"context"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answerLost is a network on which a sign-out of all devices reaches the service,
// which does it, and its answer never comes back: the cable pulled at that moment,
// or the TV switched off while it waited.
type answerLost struct{ *network }

func (n answerLost) SignOutAll(ctx context.Context, token string, p Proof) (SignOutAllResult, error) {
	if _, err := n.network.SignOutAll(ctx, token, p); err != nil {
		return SignOutAllResult{}, err
	}
	n.unplug()
	return SignOutAllResult{}, ErrOffline
}

// A TV that stops while it waits for the answer to a sign-out of all devices starts
// again signed out, offline too: the service may have signed every device out, and
// a TV left signed in showed the account, its profiles and its downloads to whoever
// came next, until the network came back. Its own sign-out waits in the outbox. A
// sign-out of all devices that the service answered, even with a wrong password,
// leaves nothing behind to act on at the next start.
func TestAStopWhileSigningOutOfAllDevicesStartsSignedOut(t *testing.T) {
	h := newHousehold(t)
	tv, net, dir := h.signedIn("TV")
	for round := 1; round <= 2; round++ {
		_, err := tv.StartDownload("Summit", uuid.Nil, 1<<30)
		require.NoError(t, err)
		lost := answerLost{net}
		tv.svc = lost

		_, err = tv.SignOutAll(ctx, Proof{Password: "not it"})
		require.ErrorIs(t, err, ErrWrongCredentials, "round %d", round)
		tv = h.reopen(dir, net)
		_, signedIn := tv.Account()
		require.True(t, signedIn, "round %d: a wrong password signs nothing out, after a restart neither", round)

		tv.svc = lost
		_, err = tv.SignOutAll(ctx, Proof{Password: anaPassword})
		require.ErrorIs(t, err, ErrOffline, "round %d: the answer was lost", round)

		tv = h.reopen(dir, net) // stopped, and started again offline
		_, signedIn = tv.Account()
		assert.False(t, signedIn, "round %d: the TV starts signed out", round)
		assert.Empty(t, tv.Downloads(), "round %d: and keeps no downloads", round)
		assert.Empty(t, tv.Profiles(), "round %d: nor profiles", round)
		assert.Equal(t, 1, tv.PendingRevocations(), "round %d: its sign-out waits in the outbox", round)

		net.plugIn()
		assert.Zero(t, tv.Flush(ctx), "round %d: and is delivered once the network is back", round)
		require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	}
}

// A sign-out of all devices that never reached the service, as the TV finds when
// the service knows its session still, leaves the TV signed in after a restart.
func TestASignOutOfAllDevicesThatNeverLeftIsForgotten(t *testing.T) {
	h := newHousehold(t)
	tv, net, dir := h.signedIn("TV")
	for round := 1; round <= 2; round++ {
		net.unplug()
		_, err := tv.SignOutAll(ctx, Proof{Password: anaPassword})
		require.ErrorIs(t, err, ErrOffline, "round %d", round)
		net.plugIn()
		require.NoError(t, tv.Refresh(ctx), "round %d: the service knows the session", round)

		tv = h.reopen(dir, net)
		_, signedIn := tv.Account()
		assert.True(t, signedIn, "round %d: still signed in after a restart", round)
		assert.Zero(t, tv.PendingRevocations(), "round %d", round)
	}
}
