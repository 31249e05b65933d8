package screens

import (
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/ui"
)

// kioskWelcome is a kiosk's first screen when nobody is signed in, and where every
// sign-out ends. It offers signing in with a phone first, since a guest should not
// type a password on a shared TV, says when guests are signed out, and names nobody.
// Back does nothing here: a kiosk has no way out. Staff hold Back to open the kiosk
// settings with their PIN; guests see no way to them.
type kioskWelcome struct {
	env     *Env
	cleared bool // a guest was just signed out
}

// newKioskWelcome returns the welcome screen; cleared says that the last guest was
// just signed out, which the screen confirms without naming them.
func newKioskWelcome(env *Env, cleared bool) *kioskWelcome {
	return &kioskWelcome{env: env, cleared: cleared}
}

func (s *kioskWelcome) WorksSignedOut() bool { return true }

func (s *kioskWelcome) Name() string { return "kiosk-welcome" }

func (s *kioskWelcome) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(centred(s.env.t(msgKioskWelcome), ui.TextHeadline, 200))
	root.Add(centred(s.env.t(msgKioskWelcomeHint), ui.TextTitle, 320))
	x := float64(ui.CanvasWidth-760) / 2
	choices := box("choices", ui.Rect{X: x, Y: 440, W: 760, H: 2*buttonH + 24})
	choices.Add(button("phone", s.env.t(msgSignInPhone), ui.Rect{}), button("email", s.env.t(msgSignInEmail), ui.Rect{}))
	ui.LayoutColumn(x, 440, 760, buttonH, 24, choices.Children...)
	root.Add(choices)
	// A guest from abroad reads the TV in their own language, each named in itself;
	// the next guest starts again in the kiosk's.
	langs := box("languages", ui.Rect{X: safe.X, Y: safe.MaxY() - buttonH, W: safe.W, H: buttonH})
	langs.Remember = true
	current := s.env.Lang()
	for _, l := range i18n.Langs {
		langs.Add(&ui.Node{Key: languageKey(l), Role: ui.RoleMenuItem, Label: l.Name(), Text: ui.TextBody, Center: true,
			Focusable: true, Selected: l == current})
	}
	ui.LayoutRow(safe.X+(safe.W-4*260-3*24)/2, langs.Rect.Y, 260, buttonH, 24, langs.Children...)
	root.Add(langs)
	y := 680.0
	cfg := s.env.Kiosk
	for _, line := range []string{s.env.msgKioskPolicy(cfg.IdleTimeout, cfg.Checkout.String()), s.notice()} {
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

func (s *kioskWelcome) notice() string {
	if s.cleared {
		return s.env.t(msgKioskCleared)
	}
	return ""
}

func (s *kioskWelcome) Handle(ev Event) Command {
	switch {
	case ev.Action == input.ActionBack:
		return Rebuild // nowhere to go back to, and no Exit? in a kiosk
	case ev.Action != input.ActionOK:
		return None
	}
	for _, l := range i18n.Langs {
		if ev.Focused == languageKey(l) {
			s.env.Language = l // this guest's, until they sign out
			return Rebuild
		}
	}
	switch ev.Focused {
	case "phone":
		return Push(newSignInCode(s.env))
	case "email":
		return Push(newSignInEmail(s.env))
	}
	return None
}
