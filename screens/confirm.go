package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// confirmation is what every dialog that confirms a change shares: Cancel, focused
// first and what Back does, beside the button that confirms; while the confirmed
// work runs, a line saying so and no buttons, so nothing is pressed twice.
type confirmation struct {
	busy bool
	err  string // what went wrong last time, in words
}

// build returns the dialog asking title, with lines under it, or busyLine while the
// work runs, and a confirm button labelled confirm.
func (c *confirmation) build(env *Env, key, title string, lines []string, busyLine, confirm string) *ui.Node {
	lines = append(lines, c.err)
	if c.busy && busyLine != "" {
		lines = []string{busyLine}
	}
	d := dialog(key, title, lines, button("cancel", env.t(msgCancel), ui.Rect{}), button("confirm", confirm, ui.Rect{}))
	if c.busy {
		hideButtons(d)
	}
	return d
}

// press answers OK: Cancel closes the dialog, the confirm button runs confirm, a
// command made by Run.
func (c *confirmation) press(ev Event, confirm Command) Command {
	if ev.Action != input.ActionOK || c.busy {
		return None
	}
	switch ev.Focused {
	case "cancel":
		return Pop
	case "confirm":
		c.busy, c.err = true, ""
		return confirm
	}
	return None
}

// Committing reports whether the confirmed work runs.
func (c *confirmation) Committing() bool { return c.busy }

// failed records how the work went and reports whether it failed; the error is
// then shown in the dialog.
func (c *confirmation) failed(env *Env, err error) bool {
	c.busy = false
	c.err = env.errorText(err)
	return err != nil
}

// hideButtons hides the buttons of a dialog while it works, so nothing can be
// pressed twice; focus waits on the dialog.
func hideButtons(n *ui.Node) {
	for _, c := range n.Children {
		if c.Role == ui.RoleButton {
			c.Hidden = true
		}
		hideButtons(c)
	}
}
