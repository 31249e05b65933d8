// Package ebitensrc reads Ebitengine's keyboard, gamepads, mouse and touch into
// tenfoot's input actions. It is the only input code that knows Ebitengine; all
// mapping decisions live in package input.
package ebitensrc

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"tenfoot/input"
)

// Source polls Ebitengine's devices once per tick. Its zero value is ready to use;
// it reuses its buffers, so polling allocates nothing.
type Source struct {
	// Typing is set while a text field takes the hardware keyboard's keys: Space,
	// Backspace and Enter are then text, read by Typed, not actions.
	Typing bool

	keys []ebiten.Key
	// typedDown marks the keys that went down as text (Space, Backspace, Enter
	// while Typing): they are no action until let go, so that one Enter that
	// finishes a field, or presses a button beside it, is not also an OK on the
	// screen that comes next.
	typedDown [ebiten.KeyMax + 1]bool
	// wasDown marks the keys still down when the last poll read them.
	wasDown [ebiten.KeyMax + 1]bool
	// order hears the order of presses where the platform tells it.
	order    keyOrder
	codes    []string
	pressed  []input.Action
	chars    []rune
	gamepads []ebiten.GamepadID
	pads     []input.PadStick // the left sticks read this tick
	sticks   input.Sticks     // each gamepad's left stick, as it was held
	touches  []ebiten.TouchID // fingers down; the first one taps and scrolls
	lastX    int
	lastY    int
	polled   bool
}

// Poll returns the actions held during this tick, the keys' actions pressed since the
// last tick, oldest first where the platform tells the order (for an
// input.Sequencer; the slice is reused by the next Poll), and what the pointer did.
// It must be called from the game's Update, once per tick.
func (s *Source) Poll() (input.HeldSet, []input.Action, input.Pointer) {
	var held input.HeldSet
	s.pressed = s.pressed[:0]
	s.keys = inpututil.AppendPressedKeys(s.keys[:0])
	keymap := input.KeyboardAction
	if s.Typing {
		keymap = input.TypingKeyboardAction
	}
	for k := range s.typedDown {
		if s.typedDown[k] && !ebiten.IsKeyPressed(ebiten.Key(k)) {
			s.typedDown[k] = false
		}
	}
	for _, k := range s.keys {
		name := k.String()
		if s.Typing && inpututil.IsKeyJustPressed(k) && input.KeyboardAction(name) != input.TypingKeyboardAction(name) {
			s.typedDown[k] = true
		}
		if a := keymap(name); a != input.ActionNone && !s.typedDown[k] {
			held = held.Add(a)
			if inpututil.IsKeyJustPressed(k) {
				s.pressed = append(s.pressed, a)
			}
		}
	}
	var heard bool
	if s.codes, heard = s.order.pressed(s.codes[:0]); heard {
		// The platform hears the order: take the presses from it instead. Only from
		// it: a key it heard a tick before Ebitengine did is not pressed twice.
		s.pressed = s.pressed[:0]
		for _, code := range s.codes {
			if a := keymap(code); a != input.ActionNone && !s.heldOn(code) {
				s.pressed = append(s.pressed, a)
			}
		}
	}
	for k := range s.wasDown {
		s.wasDown[k] = false
	}
	for _, k := range s.keys {
		s.wasDown[k] = inpututil.KeyPressDuration(k) > 0 // not a key pressed and let go within the tick
	}
	s.gamepads = ebiten.AppendGamepadIDs(s.gamepads[:0])
	s.pads = s.pads[:0]
	for _, id := range s.gamepads {
		// Only gamepads that Ebitengine can map to the W3C standard layout are
		// read: for others, button numbers mean nothing portable.
		if !ebiten.IsStandardGamepadLayoutAvailable(id) {
			continue
		}
		held |= gamepadButtons(id)
		s.pads = append(s.pads, input.PadStick{Pad: int(id), Model: ebiten.GamepadSDLID(id),
			X: ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickHorizontal),
			Y: ebiten.StandardGamepadAxisValue(id, ebiten.StandardGamepadAxisLeftStickVertical)})
	}
	held |= s.sticks.Held(s.pads)
	return held, s.pressed, s.pointer()
}

// Typed returns what the keyboard typed during this tick, in Typing mode. It must be
// called from the game's Update, once per tick, after Poll; it allocates nothing on
// a tick when nothing was typed.
func (s *Source) Typed() input.Typed {
	var t input.Typed
	s.chars = ebiten.AppendInputChars(s.chars[:0])
	if len(s.chars) > 0 {
		t.Text = string(s.chars)
	}
	for _, k := range s.keys {
		backspace, enter := input.TypingEdit(k.String())
		held := inpututil.KeyPressDuration(k)
		if inpututil.IsKeyJustPressed(k) {
			held = 1 // also when released within this tick, when the duration is 0
		}
		switch {
		case backspace:
			t.AddBackspace(held)
		case enter && held == 1:
			t.Enter = true
		}
	}
	return t
}

// gamepadButtons returns the actions of the buttons held on the standard-layout
// gamepad id.
func gamepadButtons(id ebiten.GamepadID) input.HeldSet {
	var held input.HeldSet
	for b := ebiten.StandardGamepadButton(0); b <= ebiten.StandardGamepadButtonMax; b++ {
		if ebiten.IsStandardGamepadButtonPressed(id, b) {
			if a := input.GamepadButtonAction(int(b)); a != input.ActionNone {
				held = held.Add(a)
			}
		}
	}
	return held
}

// heldOn reports whether the key named code has been down since the last poll
// without going up: a key some TVs' remotes send again while it is held, without
// marking it a repeat. It is the key held on, and the repeat is the app's to make.
func (s *Source) heldOn(code string) bool {
	for _, k := range s.keys {
		if k.String() == code {
			return s.wasDown[k] && !inpututil.IsKeyJustReleased(k)
		}
	}
	return false
}

// Discard forgets the presses heard and not yet acted on, for while the app is not
// listening: a press made then must not run when it listens again.
func (s *Source) Discard() {
	s.codes, _ = s.order.pressed(s.codes[:0])
}

// Rebase forgets where the pointer was, so that the next Poll does not take a canvas
// that changed size under a still mouse for the mouse moving.
func (s *Source) Rebase() { s.polled = false }

// pointer reads the mouse and touch screen. The game's Layout returns the fixed canvas
// size, so Ebitengine already gives positions in canvas pixels.
func (s *Source) pointer() input.Pointer {
	x, y := ebiten.CursorPosition()
	p := input.Pointer{X: float64(x), Y: float64(y)}
	p.Moved = s.polled && (x != s.lastX || y != s.lastY)
	s.lastX, s.lastY, s.polled = x, y, true
	p.Clicked = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	_, p.WheelY = ebiten.Wheel()
	p.WheelY = -p.WheelY // Ebitengine's positive y is up; ours scrolls down

	s.touches = ebiten.AppendTouchIDs(s.touches[:0])
	if len(s.touches) > 0 {
		tx, ty := ebiten.TouchPosition(s.touches[0])
		p.Finger = input.Finger{Down: true, X: float64(tx), Y: float64(ty)}
	}
	return p
}
