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
