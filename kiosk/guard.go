package kiosk

import (
	"encoding/json"
	"time"
)

// LastCheckout returns the latest configured checkout moment at or before now: the
// time of day today or yesterday, or SignOutAt. It returns false if there is none.
func (c Config) LastCheckout(now time.Time) (time.Time, bool) {
	var last time.Time
	if c.Checkout.Set {
		y, m, d := now.Date()
		last = time.Date(y, m, d, c.Checkout.Hour, c.Checkout.Minute, 0, 0, now.Location())
		if last.After(now) {
			last = time.Date(y, m, d-1, c.Checkout.Hour, c.Checkout.Minute, 0, 0, now.Location())
		}
	}
	if !c.SignOutAt.IsZero() && !c.SignOutAt.After(now) && c.SignOutAt.After(last) {
		last = c.SignOutAt
	}
	return last, !last.IsZero()
}

// NextCheckout returns the first configured checkout moment after now, or false.
func (c Config) NextCheckout(now time.Time) (time.Time, bool) {
	var next time.Time
	if c.Checkout.Set {
		y, m, d := now.Date()
		next = time.Date(y, m, d, c.Checkout.Hour, c.Checkout.Minute, 0, 0, now.Location())
		if !next.After(now) {
			next = time.Date(y, m, d+1, c.Checkout.Hour, c.Checkout.Minute, 0, 0, now.Location())
		}
	}
	if c.SignOutAt.After(now) && (next.IsZero() || c.SignOutAt.Before(next)) {
		next = c.SignOutAt
	}
	return next, !next.IsZero()
}

// Phase is what a kiosk shows about the guest's time.
type Phase uint8

// The phases, from nothing to show to signing out.
const (
	// PhaseNone: nothing to show; nobody is signed in, or their time runs on.
	PhaseNone Phase = iota
	// PhaseIdleWarning: the countdown to an idle sign-out; any input cancels it.
	PhaseIdleWarning
	// PhaseCheckoutNotice: the notice before a checkout sign-out; nothing cancels it.
	PhaseCheckoutNotice
	// PhaseSignOut: the guest's time is up; sign them out now.
	PhaseSignOut
	// PhaseClear: nobody is signed in, and what was last done on the signed-out
	// screens was left alone for ClearAfter: clear it for the next guest, such as
	// an email half typed or a language chosen by someone who never signed in.
	PhaseClear
)

// ClearAfter is how long the signed-out screens are left alone before a kiosk
// clears them (PhaseClear), or IdleTimeout if that is shorter: as long as a sign-in
// code lasts (session.DeviceAuthLifetime), so that a guest approving one on their
// phone is never cut off, and short enough that the next guest finds nothing.
const ClearAfter = 10 * time.Minute

// Reason says why a guest is signed out.
type Reason uint8

// The reasons for a kiosk sign-out.
const (
	ReasonNone     Reason = iota
	ReasonIdle            // no input for IdleTimeout and the countdown ran out
	ReasonCheckout        // a checkout moment came
)

func (r Reason) String() string {
	switch r {
	case ReasonIdle:
		return "idle"
	case ReasonCheckout:
		return "checkout"
	}
	return "none"
}

// Verdict is what the Guard decided for one moment.
type Verdict struct {
	Phase  Phase
	Reason Reason // why, for PhaseSignOut and the phases that lead to it
	// Deadline is when the countdown or notice ends in a sign-out.
	Deadline time.Time
}

// State is what a Guard keeps across restarts: two moments of the guest's, and the
// count of wrong staff PINs; nothing that names the guest. The zero State has no
// guest.
type State struct {
	// GuestSince is when the guest signed in; zero when nobody is.
	GuestSince time.Time `json:"guestSince,omitzero"`
	// LastInput is when the guest last pressed a button or something last played.
	// It is saved at most every SaveEvery, so after a restart it may be a little
	// early; never late.
	LastInput time.Time `json:"lastInput,omitzero"`
	// StaffFailures counts wrong staff PINs since the last right one or lock, and
	// StaffLockedUntil is when the lock they led to ends. They are the TV's, not
	// the guest's, and outlast every guest.
	StaffFailures    int       `json:"staffFailures,omitempty"`
	StaffLockedUntil time.Time `json:"staffLockedUntil,omitzero"`
}

// SaveEvery is how often, at most, input is worth saving in State: a restart then
// counts the guest idle up to this much longer than they were.
const SaveEvery = time.Minute

// Encode returns the state as JSON.
func (s State) Encode() []byte {
	data, _ := json.Marshal(s) // times and a count: cannot fail
	return data
}

