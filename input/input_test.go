package input

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseScript(t *testing.T) {
	tests := []struct {
		name    string
		script  string
		want    []Action
		wantErr string
	}{
		{name: "empty", script: "", want: nil},
		{name: "issue example", script: "right,right,ok,back", want: []Action{ActionRight, ActionRight, ActionOK, ActionBack}},
		{name: "spaces and case", script: " Up , DOWN,left ", want: []Action{ActionUp, ActionDown, ActionLeft}},
		{name: "home and menu", script: "home,menu", want: []Action{ActionHome, ActionMenu}},
		{name: "typo", script: "right,rihgt", wantErr: `item 2: input: unknown action "rihgt"`},
		{name: "empty item", script: "right,,ok", wantErr: "item 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseScript(tt.script)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestActionNamesRoundTrip(t *testing.T) {
	for a := ActionUp; a < actionCount; a++ {
		got, err := ParseAction(a.String())
		require.NoError(t, err)
		assert.Equal(t, a, got)
	}
}

func TestKeyboardAction(t *testing.T) {
	tests := map[string]Action{
		"ArrowUp": ActionUp, "ArrowDown": ActionDown, "ArrowLeft": ActionLeft, "ArrowRight": ActionRight,
		"Enter": ActionOK, "Space": ActionOK, "NumpadEnter": ActionOK,
		"Escape": ActionBack, "Backspace": ActionBack,
		"Home": ActionHome, "ContextMenu": ActionMenu,
		"KeyA": ActionNone, "Tab": ActionNone, "": ActionNone,
	}
	for code, want := range tests {
		assert.Equal(t, want, KeyboardAction(code), code)
	}
}

func TestGamepadButtonAction(t *testing.T) {
	tests := map[int]Action{
		0: ActionOK, 1: ActionBack, 2: ActionNone, 3: ActionNone, 9: ActionMenu,
		12: ActionUp, 13: ActionDown, 14: ActionLeft, 15: ActionRight, 16: ActionHome, 99: ActionNone,
	}
	for button, want := range tests {
		assert.Equal(t, want, GamepadButtonAction(button), "button %d", button)
	}
}

func TestStickDirection(t *testing.T) {
	tests := []struct {
		name string
		x, y float64
		want Action
	}{
		{"centre", 0, 0, ActionNone},
		{"worn stick resting off centre", 0.3, -0.4, ActionNone},
		{"right", 0.9, 0.1, ActionRight},
		{"left", -0.6, 0.2, ActionLeft},
		{"up", 0.1, -0.8, ActionUp},
		{"down", -0.2, 0.7, ActionDown},
		{"diagonal leans to the larger axis", 0.7, 0.8, ActionDown},
		{"edge of the dead zone counts", StickDeadZone, 0, ActionRight},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, StickDirection(tt.x, tt.y))
		})
	}
}

func TestRemoteKeyAction(t *testing.T) {
	tests := map[int]Action{
		461: ActionBack, 10009: ActionBack, 4: ActionBack,
		403: ActionRed, 404: ActionGreen, 405: ActionYellow, 406: ActionBlue,
		415: ActionPlay, 19: ActionPause, 10252: ActionPlayPause, 179: ActionPlayPause,
		227: ActionRewind, 228: ActionFastForward, 412: ActionRewind, 417: ActionFastForward,
		37: ActionNone, 13: ActionNone,
	}
	for code, want := range tests {
		assert.Equal(t, want, RemoteKeyAction(code), "keyCode %d", code)
	}
}

// hold runs the repeater for ticks ticks with held down and returns the tick
// numbers (1-based) on which a press came out.
func hold(r *Repeater, held HeldSet, ticks int) []int {
	var at []int
	var buf []Action
	for tick := 1; tick <= ticks; tick++ {
		buf = r.Update(held, buf[:0])
		for range buf {
			at = append(at, tick)
		}
	}
	return at
}

func TestRepeaterTiming(t *testing.T) {
	tests := []struct {
		name   string
		action Action
		ticks  int
		want   []int
	}{
		{name: "tap presses once", action: ActionRight, ticks: 1, want: []int{1}},
		{name: "held under the delay presses once", action: ActionRight, ticks: RepeatDelay, want: []int{1}},
		{
			name: "held direction repeats after the delay and speeds up", action: ActionDown, ticks: 100,
			want: []int{1, 25, 34, 42, 50, 57, 64, 70, 76, 81, 86, 90, 94, 97, 100},
		},
		{name: "OK never repeats", action: ActionOK, ticks: 100, want: []int{1}},
		{name: "Back never repeats", action: ActionBack, ticks: 100, want: []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Repeater
			assert.Equal(t, tt.want, hold(&r, HeldSet(0).Add(tt.action), tt.ticks))
		})
	}
}

func TestRepeaterReachesFastestInterval(t *testing.T) {
	var r Repeater
	at := hold(&r, HeldSet(0).Add(ActionLeft), 600)
	require.Greater(t, len(at), 20)
	last := at[len(at)-1] - at[len(at)-2]
	assert.Equal(t, RepeatFastestInterval, last)
	assert.Equal(t, RepeatDelay, at[1]-at[0], "first repeat comes after the delay")
}

