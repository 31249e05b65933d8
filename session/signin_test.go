package session

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var ctx = context.Background()

func TestSignInWithPassword(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.device("Living Room TV", DeviceKindTV)
	require.NoError(t, d.SignIn(ctx, " ANA@example.com ", anaPassword))
	acc, ok := d.Account()
	require.True(t, ok)
	assert.Equal(t, "Ana", acc.DisplayName)
	assert.Len(t, d.Profiles(), 4)
	assert.ErrorIs(t, d.SignIn(ctx, samEmail, samPassword), ErrAlreadySignedIn, "sign out first")
}

func TestWrongPasswordAndUnknownEmailLookAlike(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.device("TV", DeviceKindTV)
	wrong := d.SignIn(ctx, anaEmail, "nope")
	unknown := d.SignIn(ctx, "nobody@example.com", anaPassword)
	assert.ErrorIs(t, wrong, ErrWrongCredentials)
	assert.Equal(t, wrong, unknown, "the same answer, so emails cannot be probed")
	_, ok := d.Account()
	assert.False(t, ok)
}

func TestSignInBacksOffGradually(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.device("TV", DeviceKindTV)
	for i := 0; i < freeFailures; i++ {
		assert.ErrorIs(t, d.SignIn(ctx, anaEmail, "guess"), ErrWrongCredentials)
	}
	err := d.SignIn(ctx, anaEmail, anaPassword)
	require.ErrorIs(t, err, ErrRateLimited, "even the right password waits")
	var rl *RateLimitError
	require.True(t, errors.As(err, &rl))
	assert.Equal(t, backoffBase, rl.RetryAfter, "a short wait, not a lockout")
	assert.Contains(t, err.Error(), "try again in 2s")

	h.clock.Advance(backoffBase)
	assert.ErrorIs(t, d.SignIn(ctx, anaEmail, "guess"), ErrWrongCredentials)
	err = d.SignIn(ctx, anaEmail, anaPassword)
	require.True(t, errors.As(err, &rl))
	assert.Equal(t, 2*backoffBase, rl.RetryAfter, "each failure doubles the wait")

	h.clock.Advance(2 * backoffBase)
	assert.NoError(t, d.SignIn(ctx, anaEmail, anaPassword))
}

func TestBackoffGrowsToItsCeiling(t *testing.T) {
	assert.Zero(t, signInLimit.wait(freeFailures-1))
	assert.Equal(t, backoffBase, signInLimit.wait(freeFailures))
	assert.Equal(t, 8*backoffBase, signInLimit.wait(freeFailures+3))
	assert.Equal(t, backoffCeiling, signInLimit.wait(freeFailures+40))
	assert.Equal(t, backoffCeiling, signInLimit.wait(1<<20), "no overflow")
}

func TestBadDeviceInfoIsRefused(t *testing.T) {
	h := newHousehold(t)
	_, err := h.svc.SignIn(ctx, DeviceIdentity{DeviceInfo: DeviceInfo{Name: "TV", Kind: "toaster"}}, anaEmail, anaPassword)
	assert.ErrorIs(t, err, ErrInvalid)
	noSecret := NewDeviceIdentity("TV", DeviceKindTV)
	noSecret.Secret = ""
	_, err = h.svc.SignIn(ctx, noSecret, anaEmail, anaPassword)
	assert.ErrorIs(t, err, ErrInvalid, "a device proves its ID")
}

func TestDeviceCodeSignIn(t *testing.T) {
	h := newHousehold(t)
	phone, _, _ := h.signedIn("Ana's other phone")
	tv, _, _ := h.device("Hotel TV", DeviceKindTV)

	auth, err := tv.StartCodeSignIn(ctx)
	require.NoError(t, err)
	assert.Regexp(t, `^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$`, auth.UserCode)
	assert.Equal(t, "https://tenfoot.example/activate?code="+auth.UserCode, auth.VerificationURIComplete)
	assert.Equal(t, DeviceAuthInterval, auth.Interval)

	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAuthorizationPending)
	h.clock.Advance(DeviceAuthInterval / 2)
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrSlowDown, "polled before the interval")
	h.clock.Advance(DeviceAuthInterval)
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrSlowDown, "the interval grew by 5 s")
	h.clock.Advance(DeviceAuthInterval + slowDownStep*2)
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrAuthorizationPending)

	typed := strings.ToLower(strings.ReplaceAll(auth.UserCode, "-", " "))
	require.NoError(t, phone.ApproveCode(ctx, typed), "case and spaces do not matter")
	h.clock.Advance(time.Minute)
	require.NoError(t, tv.PollCodeSignIn(ctx, auth))
	acc, ok := tv.Account()
	require.True(t, ok)
	assert.Equal(t, "Ana", acc.DisplayName)

	other, _, _ := h.device("Another TV", DeviceKindTV)
	assert.ErrorIs(t, other.PollCodeSignIn(ctx, auth), ErrExpiredToken, "a code signs in once")
}

