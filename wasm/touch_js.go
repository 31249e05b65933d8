//go:build js

package wasm

import (
	"strconv"
	"sync"
	"syscall/js"

	"tenfoot/app"
	"tenfoot/input"
	"tenfoot/ui"
)

// bottomInset is how much of the bottom of the page the device covers, such as an
// iPhone's home indicator: env(safe-area-inset-bottom), which the page reads only
// with viewport-fit=cover. Go cannot ask for env() directly, so a hidden element
// carries it as its bottom padding (see tenfoot.css), read at start and whenever
// the page is resized or turned. The CSS variable --tenfoot-inset-bottom on the
// root overrides it, for tests: no desktop browser has a notch.
type bottomInset struct {
	probe js.Value
	mu    sync.Mutex
	px    float64
}

func newBottomInset() *bottomInset {
	doc := js.Global().Get("document")
	b := &bottomInset{probe: doc.Call("createElement", "div")}
	b.probe.Set("id", "tenfoot-inset")
	b.probe.Call("setAttribute", "aria-hidden", "true")
	doc.Get("body").Call("appendChild", b.probe)
	b.read()
	js.Global().Call("addEventListener", "resize", js.FuncOf(func(this js.Value, args []js.Value) any {
		b.read()
		return nil
	}))
	return b
}

func (b *bottomInset) read() {
	px := js.Global().Call("getComputedStyle", b.probe).Get("paddingBottom").String()
	v := js.Global().Call("parseFloat", px).Float()
	if v != v { // NaN: not a length
		v = 0
	}
	b.mu.Lock()
	b.px = v
	b.mu.Unlock()
}

// css returns the inset in CSS pixels, as last read.
func (b *bottomInset) css() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.px
}

// finger follows the first finger on the page, from the browser's touch events. A
// finger that went down and up between two ticks still counts as down for one.
type finger struct {
	mu      sync.Mutex
	now     input.Finger // where it is, or where it lifted
	pressed bool         // went down since the last poll
}

func newFinger() *finger {
	f := &finger{}
	handle := js.FuncOf(func(this js.Value, args []js.Value) any {
		ev := args[0]
		touches := ev.Get("touches")
		f.mu.Lock()
		defer f.mu.Unlock()
		if touches.Length() == 0 {
			f.now.Down = false
			return nil
		}
		t := touches.Index(0)
		f.now = input.Finger{Down: true, X: t.Get("clientX").Float(), Y: t.Get("clientY").Float()}
		if ev.Get("type").String() == "touchstart" {
			f.pressed = true
		}
		return nil
	})
	opts := map[string]any{"capture": true, "passive": true}
	for _, name := range []string{"touchstart", "touchmove", "touchend", "touchcancel"} {
		js.Global().Call("addEventListener", name, handle, opts)
	}
	return f
}

// poll returns the finger for this tick, in the window's CSS pixels.
func (f *finger) poll() input.Finger {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now
	if f.pressed {
		now.Down = true // a tap quicker than a tick
		f.pressed = false
	}
	return now
}

// textInput is a real <input> over the focused text field of a touch layout, so that
// the phone's own keyboard types into it, with its autofill and password managers.
// It stands exactly over the field the app drew and follows it as the page scrolls.
type textInput struct {
	app   *app.App
	el    js.Value
	key   string // the field it types into, or "" while hidden
	rect  ui.Rect
	mu    sync.Mutex
	typed []typed // what arrived since the last tick
}

type typed struct {
	key, text string
	submit    bool
}

func newTextInput(app *app.App) *textInput {
	doc := js.Global().Get("document")
	el := doc.Call("createElement", "input")
	el.Set("id", "tenfoot-input")
	el.Call("setAttribute", "autocapitalize", "off")
	el.Call("setAttribute", "spellcheck", "false")
	el.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", el)
	t := &textInput{app: app, el: el}
	queue := func(submit bool) {
		t.mu.Lock()
		t.typed = append(t.typed, typed{t.key, el.Get("value").String(), submit})
		t.mu.Unlock()
	}
	el.Call("addEventListener", "input", js.FuncOf(func(this js.Value, args []js.Value) any {
		queue(false)
		return nil
	}))
	// Keys typed here are text, not the app's d-pad: they stop at the field.
	stop := js.FuncOf(func(this js.Value, args []js.Value) any {
		ev := args[0]
		ev.Call("stopPropagation")
		if ev.Get("type").String() == "keydown" && ev.Get("key").String() == "Enter" {
			ev.Call("preventDefault")
			queue(true)
		}
		return nil
	})
	el.Call("addEventListener", "keydown", stop)
	el.Call("addEventListener", "keyup", stop)
	return t
}

