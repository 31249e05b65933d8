package bare

import "syscall/js"

// Drawn tells the page a frame was drawn, as tenfoot's bridge does.
func Drawn(frames int) {
	state := js.Global().Get("tenfoot")
	if state.IsUndefined() {
		state = js.Global().Get("Object").New()
		js.Global().Set("tenfoot", state)
	}
	state.Set("frames", frames)
}
