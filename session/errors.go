package session

import (
	"errors"
	"fmt"
	"time"
)

// Errors a caller can test for with errors.Is. Their messages are meant to be shown.
var (
	ErrWrongCredentials = errors.New("session: email or password is not right")
	ErrWrongPIN         = errors.New("session: that PIN is not right")
	ErrUnauthorized     = errors.New("session: this device is not signed in")
	ErrRevoked          = errors.New("session: this device was signed out")
	ErrNotSignedIn      = errors.New("session: no account is signed in on this device")
	ErrStalePlan        = errors.New("session: sign-out plan is stale")
	ErrOffline          = errors.New("session: the account service cannot be reached")
	ErrNotFound         = errors.New("session: not found")
	ErrInvalid          = errors.New("session: invalid request")
	ErrTooManyProfiles  = errors.New("session: an account has at most 5 profiles")
	ErrCorruptState     = errors.New("session: saved state is corrupt")
	ErrRateLimited      = errors.New("session: too many attempts")
	ErrInvalidUserCode  = errors.New("session: that code is not valid")
	ErrDeviceUnproven   = errors.New("session: this device's id is taken by another device")
	// ErrStorage says the device could not save its state: a full disk, a
	// read-only card, a browser's localStorage over its quota. What was asked did
	// not change the device; the app says so in the viewer's words rather than
	// show the storage's own.
	ErrStorage              = errors.New("session: this device could not save its state")
	ErrAuthorizationPending = errors.New("authorization_pending")
	ErrSlowDown             = errors.New("slow_down")
	ErrExpiredToken         = errors.New("expired_token")
	ErrAccessDenied         = errors.New("access_denied")
)

// Why a code on record can no longer be approved or refused; each matches
// ErrInvalidUserCode, so that a caller that needs no reason needs no change. The
// activation page says which, for a person to know what to do next: look at the TV
// for its new code, or nothing at all, since the TV is signing in.
var (
	ErrUserCodeExpired  = fmt.Errorf("%w: it has expired; the TV shows a new one", ErrInvalidUserCode)
	ErrUserCodeApproved = fmt.Errorf("%w: it was approved already", ErrInvalidUserCode)
	ErrUserCodeRefused  = fmt.Errorf("%w: it was refused already", ErrInvalidUserCode)
)

// RateLimitError says how long to wait before trying again; it matches ErrRateLimited.
type RateLimitError struct {
	RetryAfter time.Duration
}

// Error says how long to wait.
func (e *RateLimitError) Error() string {
	return fmt.Sprintf("session: too many attempts; try again in %s", e.RetryAfter.Round(time.Second))
}

// Is makes errors.Is(err, ErrRateLimited) true.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// StalePlanError says why a sign-out plan no longer describes the device; it matches
// ErrStalePlan.
type StalePlanError struct {
	Reason string // such as "account changed since it was shown"
}

// Error says why the plan is stale.
func (e *StalePlanError) Error() string { return "session: sign-out plan is stale: " + e.Reason }

// Is makes errors.Is(err, ErrStalePlan) true.
func (e *StalePlanError) Is(target error) bool { return target == ErrStalePlan }

// CorruptStateError reports saved state that could not be read. A copy was kept at
// MovedTo for a person to look at, and the device started signed out.
type CorruptStateError struct {
	Name    string
	MovedTo string // where a copy was kept; empty if none could be (CopyErr)
	Err     error
	CopyErr error
}

// Error says what was unreadable and where it was kept.
func (e *CorruptStateError) Error() string {
	if e.CopyErr != nil {
		return fmt.Sprintf("session: saved %s was unreadable (%v); no copy could be kept (%v); started signed out", e.Name, e.Err, e.CopyErr)
	}
	return fmt.Sprintf("session: saved %s was unreadable (%v); kept it as %s and started signed out", e.Name, e.Err, e.MovedTo)
}

// Is makes errors.Is(err, ErrCorruptState) true.
func (e *CorruptStateError) Is(target error) bool { return target == ErrCorruptState }

// Unwrap returns the decoding error.
func (e *CorruptStateError) Unwrap() error { return e.Err }

// StorageError is a save the device's Storage refused; it matches ErrStorage.
type StorageError struct {
	Err error
}

// Error says what the storage said, for logs: "session: save device: no space
// left on device".
func (e *StorageError) Error() string { return e.Err.Error() }

// Is makes errors.Is(err, ErrStorage) true.
func (e *StorageError) Is(target error) bool { return target == ErrStorage }

// Unwrap returns the storage's error.
func (e *StorageError) Unwrap() error { return e.Err }
