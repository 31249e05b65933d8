//go:build !js

package ebitensrc

// keyOrder knows no order of presses outside a browser: Ebitengine reads a native
// window's keys once per frame and keeps no order, so keys pressed within one
// frame are taken in the order of their actions, as before the browser heard more.
type keyOrder struct{}

func (keyOrder) pressed(buf []string) ([]string, bool) { return buf, false }
