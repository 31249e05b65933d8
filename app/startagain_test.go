package app

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// TestATVStartedAgainFollowsItsAccount starts the TV again from its state folder,
// twice, with nothing it needs to save at start, as when it checks its session with
// the network down: it follows its account all the same, and a sign-out from Ana's
// phone takes it to the sign-in screen. Before, the app took a device that had not
// changed since it was opened for one nobody is signed in to: it never listened,
// advanced no download and started no kiosk guest's time, until some save happened
// to be made.
func TestATVStartedAgainFollowsItsAccount(t *testing.T) {
	tv := newSickTV(t)
	phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
	for round := range 2 {
		dev := tv.saved(t) // started again, as after a power cut
		a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: tv.clock}, dev)
		t.Cleanup(a.Close)
		k := &kioskTV{t: t, app: a, clock: tv.clock, device: dev}
		pressKeys(a, ok)
		require.Equal(t, "home", k.screen(), "round %d", round)
		require.Eventually(t, func() bool { return isListening(t, phone, dev) }, 5*time.Second, time.Millisecond,
			"round %d: the TV does not follow its account", round)
		_, err := phone.SignOutDevice(context.Background(), dev.Info().ID)
		require.NoError(t, err)
		require.Eventually(t, func() bool { return !isSignedIn(dev) }, 5*time.Second, time.Millisecond,
			"round %d: the TV never heard it was signed out", round)
		k.run(1)
		assert.Equal(t, "signin", k.screen(), "round %d", round)
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		a.Close()
	}
}

// isListening reports whether the account's list, as phone sees it, says that dev
// is online: that it follows its account's events.
func isListening(t *testing.T, phone, dev *session.Device) bool {
	t.Helper()
	devices, err := phone.Devices(context.Background())
	require.NoError(t, err)
	for _, d := range devices {
		if d.ID == dev.Info().ID {
			return d.Online
		}
	}
	return false
}
