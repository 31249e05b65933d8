package session

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// The account service's HTTP API speaks JSON; this file holds what both ends of it
// must agree on: paths, error codes and the few bodies whose shape is not a type of
// this package. Errors are {"error": code, "message": text}; the codes of the
// device-code grant are those of RFC 8628.

// APIPrefix is where version 1 of the API lives.
const APIPrefix = "/api/v1"

// The HTTP statuses the API answers with. They are spelled out here rather than
// taken from net/http, which the browser build leaves out.
const (
	statusBadRequest          = 400
	statusUnauthorized        = 401
	statusForbidden           = 403
	statusNotFound            = 404
	statusConflict            = 409
	statusTooManyRequests     = 429
	statusInternalServerError = 500
	statusServiceUnavailable  = 503
)

// WireError is an error as the API sends it.
type WireError struct {
	Code    string `json:"error"`
	Message string `json:"message"`
}

// wireErrors maps error codes to the errors they stand for, with their HTTP status.
var wireErrors = []struct {
	code   string
	err    error
	status int
}{
	{"wrong_credentials", ErrWrongCredentials, statusUnauthorized},
	{"wrong_pin", ErrWrongPIN, statusForbidden},
	{"unauthorized", ErrUnauthorized, statusUnauthorized},
	{"revoked", ErrRevoked, statusUnauthorized},
	{"not_found", ErrNotFound, statusNotFound},
	{"invalid_request", ErrInvalid, statusBadRequest},
	{"too_many_profiles", ErrTooManyProfiles, statusConflict},
	{"rate_limited", ErrRateLimited, statusTooManyRequests},
	// Why a code on record is no good, before the error they all match.
	{"invalid_user_code", ErrUserCodeExpired, statusBadRequest},
	{"invalid_user_code", ErrUserCodeApproved, statusBadRequest},
	{"invalid_user_code", ErrUserCodeRefused, statusBadRequest},
	{"invalid_user_code", ErrInvalidUserCode, statusBadRequest},
	{"device_unproven", ErrDeviceUnproven, statusForbidden},
	{"authorization_pending", ErrAuthorizationPending, statusBadRequest},
	{"slow_down", ErrSlowDown, statusBadRequest},
	{"expired_token", ErrExpiredToken, statusBadRequest},
	{"access_denied", ErrAccessDenied, statusBadRequest},
}

// ErrorStatus returns the HTTP status and wire error for err. Errors the API does
// not name are internal errors, and their text is not sent.
func ErrorStatus(err error) (int, WireError) {
	if status, w, ok := unavailableStatus(err); ok {
		return status, w
	}
	for _, w := range wireErrors {
		if errors.Is(err, w.err) {
			return w.status, WireError{Code: w.code, Message: err.Error()}
		}
	}
	return statusInternalServerError, WireError{Code: "internal", Message: "session: the account service failed; try again"}
}

// wireError turns an error from the API back into the error it stands for, so that
// errors.Is works on the client as on the server.
func wireError(status int, w WireError, retryAfter string) error {
	if w.Code == "rate_limited" {
		secs, _ := strconv.Atoi(retryAfter)
		return &RateLimitError{RetryAfter: time.Duration(secs) * time.Second}
	}
	if w.Code == codeUnavailable {
		return unavailableFromWire(retryAfter)
	}
	// Several errors share a code: the one whose words were sent, or else the
	// last, which they all match.
	var named error
	for _, e := range wireErrors {
		if e.code == w.Code {
			if w.Message == e.err.Error() {
				return e.err
			}
			named = e.err
		}
	}
	switch {
	case named != nil && w.Message == "":
		return named
	case named != nil:
		return &serviceError{err: named, message: w.Message}
	}
	if w.Message == "" {
		w.Message = fmt.Sprintf("status %d", status)
	}
	return errors.New("session: the account service said: " + w.Message)
}

// serviceError is an error the service named, with the words it said about it, such
// as which field of a request was wrong.
type serviceError struct {
	err     error
	message string
}

func (e *serviceError) Error() string { return e.message }

// Unwrap makes errors.Is match the error the code stands for.
func (e *serviceError) Unwrap() error { return e.err }

// DeviceAuthJSON is a DeviceAuth as RFC 8628 §3.2 writes it.
type DeviceAuthJSON struct {
	DeviceCode              string `json:"device_code"`
	UserCode                string `json:"user_code"`
	VerificationURI         string `json:"verification_uri"`
	VerificationURIComplete string `json:"verification_uri_complete"`
	ExpiresIn               int    `json:"expires_in"` // seconds
	Interval                int    `json:"interval"`   // seconds
}

// JSON returns a in the RFC's shape.
func (a DeviceAuth) JSON() DeviceAuthJSON {
	return DeviceAuthJSON{a.DeviceCode, a.UserCode, a.VerificationURI, a.VerificationURIComplete,
		int(a.ExpiresIn / time.Second), int(a.Interval / time.Second)}
}

// DeviceAuth returns j as a DeviceAuth.
func (j DeviceAuthJSON) DeviceAuth() DeviceAuth {
	return DeviceAuth{j.DeviceCode, j.UserCode, j.VerificationURI, j.VerificationURIComplete,
		time.Duration(j.ExpiresIn) * time.Second, time.Duration(j.Interval) * time.Second}
}

// Request bodies of the API.
type (
	SignInRequest struct {
		Device   DeviceIdentity `json:"device"`
		Email    string         `json:"email"`
		Password string         `json:"password"`
	}
	DeviceCodeRequest struct {
		Device DeviceIdentity `json:"device"`
	}
	TokenRequest struct {
		DeviceCode string `json:"device_code"`
	}
	ApproveRequest struct {
		UserCode string `json:"user_code"`
	}
	PINRequest struct {
		PIN string `json:"pin"`
	}
	// ProfileDeletion is the body of DELETE /profiles/{id}, which may have none:
	// the proof that unlocks a locked profile.
	ProfileDeletion struct {
		Proof Proof `json:"proof"`
	}
)
