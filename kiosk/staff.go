package kiosk

import "time"

// Staff PIN guessing: after StaffTries wrong PINs the pad locks for StaffLockout, so
// a guest with a remote and a night cannot try all the PINs. The count and the lock
// are kept in State, so pulling the TV's plug does not lift them.
const (
	StaffTries   = 5
	StaffLockout = 5 * time.Minute
)

// StaffLocked returns how long the staff PIN pad stays locked from now, or zero.
func (g *Guard) StaffLocked(now time.Time) time.Duration {
	g.rewound(now)
	return max(g.st.StaffLockedUntil.Sub(now), 0)
}

// StaffPINWrong counts a wrong staff PIN entered at now and reports whether it
// locked the pad, for StaffLockout.
func (g *Guard) StaffPINWrong(now time.Time) bool {
	g.st.StaffFailures++
	if g.st.StaffFailures < StaffTries {
		return false
	}
	g.st.StaffFailures, g.st.StaffLockedUntil = 0, now.Add(StaffLockout)
	return true
}

// StaffPINRight forgets the wrong PINs before the right one.
func (g *Guard) StaffPINRight() {
	g.st.StaffFailures, g.st.StaffLockedUntil = 0, time.Time{}
}
