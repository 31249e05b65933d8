package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A TV whose network was down waits longer between tries to listen each time, up to
// five minutes. Once its network is back it tries at once, so that a sign-out of all
// devices made just then reaches it in moments, not minutes.
func TestListenTriesAtOnceWhenTheNetworkIsBack(t *testing.T) {
	h := newHousehold(t)
	tv, net, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	tries := func() int {
		net.mu.Lock()
		defer net.mu.Unlock()
		return net.tries
	}
	net.unplug()
	done := make(chan error, 1)
	go func() { done <- tv.Listen(t.Context()) }()
	require.Eventually(t, func() bool { return tries() == 2 }, 5*time.Second, 5*time.Millisecond,
		"the TV tried, waited retryFirst and tried again; it waits twice that now")

	net.plugIn()
	_, err := phone.SignOutAll(ctx, Proof{Password: anaPassword})
	require.NoError(t, err)
	tv.NetworkBack()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, ErrRevoked)
	case <-time.After(retryFirst): // half the wait it was in
		t.Fatal("the TV did not try again when its network came back")
	}
	assert.Equal(t, 3, tries())
}

// Sign-outs waiting in the outbox are due as soon as the network is back, not after
// the wait that grew while it was down.
func TestTheOutboxIsDueWhenTheNetworkIsBack(t *testing.T) {
	h := newHousehold(t)
	tv, net, _, token := h.signedOutOffline()
	next, pending := tv.NextRetry()
	require.True(t, pending)
	require.True(t, next.After(h.clock.Now()), "the sign-out waits for its next try")

	tv.NetworkBack()
	next, _ = tv.NextRetry()
	assert.Equal(t, h.clock.Now(), next, "due now")
	assert.Zero(t, tv.Flush(ctx))
	assert.Equal(t, 1, net.signOuts)
	assert.NotNil(t, h.session(token).Revoked, "the service has it")

	tv2, net2, _, _ := h.signedOutOffline()
	tv2.NetworkBack()
	net2.unplug()
	assert.Equal(t, 1, tv2.Flush(ctx), "still down: kept")
	next, _ = tv2.NextRetry()
	assert.True(t, next.After(h.clock.Now()), "and waits again: one try per NetworkBack")
}
