package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// ExitDialog asks before leaving the app. Cancel has focus first, so a second press of
// Back or OK never quits by accident.
type ExitDialog struct{}

// NewExitDialog returns the exit confirmation.
func NewExitDialog() *ExitDialog { return &ExitDialog{} }

// Name implements Screen.
func (d *ExitDialog) Name() string { return "exit" }

// IsOverlay implements Overlay: the screen below stays visible behind a scrim.
func (d *ExitDialog) IsOverlay() {}

// Build implements Screen.
func (d *ExitDialog) Build() *ui.Node {
	return dialog("dialog/exit", "Exit tenfoot?", button("cancel", "Cancel", ui.Rect{}), button("exit", "Exit", ui.Rect{}))
}

// Handle implements Screen.
func (d *ExitDialog) Handle(ev Event) Command {
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

// dialog builds a centred modal panel with a title and a row of buttons, the first of
// which takes focus.
func dialog(key, title string, buttons ...*ui.Node) *ui.Node {
	scrim := &ui.Node{Key: key, Role: ui.RoleDialog, Rect: ui.Canvas}
	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillSurface, Rect: ui.Rect{
		X: (ui.CanvasWidth - dialogW) / 2, Y: (ui.CanvasHeight - dialogH) / 2, W: dialogW, H: dialogH}}
	panel.Add(text(title, ui.TextTitle, ui.Rect{X: panel.Rect.X + dialogPad, Y: panel.Rect.Y + dialogPad, W: dialogW - 2*dialogPad, H: headerH}))
	w := (dialogW - 2*dialogPad - tileGap*float64(len(buttons)-1)) / float64(len(buttons))
	ui.LayoutRow(panel.Rect.X+dialogPad, panel.Rect.MaxY()-dialogPad-buttonH, w, buttonH, tileGap, buttons...)
	panel.Add(buttons...)
	return scrim.Add(panel)
}
