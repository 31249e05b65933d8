package app

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/ui"
)

// Browsers are told apart by the names their hosts give them, a browser named only
// "Web browser" does not say so twice, and this device is marked as such in the
// account's device list and in the progress of signing out of all devices, each
// time the account signs in again.
func TestDevicesAreToldApart(t *testing.T) {
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, device, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: "Chrome on Linux", Kind: session.DeviceKindBrowser}})
	require.NoError(t, err)
	h := household{svc, device}
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)

	for round := 1; round <= 2; round++ {
		otherDevice(t, h, "Web browser", session.DeviceKindBrowser)
		otherDevice(t, h, "Firefox on Windows", session.DeviceKindBrowser)
		pressKeys(a, ok) // Ana
		require.Equal(t, "home", a.Screen().Name())
		press(t, a, "menu/settings")
		assert.True(t, shows(a, "Chrome on Linux  ·  Web browser"), "round %d", round)

		press(t, a, "account")
		require.Equal(t, "account", a.Screen().Name())
		rows := allLabels(a)
		assert.Contains(t, rows, "Chrome on Linux  ·  Web browser  ·  This device", "round %d", round)
		assert.Equal(t, 1, countContaining(rows, "This device"), "round %d: one device is this one", round)
		assert.Equal(t, 1, countContaining(rows, "Firefox on Windows  ·  Web browser  ·  "), "round %d", round)
		assert.Contains(t, rows, "Web browser  ·  Active now", "round %d: the browser named only Web browser", round)
		assert.Zero(t, countContaining(rows, "Web browser  ·  Web browser"), "round %d", round)

		press(t, a, "signout-all", "continue")
		typeText(t, a, demo.AnaPassword)
		press(t, a, "confirm")
		require.False(t, isSignedIn(h.device))
		rows = allLabels(a)
		assert.Contains(t, rows, "Chrome on Linux  ·  Web browser  ·  This device", "round %d", round)
		assert.Equal(t, 1, countContaining(rows, "This device"), "round %d: one device is this one", round)
		assert.Contains(t, rows, "Firefox on Windows  ·  Web browser", "round %d", round)
		assert.Contains(t, rows, "Web browser", "round %d", round)
		assert.Zero(t, countContaining(rows, "Web browser  ·  Web browser"), "round %d", round)

		press(t, a, "done")
		require.Equal(t, "signin", a.Screen().Name())
		press(t, a, "email")
		typeText(t, a, demo.AnaEmail)
		press(t, a, "kb/"+ui.KeyDone)
		typeText(t, a, demo.AnaPassword)
		press(t, a, "submit")
		a.Settle()
		require.Equal(t, "profiles", a.Screen().Name(), "round %d", round)
	}
}

// countContaining returns how many of labels contain s.
func countContaining(labels []string, s string) int {
	n := 0
	for _, l := range labels {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}
