//go:build js

package main

import "tenfoot/wasm"

func run(args []string) error {
	return wasm.Run(version)
}