func TestDeviceCodeExpires(t *testing.T) {
	h := newHousehold(t)
	phone, _, _ := h.signedIn("Phone")
	tv, _, _ := h.device("TV", DeviceKindTV)
	auth, err := tv.StartCodeSignIn(ctx)
	require.NoError(t, err)
	h.clock.Advance(DeviceAuthLifetime)
	assert.ErrorIs(t, tv.PollCodeSignIn(ctx, auth), ErrExpiredToken)
	assert.ErrorIs(t, phone.ApproveCode(ctx, auth.UserCode), ErrInvalidUserCode)
}

// A code typed with a digit, a vowel or a letter too few can be no TV's code: it is
// refused, but counts as no guess, and the person who typed 0 for D five times
// approves their TV at once when they type it right.
func TestAMalformedCodeIsNoGuess(t *testing.T) {
	h := newHousehold(t)
	phone, _, _ := h.signedIn("Phone")
	tv, _, _ := h.device("TV", DeviceKindTV)
	auth, err := tv.StartCodeSignIn(ctx)
	require.NoError(t, err)
	for _, typo := range []string{"B0FH-JKLM", "BDFH-JKL", "BAFH-JKLM", "BDFH-JKLM1", "ＢＤＦＨ－１２３４", "BDFH-JKL0", "BDFH-JKLE"} {
		assert.ErrorIs(t, phone.ApproveCode(ctx, typo), ErrInvalidUserCode, typo)
		_, err := h.svc.DescribeDeviceAuth(ctx, tokenOf(phone), typo)
		assert.ErrorIs(t, err, ErrInvalidUserCode, typo)
	}
	require.NoError(t, phone.ApproveCode(ctx, strings.ToLower(auth.UserCode)), "no wait")
	require.NoError(t, tv.PollCodeSignIn(ctx, auth))
}

func TestUserCodeOutsideTheAlphabetIsRejectedNotStripped(t *testing.T) {
	tests := []struct {
		typed string
		want  string
		err   bool
	}{
		{typed: "BDFH-JKLM", want: "BDFH-JKLM"},
		{typed: "bdfhjklm", want: "BDFH-JKLM"},
		{typed: " bdfh jklm ", want: "BDFH-JKLM"},
		{typed: "ＢＤＦＨーＪＫＬＭ", want: "BDFH-JKLM"},                   // a Japanese keyboard's full width
		{typed: "ｂｄｆｈ－ｊｋｌｍ", want: "BDFH-JKLM"},                   // lower case, a full-width hyphen
		{typed: "BDFH\u3000JKLM", want: "BDFH-JKLM"},              // the ideographic space
		{typed: "BDFH–JKLM", want: "BDFH-JKLM"},                   // an en dash, as a phone may put in
		{typed: "\u200eBDFH-JKLM\u200f", want: "BDFH-JKLM"},       // marks an Arabic phone puts around Latin text
		{typed: "\u2066BDFH\u200b-JKLM\u2069", want: "BDFH-JKLM"}, // an isolate and a zero-width space, as pasted
		{typed: "\ufeffBDFH-JKLM", want: "BDFH-JKLM"},             // a byte-order mark, as pasted
		{typed: "вdfн-кlмх", want: "BDFH-KLMX"},                   // a keyboard left in Cyrillic: в, н, к, м, х
		{typed: "ΒDFΗ-ΚLΜΖ", want: "BDFH-KLMZ"},                   // Greek capitals drawn as Latin ones
		{typed: "ＢＤＦＨ－１２３４", err: true},                           // full-width digits: no code has a digit
		{typed: "BDFH-JKLД", err: true},                           // a Cyrillic letter drawn as no letter of the alphabet
		{typed: "ＢＤＦＨ．ＪＫＬＭ", err: true},                           // full-width punctuation is not ignored
		{typed: "ＢＤＦＨーＪＫＬＡ", err: true},                           // nor a full-width vowel taken
		{typed: "BDFH-JKLMA", err: true},                          // A is a vowel, not in the alphabet
		{typed: "BDFH-JKL0", err: true},                           // a digit
		{typed: "BDFH-JKL", err: true},                            // too short
		{typed: "BDFH-JKLMN", err: true},                          // too long
		{typed: "BDFH.JKLM", err: true},                           // punctuation is not ignored
		{typed: "BDFH-JKLÉ", err: true},
		{typed: "", err: true},
	}
	for _, tt := range tests {
		got, err := NormalizeUserCode(tt.typed)
		if tt.err {
			assert.ErrorIs(t, err, ErrInvalidUserCode, tt.typed)
			continue
		}
		require.NoError(t, err, tt.typed)
		assert.Equal(t, tt.want, got)
	}
}

