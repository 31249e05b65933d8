package app

import (
	"slices"
	"strings"
	"unicode/utf8"

	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/ui"
)

// Touch forms. The screens build one tree for every form; on a phone or tablet the
// App lays it out again as a column (ui.Flow), dialogs as bottom sheets, and adds a
// Back button to screens one can go back from and a tab bar to the tab screens.

// Heights of what the App adds on touch forms, in canvas pixels.
const (
	touchHeaderH = ui.MinTouchTarget + 2*16
	tabBarH      = ui.MinTouchTarget + 2*20
	// maxTyped bounds what the device's keyboard may put in a field: the longest
	// email address.
	maxTyped = 254
)

// Keys of what the App adds on touch forms: the Back button, and the tab bar's items
// (tabKey and the tab's name).
const (
	backKey = "nav/back"
	tabKey  = "tab/"
)

// SetViewport lays the app out for form on a canvas of the given size, as the host
// measured its window: each screen is built again, keeping its focus. A kiosk stays
// a TV whatever its screen.
func (a *App) SetViewport(form ui.Form, canvas ui.Rect) {
	if a.env.Kiosk != nil || !form.Touch() {
		form, canvas = ui.FormTV, ui.Canvas
	}
	if form == a.env.Form && canvas == a.env.Canvas {
		return
	}
	a.env.Form, a.env.Canvas = form, canvas
	for _, e := range a.stack {
		e.view.SetSafe(a.safeArea())
		a.rebuild(e)
	}
	a.revision++
}

// SetBottomInset tells the app how much of the bottom of a touch screen the device
// covers, such as an iPhone's home indicator, in CSS pixels, as the page's
// env(safe-area-inset-bottom) says; bottom sheets keep their buttons above it.
func (a *App) SetBottomInset(cssPixels float64) {
	inset := max(cssPixels, 0) * ui.UnitsPerCSSPixel
	if inset == a.bottomInset {
		return
	}
	a.bottomInset = inset
	for _, e := range a.stack {
		a.rebuild(e)
	}
	a.revision++
}

// safeArea is where scrollers keep focused nodes: the TV's title-safe area, or the
// whole of a touch screen, whose edges a person can see and reach.
func (a *App) safeArea() ui.Rect {
	if a.env.Form.Touch() {
		return a.env.Canvas
	}
	return ui.Rect{}
}

// SetTextLines gives the touch layouts the host's measure of wrapped text.
func (a *App) SetTextLines(f func(label string, style ui.TextStyle, width float64, bold bool) int) {
	a.opts.TextLines = f
}

// Canvas returns the size of the canvas the app is laid out on.
func (a *App) Canvas() ui.Rect { return a.env.Canvas }

// touchLayout lays root, the tree e's screen built, out for the touch form.
func (a *App) touchLayout(e *entry, root *ui.Node) *ui.Node {
	canvas := a.env.Canvas
	flow := ui.Flow{Area: canvas, Lines: a.opts.TextLines}
	if _, ok := e.screen.(screens.Overlay); ok && root.Role == ui.RoleDialog {
		flow.Bottom = a.bottomInset
		flow.Sheet(root)
		return root
	}
	var chrome []*ui.Node
	tab, isTab := e.screen.(screens.TabScreen)
	if isTab {
		flow.Area.H -= tabBarH
		chrome = append(chrome, tabBar(a.env, canvas, a.routes.Tabs, tab.Tab()))
	} else if len(a.stack) > 0 && e != a.stack[0] {
		flow.Area.Y += touchHeaderH
		flow.Area.H -= touchHeaderH
		back := &ui.Node{Key: backKey, Role: ui.RoleMenuItem, Label: a.env.Words().Back, Text: ui.TextBody, Focusable: true,
			Rect: ui.Rect{X: ui.FlowPad / 2, Y: 16, W: 280, H: ui.MinTouchTarget}}
		header := &ui.Node{Role: ui.RoleBox, Fill: ui.FillBackground, Rect: ui.Rect{W: canvas.W, H: touchHeaderH}}
		chrome = append(chrome, header.Add(back))
	}
	flow.Page(root)
	page := &ui.Node{Role: ui.RoleBox, Rect: canvas}
	page.DefaultFocus = root.DefaultFocus
	return page.Add(root).Add(chrome...) // the chrome last, drawn over what scrolls under it
}

