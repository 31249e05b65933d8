package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// tick is what one tick gives a Sequencer: the actions held and those pressed.
type tick struct {
	held    HeldSet
	pressed []Action
}

// presses feeds ticks through a Sequencer and a Repeater, as the app does, and
// returns the presses the app acts on, in order, then idles until the line is empty.
func presses(ticks ...tick) []Action {
	var s Sequencer
	var r Repeater
	var out []Action
	for i := 0; i < len(ticks)+maxQueued*2; i++ {
		var t tick
		if i < len(ticks) {
			t = ticks[i]
		}
		out = r.Update(s.Update(t.held, t.pressed), out)
	}
	return out
}

func held(actions ...Action) HeldSet {
	var s HeldSet
	for _, a := range actions {
		s = s.Add(a)
	}
	return s
}

func TestSequencerKeepsPressesInOrder(t *testing.T) {
	tests := []struct {
		name  string
		ticks []tick
		want  []Action
	}{
		{"a tap is acted on the tick it came",
			[]tick{{held(ActionOK), []Action{ActionOK}}},
			[]Action{ActionOK}},
		{"OK then Right within one tick: OK first, though Right is numbered first",
			[]tick{{held(ActionOK, ActionRight), []Action{ActionOK, ActionRight}}},
			[]Action{ActionOK, ActionRight}},
		{"one key twice within one tick is two presses",
			[]tick{{held(ActionOK), []Action{ActionOK, ActionOK}}},
			[]Action{ActionOK, ActionOK}},
		{"let go and pressed again while it reads as held is a second press",
			[]tick{{held(ActionDown), []Action{ActionDown}}, {held(ActionDown), nil}, {held(ActionDown), []Action{ActionDown}}},
			[]Action{ActionDown, ActionDown}},
		{"a key held on while a later one waits is not pressed again",
			[]tick{{held(ActionUp, ActionOK), []Action{ActionUp, ActionOK}}, {held(ActionUp), nil}, {held(ActionUp), nil}},
			[]Action{ActionUp, ActionOK}},
		{"a press heard before the keyboard says it is down is still one press",
			[]tick{{0, []Action{ActionLeft}}, {held(ActionLeft), nil}, {0, nil}},
			[]Action{ActionLeft}},
		{"mashing is cut at what fits in line",
			[]tick{{held(ActionRight), []Action{
				ActionRight, ActionLeft, ActionRight, ActionLeft, ActionRight, ActionLeft,
				ActionRight, ActionLeft, ActionRight, ActionLeft}}},
			[]Action{ActionRight, ActionLeft, ActionRight, ActionLeft, ActionRight, ActionLeft, ActionRight, ActionLeft}},
		{"keys the keyboard held with no order heard pass through",
			[]tick{{held(ActionDown, ActionBack), nil}},
			[]Action{ActionDown, ActionBack}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, presses(tt.ticks...))
		})
	}
}

func TestSequencerResetForgetsTheLine(t *testing.T) {
	var s Sequencer
	s.Update(held(ActionOK), []Action{ActionOK, ActionRight, ActionRight})
	s.Reset()
	assert.Zero(t, s.Update(0, nil), "nothing pressed before the reset comes out after it")
}

func TestSequencerAllocatesNothing(t *testing.T) {
	var s Sequencer
	pressed := []Action{ActionOK, ActionRight}
	allocs := testing.AllocsPerRun(100, func() {
		s.Update(held(ActionOK, ActionRight), pressed)
		s.Update(0, nil)
	})
	assert.Zero(t, allocs)
}
