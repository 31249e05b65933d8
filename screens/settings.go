package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// settings shows this copy of tenfoot and this device, and leads to switching
// profile, the account and signing out.
type settings struct {
	env *Env
}

// newSettings returns the settings screen.
func newSettings(env *Env) *settings { return &settings{env: env} }

func (s *settings) Name() string { return "settings" }

func (s *settings) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(s.env.t(msgSettings), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	list := box("settings", ui.Rect{X: safe.X, Y: safe.Y + 160, W: buttonW + 200, H: 4 * (buttonH + 24)})
	list.Remember = true
	list.Add(button("switch", s.env.t(msgSwitchProfile), ui.Rect{}))
	if !s.env.kids() {
		list.Add(button("account", s.env.t(msgAccount), ui.Rect{}))
	}
	list.Add(button("signout", s.env.t(msgSignOut), ui.Rect{}))
	list.Add(button("language", s.env.t(msgLanguage), ui.Rect{}))
	ui.LayoutColumn(list.Rect.X, list.Rect.Y, list.Rect.W, buttonH, 24, list.Children...)
	root.Add(list)

	info := s.env.Device.Info()
	x := list.Rect.MaxX() + 120
	y := list.Rect.Y
	// Each line's third string is what of it is cut when it does not fit: as in
	// Account's list, a long device name, never its kind.
	lines := [][3]string{
		{s.env.t(msgLanguage), s.env.Lang().Name()},
		{s.env.t(msgVersion), s.env.Version},
		{s.env.t(msgDeviceName), s.env.msgDevice(info), info.Name},
		{s.env.t(msgDeviceID), info.ID.String()},
	}
	if acc, ok := s.env.Device.Account(); ok {
		lines = append(lines, [3]string{s.env.t(msgSignedIn), acc.DisplayName + " (" + maskEmail(acc.Email) + ")"})
	}
	for _, l := range lines {
		root.Add(text(l[0], ui.TextCaption, ui.Rect{X: x, Y: y, W: safe.MaxX() - x, H: textHeight(ui.TextCaption, 1)}))
		value := text(l[1], ui.TextBody, ui.Rect{X: x, Y: y + 36, W: safe.MaxX() - x, H: textHeight(ui.TextBody, 1)})
		value.Cut = l[2]
		root.Add(value)
		y += 110
	}
	return root
}

func (s *settings) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	return accountCommand(s.env, ev.Focused)
}

// accountCommand is what the entries Settings and the profile menu share do. A kids
// profile has no way to the account, whatever key it names.
func accountCommand(env *Env, key string) Command {
	if key == "account" && env.kids() {
		return None
	}
	switch key {
	case "switch":
		return Reset(newWhoIsWatching(env))
	case "account":
		return Push(newAccount(env))
	case "signout":
		return Push(newSignOutDialog(env))
	case "language":
		return Push(newLanguageMenu(env))
	}
	return None
}
