package session

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
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
	assert.Empty(t, p.Decided, "waiting")
	require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
	p, err = h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), auth.UserCode)
	require.NoError(t, err, "the session that approved it is told how it ended")
	assert.Equal(t, DecisionApproved, p.Decided)
	other, _, _ := h.signedIn("Tablet")
	_, err = h.svc.DescribeDeviceAuth(ctx, tokenOf(other), auth.UserCode)
	assert.ErrorIs(t, err, ErrUserCodeApproved, "anyone else, that it is used up")
	assert.ErrorIs(t, err, ErrInvalidUserCode)
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

	assert.ErrorIs(t, phone.ApproveCode(ctx, auth.UserCode), ErrUserCodeRefused, "a refused code cannot be approved after all")
	p, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), auth.UserCode)
	require.NoError(t, err, "the session that refused it is told how it ended")
	assert.Equal(t, DecisionDenied, p.Decided)
	other, _, _ := h.signedIn("Tablet")
	_, err = h.svc.DescribeDeviceAuth(ctx, tokenOf(other), auth.UserCode)
	assert.ErrorIs(t, err, ErrUserCodeRefused)
	assert.ErrorIs(t, h.svc.DenyDeviceAuth(ctx, tokenOf(other), auth.UserCode), ErrUserCodeRefused, "refused by another session")
}

// A phone refuses a code and its answer is lost (PostgreSQL restarted between the
// COMMIT and its answer: cmd/tenfootd's lost-commit tests). Refusing it again is
// the refusal it was, not "approved or refused already"; it is counted once, and
// the TV is still told it was refused.
func TestARefusalSentAgainIsTheRefusalItWas(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Stranger's TV")
	seen := &countingObserver{steps: map[string]int{}, refused: map[string]int{}}
	h.svc.opts.Observer = seen
	require.NoError(t, h.svc.DenyDeviceAuth(ctx, tokenOf(phone), auth.UserCode))
	for range 2 {
		assert.NoError(t, h.svc.DenyDeviceAuth(ctx, tokenOf(phone), strings.ToLower(auth.UserCode)), "the same refusal again")
		assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAccessDenied)
		h.clock.Advance(DeviceAuthInterval)
	}
	assert.Equal(t, 1, seen.steps[DeviceCodeDenied.String()], "counted once")
}

// A phone approves a code, its answer is lost, and the TV signs in before the
// phone tries again: the approval sent again is the approval it was, not "that
// code is not valid" counted as a guess. Another person typing the code is told it
// was used already, and that counts as no guess either. The TV asking again signs
// nothing more in: the account has one session for it.
func TestAnApprovalSentAgainAfterTheTVSignedInIsApproved(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Living Room TV")
	require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
	require.NoError(t, tv.PollCodeSignIn(ctx, auth))
	first := tokenOf(tv)

	for range 2 {
		assert.NoError(t, phone.ApproveCode(ctx, auth.UserCode), "the same approval again")
	}
	other, _, _ := h.signedIn("Tablet")
	for range freeFailures + 1 {
		assert.ErrorIs(t, other.ApproveCode(ctx, auth.UserCode), ErrUserCodeApproved)
	}
	second, _, _ := h.device("Bedroom TV", DeviceKindTV)
	next, err := second.StartCodeSignIn(ctx)
	require.NoError(t, err)
	require.NoError(t, other.ApproveCode(ctx, next.UserCode), "no guess was counted")

	for range 2 {
		h.clock.Advance(DeviceAuthInterval)
		_, err := h.svc.PollDeviceAuth(ctx, auth.DeviceCode)
		assert.ErrorIs(t, err, ErrExpiredToken, "the code signs in once")
	}
	devices, err := phone.Devices(ctx)
	require.NoError(t, err)
	n := 0
	for _, d := range devices {
		if d.Name == "Living Room TV" {
			n++
		}
	}
	assert.Equal(t, 1, n, "one session for the TV")
	assert.NotNil(t, h.session(first), "its own")
}

