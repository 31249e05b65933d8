//go:build js

package wasm

import "syscall/js"

// tvPlatform is the TV platform the page runs on as an app, as platform.js found it
// (window.tenfootPlatform): LG webOS, Samsung Tizen, or none in a plain browser.
type tvPlatform struct {
	v js.Value
}

// currentPlatform returns the page's platform; a page without platform.js has none.
func currentPlatform() tvPlatform {
	return tvPlatform{v: js.Global().Get("tenfootPlatform")}
}

// canExit reports whether the platform can close the app, so that Back on the
// first screen asks "Exit tenfoot?". When the person chooses Exit, the app ends and
// the loader closes it the platform's way.
func (p tvPlatform) canExit() bool {
	return p.v.Truthy() && p.v.Get("canExit").Bool()
}

// paused reports whether the platform has put the app in the background. It is
// read every tick: one property of a JavaScript object.
func (p tvPlatform) paused() bool {
	return p.v.Truthy() && p.v.Get("paused").Bool()
}
