package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// exitDialog asks before leaving the app. Cancel has focus first, so a second press of
// Back or OK never quits by accident.
type exitDialog struct{ env *Env }

// newExitDialog returns the exit confirmation.
func newExitDialog(env *Env) *exitDialog { return &exitDialog{env} }

func (d *exitDialog) Name() string { return "exit" }

// WorksSignedOut keeps the dialog where it is asked: leaving the app is the same
// question on a signed-out device.
func (d *exitDialog) WorksSignedOut() bool { return true }

// IsOverlay keeps the screen below visible behind a scrim.
func (d *exitDialog) IsOverlay() {}

func (d *exitDialog) Build() *ui.Node {
	return dialog("dialog/exit", d.env.t(msgExitQuestion), nil, button("cancel", d.env.t(msgCancel), ui.Rect{}), button("exit", d.env.t(msgExit), ui.Rect{}))
}

func (d *exitDialog) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	switch ev.Focused {
	case "cancel":
		return Pop
	case "exit":
		return Exit
	}
	return None
}

// dialog builds a centred modal panel with a title, lines of text under it and a row
// of buttons, the first of which takes focus. The panel grows with its lines.
func dialog(key, title string, lines []string, buttons ...*ui.Node) *ui.Node {
	scrim := &ui.Node{Key: key, Role: ui.RoleDialog, Rect: ui.Canvas}
	// Each text gets the lines it needs, by a generous estimate, and the buttons
	// keep clear of them even when grown by focus.
	inner := dialogW - 2*dialogPad
	var body []*ui.Node
	y := 0.0
	for _, l := range lines {
		if l == "" {
			continue
		}
		n := text(l, ui.TextBody, ui.Rect{W: inner, H: textHeight(ui.TextBody, ui.EstimateLines(l, ui.TextBody, inner))})
		n.Wrap = true
		n.Rect.Y = y
		body = append(body, n)
		y += n.Rect.H + 16
	}
	titleH := textHeight(ui.TextTitle, ui.EstimateLines(title, ui.TextTitle, inner))
	h := dialogPad + titleH + 24 + y + 40 + buttonH + dialogPad
	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillSurface, Rect: ui.Rect{
		X: (ui.CanvasWidth - dialogW) / 2, Y: (ui.CanvasHeight - h) / 2, W: dialogW, H: h}}
	t := text(title, ui.TextTitle, ui.Rect{X: panel.Rect.X + dialogPad, Y: panel.Rect.Y + dialogPad, W: inner, H: titleH})
	t.Wrap = true
	panel.Add(t)
	bodyTop := t.Rect.MaxY() + 24
	for _, n := range body {
		n.Rect.X, n.Rect.Y = panel.Rect.X+dialogPad, bodyTop+n.Rect.Y
		panel.Add(n)
	}
	w := (dialogW - 2*dialogPad - tileGap*float64(len(buttons)-1)) / float64(len(buttons))
	ui.LayoutRow(panel.Rect.X+dialogPad, panel.Rect.MaxY()-dialogPad-buttonH, w, buttonH, tileGap, buttons...)
	panel.Add(buttons...)
	return scrim.Add(panel)
}
