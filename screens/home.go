package screens

import (
	"strings"

	"tenfoot/input"
	"tenfoot/ui"
)

// Home is the first screen: a navigation menu on the left and rows of titles.
type Home struct {
	opts Options
}

// NewHome returns the home screen.
func NewHome(opts Options) *Home { return &Home{opts: opts} }

// Name implements Screen.
func (h *Home) Name() string { return "home" }

// Build implements Screen. Rows come first in the tree so that the menu panel, drawn
// after them, covers tiles scrolled out to the left.
func (h *Home) Build() *ui.Node {
	root := box("", ui.Canvas)

	rows := box("rows", ui.Rect{X: contentX, Y: safe.Y, W: safe.MaxX() - contentX, H: safe.H})
	rows.Remember = true
	y := safe.Y + 110
	for _, hr := range homeRows {
		rows.Add(text(hr.Name, ui.TextTitle, ui.Rect{X: contentX, Y: y, W: rows.Rect.W, H: headerH}))
		row := &ui.Node{Key: "row/" + hr.ID, Role: ui.RoleRow, Scroll: ui.ScrollHorizontal, Remember: true,
			Rect: ui.Rect{X: contentX, Y: y + headerH + 20, W: ui.CanvasWidth - contentX, H: tileH}}
		for _, id := range hr.Titles {
			t, _ := titleByID(id)
			row.Add(tile("title/"+hr.ID+"/"+id, t))
		}
		ui.LayoutRow(row.Rect.X, row.Rect.Y, tileW, tileH, tileGap, row.Children...)
		rows.Add(row)
		y += rowSpacing
	}
	root.Add(rows)

	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillBackground, Rect: ui.Rect{W: contentX - 40, H: ui.CanvasHeight}}
	firstRowY := safe.Y + 110 + headerH + 20
	menu := box("menu", ui.Rect{X: safe.X, Y: firstRowY, W: menuWidth, H: 2 * menuItemH})
	menu.Remember = true
	menu.DefaultFocus = "menu/home"
	menu.Add(
		&ui.Node{Key: "menu/home", Role: ui.RoleMenuItem, Label: "Home", Focusable: true, Selected: true},
		&ui.Node{Key: "menu/settings", Role: ui.RoleMenuItem, Label: "Settings", Focusable: true},
	)
	ui.LayoutColumn(menu.Rect.X, menu.Rect.Y, menuWidth, menuItemH, 16, menu.Children...)
	panel.Add(
		&ui.Node{Role: ui.RoleText, Label: "tenfoot", Text: ui.TextTitle, Rect: ui.Rect{X: safe.X, Y: safe.Y, W: menuWidth, H: headerH}},
		menu,
	)
	root.Add(panel)
	return root
}

// Handle implements Screen.
func (h *Home) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	switch {
	case ev.Focused == "menu/settings":
		return Push(NewSettings(h.opts))
	case strings.HasPrefix(ev.Focused, "title/"):
		id := ev.Focused[strings.LastIndexByte(ev.Focused, '/')+1:]
		if t, ok := titleByID(id); ok {
			return Push(NewDetails(t))
		}
	}
	return None
}
