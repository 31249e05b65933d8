package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/screens"
	"tenfoot/session"
	"tenfoot/ui"
)

// kioskStateName is the storage name of the kiosk's own state: two moments.
const kioskStateName = "kiosk"

// kioskRetry is how long a kiosk waits before trying a sign-out that failed again,
// such as when storage is failing.
const kioskRetry = 10 * time.Second

// kioskWatch is the App's side of a kiosk: it asks the guard each tick what to show,
// keeps the countdown on screen, signs the guest out and keeps the guard's state.
type kioskWatch struct {
	app   *App
	guard *kiosk.Guard
	// countdown is the entry of the countdown or notice on the stack, or nil, and
	// shown its screen.
	countdown *entry
	shown     screens.Countdown
	// signingOut is set while a kiosk sign-out runs. owed is the verdict of a
	// sign-out that failed: it is tried again at retryAt, and nothing pressed
	// meanwhile calls it off, or the last guest's screens would come back.
	signingOut bool
	owed       kiosk.Verdict
	retryAt    time.Time
	// saved is the state last written, or being written, so input is written
	// at most every kiosk.SaveEvery. writing is set while it is written in the
	// background, so that two writes never finish in the wrong order; refused,
	// while the storage refuses it (a full disk), and it is written again from
	// saveAgain on, so that once there is room the state on disk is the one
	// shown, not a signed-out guest's time.
	saved     kiosk.State
	writing   atomic.Bool
	refused   atomic.Bool
	saveAgain time.Time
	logMu     sync.Mutex
}

func newKioskWatch(a *App, cfg kiosk.Config) *kioskWatch {
	k := &kioskWatch{app: a}
	var st kiosk.State
	if store := a.opts.KioskState; store != nil {
		if data, err := store.Load(kioskStateName); err == nil {
			if st, err = kiosk.DecodeState(data); err != nil {
				k.logf("kiosk: saved kiosk state unreadable (%v): whoever is signed in counts as arriving now", err)
				st = kiosk.State{}
			}
		}
	}
	k.saved = st
	k.guard = kiosk.NewGuard(cfg, st)
	return k
}

// logf writes one line to the app's log. Callers never pass anything that names
// the guest: not their name, email, profiles or token.
func (k *kioskWatch) logf(format string, args ...any) {
	w := k.app.opts.Log
	if w == nil {
		return
	}
	k.logMu.Lock()
	defer k.logMu.Unlock()
	fmt.Fprintf(w, "tenfoot: "+format+"\n", args...)
}

// save writes the guard's state in the background if it changed, or if the
// storage refused it last time and it is time to try again. A change made while a
// write is under way is written at the next tick's save.
func (k *kioskWatch) save(force bool) {
	st := k.guard.State()
	store := k.app.opts.KioskState
	now := k.app.env.Clock.Now()
	again := k.refused.Load() && !now.Before(k.saveAgain)
	if store == nil || k.writing.Load() || st == k.saved && !again {
		return
	}
	staffSame := st.StaffFailures == k.saved.StaffFailures && st.StaffLockedUntil.Equal(k.saved.StaffLockedUntil)
	if !force && !again && staffSame && st.GuestSince.Equal(k.saved.GuestSince) && st.LastInput.Sub(k.saved.LastInput) < kiosk.SaveEvery {
		return
	}
	k.saved, k.saveAgain = st, now.Add(kioskRetry)
	k.writing.Store(true)
	data := st.Encode()
	k.app.run(nil, func(context.Context) func() screens.Command {
		err := store.Save(kioskStateName, data)
		if err != nil && !k.refused.Load() {
			k.logf("kiosk: cannot save kiosk state, trying again every %s: %v", kioskRetry, err)
		}
		k.refused.Store(err != nil)
		k.writing.Store(false)
		return nil
	})
}

// noteInput tells the kiosk that someone pressed a button or moved the pointer.
func (a *App) noteInput() {
	if a.kiosk != nil {
		a.kiosk.guard.Input(a.env.Clock.Now())
	}
}

// kioskSignedIn starts the guest's time, or resumes it after a restart.
func (a *App) kioskSignedIn() {
	k := a.kiosk
	if k == nil {
		return
	}
	resumed := !k.guard.State().GuestSince.IsZero()
	k.guard.SignedIn(a.env.Clock.Now())
	if !resumed {
		k.logf("kiosk: a guest signed in")
	}
	k.save(true)
}

// kioskSignedOut forgets the guest: their time, and what the app remembers of the
// screens they saw.
func (a *App) kioskSignedOut() {
	k := a.kiosk
	if k == nil {
		return
	}
	if !k.guard.State().GuestSince.IsZero() {
		k.logf("kiosk: the guest is signed out and this TV is cleared")
	}
	k.guard.SignedOut()
	k.owed = kiosk.Verdict{}
	a.memories = make(map[string]*ui.Memory)
	_ = a.env.Device.RememberEmail("") // no guest's email waits for the next guest
	k.save(true)
}

// playing reports whether a title plays anywhere on the stack.
func (a *App) playing() bool {
	for _, e := range a.stack {
		if p, ok := e.screen.(screens.Player); ok && p.Playing() {
			return true
		}
	}
	return false
}

