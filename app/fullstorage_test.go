package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/ui"
)

// sickStorage is a TV's state folder whose saves fail on demand: a full disk or
// a read-only card (full, every save until it is cleared), or a save that fails
// once and then works (once). Loads always work.
type sickStorage struct {
	*session.DirStorage
	full   atomic.Bool
	once   atomic.Bool
	failed atomic.Int32 // saves refused so far
}

func (s *sickStorage) Save(name string, data []byte) error {
	if s.full.Load() || s.once.CompareAndSwap(true, false) {
		s.failed.Add(1)
		return errors.New("no space left on device")
	}
	return s.DirStorage.Save(name, data)
}

// sickTV is the demo household with this TV's state on sickStorage, the service's
// apart, so that a test can start the TV again from what it saved.
type sickTV struct {
	svc   *session.Embedded
	store *sickStorage
	dir   string
	dev   *session.Device
	clock *tickClock
}

func newSickTV(t *testing.T) *sickTV {
	t.Helper()
	clock := &tickClock{start: checkIn}
	dir := t.TempDir()
	ds, err := session.NewDirStorage(dir)
	require.NoError(t, err)
	svcStore, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	store := &sickStorage{DirStorage: ds}
	svc, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, ServiceStorage: svcStore,
		PasswordCost: testCost, Clock: clock, Device: session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	return &sickTV{svc: svc, store: store, dir: dir, dev: dev, clock: clock}
}

// app starts the app on the TV, on its clock, and returns it driven tick by tick.
func (s *sickTV) app(t *testing.T) *kioskTV {
	t.Helper()
	a := NewTenfoot(Options{Catalog: demo.Catalog, Clock: s.clock}, s.dev)
	t.Cleanup(a.Close)
	return &kioskTV{t: t, app: a, clock: s.clock, device: s.dev}
}

// signedInOnService reports whether the service has a session of the TV's.
func (s *sickTV) signedInOnService(t *testing.T, phone *session.Device) bool {
	t.Helper()
	devices, err := phone.Devices(context.Background())
	require.NoError(t, err)
	for _, d := range devices {
		if d.ID == s.dev.Info().ID {
			return true
		}
	}
	return false
}

// saved is the TV as it starts again from its state folder, as after a power cut,
// before it hears from the service: what it kept.
func (s *sickTV) saved(t *testing.T) *session.Device {
	t.Helper()
	ds, err := session.NewDirStorage(s.dir)
	require.NoError(t, err)
	d, err := session.OpenDevice(ds, s.svc, nil, session.DeviceInfo{})
	require.NoError(t, err)
	return d
}

// restarted is the TV started again from its state folder: who it says is signed
// in, and how many sign-outs it has still to send.
func (s *sickTV) restarted(t *testing.T) (signedIn bool, outbox int) {
	t.Helper()
	d := s.saved(t)
	_, signedIn = d.Account()
	return signedIn, d.PendingRevocations()
}

// rawSaveError reports whether the screen shows the storage's own words.
func rawSaveError(a *App) bool {
	return shows(a, "no space left") || shows(a, "session:")
}