// deliver hands the app what was typed since the last tick.
func (t *textInput) deliver() {
	t.mu.Lock()
	batch := t.typed
	t.typed = nil
	t.mu.Unlock()
	for _, ty := range batch {
		t.app.Type(ty.key, ty.text, ty.submit)
	}
}

// follow shows the input over the focused text field, or hides it when there is
// none, after each frame.
func (t *textInput) follow() {
	f := t.app.EditingField()
	style := t.el.Get("style")
	if f == nil {
		if t.key != "" {
			t.key = ""
			style.Set("display", "none")
			t.el.Call("blur")
		}
		return
	}
	r := f.ScreenRect()
	if f.Key != t.key {
		t.key = f.Key
		kind, complete := "text", "off"
		switch {
		case f.Secret:
			kind, complete = "password", "current-password"
		case f.Key == "field/email":
			kind, complete = "email", "username"
		}
		t.el.Set("type", kind)
		t.el.Call("setAttribute", "autocomplete", complete)
		t.el.Call("setAttribute", "aria-label", f.Label)
		t.el.Set("placeholder", f.Label)
		t.el.Set("value", f.Input)
		t.rect = ui.Rect{}
		style.Set("display", "block")
		t.el.Call("focus", map[string]any{"preventScroll": true})
	}
	if r != t.rect {
		t.rect = r
		px := func(v float64) string { return strconv.FormatFloat(v/ui.UnitsPerCSSPixel, 'f', 1, 64) + "px" }
		style.Set("left", px(r.X))
		style.Set("top", px(r.Y))
		style.Set("width", px(r.W))
		style.Set("height", px(r.H))
	}
}

// history makes the browser's Back button, and a phone's back gesture, the app's
// Back: while the app has somewhere to go back to, the page keeps one history entry
// of its own, and going back through it presses Back. On the first screen there is
// none, so Back leaves the page as people expect.
type history struct {
	app     *app.App
	hist    js.Value
	pushed  bool // the app's entry is in the history
	leaving bool // the app took its entry back itself; the next popstate is that
	mu      sync.Mutex
	backs   int // Back presses from popstate not yet delivered
}

func newHistory(app *app.App) *history {
	h := &history{app: app, hist: js.Global().Get("history")}
	js.Global().Call("addEventListener", "popstate", js.FuncOf(func(this js.Value, args []js.Value) any {
		h.mu.Lock()
		defer h.mu.Unlock()
		h.pushed = false
		if h.leaving {
			h.leaving = false
			return nil
		}
		h.backs++
		return nil
	}))
	return h
}

// sync presses Back for each history step back, then keeps the app's entry in
// step with whether it can go back.
func (h *history) sync() {
	h.mu.Lock()
	backs := h.backs
	h.backs = 0
	h.mu.Unlock()
	for range backs {
		h.app.Press(input.ActionBack)
	}
	can := h.app.CanGoBack()
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case can && !h.pushed && !h.leaving:
		h.hist.Call("pushState", map[string]any{"tenfoot": true}, "")
		h.pushed = true
	case !can && h.pushed:
		h.pushed, h.leaving = false, true // closed in the app: take the entry back
		h.hist.Call("back")
	}
}

// findOnPage returns where, in CSS pixels of the page, the focusable node labelled
// label is on the screen on top, as {x, y, width, height}, or null: what a person
// sees and taps, for scripts that drive the page with a finger.
func findOnPage(app *app.App, label string) any {
	found := labelled(app.View().Root(), label, true)
	canvas := js.Global().Get("document").Call("querySelector", "canvas")
	if found == nil || !canvas.Truthy() {
		return nil
	}
	box := canvas.Call("getBoundingClientRect")
	cw, ch := box.Get("width").Float(), box.Get("height").Float()
	c := app.Canvas()
	scale := min(cw/c.W, ch/c.H) // Ebitengine letterboxes the canvas in its element
	x0 := box.Get("left").Float() + (cw-c.W*scale)/2
	y0 := box.Get("top").Float() + (ch-c.H*scale)/2
	r := found.ScreenRect()
	return map[string]any{"x": x0 + r.X*scale, "y": y0 + r.Y*scale, "width": r.W * scale, "height": r.H * scale}
}

// labelled returns the first node under n that is shown and labelled label, and
// focusable if that is asked, or nil.
func labelled(n *ui.Node, label string, focusable bool) *ui.Node {
	if n.Hidden {
		return nil
	}
	if n.Label == label && (n.Focusable || !focusable) {
		return n
	}
	for _, c := range n.Children {
		if found := labelled(c, label, focusable); found != nil {
			return found
		}
	}
	return nil
}
