package session

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// grandpa returns the household's locked profile as tv sees it.
func grandpa(t *testing.T, tv *Device) Profile {
	t.Helper()
	for _, p := range tv.Profiles() {
		if p.Name == "Grandpa" {
			require.True(t, p.Locked)
			return p
		}
	}
	t.Fatal("the household has no Grandpa")
	return Profile{}
}

// A PIN lock is a lock: a locked profile is renamed, unlocked or deleted only with
// its own PIN or the account's password, whatever the device asks.
func TestALockedProfileChangesOnlyWithProof(t *testing.T) {
	none := ""
	tests := []struct {
		name  string
		proof func(locked, other Profile) Proof
		want  error // nil: the change goes through
	}{
		{"no proof", func(Profile, Profile) Proof { return Proof{} }, ErrWrongPIN},
		{"a wrong PIN", func(p, _ Profile) Proof { return Proof{ProfileID: p.ID, PIN: "9999"} }, ErrWrongPIN},
		{"the PIN of another profile", func(_, o Profile) Proof { return Proof{ProfileID: o.ID, PIN: "5555"} }, ErrWrongPIN},
		{"a wrong password", func(Profile, Profile) Proof { return Proof{Password: "guess"} }, ErrWrongCredentials},
		{"its PIN", func(p, _ Profile) Proof { return Proof{ProfileID: p.ID, PIN: grandpaPIN} }, nil},
		{"its PIN, without naming it", func(Profile, Profile) Proof { return Proof{PIN: grandpaPIN} }, nil},
		{"the account's password", func(Profile, Profile) Proof { return Proof{Password: anaPassword} }, nil},
	}
	changes := []struct {
		name   string
		change func(tv *Device, p Profile, proof Proof) error
		done   func(t *testing.T, tv *Device, p Profile)
	}{
		{"rename", func(tv *Device, p Profile, proof Proof) error {
			p.Name = "Grandad"
			return tv.SaveProfile(ctx, ProfileChange{Profile: p, Proof: proof})
		}, func(t *testing.T, tv *Device, p Profile) {
			assert.Equal(t, "Grandad", tv.Profiles()[3].Name)
			assert.True(t, tv.Profiles()[3].Locked, "still locked")
		}},
		{"unlock", func(tv *Device, p Profile, proof Proof) error {
			return tv.SaveProfile(ctx, ProfileChange{Profile: p, PIN: &none, Proof: proof})
		}, func(t *testing.T, tv *Device, p Profile) {
			assert.False(t, tv.Profiles()[3].Locked)
		}},
		{"delete", func(tv *Device, p Profile, proof Proof) error {
			return tv.DeleteProfile(ctx, p.ID, proof)
		}, func(t *testing.T, tv *Device, p Profile) {
			assert.Len(t, tv.Profiles(), 3)
		}},
	}
	for _, c := range changes {
		for _, tt := range tests {
			t.Run(c.name+" with "+tt.name, func(t *testing.T) {
				h := newHousehold(t)
				tv, _, _ := h.signedIn("TV")
				locked := grandpa(t, tv)
				other := tv.Profiles()[0]
				err := c.change(tv, locked, tt.proof(locked, other))
				if tt.want != nil {
					require.ErrorIs(t, err, tt.want)
					assert.Equal(t, locked, grandpa(t, tv), "nothing changed")
					return
				}
				require.NoError(t, err)
				c.done(t, tv, locked)
			})
		}
	}
}

// Profiles that are not locked change as they always did, with no proof; a new
// profile needs none either.
func TestAnUnlockedProfileNeedsNoProof(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	ben := tv.Profiles()[1]
	ben.Name = "Benjamin"
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: ben}))
	pin := "2468"
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: Profile{Name: "Leo", Avatar: "cat"}, PIN: &pin}))
	require.NoError(t, tv.DeleteProfile(ctx, ben.ID, Proof{}))
	assert.Len(t, tv.Profiles(), 4)

	leo := tv.Profiles()[3]
	require.True(t, leo.Locked, "a PIN set on a new profile locks it at once")
	assert.ErrorIs(t, tv.DeleteProfile(ctx, leo.ID, Proof{}), ErrWrongPIN)
	require.NoError(t, tv.DeleteProfile(ctx, leo.ID, Proof{ProfileID: leo.ID, PIN: pin}))
}

