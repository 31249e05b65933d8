package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// withToken calls fn with the device's token. If the service says the session was
// revoked, the device wipes itself and ErrRevoked is returned.
func (d *Device) withToken(ctx context.Context, fn func(token string) error) error {
	d.mu.Lock()
	token := d.st.Token
	d.mu.Unlock()
	if token == "" {
		return ErrNotSignedIn
	}
	err := fn(token)
	if errors.Is(err, ErrRevoked) || errors.Is(err, ErrUnauthorized) {
		d.wipeRevoked(ctx, token)
		return ErrRevoked
	}
	return err
}

// Devices lists the devices signed in to this device's account.
func (d *Device) Devices(ctx context.Context) ([]SignedInDevice, error) {
	var out []SignedInDevice
	err := d.withToken(ctx, func(token string) (err error) {
		out, err = d.svc.Devices(ctx, token)
		return err
	})
	return out, err
}

// ApproveCode approves the code shown on another device, signing it in to this
// device's account.
func (d *Device) ApproveCode(ctx context.Context, userCode string) error {
	return d.withToken(ctx, func(token string) error {
		return d.svc.ApproveDeviceAuth(ctx, token, userCode)
	})
}

// SignOutDevice signs another device of the account out. This device is signed out
// with Plan and Confirm instead, which say what will be lost.
func (d *Device) SignOutDevice(ctx context.Context, device uuid.UUID) (DeviceSignOut, error) {
	if device == d.Info().ID {
		return DeviceSignOut{}, fmt.Errorf("%w: sign this device out with Plan and Confirm", ErrInvalid)
	}
	var out DeviceSignOut
	err := d.withToken(ctx, func(token string) (err error) {
		out, err = d.svc.SignOutDevice(ctx, token, device)
		return err
	})
	return out, err
}

// SignOutAll signs every device of the account out, this one included, and returns
// where each stands and the ticket to follow the rest with WatchSignOut. This device
// is wiped before SignOutAll returns.
func (d *Device) SignOutAll(ctx context.Context, proof Proof) (SignOutAllResult, error) {
	var res SignOutAllResult
	var token string
	err := d.withToken(ctx, func(t string) (err error) {
		token = t
		// Kept before it is sent, so that a device stopped before the answer
		// starts signed out (OpenDevice).
		if err := d.updateSaved(t, func(st *deviceState) { st.SigningOutAll = true }); err != nil {
			return err
		}
		res, err = d.svc.SignOutAll(ctx, t, proof)
		if err != nil && !outcomeUnknown(err) {
			d.update(t, func(st *deviceState) { st.SigningOutAll = false }) // answered: refused
		}
		return err
	})
	if err != nil {
		return SignOutAllResult{}, err
	}
	d.wipeRevoked(ctx, token)
	self := d.Info().ID
	done := d.PendingRevocations() == 0
	for i, dev := range res.Devices {
		if dev.Device.ID == self && done && dev.State != SignOutDone {
			res.Count.Confirmed(dev.State)
			res.Devices[i].State = SignOutDone
		}
	}
	return res, nil
}