func TestDescribingNeedsASignedInApprover(t *testing.T) {
	h, _, _, auth := codeShown(t, "TV")
	_, err := h.svc.DescribeDeviceAuth(ctx, "not a token", auth.UserCode)
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.ErrorIs(t, h.svc.DenyDeviceAuth(ctx, "not a token", auth.UserCode), ErrUnauthorized)
}

// TestSigningOutWithdrawsCodesApprovedAndNotYetUsed approves a TV's code, then signs
// out before the TV asks again: of all devices, of the approving device, or the
// approving device itself. A sign-out of all devices must end them all: before, a
// code approved by a stolen session signed its TV in after the sign-out that was to
// end that session, and again after each one. The TV is told it was refused, at
// every poll, and the account lists no new device.
func TestSigningOutWithdrawsCodesApprovedAndNotYetUsed(t *testing.T) {
	for name, signOut := range map[string]func(t *testing.T, h *household, approver *Device){
		"of all devices": func(t *testing.T, h *household, approver *Device) {
			owner, _, _ := h.signedIn("Ana's Laptop")
			_, err := owner.SignOutAll(ctx, Proof{Password: anaPassword})
			require.NoError(t, err)
		},
		"of the approving device, from another": func(t *testing.T, h *household, approver *Device) {
			owner, _, _ := h.signedIn("Ana's Laptop")
			_, err := owner.SignOutDevice(ctx, approver.Info().ID)
			require.NoError(t, err)
		},
		"the approving device itself": func(t *testing.T, h *household, approver *Device) {
			plan, err := approver.Plan()
			require.NoError(t, err)
			_, err = approver.Confirm(ctx, plan)
			require.NoError(t, err)
		},
	} {
		t.Run(name, func(t *testing.T) {
			h, phone, tv, auth := codeShown(t, "Thief's TV")
			require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
			signOut(t, h, phone)

			h.clock.Advance(DeviceAuthInterval)
			assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAccessDenied)
			h.clock.Advance(DeviceAuthInterval)
			assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAccessDenied, "and says so every time it asks")
			_, ok := tv.Account()
			assert.False(t, ok)
			owner, _, _ := h.signedIn("Ana's Tablet")
			devices, err := owner.Devices(ctx)
			require.NoError(t, err)
			for _, d := range devices {
				assert.NotEqual(t, "Thief's TV", d.Name, "the account lists it")
			}
		})
	}
}

// TestACodeApprovedSignsInWhileItsApproverStaysSignedIn is the sign-in that
// withdrawing approvals must leave alone: another device of the account signed
// out meanwhile takes nothing from it.
func TestACodeApprovedSignsInWhileItsApproverStaysSignedIn(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Living Room TV")
	require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
	stick, _, _ := h.signedIn("Bedroom Stick")
	_, err := phone.SignOutDevice(ctx, stick.Info().ID)
	require.NoError(t, err)
	h.clock.Advance(DeviceAuthInterval)
	require.NoError(t, tv.PollCodeSignIn(ctx, auth))
	_, ok := tv.Account()
	assert.True(t, ok)
}

// TestDevicesThatNeverSignedInAreForgottenInADay: anyone may ask for codes, each
// time as a new device. Those that never sign in are forgotten a day later, while a
// TV that signed in with its code is kept. Before, each was kept for 180 days: 51
// codes asked for left 51 records.
func TestDevicesThatNeverSignedInAreForgottenInADay(t *testing.T) {
	h, phone, tv, auth := codeShown(t, "Living Room TV")
	require.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
	require.NoError(t, tv.PollCodeSignIn(ctx, auth))
	var strangers []uuid.UUID
	for range 5 {
		stranger := NewDeviceIdentity("Stranger's TV", DeviceKindTV)
		_, err := h.svc.StartDeviceAuth(ctx, stranger)
		require.NoError(t, err)
		strangers = append(strangers, stranger.ID)
	}
	h.clock.Advance(keepUnsigned + pruneEvery)
	h.signedIn("Phone") // a sign-in prunes
	require.NoError(t, h.svc.store.View(ctx, func(tx Tx) error {
		for _, id := range strangers {
			_, err := tx.Device(id)
			assert.ErrorIs(t, err, ErrNotFound, "a device that only asked for a code")
		}
		_, err := tx.Device(tv.Info().ID)
		assert.NoError(t, err, "the TV that signed in")
		return nil
	}))
}

