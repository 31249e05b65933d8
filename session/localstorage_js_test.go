//go:build js

package session

import (
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
	_, err = s.Load("device")
	assert.True(t, isNotExist(err))
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
