package screens

import (
	"strings"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// home is the first screen of a profile: a navigation menu on the left, the profile's
// picture in the upper right, and rows of titles: what the profile is watching, what
// is downloaded, and the catalog.
type home struct {
	env *Env
}

// newHome returns the home screen.
func newHome(env *Env) *home { return &home{env: env} }

func (h *home) Name() string { return "home" }

// Title is the screen's name for a screen reader: its first heading is a row's,
// which the rows say themselves as focus enters them.
func (h *home) Title() string { return h.env.t(msgHome) }

// StartsFresh: Home is shown when a profile is chosen, and starts on that profile's
// first title, whoever used it before and wherever they left it.
func (h *home) StartsFresh() {}

// homeRow is one row of the home screen.
type homeRow struct {
	id, name string
	tiles    []*ui.Node
}

// rows returns Home's rows. A kids profile sees only titles for kids in each, also
// in Continue watching and Downloads, which keep what a profile made a kids profile
// since had started or downloaded before.
func (h *home) rows() []homeRow {
	var rows []homeRow
	kids := h.env.kids()
	if cw := h.env.continueWatching(); len(cw) > 0 {
		r := homeRow{id: "continue", name: h.env.t(msgContinueWatching)}
		for _, w := range cw {
			if kids && !w.Kids {
				continue
			}
			t := tile("title/continue/"+w.ID, w.Title)
			t.Value = w.share
			r.tiles = append(r.tiles, t)
		}
		if len(r.tiles) > 0 {
			rows = append(rows, r)
		}
	}
	if dls := h.downloads(); len(dls) > 0 {
		r := homeRow{id: "downloads", name: h.env.t(msgDownloads)}
		for _, d := range dls {
			t, _ := h.env.Catalog.ByName(d.Title)
			n := tile("title/downloads/"+t.ID, t)
			if !d.Complete() {
				n.Value = d.Progress()
				if h.env.downloadsPaused() {
					// The row's heading says why; each tile says it is
					// paused to whoever listens to it alone.
					r.name = h.env.t(msgDownloadsPaused)
					n.Name = d.Title + h.env.t(msgSpokenComma) + h.env.msgDownloadState(d)
				}
			}
			r.tiles = append(r.tiles, n)
		}
		rows = append(rows, r)
	}
	for _, cr := range h.env.Catalog.Rows {
		r := homeRow{id: cr.ID, name: cr.NameIn(h.env.Lang().Tag())}
		for _, t := range cr.Titles {
			if kids && !t.Kids {
				continue
			}
			r.tiles = append(r.tiles, tile("title/"+cr.ID+"/"+t.ID, t))
		}
		if len(r.tiles) > 0 {
			rows = append(rows, r)
		}
	}
	return rows
}

// downloads returns the profile's downloads on this device: for a kids profile,
// those of titles for kids.
func (h *home) downloads() []session.Download {
	var out []session.Download
	for _, d := range h.env.Device.Downloads() {
		if h.env.Profile == nil || d.ProfileID != h.env.Profile.ID {
			continue
		}
		if t, _ := h.env.Catalog.ByName(d.Title); h.env.kids() && !t.Kids {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Build puts the rows first in the tree, so that the menu panel, drawn after them,
// covers tiles scrolled out to the left.
func (h *home) Build() *ui.Node {
	root := box("", ui.Canvas)
	top := safe.Y + 110
	menuW, contentX := menuWidth, contentX
	if h.env.Kiosk != nil {
		menuW, contentX = kioskMenuWidth, kioskContentX
	}
	rows := box("rows", ui.Rect{X: contentX, Y: top, W: ui.CanvasWidth - contentX, H: ui.CanvasHeight - top})
	rows.Remember = true
	rows.Scroll = ui.ScrollVertical
	y := top
	for _, hr := range h.rows() {
		heading := text(hr.name, ui.TextTitle, ui.Rect{X: contentX, Y: y, W: safe.MaxX() - contentX, H: headerH})
		row := &ui.Node{Key: "row/" + hr.id, Name: hr.name, Role: ui.RoleRow, Scroll: ui.ScrollHorizontal, Remember: true,
			Rect: ui.Rect{X: contentX, Y: y + headerH + 20, W: ui.CanvasWidth - contentX, H: tileH}}
		row.Next[ui.DirRight] = ui.Stay // the end of a row is the end, not the profile picture
		row.Add(hr.tiles...)
		ui.LayoutRow(row.Rect.X, row.Rect.Y, tileW, tileH, tileGap, row.Children...)
		// The heading and its row are one item of the list, which scrolls into view
		// whole, so the heading shows whichever way focus came to the row.
		item := box("", ui.Rect{X: contentX, Y: y, W: row.Rect.W, H: row.Rect.MaxY() - y})
		item.Add(heading, row)
		rows.Add(item)
		y += rowSpacing
	}
	root.Add(rows)
	if h.env.Form.Touch() {
		return root // the tab bar and the More tab stand in for the menu and the picture
	}

	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillBackground, Rect: ui.Rect{W: contentX - 40, H: ui.CanvasHeight}}
	menu := box("menu", ui.Rect{X: safe.X, Y: top + headerH + 20, W: menuW})
	menu.Remember = true
	menu.DefaultFocus = "menu/home"
	// Nothing lies above or below the menu: the rows beside it are reached with Right.
	menu.Next[ui.DirUp], menu.Next[ui.DirDown] = ui.Stay, ui.Stay
	if h.env.Kiosk != nil {
		// A guest leaves nothing behind with the first item of the menu, on one
		// line, or with one press of the red key from anywhere on Home.
		menu.Add(&ui.Node{Key: "menu/signout", Role: ui.RoleMenuItem, Label: h.env.t(msgSignOutAndClear), Focusable: true})
	}
	menu.Add(
		&ui.Node{Key: "menu/home", Role: ui.RoleMenuItem, Label: h.env.t(msgHome), Focusable: true, Selected: true},
		&ui.Node{Key: "menu/settings", Role: ui.RoleMenuItem, Label: h.env.t(msgSettings), Focusable: true},
	)
	ui.LayoutColumn(menu.Rect.X, menu.Rect.Y, menuW, menuItemH, 16, menu.Children...)
	menu.Rect.H = menu.Children[len(menu.Children)-1].Rect.MaxY() - menu.Rect.Y
	panel.Add(text("tenfoot", ui.TextTitle, ui.Rect{X: safe.X, Y: safe.Y, W: menuW, H: headerH}), menu)
	root.Add(panel)

	// The profile's picture, upper right, as on the web: it opens the profile menu.
	header := &ui.Node{Role: ui.RoleBox, Fill: ui.FillBackground, Rect: ui.Rect{X: contentX, W: ui.CanvasWidth - contentX, H: top - 10}}
	if p := h.env.Profile; p != nil {
		a := avatar("profile", *p, ui.Rect{X: safe.MaxX() - profileSize, Y: safe.Y, W: profileSize, H: profileSize})
		a.Next[ui.DirDown] = "rows"  // the titles, at the row and tile they had
		a.Next[ui.DirLeft] = ui.Stay // nothing lies beside it; the rows are below
		header.Add(a)
	}
	root.Add(header)
	return root
}

const profileSize = 72.0

func (h *home) Handle(ev Event) Command {
	if ev.Focused == "profile" && (ev.Hovered || ev.Action == input.ActionOK || ev.Action == input.ActionMenu) {
		return Push(newProfileMenu(h.env))
	}
	if ev.Action == input.ActionMenu {
		return Push(newProfileMenu(h.env))
	}
	if ev.Action == input.ActionRed && h.env.Kiosk != nil {
		return Push(newSignOutDialog(h.env)) // hotel remotes have a red key; the dialog still opens on Cancel
	}
	if ev.Action == input.ActionBack && !strings.HasPrefix(ev.Focused, "menu/") && !h.env.Form.Touch() {
		// As on YouTube and Netflix, Back goes to the menu first; Back there is
		// the app's (Exit? where the app can be left).
		return RebuildFocus("menu/home")
	}
	if ev.Action != input.ActionOK {
		return None
	}
	switch {
	case ev.Focused == "menu/home":
		return RebuildFocus("rows") // already home: go to the titles
	case ev.Focused == "menu/settings":
		return Push(newSettings(h.env))
	case ev.Focused == "menu/signout":
		return Push(newSignOutDialog(h.env))
	case strings.HasPrefix(ev.Focused, "title/"):
		id := ev.Focused[strings.LastIndexByte(ev.Focused, '/')+1:]
		if t, ok := h.env.Catalog.ByID(id); ok {
			return Push(newDetails(h.env, t))
		}
	}
	return None
}

func (h *home) Tab() Tab { return TabHome }