// Wrong PINs given to change a locked profile count with those typed to open it:
// changing it is no way around the limit on guessing.
func TestGuessingAPINThroughChangesIsLimited(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	locked := grandpa(t, tv)
	for i := range freeFailures {
		guess := Proof{ProfileID: locked.ID, PIN: "000" + string(rune('0'+i))}
		require.ErrorIs(t, tv.DeleteProfile(ctx, locked.ID, guess), ErrWrongPIN)
	}
	assert.ErrorIs(t, tv.VerifyPIN(ctx, locked.ID, grandpaPIN), ErrRateLimited, "even the right PIN waits")
	assert.ErrorIs(t, tv.DeleteProfile(ctx, locked.ID, Proof{ProfileID: locked.ID, PIN: grandpaPIN}), ErrRateLimited)
	assert.Len(t, tv.Profiles(), 4)

	other, _, _ := h.signedIn("Other TV")
	assert.NoError(t, other.VerifyPIN(ctx, locked.ID, grandpaPIN), "another device's guesses slow only that device")
}

// TestSessionsMadeToGuessWithShareOneCount: a thief holding one session approves
// codes for TVs of their own, each a new session that needs no proof, and spreads
// guesses of Grandpa's PIN over them. The account counts them together: after four
// sessions' worth of free guesses the next waits, from any session, the right PIN
// too. Before, each new session brought five more free guesses.
func TestSessionsMadeToGuessWithShareOneCount(t *testing.T) {
	h := newHousehold(t)
	thief, _, _ := h.signedIn("Ana's Phone")
	locked := grandpa(t, thief)
	guesses := 0
	for range 4 {
		auth, err := h.svc.StartDeviceAuth(ctx, NewDeviceIdentity("Thief's TV", DeviceKindTV))
		require.NoError(t, err)
		require.NoError(t, thief.ApproveCode(ctx, auth.UserCode))
		g, err := h.svc.PollDeviceAuth(ctx, auth.DeviceCode)
		require.NoError(t, err)
		for range freeFailures {
			require.ErrorIs(t, h.svc.VerifyPIN(ctx, g.Token, locked.ID, fmt.Sprintf("%04d", guesses)), ErrWrongPIN)
			guesses++
		}
	}
	assert.ErrorIs(t, thief.VerifyPIN(ctx, locked.ID, grandpaPIN), ErrRateLimited, "the session that made them waits too")
	h.clock.Advance(backoffBase)
	assert.NoError(t, thief.VerifyPIN(ctx, locked.ID, grandpaPIN), "and tries again once the wait is over")
}

// A profile's language is a preference, not a secret: whoever watches as a locked
// profile changes it without the PIN, on every device of the account, and nothing
// else of the profile changes with it. Anything else changed with it still needs
// the PIN, and a tag that is not one is refused.
func TestAProfileChangesItsLanguageWithoutItsPIN(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	p := grandpa(t, tv)
	p.Language = "ja"
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: p}))
	assert.Equal(t, "ja", grandpa(t, tv).Language)
	assert.True(t, grandpa(t, tv).Locked, "still locked")
	require.NoError(t, phone.Refresh(ctx))
	assert.Equal(t, "ja", grandpa(t, phone).Language, "the language is the profile's, on every device")

	p.Name, p.Language = "Grandad", "de"
	require.ErrorIs(t, tv.SaveProfile(ctx, ProfileChange{Profile: p}), ErrWrongPIN, "a rename with it needs the PIN")
	assert.Equal(t, "ja", grandpa(t, tv).Language)

	p = grandpa(t, tv)
	p.Name, p.Language = "Grandad", ""
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: p, Proof: Proof{PIN: grandpaPIN}}), "a device from before languages renames")
	renamed := tv.Profiles()[3]
	assert.Equal(t, "Grandad", renamed.Name)
	assert.Equal(t, "ja", renamed.Language, "and the language chosen elsewhere stays")

	p = renamed
	p.Language = "<script>"
	require.ErrorIs(t, tv.SaveProfile(ctx, ProfileChange{Profile: p}), ErrInvalid)
}

// TestAPINIsHashedOnlyForASession: setting a PIN hashes it, slowly by design. A
// request with a made-up token is refused before: anyone could otherwise make the
// service spend a password hash per request. (A cost no hash can have tells
// whether one was tried: it fails at once.)
func TestAPINIsHashedOnlyForASession(t *testing.T) {
	h := newHousehold(t)
	h.svc.opts.PasswordCost = 32
	pin := "2468"
	change := ProfileChange{Profile: Profile{Name: "Leo", Avatar: "cat"}, PIN: &pin}
	_, err := h.svc.SaveProfile(ctx, "made-up", change)
	assert.ErrorIs(t, err, ErrUnauthorized, "refused before any hash: %v", err)
}