// TestAClockPutBackStillPrunes: the service's clock ran a day ahead and pruned,
// then was put right. Pruning goes on at once, not when the clock has caught up
// with the last prune.
func TestAClockPutBackStillPrunes(t *testing.T) {
	h := newHousehold(t)
	h.clock.Advance(2 * keepUnsigned)
	h.signedIn("Phone") // prunes, a day ahead
	h.clock.Advance(-2 * keepUnsigned)
	stranger := NewDeviceIdentity("Stranger's TV", DeviceKindTV)
	_, err := h.svc.StartDeviceAuth(ctx, stranger)
	require.NoError(t, err)
	h.clock.Advance(keepUnsigned + pruneEvery) // still before the last prune
	h.signedIn("Tablet")
	require.NoError(t, h.svc.store.View(ctx, func(tx Tx) error {
		_, err := tx.Device(stranger.ID)
		assert.ErrorIs(t, err, ErrNotFound)
		return nil
	}))
}

// A TV asks for a new code (it was restarted, or went back and came again): the
// code it showed before expires, and a phone that still has it, in a photo of the
// QR code or a tab left open, is told so, not that the TV is signing in, which no
// TV would then do. Another TV's code is left alone. A TV turned off while its code
// is shown, whose code expired unpolled, is told of as expired too, and neither
// counts as a guess.
func TestACodeOfATVThatWentAwayIsExpired(t *testing.T) {
	h, phone, tv, first := codeShown(t, "Living Room TV")
	other, _, _ := h.device("Bedroom TV", DeviceKindTV)
	theirs, err := other.StartCodeSignIn(ctx)
	require.NoError(t, err)
	for range freeFailures + 1 {
		second, err := tv.StartCodeSignIn(ctx)
		require.NoError(t, err)
		assert.ErrorIs(t, phone.ApproveCode(ctx, first.UserCode), ErrUserCodeExpired)
		first = second
	}
	require.NoError(t, phone.ApproveCode(ctx, first.UserCode), "its new code, with no wait")
	require.NoError(t, tv.PollCodeSignIn(ctx, first))

	h.clock.Advance(DeviceAuthLifetime + DeviceAuthLifetime/2) // the Bedroom TV was turned off
	_, err = h.svc.StartDeviceAuth(ctx, NewDeviceIdentity("Hotel TV", DeviceKindTV))
	require.NoError(t, err)
	assert.ErrorIs(t, phone.ApproveCode(ctx, theirs.UserCode), ErrUserCodeExpired)
}

// Why a code is no good reaches a client of tenfootd as it left the service, and
// matches ErrInvalidUserCode there too, as do the service's other words for it.
func TestWhyACodeIsNoGoodCrossesTheWire(t *testing.T) {
	for _, err := range []error{ErrUserCodeExpired, ErrUserCodeApproved, ErrUserCodeRefused, ErrInvalidUserCode} {
		status, w := ErrorStatus(err)
		assert.Equal(t, statusBadRequest, status)
		assert.Equal(t, "invalid_user_code", w.Code)
		got := wireError(status, w, "")
		assert.ErrorIs(t, got, err)
		assert.ErrorIs(t, got, ErrInvalidUserCode)
	}
	got := wireError(statusBadRequest, WireError{Code: "invalid_user_code", Message: "session: that code is not valid: some other reason"}, "")
	assert.ErrorIs(t, got, ErrInvalidUserCode)
	assert.NotErrorIs(t, got, ErrUserCodeExpired)
	assert.Equal(t, ErrInvalidUserCode, wireError(statusBadRequest, WireError{Code: "invalid_user_code"}, ""))
}
