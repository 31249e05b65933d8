//go:build !js

package bare

// Drawn does nothing outside a browser.
func Drawn(int) {}
