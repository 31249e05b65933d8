package screens

import (
	"slices"
	"strings"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// more is the last tab on a phone or tablet, where people look for everything about
// the account: the profiles to switch to, the account, the app's settings, and Sign
// out.
type more struct {
	env *Env
}

// newMore returns the More tab.
func newMore(env *Env) *more { return &more{env: env} }

func (m *more) Name() string { return "more" }

func (m *more) Tab() Tab { return TabMore }

func (m *more) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(m.env.t(msgMore), ui.TextHeadline, ui.Rect{H: textHeight(ui.TextHeadline, 1)}))
	if acc, ok := m.env.Device.Account(); ok {
		root.Add(text(acc.DisplayName+"  ·  "+maskEmail(acc.Email), ui.TextCaption, ui.Rect{H: textHeight(ui.TextCaption, 1)}))
	}
	root.Add(text(m.env.t(msgProfilesHere), ui.TextTitle, ui.Rect{H: headerH}))
	profiles := box("profiles", ui.Rect{})
	profiles.Remember = true
	for i, p := range m.env.Device.Profiles() {
		a := avatar("profile/"+p.ID.String(), p, ui.Rect{X: float64(i) * 200, W: 160, H: 160})
		a.Wrap = true // the longest name allowed takes two lines
		a.Selected = m.env.Profile != nil && m.env.Profile.ID == p.ID
		profiles.Add(a)
	}
	root.Add(profiles)
	items := box("items", ui.Rect{})
	if !m.env.kids() { // signing a TV in and the account are for the adults
		items.Add(button("approve-tv", m.env.t(msgApproveTV), ui.Rect{}), button("account", m.env.t(msgAccount), ui.Rect{}))
	}
	items.Add(button("settings", m.env.t(msgAppSettings), ui.Rect{}), button("signout", m.env.t(msgSignOut), ui.Rect{}))
	return tvColumn(m.env, root.Add(items))
}

// tvColumn lays out on a TV, as one column in the title-safe area, a screen made for
// touch forms, which the App lays out itself there.
func tvColumn(env *Env, root *ui.Node) *ui.Node {
	if !env.Form.Touch() {
		ui.Flow{Area: safe, KeepKeyboards: true}.Page(root)
	}
	return root
}

func (m *more) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	if id, ok := strings.CutPrefix(ev.Focused, "profile/"); ok {
		for _, p := range m.env.Device.Profiles() {
			if p.ID.String() == id {
				return m.env.choose(p)
			}
		}
		return None
	}
	switch ev.Focused {
	case "settings":
		return Push(newSettings(m.env))
	case "approve-tv":
		if m.env.kids() {
			return None
		}
		return Push(newApproveTV(m.env))
	}
	return accountCommand(m.env, ev.Focused)
}

// downloads is the middle tab on a phone or tablet: what the profile has downloaded
// to this device, and how far each download has got.
type downloads struct {
	env *Env
}

// newDownloads returns the Downloads tab.
func newDownloads(env *Env) *downloads { return &downloads{env: env} }

func (d *downloads) Name() string { return "downloads" }

func (d *downloads) Tab() Tab { return TabDownloads }

func (d *downloads) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(d.env.t(msgDownloads), ui.TextHeadline, ui.Rect{H: textHeight(ui.TextHeadline, 1)}))
	list := box("list", ui.Rect{})
	list.Remember = true
	dls := (&home{env: d.env}).downloads()
	if d.env.downloadsPaused() && slices.ContainsFunc(dls, func(dl session.Download) bool { return !dl.Complete() }) {
		list.Add(alert(d.env.t(msgDownloadsPausedWhy), ui.TextBody, ui.Rect{H: textHeight(ui.TextBody, 3)}))
	}
	for _, dl := range dls {
		t, _ := d.env.Catalog.ByName(dl.Title)
		item := button("title/downloads/"+t.ID, dl.Title+"  ·  "+d.env.msgDownloadState(dl), ui.Rect{})
		item.Role = ui.RoleMenuItem
		list.Add(item)
		if !dl.Complete() {
			list.Add(&ui.Node{Role: ui.RoleProgress, Value: dl.Progress(), Rect: ui.Rect{H: progressH}})
		}
	}
	if len(list.Children) == 0 {
		list.Add(text(d.env.t(msgNoDownloads), ui.TextBody, ui.Rect{H: textHeight(ui.TextBody, 1)}))
	}
	return tvColumn(d.env, root.Add(list))
}

func (d *downloads) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	if id, ok := strings.CutPrefix(ev.Focused, "title/downloads/"); ok {
		if t, ok := d.env.Catalog.ByID(id); ok {
			return Push(newDetails(d.env, t))
		}
	}
	return None
}
