//go:build js

package session

import (
	"fmt"
	"io/fs"
	"syscall/js"
	"time"
)

// LocalStorage keeps state in the browser's localStorage under a key prefix. A single
// setItem replaces a value whole, which makes Save atomic.
type LocalStorage struct {
	Prefix string
}

func (s LocalStorage) store() (js.Value, error) {
	if why := js.Global().Get("tenfootNoStorage"); why.Truthy() {
		// The page found localStorage refused (site data blocked): touching it
		// would throw through the app.
		return js.Value{}, fmt.Errorf("session: this browser keeps no data for this site: %s", why.String())
	}
	ls := js.Global().Get("localStorage")
	if !ls.Truthy() {
		return js.Value{}, fmt.Errorf("session: this browser has no localStorage")
	}
	return ls, nil
}

// Load implements Storage.
func (s LocalStorage) Load(name string) ([]byte, error) {
	ls, err := s.store()
	if err != nil {
		return nil, err
	}
	v := ls.Call("getItem", s.Prefix+name)
	if v.IsNull() {
		return nil, fmt.Errorf("session: %s: %w", name, fs.ErrNotExist)
	}
	return []byte(v.String()), nil
}

// Save implements Storage. A full quota surfaces as an error, never a partial write.
func (s LocalStorage) Save(name string, data []byte) (err error) {
	ls, err := s.store()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("session: save %s: %v", name, r)
		}
	}()
	ls.Call("setItem", s.Prefix+name, string(data))
	return nil
}

// SetAside implements Storage.
func (s LocalStorage) SetAside(name string) (string, error) {
	data, err := s.Load(name)
	if err != nil {
		return "", err
	}
	to := fmt.Sprintf("%s.corrupt-%d", name, time.Now().UnixMilli())
	if err := s.Save(to, data); err != nil {
		return "", err
	}
	return s.Prefix + to, nil
}

// hold implements sharedStorage with the browser's Web Locks (navigator.locks),
// which every tab of the site shares: the lock named for the blob is granted once
// no other tab holds it, and a tab that closes or crashes lets go of it. A browser
// without them holds nothing: webOS 5 (Chromium 68), and any page not served from
// a secure origin. It blocks the calling goroutine, never the page: no js.FuncOf
// callback of ours changes state, each starts a goroutine to.
func (s LocalStorage) hold(name string) (release func()) {
	nav := js.Global().Get("navigator")
	if !nav.Truthy() || !nav.Get("locks").Truthy() {
		return func() {}
	}
	granted := make(chan js.Value, 1) // the function that releases the lock, or undefined
	var held, settled js.Func
	held = js.FuncOf(func(this js.Value, args []js.Value) any {
		// The lock is held until the promise returned here settles.
		var resolve js.Value
		executor := js.FuncOf(func(this js.Value, args []js.Value) any {
			resolve = args[0]
			return nil
		})
		promise := js.Global().Get("Promise").New(executor)
		executor.Release()
		granted <- resolve
		return promise
	})
	settled = js.FuncOf(func(this js.Value, args []js.Value) any {
		// After the release, or refused before it was granted (the page is
		// going away): then go on without.
		select {
		case granted <- js.Undefined():
		default:
		}
		held.Release()
		settled.Release()
		return nil
	})
	nav.Get("locks").Call("request", s.Prefix+name, held).Call("then", settled, settled)
	resolve := <-granted
	return func() {
		if resolve.Truthy() {
			resolve.Invoke()
		}
	}
}
