package input

// Typed is what a hardware keyboard typed during one tick while a text field takes
// typed keys: the characters, as the keyboard's layout made them, and the presses of
// the two keys that edit rather than type. The app applies the Backspaces first, then
// Text, then Enter: a person cannot type faster than that order matters in one tick.
type Typed struct {
	Text       string
	Backspaces int
	// BackspaceRepeat says the Backspaces are the key's own repeat while it is
	// held, not a press: they stop at an empty field, where a press is Back.
	BackspaceRepeat bool
	Enter           bool
}

// AddBackspace adds to t a Backspace that has been held for ticks ticks (1 on the
// tick it went down): a deletion when one is due (see BackspaceDue), marked as the
// key's repeat after the first.
func (t *Typed) AddBackspace(ticks int) {
	if !BackspaceDue(ticks) {
		return
	}
	t.Backspaces++
	t.BackspaceRepeat = ticks > 1
}

// Empty reports whether nothing was typed.
func (t Typed) Empty() bool { return t.Text == "" && t.Backspaces == 0 && !t.Enter }

// TypingKeyboardAction is KeyboardAction while a text field takes typed keys. Space
// types a space, Backspace deletes and Enter finishes the field, so none of them is
// an action then: the app turns a press of Backspace in an empty field into Back,
// and Enter away from the field into OK. Escape and the arrows keep their actions, so the
// on-screen keyboard and Back stay in reach.
func TypingKeyboardAction(code string) Action {
	switch code {
	case "Space", "Backspace", "Enter", "NumpadEnter":
		return ActionNone
	}
	return KeyboardAction(code)
}

// TypingEdit says which editing key, if either, the key named by its W3C
// KeyboardEvent.code is while a text field takes typed keys.
func TypingEdit(code string) (backspace, enter bool) {
	switch code {
	case "Backspace":
		return true, false
	case "Enter", "NumpadEnter":
		return false, true
	}
	return false, false
}

// BackspaceDue reports whether a Backspace held for ticks ticks (1 on the tick it
// went down) deletes on this tick: once when pressed and, held past RepeatDelay, a
// character every RepeatFastestInterval, as a computer's keyboard repeats.
func BackspaceDue(ticks int) bool {
	return ticks == 1 || ticks > RepeatDelay && (ticks-RepeatDelay-1)%RepeatFastestInterval == 0
}
