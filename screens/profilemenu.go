package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// profileMenu drops down from the profile's picture: switch profile, account (not on
// a kids profile), sign out. People look for Sign out here as often as in Settings,
// so it is in both.
type profileMenu struct {
	env *Env
}

// newProfileMenu returns the profile menu.
func newProfileMenu(env *Env) *profileMenu { return &profileMenu{env: env} }

func (m *profileMenu) Name() string { return "profile-menu" }

func (m *profileMenu) IsOverlay() {}

const profileMenuW = 600.0

func (m *profileMenu) Build() *ui.Node {
	scrim := &ui.Node{Key: "dialog/profile", Role: ui.RoleDialog, Rect: ui.Canvas}
	x := safe.MaxX() - profileMenuW
	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillSurface, Rect: ui.Rect{X: x, Y: safe.Y + profileSize + 20, W: profileMenuW, H: 520}}
	y := panel.Rect.Y + 32
	if p := m.env.Profile; p != nil {
		panel.Add(text(p.Name, ui.TextTitle, ui.Rect{X: x + 32, Y: y, W: profileMenuW - 64, H: headerH}))
	}
	if acc, ok := m.env.Device.Account(); ok {
		panel.Add(text(maskEmail(acc.Email), ui.TextCaption, ui.Rect{X: x + 32, Y: y + 64, W: profileMenuW - 64, H: textHeight(ui.TextCaption, 1)}))
	}
	items := []*ui.Node{button("switch", m.env.t(msgSwitchProfile), ui.Rect{})}
	if !m.env.kids() {
		items = append(items, button("account", m.env.t(msgAccount), ui.Rect{}))
	}
	items = append(items, button("signout", m.env.t(msgSignOut), ui.Rect{}))
	ui.LayoutColumn(x+32, y+130, profileMenuW-64, buttonH, 20, items...)
	panel.Add(items...)
	return scrim.Add(panel)
}

func (m *profileMenu) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	cmd := accountCommand(m.env, ev.Focused)
	if cmd.Kind == CommandPush {
		cmd.Kind = CommandReplace // the menu closes behind what it opened
	}
	return cmd
}
