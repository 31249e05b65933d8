package session

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// codeShown opens a phone signed in to Ana's account and a TV called name that
// shows a code.
func codeShown(t *testing.T, name string) (h *household, phone, tv *Device, auth DeviceAuth) {
	t.Helper()
	h = newHousehold(t)
	phone, _, _ = h.signedIn("Phone")
	tv, _, _ = h.device(name, DeviceKindTV)
	auth, err := tv.StartCodeSignIn(ctx)
	require.NoError(t, err)
	return h, phone, tv, auth
}

func TestDescribingACodeNamesTheTVTheTimeAndTheAccount(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Hotel TV")
	asked := h.clock.Now()
	h.clock.Advance(2 * time.Minute)

	p, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), " "+auth.UserCode[:4]+auth.UserCode[5:])
	require.NoError(t, err)
	assert.Equal(t, auth.UserCode, p.UserCode, "as the TV shows it, however it was typed")
	assert.Equal(t, "Hotel TV", p.Device.Name)
	assert.Equal(t, DeviceKindTV, p.Device.Kind)
	assert.True(t, p.Requested.Equal(asked), "asked at %v, not %v", asked, p.Requested)
	assert.True(t, p.Expires.Equal(asked.Add(DeviceAuthLifetime)))
	assert.Equal(t, "Ana", p.Account.DisplayName)
	assert.Equal(t, anaEmail, p.Account.Email)

	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAuthorizationPending, "describing approves nothing")
	require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
	_, err = h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), auth.UserCode)
	assert.ErrorIs(t, err, ErrInvalidUserCode, "an approved code is used up")
}

func TestDescribingCountsAsAGuess(t *testing.T) {
	h, phone, _, auth := codeShown(t, "TV")
	for i := 0; i < freeFailures-1; i++ {
		_, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), "BBBB-BBBB")
		assert.ErrorIs(t, err, ErrInvalidUserCode)
	}
	assert.ErrorIs(t, phone.ApproveCode(ctx, "BBBB-BBBC"), ErrInvalidUserCode, "the last guess, by approving")
	_, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), auth.UserCode)
	assert.ErrorIs(t, err, ErrRateLimited, "even the right code waits: looking codes up is guessing them")
	assert.ErrorIs(t, h.svc.DenyDeviceAuth(ctx, tokenOf(phone), auth.UserCode), ErrRateLimited)
}

func TestDenyingACodeTellsTheTVItWasRefused(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Stranger's TV")
	require.NoError(t, h.svc.DenyDeviceAuth(ctx, tokenOf(phone), auth.UserCode))
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAccessDenied)
	h.clock.Advance(DeviceAuthInterval)
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAccessDenied, "and says so every time it asks")
	_, ok := tv.Account()
	assert.False(t, ok)

	assert.ErrorIs(t, phone.ApproveCode(ctx, auth.UserCode), ErrInvalidUserCode, "a refused code cannot be approved after all")
	assert.ErrorIs(t, h.svc.DenyDeviceAuth(ctx, tokenOf(phone), auth.UserCode), ErrInvalidUserCode)
	_, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), auth.UserCode)
	assert.ErrorIs(t, err, ErrInvalidUserCode)
}

func TestDescribingNeedsASignedInApprover(t *testing.T) {
	h, _, _, auth := codeShown(t, "TV")
	_, err := h.svc.DescribeDeviceAuth(ctx, "not a token", auth.UserCode)
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.ErrorIs(t, h.svc.DenyDeviceAuth(ctx, "not a token", auth.UserCode), ErrUnauthorized)
}
