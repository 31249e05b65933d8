package session

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// PendingDeviceAuth is a sign-in with a code as the person about to approve it must
// see it (RFC 8628 §5.4): which device asked, when, and which account it will join.
// Someone who was sent a code by a stranger ("enter this to win…") then reads a TV
// they do not own, or a time when they asked for nothing, before anything happens.
type PendingDeviceAuth struct {
	// UserCode is the code as the TV shows it, such as "BDFH-JKLM", whatever way
	// it was typed.
	UserCode string     `json:"userCode"`
	Device   DeviceInfo `json:"device"`
	// Requested is when the device asked for the code; Expires, when the code
	// stops working.
	Requested time.Time `json:"requested"`
	Expires   time.Time `json:"expires"`
	// Account is the approver's account, which the device joins if approved.
	Account Account `json:"account"`
}

// deniedBy is what a refused code records as its approver. No account has this ID,
// so PollDeviceAuth answers the device ErrAccessDenied, as it does for a code whose
// approving account is gone, and the code can be neither approved nor refused again.
// It takes no change to the records, which already keep one approver per code.
var deniedBy = uuid.Max

// DescribeDeviceAuth implements Service. A code waiting for its decision is
// described from a read: the activation page describes it each time it shows the
// confirmation, and a write transaction, which changes nothing there, would take
// turns with every sign-in and sign-out (on PostgreSQL across the replicas). Any
// other code goes on to decideDeviceAuth, which counts a wrong one, and says why.
func (e *Embedded) DescribeDeviceAuth(ctx context.Context, token, userCode string) (PendingDeviceAuth, error) {
	var p PendingDeviceAuth
	describe := func(tx Tx, s SessionRecord, d DeviceAuthRecord) error {
		a, err := tx.Account(s.AccountID)
		p = PendingDeviceAuth{UserCode: d.UserCode, Device: d.Device, Requested: d.Expires.Add(-DeviceAuthLifetime),
			Expires: d.Expires, Account: a.Account}
		return err
	}
	pending := false
	err := e.view(ctx, token, func(tx Tx, s SessionRecord) error {
		now := e.now()
		if _, err := guessLimit.check(tx, "approver:"+s.AccountID.String(), now); err != nil {
			return err
		}
		code, err := NormalizeUserCode(userCode)
		if err != nil {
			return nil // counted below
		}
		switch d, err := tx.DeviceAuthByUserCode(code); {
		case errors.Is(err, ErrNotFound) || err == nil && (!now.Before(d.Expires) || d.Approved != uuid.Nil):
			return nil // counted or explained below
		case err != nil:
			return err
		default:
			pending = true
			return describe(tx, s, d)
		}
	})
	if err != nil || pending {
		e.refused(guessLimit.rule, err)
		return p, err
	}
	_, err = e.decideDeviceAuth(ctx, token, userCode, describe, nil)
	return p, err
}

// DenyDeviceAuth implements Service.
func (e *Embedded) DenyDeviceAuth(ctx context.Context, token, userCode string) error {
	_, err := e.decideDeviceAuth(ctx, token, userCode, func(tx Tx, _ SessionRecord, d DeviceAuthRecord) error {
		d.Approved = deniedBy
		return tx.PutDeviceAuth(d)
	}, nil)
	if err == nil {
		e.opts.Observer.DeviceCode(DeviceCodeDenied)
	}
	return err
}

// decideDeviceAuth runs decide, in one transaction with the live session of token,
// on the pending sign-in of userCode. A code that is malformed or unknown is
// ErrInvalidUserCode, and counts as a guess of the approver's account whichever way
// it was tried (described, approved or refused): the count is checked and added to
// in the same transaction, so guesses from every replica add up and none slips
// between. The few guesses allowed make the 20^8 codes impossible to find by trying.
//
// A code on record that expired or was decided already is ErrInvalidUserCode too,
// but counts as no guess: whoever typed it had it from its TV. Two people deciding
// one code at the same moment (approving in one tab, refusing in another) find it
// decided by the other, and were counted a wrong code for it, which brought the
// next TV nearer to a wait. A guesser gains nothing: every code not on record
// still counts, and the few on record are as hard to find as any.
//
// A code this very session has already decided so, as made reports (nil: no
// decision is taken twice), is the same decision again: it is answered as made,
// with repeated set, and writes nothing: the answer to the first may have been lost with its COMMIT (a
// 503, as PostgreSQL restarted), and the phone that tries again was told that its
// code was "approved or refused already", as though the approval had failed, while
// the TV signed in. The caller counts a repeated decision no second time.
func (e *Embedded) decideDeviceAuth(ctx context.Context, token, userCode string, decide func(Tx, SessionRecord, DeviceAuthRecord) error,
	made func(SessionRecord, DeviceAuthRecord) bool) (repeated bool, err error) {
	var answer error // a wrong code: counted, committed, then answered
	err = e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		now := e.now()
		key := "approver:" + s.AccountID.String()
		answer, repeated = nil, false
		if _, err := guessLimit.check(tx, key, now); err != nil {
			return err
		}
		code, err := NormalizeUserCode(userCode)
		if err != nil {
			answer = err
			return guessLimit.fail(tx, key, now)
		}
		d, err := tx.DeviceAuthByUserCode(code)
		switch {
		case errors.Is(err, ErrNotFound):
			answer = ErrInvalidUserCode
			return guessLimit.fail(tx, key, now)
		case err != nil:
			return err
		case !now.Before(d.Expires):
			return fmt.Errorf("%w: it has expired; the TV shows a new one", ErrInvalidUserCode)
		case d.Approved != uuid.Nil && made != nil && made(s, d):
			repeated = true
			return nil
		case d.Approved != uuid.Nil:
			return fmt.Errorf("%w: it was approved or refused already", ErrInvalidUserCode)
		}
		return decide(tx, s, d)
	})
	if err == nil {
		err = answer
	}
	e.refused(guessLimit.rule, err)
	return repeated && err == nil, err
}
