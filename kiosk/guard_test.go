package kiosk

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var lisbon = time.FixedZone("WET", 0)

func at(day, hour, min, sec int) time.Time {
	return time.Date(2026, 11, day, hour, min, sec, 0, lisbon)
}

func TestCheckoutMoments(t *testing.T) {
	c := Default()
	c.Checkout = TimeOfDay{Hour: 11, Set: true}
	tests := []struct {
		name       string
		now        time.Time
		last, next time.Time
	}{
		{"before checkout", at(25, 10, 0, 0), at(24, 11, 0, 0), at(25, 11, 0, 0)},
		{"at checkout exactly", at(25, 11, 0, 0), at(25, 11, 0, 0), at(26, 11, 0, 0)},
		{"after checkout", at(25, 23, 0, 0), at(25, 11, 0, 0), at(26, 11, 0, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			last, ok := c.LastCheckout(tt.now)
			assert.True(t, ok)
			assert.Equal(t, tt.last, last)
			next, ok := c.NextCheckout(tt.now)
			assert.True(t, ok)
			assert.Equal(t, tt.next, next)
		})
	}

	none := Default()
	_, ok := none.LastCheckout(at(25, 12, 0, 0))
	assert.False(t, ok)
	_, ok = none.NextCheckout(at(25, 12, 0, 0))
	assert.False(t, ok)

	once := Default()
	once.SignOutAt = at(26, 9, 30, 0)
	next, ok := once.NextCheckout(at(25, 12, 0, 0))
	assert.True(t, ok)
	assert.Equal(t, at(26, 9, 30, 0), next)
	_, ok = once.LastCheckout(at(25, 12, 0, 0))
	assert.False(t, ok, "a sign-out-at in the future has not come yet")
	last, _ := once.LastCheckout(at(27, 0, 0, 0))
	assert.Equal(t, at(26, 9, 30, 0), last)

	both := c
	both.SignOutAt = at(25, 15, 0, 0)
	next, _ = both.NextCheckout(at(25, 12, 0, 0))
	assert.Equal(t, at(25, 15, 0, 0), next, "the earlier of the two")
}

func TestGuard(t *testing.T) {
	c := Default()
	c.IdleTimeout, c.Warning = time.Hour, 30*time.Second
	c.Checkout = TimeOfDay{Hour: 11, Set: true}
	signedIn := at(25, 12, 0, 0)
	tests := []struct {
		name    string
		input   time.Time // last input after signing in, if any
		now     time.Time
		playing bool
		want    Verdict
	}{
		{"just signed in", time.Time{}, at(25, 12, 0, 1), false, Verdict{}},
		{"idle almost the timeout", time.Time{}, at(25, 12, 59, 59), false, Verdict{}},
		{"idle the timeout: the countdown", time.Time{}, at(25, 13, 0, 0), false, Verdict{PhaseIdleWarning, ReasonIdle, at(25, 13, 0, 30)}},
		{"the countdown ran out", time.Time{}, at(25, 13, 0, 30), false, Verdict{PhaseSignOut, ReasonIdle, at(25, 13, 0, 30)}},
		{"input restarts the idle time", at(25, 12, 30, 0), at(25, 13, 0, 30), false, Verdict{}},
		{"playing is not idle", time.Time{}, at(25, 14, 0, 0), true, Verdict{}},
		{"the checkout notice", time.Time{}, at(26, 10, 59, 30), true, Verdict{PhaseCheckoutNotice, ReasonCheckout, at(26, 11, 0, 0)}},
		{"checkout comes before idle ends", at(26, 10, 59, 0), at(26, 11, 0, 0), false, Verdict{PhaseSignOut, ReasonCheckout, at(26, 11, 0, 0)}},
		{"off across checkout", time.Time{}, at(27, 8, 0, 0), false, Verdict{PhaseSignOut, ReasonCheckout, at(26, 11, 0, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := NewGuard(c, State{})
			g.SignedIn(signedIn)
			if !tt.input.IsZero() {
				g.Input(tt.input)
			}
			assert.Equal(t, tt.want, g.Check(tt.now, tt.playing))
		})
	}
}

func TestGuardWithNobodySignedIn(t *testing.T) {
	g := NewGuard(Default(), State{})
	assert.Equal(t, Verdict{}, g.Check(at(30, 0, 0, 0), false))
}

func TestGuardResumesFromItsState(t *testing.T) {
	c := Default()
	g := NewGuard(c, State{})
	g.SignedIn(at(25, 12, 0, 0))
	g.Input(at(25, 13, 0, 0))
	saved, err := DecodeState(g.State().Encode())
	assert.NoError(t, err)

	again := NewGuard(c, saved)
	again.SignedIn(at(25, 20, 0, 0)) // the device is still signed in at restart
	assert.True(t, at(25, 12, 0, 0).Equal(again.State().GuestSince), "the guest keeps their sign-in time")
	assert.Equal(t, PhaseSignOut, again.Check(at(25, 20, 0, 0), false).Phase, "idle 7 hours while the TV was off")

	again.SignedOut()
	assert.Equal(t, `{}`, string(again.State().Encode()), "nothing is kept once the guest is gone")
}

func TestStaffPINLock(t *testing.T) {
	g := NewGuard(Default(), State{})
	now := at(25, 12, 0, 0)
	for range StaffTries - 1 {
		assert.False(t, g.StaffPINWrong(now))
	}
	g.SignedIn(now)
	g.SignedOut() // a guest leaving does not reset the count
	assert.True(t, g.StaffPINWrong(now), "the fifth wrong PIN locks the pad")
	assert.Equal(t, StaffLockout, g.StaffLocked(now))

	saved, err := DecodeState(g.State().Encode())
	require.NoError(t, err)
	again := NewGuard(Default(), saved)
	assert.Equal(t, StaffLockout-time.Minute, again.StaffLocked(now.Add(time.Minute)), "a restart keeps the lock")
	assert.Equal(t, StaffLockout, again.StaffLocked(now.Add(-24*time.Hour)), "a clock put back a day locks for StaffLockout, not a day")
	assert.Zero(t, again.StaffLocked(now.Add(StaffLockout)))
	again.StaffPINRight()
	assert.Equal(t, `{}`, string(again.State().Encode()))
}

// A guard that follows the zone the TV is in now checks out at 11:00 there, in
// whatever zone its times come in.
func TestGuardFollowsTheZone(t *testing.T) {
	c := Default()
	require.NoError(t, c.Set(KeyCheckout, "11:00"))
	summer := time.FixedZone("WEST", 3600)
	zone := lisbon
	g := NewGuard(c, State{})
	g.FollowZone(func() *time.Location { return zone })
	g.SignedIn(at(25, 12, 0, 0)) // after the 25th's checkout
	tenUTC := at(26, 10, 0, 0)   // 10:00 in winter, 11:00 in summer
	g.Input(tenUTC)              // and the guest is there
	assert.Equal(t, PhaseNone, g.Check(tenUTC, false).Phase)
	zone = summer // the clocks go forward
	assert.Equal(t, PhaseSignOut, g.Check(tenUTC, false).Phase)
}
