//go:build js

package session

import (
	"strings"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Node has no localStorage; this gives it one with the Web Storage API's semantics
// (string values, null for a missing key), written in JavaScript.
func installLocalStorage(t *testing.T) {
	factory := js.Global().Get("Function").New(`
		const m = new Map();
		return {
			getItem: (k) => (m.has(k) ? m.get(k) : null),
			setItem: (k, v) => { m.set(k, String(v)); },
			removeItem: (k) => { m.delete(k); },
		};`)
	js.Global().Set("localStorage", factory.Invoke())
	t.Cleanup(func() { js.Global().Delete("localStorage") })
}

func TestLocalStorage(t *testing.T) {
	installLocalStorage(t)
	s := LocalStorage{Prefix: "tenfoot."}
	_, err := s.Load("device")
	assert.True(t, isNotExist(err))
	require.NoError(t, s.Save("device", []byte(`{"a":1}`)))
	got, err := s.Load("device")
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(got))

	moved, err := s.SetAside("device")
	require.NoError(t, err)
	assert.Contains(t, moved, "tenfoot.device.corrupt-")
	got, err = s.Load("device")
	require.NoError(t, err)
	assert.Equal(t, `{"a":1}`, string(got), "kept until saved over, by what was salvaged")
}

// installFullLocalStorage gives Node a localStorage that holds at most quota UTF-16
// code units of keys and values, and throws past it, as a browser's does.
func installFullLocalStorage(t *testing.T, quota int) {
	factory := js.Global().Get("Function").New("quota", `
		const m = new Map();
		const used = () => { let n = 0; for (const [k, v] of m) n += k.length + v.length; return n; };
		return {
			getItem: (k) => (m.has(k) ? m.get(k) : null),
			setItem: (k, v) => {
				v = String(v);
				const old = m.has(k) ? k.length + m.get(k).length : 0;
				if (used() - old + k.length + v.length > quota) throw new Error("QuotaExceededError");
				m.set(k, v);
			},
			removeItem: (k) => { m.delete(k); },
		};`)
	js.Global().Set("localStorage", factory.Invoke(quota))
	t.Cleanup(func() { js.Global().Delete("localStorage") })
}

// TestCorruptStateInAFullLocalStorage damages the device's state in a browser whose
// storage has no room for a copy of it. The app starts, signed out, says no copy
// could be kept, and starts again the next time too. Before, keeping the copy
// failed and the page could not start at all, at every reload.
func TestCorruptStateInAFullLocalStorage(t *testing.T) {
	installFullLocalStorage(t, 5000)
	store := LocalStorage{Prefix: "tenfoot."}
	require.NoError(t, store.Save("device", []byte("{"+strings.Repeat("x", 3000))))
	clock := newTestClock()
	svc, err := OpenEmbedded(EmbeddedOptions{Clock: clock, PasswordCost: lowCost})
	require.NoError(t, err)
	for start := range 2 {
		d, err := OpenDevice(store, svc, clock, DeviceInfo{Name: "Web browser", Kind: DeviceKindBrowser})
		require.NotNil(t, d, "start %d", start)
		if start == 0 {
			require.ErrorIs(t, err, ErrCorruptState)
			assert.Contains(t, err.Error(), "no copy could be kept")
		} else {
			assert.NoError(t, err, "the salvaged state was saved over it")
		}
		_, signedIn := d.Account()
		assert.False(t, signedIn)
	}
}

func TestDeviceInLocalStorage(t *testing.T) {
	installLocalStorage(t)
	store := LocalStorage{Prefix: "tenfoot."}
	clock := newTestClock()
	svc, err := OpenEmbedded(EmbeddedOptions{Storage: store, Clock: clock, PasswordCost: lowCost})
	require.NoError(t, err)
	seedHousehold(t, svc)
	d, err := OpenDevice(store, svc, clock, DeviceInfo{Name: "Web browser", Kind: DeviceKindBrowser})
	require.NoError(t, err)
	require.NoError(t, d.SignIn(ctx, anaEmail, anaPassword))
	_, err = d.StartDownload("The Long Tide", d.Profiles()[0].ID, 1<<20)
	require.NoError(t, err)
	plan, err := d.Plan()
	require.NoError(t, err)
	_, err = d.Confirm(ctx, plan)
	require.NoError(t, err)

	// Reload the page: the same device, signed out, the service remembers.
	svc2, err := OpenEmbedded(EmbeddedOptions{Storage: store})
	require.NoError(t, err)
	d2, err := OpenDevice(store, svc2, nil, DeviceInfo{})
	require.NoError(t, err)
	assert.Equal(t, d.Info().ID, d2.Info().ID)
	_, signedIn := d2.Account()
	assert.False(t, signedIn)
	_ = svc
}
