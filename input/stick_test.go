package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// stickPresses feeds one stick position a tick through a Stick and a Repeater, as
// a host reads a gamepad, for ticks ticks, and returns the presses they made.
func stickPresses(ticks int, at func(tick int) (x, y float64)) []Action {
	var s Stick
	var r Repeater
	var presses []Action
	for tick := range ticks {
		var held HeldSet
		if a := s.Direction(at(tick)); a != ActionNone {
			held = held.Add(a)
		}
		presses = r.Update(held, presses)
	}
	return presses
}

// heldPresses returns the presses of a held for ticks ticks, as a d-pad's button.
func heldPresses(a Action, ticks int) []Action {
	var r Repeater
	var presses []Action
	for range ticks {
		presses = r.Update(HeldSet(0).Add(a), presses)
	}
	return presses
}

// A stick held still for a second is one held direction, whatever a thumb's wobble
// does: it repeats as a held d-pad does, not a new press every tick.
func TestStickHeldStillIsOneHeldDirection(t *testing.T) {
	const second = 60
	wobble := func(tick int, a, b float64) float64 { // a one tick, b the next
		if tick%2 == 1 {
			return b
		}
		return a
	}
	tests := []struct {
		name string
		at   func(tick int) (x, y float64)
	}{
		{"toward a corner, a hundredth either way", func(tick int) (float64, float64) {
			return wobble(tick, 0.71, 0.70), wobble(tick, 0.70, 0.71)
		}},
		{"at the edge of the dead zone", func(tick int) (float64, float64) {
			return wobble(tick, StickDeadZone+0.005, StickDeadZone-0.005), 0
		}},
		{"eased back a little, still leaning", func(tick int) (float64, float64) {
			return wobble(tick, 0.9, 0.4), 0.1
		}},
		{"turned toward a corner, down not yet clearly leading", func(tick int) (float64, float64) {
			if tick < second/2 {
				return 0.8, 0.5
			}
			return 0.7, 0.8
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, heldPresses(ActionRight, second), stickPresses(second, tt.at))
		})
	}
}

// A stick turned to another direction, flicked across or let go and leaned again
// presses again: hysteresis holds a direction, it does not hide a new one.
func TestStickTurnedPressesAgain(t *testing.T) {
	const part = RepeatDelay - 4 // each part held under the repeat delay
	twoParts := func(x0, y0, x1, y1 float64) func(int) (float64, float64) {
		return func(tick int) (float64, float64) {
			if tick < part {
				return x0, y0
			}
			return x1, y1
		}
	}
	tests := []struct {
		name string
		at   func(tick int) (x, y float64)
		want []Action
	}{
		{"from right to down", twoParts(0.9, 0, 0.3, 0.9), []Action{ActionRight, ActionDown}},
		{"toward a corner until down clearly leads", twoParts(0.8, 0.5, 0.6, 0.85), []Action{ActionRight, ActionDown}},
		{"flicked to the other side", twoParts(0.9, 0, -0.9, 0), []Action{ActionRight, ActionLeft}},
		{"let go", twoParts(0, -0.8, 0, -0.2), []Action{ActionUp}},
		{"worn, resting off centre", twoParts(0.3, -0.3, 0.3, -0.3), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, stickPresses(2*part, tt.at))
		})
	}
	// Let go and leaned again, twice more: three presses.
	again := func(tick int) (float64, float64) {
		if tick%part < part/2 {
			return 0, 0.8
		}
		return 0, 0.1
	}
	assert.Equal(t, []Action{ActionDown, ActionDown, ActionDown}, stickPresses(3*part, again))
}

func TestStickAllocatesNothing(t *testing.T) {
	var s Stick
	tick := 0
	allocs := testing.AllocsPerRun(100, func() {
		s.Direction(0.7+float64(tick%2)/100, 0.7)
		tick++
	})
	assert.Zero(t, allocs)
}

// padTicks feeds one list of connected gamepads a tick through Sticks and a
// Repeater, as a host reads them, and returns the presses they made.
func padTicks(s *Sticks, r *Repeater, ticks int, pads ...PadStick) []Action {
	var presses []Action
	for range ticks {
		presses = r.Update(s.Held(pads), presses)
	}
	return presses
}

// A gamepad unplugged while its stick leaned right leaves nothing held: not when
// another gamepad comes under the number it had (Ebitengine gives the freed number
// to the next one), nor when the swap fell between two ticks. The newcomer's worn
// stick, resting at 0.4, short of StickDeadZone, presses nothing, where the first
// gamepad's Right held on and repeated by itself, and sent focus racing across the
// screen with no one touching anything. Both ways, twice.
func TestANewGamepadUnderAReusedNumberHoldsNothingOfTheOld(t *testing.T) {
	const second = 60
	first := PadStick{Pad: 0, Model: "xbox", X: 0.9}
	worn := PadStick{Pad: 0, Model: "dualshock", X: 0.4}
	for _, gap := range []int{1, 0} {
		var s Sticks
		var r Repeater
		for round := 1; round <= 2; round++ {
			assert.Equal(t, []Action{ActionRight}, padTicks(&s, &r, 10, first), "gap %d, round %d", gap, round)
			padTicks(&s, &r, gap) // unplugged
			assert.Empty(t, padTicks(&s, &r, 2*second, worn), "gap %d, round %d: the newcomer holds nothing", gap, round)
			assert.Empty(t, padTicks(&s, &r, second), "gap %d, round %d", gap, round)
		}
	}
}

// Two gamepads lean their sticks each their own way, each with its own
// hysteresis: one unplugged takes nothing of the other's with it.
func TestEachGamepadHasItsOwnStick(t *testing.T) {
	var s Sticks
	a := PadStick{Pad: 0, Model: "xbox", X: 0.9}
	b := PadStick{Pad: 1, Model: "xbox", Y: 0.9}
	assert.Equal(t, HeldSet(0).Add(ActionRight).Add(ActionDown), s.Held([]PadStick{a, b}))
	a.X, b.Y = 0.4, 0.4 // eased back, each still holds
	assert.Equal(t, HeldSet(0).Add(ActionRight).Add(ActionDown), s.Held([]PadStick{a, b}))
	assert.Equal(t, HeldSet(0).Add(ActionDown), s.Held([]PadStick{b}), "a unplugged")
	assert.Equal(t, HeldSet(0).Add(ActionDown), s.Held([]PadStick{a, b}), "a back, resting short of the dead zone")
}

func TestSticksAllocateNothing(t *testing.T) {
	var s Sticks
	pads := []PadStick{{Pad: 0, Model: "xbox", X: 0.7}, {Pad: 1, Model: "xbox", Y: 0.7}}
	s.Held(pads)
	allocs := testing.AllocsPerRun(100, func() {
		s.Held(pads)
		s.Held(pads[1:])
		s.Held(nil)
	})
	assert.Zero(t, allocs)
}
