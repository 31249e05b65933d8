package screens

import (
	"context"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// languageMenu lets whoever is watching choose the language of their profile, as
// streaming apps do in a profile's settings: each language named in itself, the one
// in use marked and focused. The choice is the profile's, kept by the account
// service, so the profile reads the same language on every device; before a profile
// is chosen it is the device's alone.
type languageMenu struct {
	env  *Env
	busy bool
	err  string
}

// newLanguageMenu returns the language menu.
func newLanguageMenu(env *Env) *languageMenu { return &languageMenu{env: env} }

func (s *languageMenu) Name() string { return "language" }

func (s *languageMenu) Committing() bool { return s.busy }

// StartsFresh opens on the language in use, not the one last passed over, so that
// OK at once changes nothing.
func (s *languageMenu) StartsFresh() {}

// languageKey is the key of a language's item.
func languageKey(l i18n.Lang) string { return "lang/" + l.Tag() }

func (s *languageMenu) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(s.env.t(msgLanguage), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	root.Add(text(s.env.t(msgLanguageHint), ui.TextBody, ui.Rect{X: safe.X, Y: safe.Y + 100, W: safe.W, H: textHeight(ui.TextBody, 1)}))
	list := box("languages", ui.Rect{X: safe.X, Y: safe.Y + 190, W: buttonW + 160, H: float64(len(i18n.Langs)) * (buttonH + 24)})
	current := s.env.Lang()
	list.DefaultFocus = languageKey(current)
	for _, l := range i18n.Langs {
		b := &ui.Node{Key: languageKey(l), Role: ui.RoleMenuItem, Label: l.Name(), Text: ui.TextTitle, Focusable: true, Selected: l == current}
		list.Add(b)
	}
	ui.LayoutColumn(list.Rect.X, list.Rect.Y, list.Rect.W, buttonH, 24, list.Children...)
	root.Add(list)
	root.DefaultFocus = list.DefaultFocus
	if s.busy {
		root.Add(text(s.env.t(msgLoading), ui.TextBody, ui.Rect{X: list.Rect.MaxX() + 80, Y: list.Rect.Y, W: 600, H: textHeight(ui.TextBody, 1)}))
	}
	if s.err != "" {
		root.Add(alert(s.err, ui.TextBody, ui.Rect{X: list.Rect.MaxX() + 80, Y: list.Rect.Y, W: safe.MaxX() - list.Rect.MaxX() - 80, H: textHeight(ui.TextBody, 3)}))
	}
	return root
}

// languageSaved is how saving the profile's language went.
type languageSaved struct {
	lang i18n.Lang
	err  error
}

func (s *languageMenu) Handle(ev Event) Command {
	if ev.Action != input.ActionOK || s.busy {
		return None
	}
	for _, l := range i18n.Langs {
		if ev.Focused != languageKey(l) {
			continue
		}
		if s.env.Profile == nil {
			s.env.Language = l // nobody to keep it for: the device's
			return Pop
		}
		// The device's copy, not the one taken when the profile was chosen: a
		// rename made since, here or on another device, is kept.
		change := session.ProfileChange{Profile: s.env.profileNow()}
		change.Language = l.Tag()
		s.busy, s.err = true, ""
		d := s.env.Device
		return Run(func(ctx context.Context) languageSaved {
			return languageSaved{l, d.SaveProfile(ctx, change)}
		}, s.saved)
	}
	return None
}

// saved switches the app to the language once the profile keeps it, and goes back
// to Settings, which is then in it.
func (s *languageMenu) saved(r languageSaved) Command {
	s.busy = false
	if r.err != nil {
		s.err = s.env.errorText(r.err)
		return Rebuild
	}
	if s.env.Profile != nil {
		p := s.env.profileNow()
		p.Language = r.lang.Tag()
		s.env.Profile = &p
	}
	return Pop
}
