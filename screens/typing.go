package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// Typing. A screen that takes text shows a text field and, on a TV, an on-screen
// keyboard keyed "kb". What is typed reaches it three ways, all as events: a key of
// the on-screen keyboard pressed with OK; on a TV, a hardware keyboard's keys, which
// App hands to the field the on-screen keyboard types into (Event.Typed, with the
// field's whole text in Event.Text); on a touch screen, the device's own keyboard
// typing into a real field laid over the focused one (the same, and Event.Submit
// for its Enter key). typeInto answers all three.

// typeInto applies ev to kb, which holds the text of the field keyed field: the
// text the device's own keyboard (or a hardware keyboard on a TV) typed there, or a
// key of the on-screen keyboard "kb". It reports whether ev typed, and whether that
// finished the text: Enter on a keyboard, Done on the TV's.
func typeInto(kb *ui.Keyboard, field string, ev Event) (typed, finished bool) {
	if ev.Typed && ev.Focused == field {
		kb.Set(ev.Text)
		return true, ev.Submit
	}
	if name := ui.KeyName("kb", ev.Focused); name != "" && ev.Action == input.ActionOK {
		return true, kb.Press(name)
	}
	return false, false
}

// typeFirst returns where focus goes when typing starts: the on-screen keyboard's
// key on a TV, the field itself on a touch screen, where the device's keyboard types.
func (env *Env) typeFirst(key, field string) string {
	if env.Form.Touch() {
		return field
	}
	return key
}
