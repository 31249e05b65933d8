// Command tenfoot is the tenfoot app: a 10-foot UI for TVs, consoles and browsers.
//
// Natively it opens a window (or the full screen). For tests and documentation it can
// play a script of key presses and write the frame drawn afterwards as PNG:
//
//	tenfoot -keys right,right,ok,back -screenshot home.png
//
// Built with GOOS=js GOARCH=wasm it runs in a web page; see package wasm.
package main

import (
	"fmt"
	"os"
)

// version is the app's version, shown in Settings; release builds set it with
// -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "tenfoot:", err)
		os.Exit(1)
	}
}
