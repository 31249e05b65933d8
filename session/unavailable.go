package session

import (
	"errors"
	"strconv"
	"time"
)

// ErrUnavailable says that the account service is running but cannot reach its
// records for now, such as while its database restarts. Nothing was changed; the
// same request may be made again in a few seconds.
var ErrUnavailable = errors.New("session: the account service is briefly unavailable; try again in a few seconds")

// UnavailableRetryAfter is how long tenfootd tells a device to wait when it cannot
// reach its database: about as long as PostgreSQL takes to restart.
const UnavailableRetryAfter = 3 * time.Second

// UnavailableError is ErrUnavailable with its cause on the service, and with how long
// to wait on a device. It matches ErrUnavailable, and ErrOffline too: to a device, a
// service that cannot reach its records is as good as one it cannot reach, and it
// does what it does offline, keeping what it has and trying again later.
type UnavailableError struct {
	// RetryAfter is how long the service asked to wait; zero if it did not say.
	RetryAfter time.Duration
	// Err is what failed on the service, for its log; nil on a device, where the
	// service keeps it to itself.
	Err error
}

// Error says that the service is unavailable, and why if it is known.
func (e *UnavailableError) Error() string {
	if e.Err == nil {
		return ErrUnavailable.Error()
	}
	return ErrUnavailable.Error() + ": " + e.Err.Error()
}

// Is makes errors.Is(err, ErrUnavailable) and errors.Is(err, ErrOffline) true.
func (e *UnavailableError) Is(target error) bool {
	return target == ErrUnavailable || target == ErrOffline
}

// Unwrap returns the cause.
func (e *UnavailableError) Unwrap() error { return e.Err }

// codeUnavailable is ErrUnavailable's code on the wire.
const codeUnavailable = "unavailable"

// unavailableStatus returns the status and wire error of an error that matches
// ErrUnavailable: 503, with a message that tells nothing of the cause.
func unavailableStatus(err error) (status int, w WireError, ok bool) {
	if !errors.Is(err, ErrUnavailable) {
		return 0, WireError{}, false
	}
	return statusServiceUnavailable, WireError{Code: codeUnavailable, Message: ErrUnavailable.Error()}, true
}

// unavailableFromWire is the error a device gets for a 503 with retryAfter, the
// Retry-After header in seconds.
func unavailableFromWire(retryAfter string) error {
	secs, _ := strconv.Atoi(retryAfter)
	return &UnavailableError{RetryAfter: time.Duration(secs) * time.Second}
}