func TestCodeGuessingIsCapped(t *testing.T) {
	h := newHousehold(t)
	phone, _, _ := h.signedIn("Phone")
	tv, _, _ := h.device("TV", DeviceKindTV)
	auth, err := tv.StartCodeSignIn(ctx)
	require.NoError(t, err)
	for i := 0; i < freeFailures; i++ {
		assert.ErrorIs(t, phone.ApproveCode(ctx, "BBBB-BBBB"), ErrInvalidUserCode)
	}
	assert.ErrorIs(t, phone.ApproveCode(ctx, auth.UserCode), ErrRateLimited, "the right code waits after too many guesses")
	h.clock.Advance(failureWindow)
	auth, err = tv.StartCodeSignIn(ctx) // the first code has expired meanwhile
	require.NoError(t, err)
	assert.NoError(t, phone.ApproveCode(ctx, auth.UserCode))
}

func TestMaskEmail(t *testing.T) {
	assert.Equal(t, "a•••@example.com", MaskEmail("ana@example.com"))
	assert.Equal(t, "é•••@example.com", MaskEmail("élodie@example.com"))
	assert.Equal(t, "•••", MaskEmail("@example.com"))
	assert.Equal(t, "•••", MaskEmail("nobody"))
}

func TestTokensAreRandomAndStoredHashed(t *testing.T) {
	h := newHousehold(t)
	d, _, dir := h.signedIn("TV")
	d.mu.Lock()
	token := d.st.Token
	d.mu.Unlock()
	assert.Len(t, token, 43, "256 bits in base64url")
	assert.NotEqual(t, token, newToken())
	data, err := h.svc.opts.Storage.Load(serviceName)
	require.NoError(t, err)
	assert.NotContains(t, string(data), token, "the service keeps only hashes")
	assert.Contains(t, string(data), hashToken(token))
	assert.NotContains(t, string(data), anaPassword)
	_ = dir
}

func TestADeviceFromBeforeSecretsCannotBeClaimed(t *testing.T) {
	h := newHousehold(t)
	// A TV signed in before devices had secrets: its session is on record, its
	// secret is not.
	old := DeviceInfo{ID: uuid.New(), Name: "Old TV", Kind: DeviceKindTV}
	token := newToken()
	require.NoError(t, h.svc.store.Update(ctx, func(tx Tx) error {
		a, err := tx.AccountByEmail(anaEmail)
		if err != nil {
			return err
		}
		now := h.clock.Now()
		return tx.AddSession(SessionRecord{ID: uuid.New(), TokenHash: hashToken(token), AccountID: a.ID, Device: old, Created: now, LastSeen: now})
	}))
	for range 2 {
		claim := NewDeviceIdentity("Sam's TV", DeviceKindTV)
		claim.ID = old.ID
		_, err := h.svc.SignIn(ctx, claim, samEmail, samPassword)
		assert.ErrorIs(t, err, ErrDeviceUnproven, "the first secret shown does not win")
		_, err = h.svc.Check(ctx, token)
		assert.NoError(t, err, "the old TV is still signed in")
	}
}