// tabBar returns the bar of tabs across the bottom of canvas, with current selected.
func tabBar(env *screens.Env, canvas ui.Rect, tabs []screens.TabRoute, current screens.Tab) *ui.Node {
	bar := &ui.Node{Key: "tabs", Role: ui.RoleBox, Fill: ui.FillSurface,
		Rect: ui.Rect{Y: canvas.MaxY() - tabBarH, W: canvas.W, H: tabBarH}}
	w := canvas.W / float64(len(tabs))
	for i, t := range tabs {
		label := env.Say(t.Label)
		item := &ui.Node{Key: tabKey + string(t.Tab), Role: ui.RoleMenuItem, Label: label, Text: tabText(label, w), Center: true,
			Focusable: true, Selected: t.Tab == current,
			Rect: ui.Rect{X: float64(i) * w, Y: bar.Rect.Y + 20, W: w, H: ui.MinTouchTarget}}
		item.Wrap = item.Text == ui.TextCaption // on two lines if it must
		bar.Add(item)
	}
	return bar
}

// tabText is the text size of a tab's label: the body's, or a caption's (on two
// lines if need be) where a long word would not fit a phone's third of the width,
// as phones' tab bars do.
func tabText(label string, w float64) ui.TextStyle {
	const pad = 32 // each side, as the host draws a menu item
	if ui.EstimateLines(label, ui.TextBody, w-2*pad) > 1 {
		return ui.TextCaption
	}
	return ui.TextBody
}

// touchPress handles what the App adds on touch forms: the tab bar and the Back
// button. It reports whether it handled act.
func (a *App) touchPress(act input.Action, focused string) bool {
	if act != input.ActionOK || !a.env.Form.Touch() {
		return false
	}
	if focused == backKey {
		a.press(input.ActionBack)
		return true
	}
	name, ok := strings.CutPrefix(focused, tabKey)
	if !ok {
		return false
	}
	a.openTab(screens.Tab(name))
	return true
}

// openTab shows the tab with the given name over the first tab's screen (Home), so
// that Back from any tab goes there, as on every phone.
func (a *App) openTab(name screens.Tab) {
	if a.committing() {
		return // as Back waits for the change under way, so does the tab bar
	}
	if t, ok := a.top().screen.(screens.TabScreen); ok && t.Tab() == name {
		return
	}
	tabs := a.routes.Tabs
	if first, ok := a.stack[0].screen.(screens.TabScreen); !ok || len(tabs) == 0 || first.Tab() != tabs[0].Tab {
		return
	}
	a.stack = a.stack[:1]
	i := slices.IndexFunc(tabs, func(t screens.TabRoute) bool { return t.Tab == name })
	if i >= 0 && tabs[i].Open != nil {
		a.push(tabs[i].Open(a.env))
	} else {
		a.rebuild(a.top())
	}
	a.repeater.Swallow()
	a.revision++
}

// FocusVisible reports whether the host should show which node has focus: always,
// except on a touch form while a finger is at work.
func (a *App) FocusVisible() bool { return !a.env.Form.Touch() || !a.fingered }

// CanGoBack reports whether Back has somewhere to go in the app, so that a browser
// keeps a history entry for it: on the first screen, Back leaves the page.
func (a *App) CanGoBack() bool { return len(a.stack) > 1 }

// EditingField returns the focused text field on a touch form, where the device's
// own keyboard types into it, or nil.
func (a *App) EditingField() *ui.Node {
	f := a.Focused()
	if !a.env.Form.Touch() || f == nil || f.Role != ui.RoleTextField {
		return nil
	}
	return f
}

// Type delivers what the device's keyboard made of the field with key: its whole
// text, and whether Enter was pressed.
func (a *App) Type(key, text string, submit bool) {
	top := a.top()
	if top.view.FocusedKey() != key {
		return // focus moved on; what was typed there is stale
	}
	a.noteInput()
	if utf8.RuneCountInString(text) > maxTyped {
		text = string([]rune(text)[:maxTyped])
	}
	a.apply(top, top.screen.Handle(screens.Event{Focused: key, Typed: true, Submit: submit, Text: text}))
}

// touch answers what a finger did: a tap is OK on what is under it, a drag scrolls
// what is under where it went down, and a fling lets that glide on.
func (a *App) touch(g input.Gesture) {
	top := a.top()
	axis := ui.ScrollHorizontal
	if g.Vertical {
		axis = ui.ScrollVertical
	}
	switch g.Kind {
	case input.GestureTap:
		if top.view.At(g.X, g.Y) != nil {
			if top.view.Hover(g.X, g.Y) {
				a.revision++
			}
			a.press(input.ActionOK)
		}
	case input.GestureDrag:
		// Content follows the finger: moving it up scrolls down.
		if top.view.Drag(g.X, g.Y, axis, -g.Delta) {
			a.revision++
		}
	case input.GestureFling:
		top.view.Fling(g.X, g.Y, axis, -g.Velocity)
	}
}
