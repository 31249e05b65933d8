package ebitensrc

import (
	"sync"
	"syscall/js"

	"tenfoot/input"
)

// maxHeard bounds the presses kept between two ticks; the Sequencer takes fewer.
const maxHeard = 16

// keyOrder hears, in a browser, the keys that go down on Ebitengine's canvas in the
// order they went down. Ebitengine reports the keys down in each tick, not their
// order, and not a key pressed twice within one tick.
type keyOrder struct {
	once   sync.Once
	mu     sync.Mutex // the listener and the tick run on one thread, but Go may yield between them
	codes  []string
	listen js.Func
}

// pressed appends to buf the W3C codes of the keys pressed since the last call,
// oldest first, and reports that it hears them. The first call starts listening.
func (o *keyOrder) pressed(buf []string) ([]string, bool) {
	o.once.Do(o.start)
	o.mu.Lock()
	defer o.mu.Unlock()
	buf = append(buf, o.codes...)
	o.codes = o.codes[:0]
	return buf, true
}

// start listens on the window for what bubbles up from the canvas, so that it hears
// exactly the key presses Ebitengine heard there and not keys typed into a field.
func (o *keyOrder) start() {
	o.codes = make([]string, 0, maxHeard)
	o.listen = js.FuncOf(func(this js.Value, args []js.Value) any {
		ev := args[0]
		if ev.Get("repeat").Bool() || ev.Get("target").Get("tagName").String() != "CANVAS" {
			return nil
		}
		if input.RemoteKeyAction(ev.Get("keyCode").Int()) != input.ActionNone {
			// A TV remote's key, or a media key that a keyboard has too: the page's
			// remote bridge hears it, wherever focus is, and it must not be pressed
			// twice.
			return nil
		}
		code := ev.Get("code").String()
		if code == "" {
			// A TV's remote, or a phone's on-screen keyboard, may name only the key
			// (e.key), as Ebitengine knows too; for these keys it is the code's name,
			// but for Space.
			if code = ev.Get("key").String(); code == " " {
				code = "Space"
			}
		}
		o.mu.Lock()
		if len(o.codes) < maxHeard {
			o.codes = append(o.codes, code)
		}
		o.mu.Unlock()
		return nil
	})
	js.Global().Get("window").Call("addEventListener", "keydown", o.listen)
}