func TestRepeaterReleaseAndPressAgain(t *testing.T) {
	var r Repeater
	right := HeldSet(0).Add(ActionRight)
	var buf []Action
	buf = r.Update(right, buf[:0])
	assert.Equal(t, []Action{ActionRight}, buf)
	buf = r.Update(0, buf[:0])
	assert.Empty(t, buf)
	buf = r.Update(right, buf[:0])
	assert.Equal(t, []Action{ActionRight}, buf, "a new press after release fires at once")
}

func TestRepeaterTwoActionsAtOnce(t *testing.T) {
	var r Repeater
	buf := r.Update(HeldSet(0).Add(ActionDown).Add(ActionOK), nil)
	assert.ElementsMatch(t, []Action{ActionDown, ActionOK}, buf)
}

func TestRepeaterSwallowUntilReleased(t *testing.T) {
	var r Repeater
	down := HeldSet(0).Add(ActionDown)
	hold(&r, down, 10)
	r.Swallow()
	assert.Empty(t, hold(&r, down, 100), "a key held across a screen change does nothing")
	r.Update(0, nil)
	assert.Equal(t, []int{1}, hold(&r, down, 1), "after release it works again")
}

func TestRepeaterAllocatesNothing(t *testing.T) {
	var r Repeater
	buf := make([]Action, 0, 8)
	down := HeldSet(0).Add(ActionDown)
	allocs := testing.AllocsPerRun(100, func() { buf = r.Update(down, buf[:0]) })
	assert.Zero(t, allocs)
}

// While a text field takes typed keys, the keys that type or edit are not actions,
// and the rest keep theirs.
func TestTypingKeymap(t *testing.T) {
	for code, want := range map[string]Action{
		"Space": ActionNone, "Backspace": ActionNone, "Enter": ActionNone, "NumpadEnter": ActionNone,
		"Escape": ActionBack, "ArrowDown": ActionDown, "KeyA": ActionNone, "F9": ActionRed,
	} {
		assert.Equal(t, want, TypingKeyboardAction(code), code)
	}
	backspace, enter := TypingEdit("Backspace")
	assert.True(t, backspace && !enter)
	backspace, enter = TypingEdit("NumpadEnter")
	assert.True(t, !backspace && enter)
	backspace, enter = TypingEdit("Escape")
	assert.False(t, backspace || enter, "Escape is Back, never an edit")
}

// A held Backspace deletes once, then after the repeat delay keeps deleting.
func TestBackspaceRepeatsWhenHeld(t *testing.T) {
	var due []int
	for tick := 1; tick <= RepeatDelay+1+2*RepeatFastestInterval; tick++ {
		if BackspaceDue(tick) {
			due = append(due, tick)
		}
	}
	assert.Equal(t, []int{1, RepeatDelay + 1, RepeatDelay + 1 + RepeatFastestInterval, RepeatDelay + 1 + 2*RepeatFastestInterval}, due)
}

// Backspace held down types its first deletion as a press and the rest as its
// repeat, which the app stops at an empty field rather than take for Back.
func TestHeldBackspaceIsAPressThenItsRepeat(t *testing.T) {
	for range 2 { // held, let go, held again
		var presses, repeats int
		for held := 1; held <= RepeatDelay+1+2*RepeatFastestInterval; held++ {
			var ty Typed
			ty.AddBackspace(held)
			switch {
			case ty.Backspaces == 0:
				assert.True(t, ty.Empty(), "tick %d", held)
			case ty.BackspaceRepeat:
				repeats++
			default:
				presses++
				assert.Equal(t, 1, held, "only the tick it went down is a press")
			}
		}
		assert.Equal(t, 1, presses)
		assert.Equal(t, 3, repeats)
	}
}

func TestRepeaterCountsHowLongAKeyIsHeld(t *testing.T) {
	var r Repeater
	back := HeldSet(0).Add(ActionBack)
	for range 2 { // a long press, let go, then another
		var presses []Action
		for range 180 {
			presses = r.Update(back, presses)
		}
		assert.Equal(t, 180, r.HeldFor(ActionBack))
		assert.Equal(t, []Action{ActionBack}, presses, "held Back presses once; it does not repeat")
		assert.Equal(t, 0, r.HeldFor(ActionOK))
		r.Update(0, nil)
		assert.Equal(t, 0, r.HeldFor(ActionBack), "let go")
	}
	assert.Equal(t, 0, r.HeldFor(actionCount), "no such action")
}

// Right held on the keyboard and Left pressed on a gamepad, both held: Left, the
// newer, presses and repeats as if held alone, and Right stays quiet until it is
// pressed again, where each repeated on its own clock and focus went back and
// forth between two tiles for as long as both were held. Twice, the other way
// round the second time.
func TestOnlyTheDirectionPressedLastRepeats(t *testing.T) {
	var r Repeater
	for _, c := range []struct{ older, newer Action }{{ActionRight, ActionLeft}, {ActionLeft, ActionRight}} {
		older, both := HeldSet(0).Add(c.older), HeldSet(0).Add(c.older).Add(c.newer)
		assert.Equal(t, []int{1}, hold(&r, older, 10))
		var presses []Action
		for range 100 {
			presses = r.Update(both, presses)
		}
		assert.Equal(t, heldPresses(c.newer, 100), presses, "%s then %s: the newer, as if held alone", c.older, c.newer)
		assert.Empty(t, hold(&r, older, 100), "%s let go: %s stays quiet", c.newer, c.older)
		r.Update(0, nil)
	}
}
