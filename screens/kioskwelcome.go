package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// KioskWelcome is a kiosk's first screen when nobody is signed in, and where every
// sign-out ends. It offers signing in with a phone first, since a guest should not
// type a password on a shared TV, says when guests are signed out, and names nobody.
// Back does nothing here: a kiosk has no way out. Staff hold Back to open the kiosk
// settings with their PIN; guests see no way to them.
type KioskWelcome struct {
	env     *Env
	cleared bool // a guest was just signed out
}

// NewKioskWelcome returns the welcome screen; cleared says that the last guest was
// just signed out, which the screen confirms without naming them.
func NewKioskWelcome(env *Env, cleared bool) *KioskWelcome {
	return &KioskWelcome{env: env, cleared: cleared}
}

func (s *KioskWelcome) WorksSignedOut() {}

// Name implements Screen.
func (s *KioskWelcome) Name() string { return "kiosk-welcome" }

// Build implements Screen.
func (s *KioskWelcome) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(centred(msgKioskWelcome, ui.TextHeadline, 200))
	root.Add(centred(msgKioskWelcomeHint, ui.TextTitle, 320))
	x := float64(ui.CanvasWidth-760) / 2
	choices := box("choices", ui.Rect{X: x, Y: 440, W: 760, H: 2*buttonH + 24})
	choices.Add(button("phone", msgSignInPhone, ui.Rect{}), button("email", msgSignInEmail, ui.Rect{}))
	ui.LayoutColumn(x, 440, 760, buttonH, 24, choices.Children...)
	root.Add(choices)
	y := 680.0
	cfg := s.env.Kiosk
	for _, line := range []string{msgKioskPolicy(cfg.IdleTimeout, cfg.Checkout.String()), s.notice()} {
		if line == "" {
			continue
		}
		n := centred(line, ui.TextBody, y)
		n.Wrap, n.Rect.H = true, textHeight(ui.TextBody, 2)
		root.Add(n)
		y += textHeight(ui.TextBody, 2) + 24
	}
	return root
}

func (s *KioskWelcome) notice() string {
	if s.cleared {
		return msgKioskCleared
	}
	return ""
}

// Handle implements Screen.
func (s *KioskWelcome) Handle(ev Event) Command {
	switch {
	case ev.Action == input.ActionBack:
		return Rebuild // nowhere to go back to, and no Exit? in a kiosk
	case ev.Action != input.ActionOK:
		return None
	}
	switch ev.Focused {
	case "phone":
		return Push(NewSignInCode(s.env))
	case "email":
		return Push(NewSignInEmail(s.env))
	}
	return None
}
