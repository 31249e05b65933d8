package app

import (
	"unicode/utf8"

	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/ui"
)

// Typing on a TV with a hardware keyboard: a keyboard plugged into the TV, a remote
// with a keyboard on its back, or a computer's keyboard in a browser. Wherever a
// screen shows an on-screen keyboard, typed keys go straight into the field it types
// into, and focus follows them there:
//   - a character types, and Backspace deletes, into the field;
//   - a press of Backspace in a field already empty is Back, as it is everywhere
//     else; Backspace held down clears the field and stops there, so that holding
//     it to clear a field never leaves the screen with what else was typed on it;
//   - Enter on the field finishes it, as Done does: the email goes on to the
//     password, the password signs in; Enter elsewhere, on a key of the on-screen
//     keyboard, presses that key, as OK does.
// A TV remote's Back and Escape stay Back whatever was typed. On a touch screen the
// device's own keyboard types into a real text field instead (see App.Type).

// TakesTyping reports whether the screen on top takes typed keys: it is laid out for a
// TV and shows an on-screen keyboard. The host then reads Space, Backspace and Enter
// as text (input.TypingKeyboardAction) and hands what was typed to TypeKeys.
func (a *App) TakesTyping() bool {
	return a.typingField() != nil
}

// TypeKeys delivers what a hardware keyboard typed this tick to the field the screen's
// on-screen keyboard types into.
func (a *App) TypeKeys(t input.Typed) {
	field := a.typingField()
	if field == nil || t.Empty() || a.exited {
		return
	}
	a.noteInput()
	text := field.Input
	for range t.Backspaces {
		if text == "" {
			if t.BackspaceRepeat || field.Input != "" {
				break // held, or just emptied: it stops at empty
			}
			a.press(input.ActionBack) // nothing left to delete: Back, as everywhere
			return
		}
		_, size := utf8.DecodeLastRuneInString(text)
		text = text[:len(text)-size]
	}
	text += t.Text
	top := a.top()
	if text != field.Input {
		if utf8.RuneCountInString(text) > maxTyped {
			text = string([]rune(text)[:maxTyped])
		}
		a.apply(top, top.screen.Handle(screens.Event{Focused: field.Key, Typed: true, Text: text}))
		if a.top() == top && field.Focusable {
			top.view.Focus(field.Key) // focus follows typing, so Enter finishes the field
			a.revision++
		}
	}
	if !t.Enter || a.top() != top {
		return
	}
	if f := a.typingField(); f != nil && top.view.FocusedKey() == f.Key {
		a.apply(top, top.screen.Handle(screens.Event{Focused: f.Key, Typed: true, Submit: true, Text: f.Input}))
		return
	}
	a.press(input.ActionOK)
}

// typingField returns the text field that the on-screen keyboard of the screen on top
// types into: the focused one, else the one marked Selected, else the first; or nil
// when the screen shows no on-screen keyboard, or is laid out for touch. The host
// asks every tick, so it allocates nothing.
func (a *App) typingField() *ui.Node {
	if a.env.Form.Touch() {
		return nil
	}
	f := fieldSearch{focusedKey: a.top().view.FocusedKey()}
	f.walk(a.top().view.Root())
	switch {
	case !f.keyboard:
		return nil
	case f.focused != nil:
		return f.focused
	case f.selected != nil:
		return f.selected
	}
	return f.first
}

// fieldSearch finds a screen's on-screen keyboard and its text fields.
type fieldSearch struct {
	focusedKey               string
	keyboard                 bool
	first, selected, focused *ui.Node
}

func (f *fieldSearch) walk(n *ui.Node) {
	if n == nil || n.Hidden {
		return
	}
	f.keyboard = f.keyboard || n.Keyboard
	if n.Role == ui.RoleTextField && !n.Disabled {
		if f.first == nil {
			f.first = n
		}
		if n.Selected && f.selected == nil {
			f.selected = n
		}
		if n.Key == f.focusedKey {
			f.focused = n
		}
	}
	for _, c := range n.Children {
		f.walk(c)
	}
}
