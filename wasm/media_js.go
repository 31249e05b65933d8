//go:build js

package wasm

import (
	"sync"
	"syscall/js"
)

// mediaQuery follows a CSS media query of the page as it changes, such as whether
// its primary pointer is a finger or whether the system asks for reduced motion.
type mediaQuery struct {
	mu      sync.Mutex
	matches bool
}

func watchMedia(query string) *mediaQuery {
	list := js.Global().Call("matchMedia", query)
	m := &mediaQuery{matches: list.Get("matches").Bool()}
	list.Call("addEventListener", "change", js.FuncOf(func(this js.Value, args []js.Value) any {
		m.mu.Lock()
		m.matches = args[0].Get("matches").Bool()
		m.mu.Unlock()
		return nil
	}))
	return m
}

// Matches reports whether the query matched when the page last said.
func (m *mediaQuery) Matches() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.matches
}
