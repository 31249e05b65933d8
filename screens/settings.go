package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// Settings shows what this copy of tenfoot is and how to drive it.
type Settings struct {
	opts Options
}

// NewSettings returns the settings screen.
func NewSettings(opts Options) *Settings { return &Settings{opts: opts} }

// Name implements Screen.
func (s *Settings) Name() string { return "settings" }

// Build implements Screen.
func (s *Settings) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text("Settings", ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	lines := []string{
		"Version " + s.opts.Version,
		"This device: " + s.opts.DeviceName,
		"",
		"Move with the arrow keys, the d-pad or the left stick.",
		"OK: Enter, Space or A.   Back: Esc, Backspace, B or the remote's Back key.",
	}
	y := safe.Y + 160
	for _, l := range lines {
		root.Add(text(l, ui.TextBody, ui.Rect{X: safe.X, Y: y, W: safe.W, H: textHeight(ui.TextBody, 1)}))
		y += textHeight(ui.TextBody, 1)
	}
	root.Add(button("done", "Done", ui.Rect{X: safe.X, Y: y + 40, W: buttonW, H: buttonH}))
	return root
}

// Handle implements Screen.
func (s *Settings) Handle(ev Event) Command {
	if ev.Action == input.ActionOK && ev.Focused == "done" {
		return Pop
	}
	return None
}
