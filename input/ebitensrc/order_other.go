//go:build !js

package ebitensrc

// keyOrder knows no order of presses outside a browser: Ebitengine reads a native
// window's keys once per frame and keeps no order, so the keys pressed within one
// frame are taken one a tick in the order Ebitengine lists them.
type keyOrder struct{}

func (keyOrder) pressed(buf []string) ([]string, bool) { return buf, false }
