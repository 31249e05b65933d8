package session

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingObserver counts what it is told.
type countingObserver struct {
	mu      sync.Mutex
	steps   map[string]int
	refused map[string]int
}

func (o *countingObserver) DeviceCode(step DeviceCodeStep) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.steps[step.String()]++
}

func (o *countingObserver) RateLimited(rule RateLimitRule) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.refused[rule.String()]++
}

// The observer hears each step of every sign-in with a code once, and each refusal
// by the limit that refused: what tenfootd's metrics count.
func TestObserverCountsCodesAndRefusals(t *testing.T) {
	clock := newTestClock()
	seen := &countingObserver{steps: map[string]int{}, refused: map[string]int{}}
	svc, err := OpenEmbedded(EmbeddedOptions{Clock: clock, PasswordCost: lowCost, Observer: seen})
	require.NoError(t, err)
	seedHousehold(t, svc)
	phone, err := svc.SignIn(ctx, NewDeviceIdentity("Phone", DeviceKindPhone), anaEmail, anaPassword)
	require.NoError(t, err)

	approved, err := svc.StartDeviceAuth(ctx, NewDeviceIdentity("Living Room TV", DeviceKindTV))
	require.NoError(t, err)
	_, err = svc.PollDeviceAuth(ctx, approved.DeviceCode)
	assert.ErrorIs(t, err, ErrAuthorizationPending)
	_, err = svc.PollDeviceAuth(ctx, approved.DeviceCode)
	assert.ErrorIs(t, err, ErrSlowDown, "polled again at once")
	require.NoError(t, svc.ApproveDeviceAuth(ctx, phone.Token, approved.UserCode))
	clock.Advance(slowDownStep + DeviceAuthInterval)
	_, err = svc.PollDeviceAuth(ctx, approved.DeviceCode)
	require.NoError(t, err)

	denied, err := svc.StartDeviceAuth(ctx, NewDeviceIdentity("Stranger's TV", DeviceKindTV))
	require.NoError(t, err)
	require.NoError(t, svc.DenyDeviceAuth(ctx, phone.Token, denied.UserCode))

	expired, err := svc.StartDeviceAuth(ctx, NewDeviceIdentity("Hotel TV", DeviceKindTV))
	require.NoError(t, err)
	clock.Advance(DeviceAuthLifetime)
	for range 3 {
		_, err = svc.PollDeviceAuth(ctx, expired.DeviceCode)
		assert.ErrorIs(t, err, ErrExpiredToken, "every poll after expiry")
	}

	for range freeFailures + 1 {
		_, err = svc.SignIn(ctx, NewDeviceIdentity("Guesser", DeviceKindPhone), samEmail, "not-it")
	}
	assert.ErrorIs(t, err, ErrRateLimited)
	for range freeFailures + 1 {
		err = svc.ApproveDeviceAuth(ctx, phone.Token, "BBBB-BBBB")
	}
	assert.ErrorIs(t, err, ErrRateLimited)

	assert.Equal(t, map[string]int{"issued": 3, "approved": 1, "signed_in": 1, "denied": 1, "expired": 1}, seen.steps,
		"an expired code is counted once however often it is polled")
	assert.Equal(t, map[string]int{"device_poll": 1, "signin": 1, "code_guess": 1}, seen.refused)
}