// outcomeUnknown reports whether a request that failed with err may have been done
// by the service all the same: its answer did not come back.
func outcomeUnknown(err error) bool {
	return errors.Is(err, ErrOffline) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// WatchSignOut follows a sign-out of all devices started here.
func (d *Device) WatchSignOut(ctx context.Context, ticket string) (<-chan Event, error) {
	return d.svc.WatchSignOut(ctx, ticket)
}

// VerifyPIN checks a profile's PIN, as a locked profile asks before it opens.
func (d *Device) VerifyPIN(ctx context.Context, profile uuid.UUID, pin string) error {
	return d.withToken(ctx, func(token string) error {
		return d.svc.VerifyPIN(ctx, token, profile, pin)
	})
}

// HandleEvent applies an event of the account. It reports whether the event signed
// this device out, in which case the device has wiped itself.
func (d *Device) HandleEvent(ctx context.Context, ev Event) bool {
	return d.handleEvent(ctx, ev, "")
}

// handleEvent is HandleEvent for an event heard on a stream opened with streamToken,
// or on any stream if it is "". An event from a stream of an earlier session, or one
// numbered no later than the last this session saw (the grant's, at first), is about
// an earlier session: a guest who signed out a moment ago must not wipe the next one
// who just signed in on the same TV.
func (d *Device) handleEvent(ctx context.Context, ev Event, streamToken string) bool {
	d.lock()
	token, self := d.st.Token, d.st.Device.ID
	if streamToken != "" && streamToken != token || ev.Seq <= d.st.LastSeq {
		d.unlock()
		return false
	}
	if token != "" && d.st.Account != nil && ev.AccountID == d.st.Account.ID {
		st := d.st.clone()
		st.LastSeq = ev.Seq
		if d.save(st) != nil {
			// Only a hint for catching up, which costs a replay when lost: kept
			// in memory, and saved with the next change, but no change of the
			// viewer's that the device could not keep (Unsaved).
			d.st.LastSeq = ev.Seq
		}
	}
	d.unlock()
	if token != "" && ev.Kind == EventProfilesChanged {
		d.Refresh(ctx) // another device changed the profiles: show them as they are
		return false
	}
	if token == "" || ev.Kind != EventSignedOut || !ev.Concerns(self) {
		return false
	}
	d.wipeRevoked(ctx, token)
	return true
}

// Listen follows the account's events until ctx ends, reconnecting after a dropped
// connection and catching up on what it missed; it returns when the device is signed
// out. A stream the service ends to move it elsewhere (a replica shutting down) is
// no sign-out and no outage: the stream says when to reconnect, Listen does, and the
// service sends what was missed since the last event heard. Call it in its own
// goroutine while an account is signed in.
func (d *Device) Listen(ctx context.Context) error {
	wait := retryFirst
	for ctx.Err() == nil {
		d.mu.Lock()
		after := d.st.LastSeq
		d.mu.Unlock()
		var events <-chan Event
		var subscribed string
		// The stream lives until it drops or the device hears it is signed out,
		// when the device hangs up rather than wait for the service to.
		stream, hangUp := context.WithCancel(ctx)
		err := d.withToken(ctx, func(token string) (err error) {
			subscribed = token
			events, err = d.svc.Subscribe(stream, token, after)
			return err
		})
		if errors.Is(err, ErrRevoked) || errors.Is(err, ErrNotSignedIn) {
			hangUp()
			return err
		}
		if err == nil {
			wait = retryFirst
			revoked := false
			for ev := range events {
				if revoked = d.handleEvent(ctx, ev, subscribed); revoked {
					break
				}
			}
			hangUp()
			if revoked {
				return ErrRevoked
			}
			continue // dropped: subscribe again at once, from the last event seen
		}
		hangUp()
		retry := time.NewTimer(wait)
		select {
		case <-ctx.Done():
		case <-retry.C:
			wait = min(2*wait, retryMax)
		case <-d.wake:
			wait = retryFirst
		}
		retry.Stop()
	}
	return ctx.Err()
}

// StartDownload begins downloading a title of total bytes for a profile.
func (d *Device) StartDownload(title string, profile uuid.UUID, total int64) (Download, error) {
	d.lock()
	defer d.unlock()
	if d.st.Account == nil {
		return Download{}, ErrNotSignedIn
	}
	if total <= 0 {
		return Download{}, fmt.Errorf("%w: a download needs a size", ErrInvalid)
	}
	dl := Download{ID: uuid.New(), Title: title, ProfileID: profile, Total: total}
	st := d.st.clone()
	st.Downloads = append(st.Downloads, dl)
	return dl, d.save(st)
}

// AdvanceDownloads adds up to bytes to each download in progress, as the network
// delivers them, and reports whether any finished. On storage that refuses to save
// (StorageFull) nothing advances, as what arrives has nowhere to go: the downloads
// wait, and go on with the first call that the storage takes again.
func (d *Device) AdvanceDownloads(bytes int64) (finished bool, err error) {
	d.lock()
	defer d.unlock()
	st := d.st.clone()
	changed := false
	for i := range st.Downloads {
		dl := &st.Downloads[i]
		if dl.Complete() {
			continue
		}
		dl.BytesDone = min(dl.Total, dl.BytesDone+bytes)
		changed = true
		finished = finished || dl.Complete()
	}
	if !changed {
		return false, nil
	}
	return finished, d.save(st)
}

// SaveProfile adds or changes a profile of the account and keeps the profiles the
// service returns. Once the service has made the change, the device shows it
// whether or not its storage takes it (Unsaved).
func (d *Device) SaveProfile(ctx context.Context, change ProfileChange) error {
	return d.updateProfiles(ctx, func(token string) ([]Profile, error) {
		return d.svc.SaveProfile(ctx, token, change)
	})
}

// DeleteProfile removes a profile of the account, with proof when it is locked. Its
// downloads on this device go with it. Once the service has deleted it, the device
// shows it gone whether or not its storage takes it (Unsaved).
func (d *Device) DeleteProfile(ctx context.Context, profile uuid.UUID, proof Proof) error {
	err := d.updateProfiles(ctx, func(token string) ([]Profile, error) {
		return d.svc.DeleteProfile(ctx, token, profile, proof)
	})
	if err != nil {
		return err
	}
	d.lock()
	defer d.unlock()
	st := d.st.clone()
	st.Downloads = slices.DeleteFunc(st.Downloads, func(dl Download) bool { return dl.ProfileID == profile })
	return d.keep(st)
}

func (d *Device) updateProfiles(ctx context.Context, call func(token string) ([]Profile, error)) error {
	var profiles []Profile
	var token string
	err := d.withToken(ctx, func(t string) (err error) {
		token = t
		profiles, err = call(t)
		return err
	})
	if err != nil {
		return err
	}
	return d.update(token, func(st *deviceState) { st.Profiles = profiles })
}