// TestSignOutOnAFullDiskSignsOutAtOnce signs out with the disk full from Settings,
// the profile menu and Account's entry for this TV, each twice: the TV is signed
// out at once, and at the service, and says that its storage keeps nothing now. A
// TV started from what its disk still holds learns at its first check that the
// session has ended, and once there is room the sign-out is saved. Before, the TV
// stayed signed in until there was room: a hotel TV whose card takes no writes
// kept its guest signed in for good.
func TestSignOutOnAFullDiskSignsOutAtOnce(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	pressKeys(a, ok)
	ways := map[string][]string{
		"Settings":     {"menu/settings", "signout"},
		"profile menu": {"profile", "signout"},
		"Account":      {"menu/settings", "account", "device/" + tv.dev.Info().ID.String()},
	}
	for _, way := range []string{"Settings", "profile menu", "Account", "Settings", "profile menu", "Account"} {
		a.Settle()
		press(t, a, ways[way]...)
		require.Equal(t, "signout", a.Screen().Name(), way)
		tv.store.full.Store(true)
		press(t, a, "confirm")
		require.Equal(t, "signin", a.Screen().Name(), "%s: %q", way, allLabels(a))
		assert.False(t, isSignedIn(tv.dev), way)
		assert.False(t, rawSaveError(a), "%s: %q", way, allLabels(a))
		assert.True(t, toastSays(a, notKept), "%s: %v", way, a.Toast())

		again := tv.saved(t)
		_, on := again.Account()
		require.True(t, on, "%s: the disk still holds the session", way)
		again.CheckAtStart(context.Background())
		_, on = again.Account()
		assert.False(t, on, "%s: started from the disk, the TV finds the session ended", way)

		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		in, out := tv.restarted(t)
		assert.False(t, in, way)
		assert.Zero(t, out, way)
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// TestSigningInOnAFullDiskLeavesNoSessionBehind signs in with email and with a
// code, twice each, while the TV cannot save: the sign-in screen says so in words,
// and the session the service had just granted is ended, so the account lists no
// TV that shows nobody signed in. Once there is room, signing in works.
func TestSigningInOnAFullDiskLeavesNoSessionBehind(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
	pressKeys(a, ok)
	press(t, a, "menu/settings", "signout", "confirm")
	for _, way := range []string{"email", "code", "email", "code"} {
		require.Equal(t, "signin", k.screen(), way)
		tv.store.full.Store(true)
		if way == "email" {
			press(t, a, "email")
			typeText(t, a, demo.AnaEmail)
			press(t, a, "kb/"+ui.KeyDone)
			typeText(t, a, demo.AnaPassword)
			press(t, a, "submit")
			assert.Equal(t, "signin-email", k.screen())
		} else {
			press(t, a, "phone")
			k.runUntil(10*ticksPerSecond, func() bool { return shownCode(a) != "" })
			require.NoError(t, phone.ApproveCode(context.Background(), shownCode(a)))
			k.runUntil(20*ticksPerSecond, func() bool { return tv.store.failed.Load() > 0 })
		}
		assert.False(t, rawSaveError(a), "%s: %q", way, allLabels(a))
		assert.True(t, shows(a, "This device could not save"), "%s: %q", way, allLabels(a))
		assert.False(t, isSignedIn(tv.dev), way)
		k.run(5 * ticksPerSecond)
		assert.False(t, tv.signedInOnService(t, phone), "%s: the account lists the TV, which shows nobody signed in", way)

		tv.store.full.Store(false)
		tv.store.failed.Store(0)
		pressKeys(a, back)
		require.Equal(t, "signin", k.screen(), way)
		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
		press(t, a, "menu/settings", "signout", "confirm")
	}
}

// TestSignedOutElsewhereOnAFullDiskStaysSignedOut has Ana's phone sign the TV out
// while the TV cannot save, twice: the TV shows the sign-in screen, and once there
// is room again it keeps that on disk, with its word to the service delivered, so
// that the TV started again (a power cut) does not show Ana's account. Before, the
// TV forgot the session in memory only, and started signed in to Ana again.
func TestSignedOutElsewhereOnAFullDiskStaysSignedOut(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	phone := otherDevice(t, household{svc: tv.svc}, "Ana's Phone", session.DeviceKindPhone)
	pressKeys(a, ok)
	for round := 1; round <= 2; round++ {
		require.Equal(t, "home", k.screen(), "round %d", round)
		k.run(ticksPerSecond) // listening
		tv.store.full.Store(true)
		_, err := phone.SignOutDevice(context.Background(), tv.dev.Info().ID)
		require.NoError(t, err)
		// The TV hears it on its stream, in its own time.
		require.Eventually(t, func() bool { return !isSignedIn(tv.dev) }, 5*time.Second, time.Millisecond,
			"round %d: the TV never heard it was signed out", round)
		k.run(1)
		assert.Equal(t, "signin", k.screen(), "round %d", round)

		tv.store.full.Store(false)
		k.run(5 * ticksPerSecond)
		in, out := tv.restarted(t)
		assert.False(t, in, "round %d: the TV starts signed in to Ana again", round)
		assert.Zero(t, out, "round %d", round)
		assert.Zero(t, tv.dev.PendingRevocations(), "round %d", round)

		signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		pressKeys(a, ok)
	}
}

// TestDownloadsAsTheSignOutDialogCountsThem starts a download, lets one finish
// while the sign-out dialog is up, and signs out, twice, the second time as Sam
// after Ana: the dialog counts what is in progress and downloaded each time, says
// that something changed with the new counts, and nothing of Ana's shows for Sam.
func TestDownloadsAsTheSignOutDialogCountsThem(t *testing.T) {
	tv := newSickTV(t)
	k := tv.app(t)
	a := k.app
	pressKeys(a, ok)
	for round, who := range []string{"Ana", "Sam"} {
		require.Equal(t, "home", k.screen(), who)
		inProgress, downloaded := 0, 0
		for _, dl := range tv.dev.Downloads() {
			if dl.Complete() {
				downloaded++
			} else {
				inProgress++
			}
		}
		_, err := tv.dev.StartDownload("Night Kitchen", tv.dev.Profiles()[0].ID, 1<<40)
		require.NoError(t, err)
		inProgress++
		press(t, a, "menu/settings", "signout")
		assert.True(t, shows(a, counts(inProgress, downloaded)), "%s: %q", who, allLabels(a))
		for { // one finishes while the dialog is up
			finished, err := tv.dev.AdvanceDownloads(1 << 30)
			require.NoError(t, err)
			if finished {
				break
			}
		}
		press(t, a, "confirm")
		assert.True(t, shows(a, "Something changed on this device"), "%s: %q", who, allLabels(a))
		assert.True(t, shows(a, counts(inProgress-1, downloaded+1)), "%s: %q", who, allLabels(a))
		press(t, a, "confirm")
		require.Equal(t, "signin", k.screen(), who)
		assert.Empty(t, tv.dev.Downloads(), who)
		if round == 0 {
			signInWithEmail(t, a, "sam@example.com", "popcorn-night")
		} else {
			signInWithEmail(t, a, demo.AnaEmail, demo.AnaPassword)
		}
		pressKeys(a, ok)
		assert.False(t, shows(a, "Downloads"), "%s's downloads are gone: %q", who, allLabels(a))
	}
}

// counts is what the sign-out dialog says of downloads in progress and downloaded.
func counts(inProgress, downloaded int) string {
	var s []string
	switch inProgress {
	case 0:
	case 1:
		s = append(s, "1 download in progress will be cancelled.")
	default:
		s = append(s, fmt.Sprintf("%d downloads in progress will be cancelled.", inProgress))
	}
	switch downloaded {
	case 0:
	case 1:
		s = append(s, "1 downloaded title will be deleted.")
	default:
		s = append(s, fmt.Sprintf("%d downloaded titles will be deleted.", downloaded))
	}
	return strings.Join(s, " ")
}
