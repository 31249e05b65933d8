package app

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/kiosk"
	"tenfoot/session"
)

// A TV whose clock ran a day fast when the guest signed in (no RTC, a wrong time
// zone) is corrected by NTP. The guest then leaves: the idle sign-out must still
// come after idleTimeout + warning, not a day later.
func TestKioskSignsAnIdleGuestOutAfterTheClockIsPutBack(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1h", "warning": "30s"}), checkIn.Add(24*time.Hour))
	require.True(t, isSignedIn(k.device))
	k.clock.advance(-24 * time.Hour) // NTP puts the clock right
	k.run(1)
	pressKeys(k.app, ok) // the guest opens their profile, then leaves
	require.Equal(t, "home", k.screen())

	k.clock.advance(time.Hour + 31*time.Second) // idle for longer than idleTimeout + warning
	k.run(1)
	k.app.Settle()
	k.run(1)
	assert.False(t, isSignedIn(k.device), "an idle guest must be signed out within idleTimeout + warning, whatever the clock did")
	assert.Equal(t, "kiosk-welcome", k.screen())
}

// Same clock correction, with a daily checkout: a guest who signed in while the
// clock was a day fast must be signed out at the next checkout.
func TestKioskChecksTheGuestOutAfterTheClockIsPutBack(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"checkout": "15:00"}), checkIn.Add(24*time.Hour)) // 14:00 tomorrow, wrongly
	require.True(t, isSignedIn(k.device))
	pressKeys(k.app, ok)
	k.clock.advance(-24 * time.Hour) // NTP: it is 14:00 today
	k.run(1)
	k.clock.advance(time.Hour + time.Second) // 15:00:01, past checkout
	k.run(1)
	k.app.Settle()
	k.run(1)
	assert.False(t, isSignedIn(k.device), "checkout at 15:00 signs out whoever is signed in")
}

// A guest starts signing in with email on the welcome screen, types their address
// and walks away. Nobody is signed in, so no countdown runs; the signed-out screens
// are cleared once left alone, and the next guest finds nothing of theirs.
func TestKioskClearsAnEmailHalfTypedForTheNextGuest(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s"}), checkIn)
	pressKeys(k.app, ok, red, right, ok) // guest 1 signs out
	require.Equal(t, "kiosk-welcome", k.screen())

	press(t, k.app, "email")
	typeText(t, k.app, demo.AnaEmail) // guest 2 types their email, then leaves
	require.True(t, shows(k.app, demo.AnaEmail))

	k.clock.advance(24 * time.Hour) // a day later, the next guest arrives
	k.run(ticksPerSecond)
	assert.False(t, shows(k.app, demo.AnaEmail), "the last guest's half-typed email still shows on %s", k.screen())
	assert.Equal(t, "kiosk-welcome", k.screen())
}

// flakyStore is the TV's state folder on a disk that can fill up.
type flakyStore struct {
	*session.DirStorage
	fail atomic.Bool
}

func (s *flakyStore) Save(name string, data []byte) error {
	if s.fail.Load() {
		return errors.New("no space left on device")
	}
	return s.DirStorage.Save(name, data)
}

// The idle countdown runs out while the TV's storage refuses every write (a full
// disk, a read-only card): the guest is signed out on time all the same, and the
// next person to touch the remote finds the welcome screen, not the last guest's
// Home. Once the storage takes a write, the sign-out is saved: the TV started
// again has nobody signed in. Before, the sign-out failed and was tried every 10 s
// until the storage took it; on a card that never would, the guest stayed signed
// in for good.
func TestKioskSignsAnIdleGuestOutOnStorageThatRefusesWrites(t *testing.T) {
	clock := &tickClock{start: checkIn}
	dir, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	store := &flakyStore{DirStorage: dir}
	svcStore, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, ServiceStorage: svcStore,
		Clock: clock, PasswordCost: testCost, Device: session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk}})
	require.NoError(t, err)
	cfg := kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s"})
	log := &testkit.Buffer{}
	a := NewTenfoot(Options{Catalog: demo.Catalog, Version: "test", Kiosk: &cfg, KioskState: store, Clock: clock, Log: log}, dev)
	t.Cleanup(a.Close)
	k := &kioskTV{t: t, app: a, clock: clock, device: dev, log: log}
	pressKeys(a, ok)
	require.Equal(t, "home", k.screen())

	store.fail.Store(true)
	k.run(91 * ticksPerSecond) // idle 1 min, countdown 30 s
	a.Settle()
	assert.False(t, isSignedIn(dev))
	assert.NotContains(t, log.String(), "sign-out failed")
	require.Equal(t, "kiosk-welcome", k.screen())
	pressKeys(a, ok) // the next guest, or housekeeping, presses a button
	k.run(1)
	assert.Equal(t, "signin-code", k.screen(), "signing in, not the last guest's Home")

	store.fail.Store(false)
	k.run(11 * ticksPerSecond)
	again, err := session.OpenDevice(dir, svc, clock, session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk})
	require.NoError(t, err)
	assert.False(t, isSignedIn(again), "the sign-out is saved once the storage takes it")
}

// A guest switches the welcome screen to German and leaves without signing in: the
// next guest is greeted in the kiosk's language again.
func TestKioskGreetsTheNextGuestInItsLanguage(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m", "language": "en"}), checkIn)
	pressKeys(k.app, ok, red, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	press(t, k.app, "lang/de")
	require.True(t, shows(k.app, "Willkommen"))

	k.clock.advance(24 * time.Hour) // the next guest, a day later
	k.run(ticksPerSecond)
	assert.True(t, shows(k.app, "Welcome"), "the next guest is greeted in the kiosk's language")
}

// A guest shown a sign-in code approves it on their phone, which may take minutes
// with nothing pressed on the TV: the code stays on screen as long as a code lasts,
// and only then are the signed-out screens cleared.
func TestKioskKeepsASignInCodeUpWhileTheGuestApprovesIt(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	pressKeys(k.app, ok, red, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	press(t, k.app, "phone")
	require.Equal(t, "signin-code", k.screen())

	k.clock.advance(kiosk.ClearAfter - 2*time.Second)
	k.run(ticksPerSecond) // the TV's clock moves on with its ticks
	assert.Equal(t, "signin-code", k.screen(), "still there for the guest's phone")
	k.clock.advance(time.Second)
	k.run(ticksPerSecond)
	assert.Equal(t, "kiosk-welcome", k.screen(), "cleared once left alone for as long as a code lasts")
}
