package session

import (
	"context"
	"errors"
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
	// Decided is how the session describing the code decided it already,
	// DecisionApproved or DecisionDenied; empty while it waits. A phone whose
	// decision was answered 503, though it took (its COMMIT's answer was lost),
	// and that opens the code again, is told how it ended, not that the code is
	// no longer valid.
	Decided string `json:"decided,omitempty"`
}

// How a code was decided, as PendingDeviceAuth.Decided says it.
const (
	DecisionApproved = "approved"
	DecisionDenied   = "denied"
)

// decision says how d was decided, "" if it was not.
func (d DeviceAuthRecord) decision() string {
	switch d.Approved {
	case uuid.Nil:
		return ""
	case deniedBy:
		return DecisionDenied
	}
	return DecisionApproved
}

// decidedBy reports whether the session s decided d, either way. A code whose
// approval a sign-out withdrew, or approved before approvals named their
// session, names none.
func (d DeviceAuthRecord) decidedBy(s SessionRecord) bool {
	return d.Approved != uuid.Nil && d.ApprovedBy != "" && d.ApprovedBy == s.TokenHash
}

// deniedBy is what a refused code records as its approver, with the session that
// refused it as ApprovedBy. No account has this ID, so PollDeviceAuth answers the
// device ErrAccessDenied, as it does for a code whose approving account is gone,
// and the code can be neither approved nor refused again, but by the same session
// refusing it again. It takes no change to the records, which already keep one
// approver per code.
var deniedBy = uuid.Max

// DescribeDeviceAuth implements Service. A code waiting for its decision, or that
// this very session decided (PendingDeviceAuth.Decided), is described from a read:
// the activation page describes it each time it shows the confirmation, and a
// write transaction, which changes nothing there, would take turns with every
// sign-in and sign-out (on PostgreSQL across the replicas). Any other code goes on
// to decideDeviceAuth, which counts a wrong one, and says why.
func (e *Embedded) DescribeDeviceAuth(ctx context.Context, token, userCode string) (PendingDeviceAuth, error) {
	var p PendingDeviceAuth
	describe := func(tx Tx, s SessionRecord, d DeviceAuthRecord) error {
		a, err := tx.Account(s.AccountID)
		p = PendingDeviceAuth{UserCode: d.UserCode, Device: d.Device, Requested: d.Expires.Add(-DeviceAuthLifetime),
			Expires: d.Expires, Account: a.Account, Decided: d.decision()}
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
			return nil // answered below
		}
		switch d, err := tx.DeviceAuthByUserCode(code); {
		case errors.Is(err, ErrNotFound) || err == nil && (!now.Before(d.Expires) || d.Approved != uuid.Nil && !d.decidedBy(s)):
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

// DenyDeviceAuth implements Service. The same session refusing the same code
// again, as a phone does when the answer to its refusal was lost, is answered as
// refused, as an approval is (ApproveDeviceAuth).
func (e *Embedded) DenyDeviceAuth(ctx context.Context, token, userCode string) error {
	repeated, err := e.decideDeviceAuth(ctx, token, userCode, func(tx Tx, s SessionRecord, d DeviceAuthRecord) error {
		d.Approved, d.ApprovedBy = deniedBy, s.TokenHash
		return tx.PutDeviceAuth(d)
	}, func(s SessionRecord, d DeviceAuthRecord) bool {
		return d.Approved == deniedBy && d.decidedBy(s)
	})
	if err == nil && !repeated {
		e.opts.Observer.DeviceCode(DeviceCodeDenied)
	}
	return err
}

// decideDeviceAuth runs decide, in one transaction with the live session of token,
// on the pending sign-in of userCode. A code that is unknown is ErrInvalidUserCode,
// and counts as a guess of the approver's account whichever way it was tried
// (described, approved or refused): the count is checked and added to in the same
// transaction, so guesses from every replica add up and none slips between. The few
// guesses allowed make the 20^8 codes impossible to find by trying. A malformed
// code (a digit, a vowel, seven letters) is ErrInvalidUserCode too, but counts as
// no guess: it can be no TV's code, so trying it finds nothing out, and counting
// it only made a person who typed a 0 for a D wait to approve their own TV.
//
// A code on record that expired or was decided already is ErrUserCodeExpired,
// ErrUserCodeApproved or ErrUserCodeRefused, which match ErrInvalidUserCode, and
// counts as no guess: whoever typed it had it from its TV. Two people deciding
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
			return nil
		}
		d, err := tx.DeviceAuthByUserCode(code)
		switch {
		case errors.Is(err, ErrNotFound):
			answer = ErrInvalidUserCode
			return guessLimit.fail(tx, key, now)
		case err != nil:
			return err
		case !now.Before(d.Expires):
			return ErrUserCodeExpired
		case d.Approved != uuid.Nil && made != nil && made(s, d):
			repeated = true
			return nil
		case d.Approved == deniedBy:
			return ErrUserCodeRefused
		case d.Approved != uuid.Nil:
			return ErrUserCodeApproved
		}
		return decide(tx, s, d)
	})
	if err == nil {
		err = answer
	}
	e.refused(guessLimit.rule, err)
	return repeated && err == nil, err
}