// kioskTick asks the guard what to show now and shows it: nothing, the countdown,
// the checkout notice, or the sign-out itself.
func (a *App) kioskTick() {
	k := a.kiosk
	if k == nil {
		return
	}
	now := a.env.Clock.Now()
	if k.signingOut {
		return // the countdown shows "Signing out…" until it is done
	}
	v := k.guard.Check(now, a.playing())
	if k.owed.Phase == kiosk.PhaseSignOut {
		v = k.owed
	}
	switch v.Phase {
	case kiosk.PhaseNone:
		a.dropCountdown()
	case kiosk.PhaseClear:
		k.logf("kiosk: the signed-out screens were left alone: cleared for the next guest")
		a.kioskSignedOut()
		a.apply(a.top(), screens.Reset(a.routes.Cleared(a.env)))
	case kiosk.PhaseSignOut:
		if now.Before(k.retryAt) {
			break
		}
		a.showCountdown(v)
		k.signingOut, k.owed = true, v
		k.logf("kiosk: %s: signing the guest out", v.Reason)
		d := a.env.Device
		a.run(k.countdown, func(ctx context.Context) func() screens.Command {
			err := kioskSignOut(ctx, d, k)
			return func() screens.Command { return a.kioskSignOutDone(err) }
		})
	default:
		a.showCountdown(v)
	}
	k.save(false)
}

// showCountdown puts the countdown on top, or updates the one there.
func (a *App) showCountdown(v kiosk.Verdict) {
	k := a.kiosk
	if k.countdown != nil && a.onStack(k.countdown) {
		if k.shown.Show(v) {
			a.rebuild(k.countdown)
			a.revision++
		}
		return
	}
	c := a.routes.Countdown(a.env, v)
	a.push(c)
	k.countdown, k.shown = a.top(), c
	a.repeater.Swallow()
	a.revision++
	if v.Phase == kiosk.PhaseIdleWarning {
		k.logf("kiosk: idle for %s: countdown of %s", k.guard.Config().IdleTimeout, k.guard.Config().Warning)
	}
}

// dropCountdown takes the countdown off the stack, wherever it is.
func (a *App) dropCountdown() {
	k := a.kiosk
	if k.countdown == nil {
		return
	}
	for i, e := range a.stack {
		if e == k.countdown && len(a.stack) > 1 {
			a.stack = append(a.stack[:i], a.stack[i+1:]...)
			a.repeater.Swallow()
			a.revision++
			k.countdown = nil
			// The guest may have been signed out from elsewhere while the
			// countdown covered their screens, which it kept up: what is under
			// it is no longer anyone's to show.
			if !a.resetIfSignedOut() {
				a.rebuild(a.top())
			}
			return
		}
	}
	k.countdown = nil
}

// kioskSignOut signs this device out through the same plan and confirmation as the
// sign-out dialog, so the device is wiped and the revocation goes to the service (or
// its outbox). A plan gone stale because a download finished meanwhile is made again.
func kioskSignOut(ctx context.Context, d *session.Device, k *kioskWatch) error {
	for range 3 {
		plan, err := d.Plan()
		if err != nil {
			return nil // nobody is signed in any more
		}
		r, err := d.Confirm(ctx, plan)
		if errors.Is(err, session.ErrStalePlan) {
			continue
		}
		switch {
		case err != nil:
			k.logf("kiosk: sign-out failed: %v", err)
		case r.Confirmed:
			k.logf("kiosk: device wiped; the service confirmed the sign-out")
		default:
			k.logf("kiosk: device wiped; the service is unreachable, so the sign-out waits in the outbox")
		}
		return err
	}
	return session.ErrStalePlan
}

// kioskSignOutDone finishes a kiosk sign-out, on the countdown's behalf: where a
// signed-out kiosk goes (its welcome screen), or the countdown saying why the
// sign-out failed, to try again after kioskRetry.
func (a *App) kioskSignOutDone(err error) screens.Command {
	k := a.kiosk
	k.signingOut = false
	if err != nil {
		k.shown.Failed(err)
		k.retryAt = a.env.Clock.Now().Add(kioskRetry)
		return screens.Rebuild
	}
	k.countdown, k.owed = nil, kiosk.Verdict{}
	return screens.Reset(a.routes.SignedOut(a.env))
}

// staffHoldTicks is how long staff hold Back to be asked for their PIN: about three
// seconds, far longer than anyone presses Back to go back. Guests see no way into
// the staff settings at all.
const staffHoldTicks = 3 * ticksPerSecond

// staffHold asks for the staff PIN once Back has been held for staffHoldTicks, on
// any screen of a kiosk that has staff settings. The press that started the hold
// has done what Back does already; the PIN dialog comes on top of where it led.
func (a *App) staffHold() {
	if a.kiosk == nil || a.env.Kiosk.OperatorPIN == "" || a.repeater.HeldFor(input.ActionBack) != staffHoldTicks {
		return
	}
	if _, ok := a.top().screen.(screens.StaffOnly); ok {
		return // staff are in already
	}
	a.noteInput()
	a.apply(a.top(), screens.Push(a.routes.StaffPIN(a.env)))
}
