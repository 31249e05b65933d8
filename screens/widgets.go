package screens

import (
	"tenfoot/catalog"
	"tenfoot/ui"
)

// Layout metrics shared by the screens, on the 1920×1080 canvas.
var (
	safe = ui.SafeArea(ui.Canvas)
)

const (
	menuWidth = 340.0
	menuItemH = 72.0
	contentX  = 500.0 // where rows start, right of the navigation menu
	// A kiosk's menu is wider, so that "Sign out and clear this TV" fits on one line.
	kioskMenuWidth = 480.0
	kioskContentX  = kioskMenuWidth + 160
	tileW          = 320.0
	tileH          = 180.0
	tileGap        = 32.0
	buttonH        = 80.0
	buttonW        = 320.0
	captionGap     = 16.0
	headerH        = 56.0
	rowSpacing     = 360.0
	paragraphW     = 1100.0
	dialogW        = 900.0
	dialogH        = 380.0
	dialogPad      = 56.0
	progressH      = 12.0
	textLineGap    = 1.35 // line height as a multiple of the text size
)

func box(key string, r ui.Rect) *ui.Node {
	return &ui.Node{Key: key, Role: ui.RoleBox, Rect: r}
}

func text(label string, style ui.TextStyle, r ui.Rect) *ui.Node {
	return &ui.Node{Role: ui.RoleText, Label: label, Text: style, Rect: r}
}

// alert returns text that a screen reader says as soon as it appears, such as an
// error or why the device was signed out; it wraps to fit r.
func alert(label string, style ui.TextStyle, r ui.Rect) *ui.Node {
	return &ui.Node{Role: ui.RoleText, Label: label, Text: style, Rect: r, Wrap: true, Live: true}
}

func button(key, label string, r ui.Rect) *ui.Node {
	return &ui.Node{Key: key, Role: ui.RoleButton, Label: label, Text: ui.TextBody, Rect: r, Focusable: true}
}

func tile(key string, t catalog.Title) *ui.Node {
	return &ui.Node{Key: key, Role: ui.RoleTile, Label: t.Name, Text: ui.TextBody, Hue: t.Hue, Focusable: true}
}

// textHeight is the height of n lines of text in style.
func textHeight(style ui.TextStyle, lines int) float64 {
	return ui.Dark.TextSizes[style] * textLineGap * float64(lines)
}