// DecodeState reads state saved by Encode. State that cannot be read is no guest:
// the caller then treats whoever is signed in as arriving now.
func DecodeState(data []byte) (State, error) {
	var s State
	err := json.Unmarshal(data, &s)
	return s, err
}

// Guard decides when the guest is signed out. It reads no clock: every call says
// what time it is. It is not safe for use by several goroutines.
type Guard struct {
	cfg  Config
	st   State
	zone func() *time.Location
}

// NewGuard returns a guard for cfg, resuming from st as last saved.
func NewGuard(cfg Config, st State) *Guard { return &Guard{cfg: cfg, st: st} }

// FollowZone has the daily checkout come at its time of day in the zone that zone
// returns at each check, rather than in the zone of the times the guard is given.
// A browser needs it: Go there takes the page's offset from UTC once, as it
// starts, and keeps it, so a TV left on across a change to or from summer time
// would check its guest out an hour early or late. The times keep their own
// zone, and their monotonic clock, for the idle time.
func (g *Guard) FollowZone(zone func() *time.Location) { g.zone = zone }

// Config returns the configuration the guard enforces.
func (g *Guard) Config() Config { return g.cfg }

// State returns what to save so that a restart resumes the guest's time.
func (g *Guard) State() State { return g.st }

// rewound takes a clock put back into account: a time ahead of now was read off a
// clock that ran fast, so the guest counts as arriving, and last pressing, now.
// Kept, such times would put the idle sign-out and the checkout off until the
// clock caught up with them, a day later if it ran a day fast; a staff PIN lock
// would last a day, not StaffLockout.
func (g *Guard) rewound(now time.Time) {
	if lockEnd := now.Add(StaffLockout); g.st.StaffLockedUntil.After(lockEnd) {
		g.st.StaffLockedUntil = lockEnd
	}
	if g.st.GuestSince.After(now) {
		g.st.GuestSince = now
	}
	if g.st.LastInput.After(now) {
		g.st.LastInput = now
	}
}

// SignedIn records that a guest is signed in at now. A guest already known (restored
// after a restart) keeps their sign-in time and last input.
func (g *Guard) SignedIn(now time.Time) {
	g.rewound(now)
	if g.st.GuestSince.IsZero() {
		g.st.GuestSince, g.st.LastInput = now, now
	}
	if g.st.LastInput.IsZero() {
		g.st.LastInput = now
	}
}

// SignedOut forgets the guest; wrong staff PINs stay counted.
func (g *Guard) SignedOut() {
	g.st = State{StaffFailures: g.st.StaffFailures, StaffLockedUntil: g.st.StaffLockedUntil}
}

// Input records that the guest pressed a button or moved the pointer at now; with
// nobody signed in, that someone did something on the signed-out screens.
func (g *Guard) Input(now time.Time) {
	g.rewound(now)
	g.st.LastInput = now
}

// Check decides what to show at now. playing says whether something plays, which
// counts as the guest being there. With nobody signed in it is PhaseNone, or
// PhaseClear once the signed-out screens were used and then left alone for
// ClearAfter; SignedOut then starts them afresh.
func (g *Guard) Check(now time.Time, playing bool) Verdict {
	g.rewound(now)
	if g.st.GuestSince.IsZero() {
		clearAt := g.st.LastInput.Add(min(ClearAfter, g.cfg.IdleTimeout))
		if !g.st.LastInput.IsZero() && !now.Before(clearAt) {
			return Verdict{Phase: PhaseClear, Deadline: clearAt}
		}
		return Verdict{}
	}
	if playing {
		g.Input(now)
	}
	wall := now
	if g.zone != nil {
		wall = now.In(g.zone())
	}
	if last, ok := g.cfg.LastCheckout(wall); ok && last.After(g.st.GuestSince) {
		return Verdict{Phase: PhaseSignOut, Reason: ReasonCheckout, Deadline: last}
	}
	if next, ok := g.cfg.NextCheckout(wall); ok && next.Sub(wall) <= g.cfg.Warning {
		return Verdict{Phase: PhaseCheckoutNotice, Reason: ReasonCheckout, Deadline: next}
	}
	idleAt := g.st.LastInput.Add(g.cfg.IdleTimeout)
	switch end := idleAt.Add(g.cfg.Warning); {
	case !now.Before(end):
		return Verdict{Phase: PhaseSignOut, Reason: ReasonIdle, Deadline: end}
	case !now.Before(idleAt):
		return Verdict{Phase: PhaseIdleWarning, Reason: ReasonIdle, Deadline: end}
	}
	return Verdict{}
}
