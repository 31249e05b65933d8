package app

import (
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/internal/testkit"
	"tenfoot/kiosk"
	"tenfoot/session"
	"tenfoot/ui"
)

// tickClock is the time of a TV whose app runs at exactly 60 ticks a second: the
// test moves it one tick at a time, or jumps it as when the TV was off.
type tickClock struct {
	mu    sync.Mutex
	start time.Time
	ticks int64
	jump  time.Duration
}

func (c *tickClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.start.Add(c.jump + time.Duration(c.ticks)*time.Second/ticksPerSecond)
}

func (c *tickClock) tick() {
	c.mu.Lock()
	c.ticks++
	c.mu.Unlock()
}

func (c *tickClock) advance(d time.Duration) {
	c.mu.Lock()
	c.jump += d
	c.mu.Unlock()
}

// kioskTV is a hotel TV on the demo service, with Ana, the guest, signed in.
type kioskTV struct {
	t          *testing.T
	app        *App
	clock      *tickClock
	cfg        kiosk.Config
	deviceDir  string
	serviceDir string
	device     *session.Device
	log        *testkit.Buffer
}

// checkIn is when the guest's stay starts in these tests: 14:00 in a hotel in Lisbon.
var checkIn = time.Date(2026, 11, 25, 14, 0, 0, 0, time.FixedZone("WET", 0))

func newKioskTV(t *testing.T, cfg kiosk.Config, start time.Time) *kioskTV {
	t.Helper()
	k := &kioskTV{t: t, cfg: cfg, clock: &tickClock{start: start}, deviceDir: t.TempDir(), serviceDir: t.TempDir(), log: &testkit.Buffer{}}
	k.start()
	return k
}

// start opens the TV from its state folders and starts the app, as at power-on.
func (k *kioskTV) start() {
	t := k.t
	t.Helper()
	devStore, err := session.NewDirStorage(k.deviceDir)
	require.NoError(t, err)
	svcStore, err := session.NewDirStorage(k.serviceDir)
	require.NoError(t, err)
	_, dev, err := demo.Open(context.Background(), demo.Options{Storage: devStore, ServiceStorage: svcStore,
		Clock: k.clock, PasswordCost: testCost, Device: session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk}})
	require.NoError(t, err)
	k.device = dev
	cfg := k.cfg
	k.app = NewTenfoot(Options{Catalog: demo.Catalog, Version: "test", Kiosk: &cfg, KioskState: devStore, Clock: k.clock, Log: k.log}, dev)
	t.Cleanup(k.app.Close)
}

// stop is a power cut: the app ends, its state stays on disk.
func (k *kioskTV) stop() { k.app.Close() }

// run lets n ticks pass with nobody touching the remote.
func (k *kioskTV) run(n int) {
	for range n {
		k.clock.tick()
		k.app.Update(0, input.Pointer{})
	}
	k.app.Settle()
}

// runUntil runs tick by tick until cond holds, and returns how many ticks it took.
func (k *kioskTV) runUntil(limit int, cond func() bool) int {
	k.t.Helper()
	for i := 1; i <= limit; i++ {
		k.run(1)
		if cond() {
			return i
		}
	}
	k.t.Fatalf("not after %d ticks; on %s", limit, k.app.Screen().Name())
	return 0
}

func (k *kioskTV) screen() string { return k.app.Screen().Name() }

func kioskConfig(t *testing.T, keys map[string]string) kiosk.Config {
	t.Helper()
	c := kiosk.Default()
	for key, v := range keys {
		require.NoError(t, c.Set(key, v))
	}
	require.NoError(t, c.Validate())
	return c
}

func TestKioskStartsOnTheGuestsProfiles(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	assert.Equal(t, "profiles", k.screen())
	pressKeys(k.app, back)
	assert.Equal(t, "profiles", k.screen(), "no Exit? in a kiosk")
}

func TestKioskIdleCountdownAppearsAtTheRightTick(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "2m", "warning": "30s"}), checkIn)
	pressKeys(k.app, ok) // Ana's profile: the last input, at 14:00:00
	require.Equal(t, "home", k.screen())

	ticks := k.runUntil(3*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
	assert.Equal(t, 2*60*ticksPerSecond, ticks, "the countdown comes after exactly two idle minutes")
	assert.Equal(t, "Signing out Ana in 30 s.", k.app.Title())
	assert.True(t, shows(k.app, "Press any button to stay signed in."))
	assert.False(t, shows(k.app, "Continue watching"), "the countdown covers the whole screen")

	k.run(10 * ticksPerSecond)
	assert.Equal(t, "Signing out Ana in 20 s.", k.app.Title())
	assert.Contains(t, k.log.String(), "idle for 2m0s: countdown of 30s")
}

func TestKioskAnyInputCancelsTheCountdown(t *testing.T) {
	tests := []struct {
		name  string
		input func(a *App)
	}{
		{"OK", func(a *App) { pressKeys(a, ok) }},
		{"Back", func(a *App) { pressKeys(a, back) }},
		{"a direction", func(a *App) { pressKeys(a, down) }},
		{"a held key, through Update", func(a *App) {
			a.Update(input.HeldSet(0).Add(right), input.Pointer{})
			a.Update(0, input.Pointer{})
		}},
		{"the pointer", func(a *App) { a.Update(0, input.Pointer{Moved: true, X: 10, Y: 10}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m"}), checkIn)
			pressKeys(k.app, ok)
			_, before := focused(t, k.app)
			k.runUntil(2*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
			k.run(25 * ticksPerSecond)

			tt.input(k.app)
			screen, label := focused(t, k.app)
			assert.Equal(t, "home", screen, "back where the guest was")
			assert.Equal(t, before, label, "the press only cancelled the countdown")
			assert.True(t, isSignedIn(k.device))

			k.run(59 * ticksPerSecond)
			assert.Equal(t, "home", k.screen(), "idle time starts again from the press")
			k.run(ticksPerSecond)
			assert.Equal(t, "kiosk-countdown", k.screen())
		})
	}
}

func TestKioskIdleSignsOutAndLeavesNothingOfTheGuest(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m", "warning": "30s"}), checkIn)
	token, account, profiles := guestSecrets(t, k)
	pressKeys(k.app, ok, right, ok, down) // open a title's details: screens of the guest's

	k.runUntil(2*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
	k.run(30*ticksPerSecond - 1)
	require.True(t, isSignedIn(k.device), "one tick before the end")
	k.run(1)

	screen, label := focused(t, k.app)
	assert.Equal(t, "kiosk-welcome", screen)
	assert.Equal(t, "Sign in with your phone", label, "sign-in with a code first")
	assert.True(t, shows(k.app, "The last guest was signed out. Nothing of theirs is left on this TV."))
	assert.False(t, isSignedIn(k.device))
	assert.Empty(t, k.device.Downloads())
	assert.Zero(t, k.device.PendingRevocations(), "the service confirmed the sign-out")
	assert.Len(t, k.app.stack, 1)
	assert.True(t, reflect.ValueOf(k.app.env).Elem().FieldByName("watching").IsNil(), "no history row stays in memory")
	assert.Contains(t, k.log.String(), "idle: signing the guest out")

	traces := append([]string{demo.AnaEmail, "a•••@example.com", token, account, "Ana", "Ben", "Grandpa"}, profiles...)
	assertNoTrace(t, k, traces)

	k.run(5 * 60 * ticksPerSecond)
	assert.Equal(t, "kiosk-welcome", k.screen(), "nobody to sign out: the welcome screen stays")
}

// guestSecrets reads the guest's token, account id and profile ids from the TV's
// state while they are signed in, to look for them after they are gone.
func guestSecrets(t *testing.T, k *kioskTV) (token, account string, profiles []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(k.deviceDir, "device.json"))
	require.NoError(t, err)
	var st struct {
		Token   string `json:"token"`
		Account struct {
			ID string `json:"id"`
		} `json:"account"`
		Profiles []struct {
			ID string `json:"id"`
		} `json:"profiles"`
	}
	require.NoError(t, json.Unmarshal(data, &st))
	require.Len(t, st.Token, 43, "the guest is signed in")
	for _, p := range st.Profiles {
		profiles = append(profiles, p.ID)
	}
	return st.Token, st.Account.ID, profiles
}

// assertNoTrace scans every file of the TV's state folder and the app's log.
func assertNoTrace(t *testing.T, k *kioskTV, traces []string) {
	t.Helper()
	files := 0
	err := filepath.WalkDir(k.deviceDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		for _, s := range traces {
			assert.NotContains(t, string(data), s, "%s keeps a trace of the guest", filepath.Base(path))
		}
		return nil
	})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, files, 2, "the device's state and the kiosk's were scanned")
	log := k.log.String()
	require.NotEmpty(t, log)
	for _, s := range traces {
		assert.NotContains(t, log, s, "the log names the guest")
	}
}

func TestKioskPlayingIsNotIdle(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m"}), checkIn)
	pressKeys(k.app, ok, right, ok, ok) // play Meridian
	require.Equal(t, "player", k.screen())
	k.run(3 * 60 * ticksPerSecond)
	assert.Equal(t, "player", k.screen())
	pressKeys(k.app, input.ActionPlayPause) // paused: idle from here
	k.run(60*ticksPerSecond - 1)
	assert.Equal(t, "player", k.screen())
	k.run(1)
	assert.Equal(t, "kiosk-countdown", k.screen())
}

func TestKioskCheckoutAtElevenExactly(t *testing.T) {
	morning := time.Date(2026, 11, 28, 10, 58, 0, 0, checkIn.Location())
	k := newKioskTV(t, kioskConfig(t, map[string]string{"checkout": "11:00", "warning": "30s"}), morning)
	pressKeys(k.app, ok, right, ok, ok) // watching something at checkout
	require.Equal(t, "player", k.screen())

	notice := k.runUntil(3*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
	assert.Equal(t, 90*ticksPerSecond, notice, "the notice comes at 10:59:30")
	assert.Equal(t, "Signing out Ana in 30 s.", k.app.Title())
	assert.True(t, shows(k.app, "It is checkout time."))

	pressKeys(k.app, ok, back, home)
	assert.Equal(t, "kiosk-countdown", k.screen(), "nothing stops a checkout")

	k.run(30*ticksPerSecond - 1)
	assert.Equal(t, time.Date(2026, 11, 28, 10, 59, 59, 983333333, checkIn.Location()), k.clock.Now())
	assert.True(t, isSignedIn(k.device), "still signed in a tick before 11:00")
	k.run(1)
	assert.True(t, k.clock.Now().Equal(time.Date(2026, 11, 28, 11, 0, 0, 0, checkIn.Location())))
	assert.False(t, isSignedIn(k.device), "signed out at 11:00:00")
	assert.Equal(t, "kiosk-welcome", k.screen())
	assert.Contains(t, k.log.String(), "checkout: signing the guest out")
}

func TestKioskOffAcrossCheckoutSignsOutAtStart(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"checkout": "11:00"}), checkIn)
	token, account, profiles := guestSecrets(t, k)
	pressKeys(k.app, ok)
	k.run(ticksPerSecond)
	k.stop()

	k.clock.advance(22 * time.Hour) // off from 14:00 to 12:00 the next day
	k.start()
	assert.Equal(t, "kiosk-countdown", k.screen(), "nothing of the guest shows, not even Who's watching")
	assert.Equal(t, "Signing out and clearing this TV…", k.app.Title())
	k.app.Settle()
	assert.False(t, isSignedIn(k.device))
	assert.Equal(t, "kiosk-welcome", k.screen())
	assertNoTrace(t, k, append([]string{demo.AnaEmail, token, account, "Grandpa"}, profiles...))
}

func TestKioskOffWhileIdleSignsOutAtStart(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "4h"}), checkIn)
	pressKeys(k.app, ok)
	k.run(ticksPerSecond)
	k.stop()

	k.clock.advance(3 * time.Hour) // a power cut of three hours: the guest's time runs on
	k.start()
	assert.Equal(t, "profiles", k.screen(), "back on, the guest is still signed in")
	k.stop()

	k.clock.advance(2 * time.Hour) // five hours without input
	k.start()
	k.app.Settle()
	assert.False(t, isSignedIn(k.device))
	assert.Equal(t, "kiosk-welcome", k.screen())
}

// red is the red colour key that hotel remotes have.
const red = input.ActionRed

// holdBack holds Back for the given number of ticks, as staff do to reach their
// settings, then lets go.
func (k *kioskTV) holdBack(ticks int) {
	held := input.HeldSet(0).Add(back)
	for range ticks {
		k.clock.tick()
		k.app.Update(held, input.Pointer{})
	}
	k.clock.tick()
	k.app.Update(0, input.Pointer{})
	k.app.Settle()
}

// guestSignsIn signs the next guest in on the welcome screen, with email and
// password, and opens their first profile.
func guestSignsIn(t *testing.T, k *kioskTV) {
	t.Helper()
	require.Equal(t, "kiosk-welcome", k.screen())
	press(t, k.app, "email")
	typeText(t, k.app, demo.AnaEmail)
	press(t, k.app, "kb/"+ui.KeyDone)
	typeText(t, k.app, demo.AnaPassword)
	press(t, k.app, "kb/"+ui.KeyDone)
	require.Equal(t, "profiles", k.screen())
	press(t, k.app, "profile/"+k.device.Profiles()[0].ID.String())
	require.Equal(t, "home", k.screen())
}

func TestKioskSignOutAndClearIsOnePressFromHome(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	pressKeys(k.app, ok)
	for guest := range 2 {
		require.Equal(t, "home", k.screen())
		pressKeys(k.app, red) // the hotel remote's red key, from the first title
		screen, label := focused(t, k.app)
		require.Equal(t, "signout", screen, "guest %d", guest)
		assert.Equal(t, "Cancel", label, "one press opens the dialog, never signs out")
		assert.True(t, shows(k.app, "Sign out of Ana (a•••@example.com)?"), "the same dialog that names the account")
		assert.True(t, shows(k.app, "2 downloads in progress will be cancelled: The Long Tide and North Ridge."),
			"it names the downloads Home shows")
		pressKeys(k.app, right)
		assert.Equal(t, "Sign out and clear", focusedLabel(t, k.app))
		pressKeys(k.app, ok)
		assert.Equal(t, "kiosk-welcome", k.screen())
		assert.False(t, isSignedIn(k.device))
		assert.False(t, shows(k.app, "Ana"), "the welcome screen names nobody")
		guestSignsIn(t, k)
		for _, title := range []string{"The Long Tide", "North Ridge"} { // the next guest downloads the same two
			_, err := k.device.StartDownload(title, k.device.Profiles()[0].ID, 1200<<20)
			require.NoError(t, err)
		}
	}
}

func TestKioskSignOutAndClearIsTheMenusFirstItemOnOneLine(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	pressKeys(k.app, ok)
	for range 2 {
		pressKeys(k.app, left, up)
		screen, label := focused(t, k.app)
		require.Equal(t, "home", screen)
		require.Equal(t, "Sign out and clear this TV", label)
		n := k.app.Focused()
		assert.False(t, n.Wrap, "one line")
		assert.Equal(t, k.app.View().Root().Find("menu/home").Rect.H, n.Rect.H, "as tall as Home and Settings below it")
		pressKeys(k.app, up)
		assert.Equal(t, "Sign out and clear this TV", focusedLabel(t, k.app), "nothing above it")
		pressKeys(k.app, ok)
		assert.Equal(t, "Cancel", focusedLabel(t, k.app))
		pressKeys(k.app, right, ok)
		guestSignsIn(t, k)
	}
}

func TestKioskWelcome(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"checkout": "11:00", "operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok, left, up, ok, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	assert.True(t, shows(k.app, "signed out after 4 hours without use and at checkout, 11:00"))

	pressKeys(k.app, back, back, home)
	assert.Equal(t, "kiosk-welcome", k.screen(), "Back does nothing: no Exit?")
	assert.Len(t, k.app.stack, 1)
	assert.False(t, k.app.Exited())

	pressKeys(k.app, ok)
	assert.Equal(t, "signin-code", k.screen())
	pressKeys(k.app, back)
	assert.Equal(t, "kiosk-welcome", k.screen())
}

func TestKioskStaffSettingsAreHiddenFromGuests(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok)
	press(t, k.app, "menu/settings")
	assert.False(t, shows(k.app, "Staff settings"), "not in Settings")
	pressKeys(k.app, back, red, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	assert.False(t, shows(k.app, "Staff settings"), "not on the welcome screen")
}

func TestKioskStaffSettingsOpenByHoldingBack(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok)
	for round := range 2 {
		k.holdBack(staffHoldTicks - 1)
		assert.Equal(t, "home", k.screen(), "round %d: Back held a little under 3 s is only Back", round)
		assert.Equal(t, "Home", focusedLabel(t, k.app), "Back went to the menu, as it does")
		pressKeys(k.app, back)
		assert.Equal(t, "home", k.screen(), "a short press opens nothing")

		k.holdBack(staffHoldTicks)
		require.Equal(t, "staff-pin", k.screen(), "round %d", round)
		press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
		require.Equal(t, "kiosk-settings", k.screen())
		assert.True(t, shows(k.app, "Room 214"))
		press(t, k.app, "close")
		assert.Equal(t, "home", k.screen(), "back where staff started")
	}
	pressKeys(k.app, left, up, ok, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	for range 2 {
		k.holdBack(staffHoldTicks)
		require.Equal(t, "staff-pin", k.screen(), "also with nobody signed in")
		pressKeys(k.app, back)
		assert.Equal(t, "kiosk-welcome", k.screen())
	}
}

func TestKioskWithoutAStaffPINHasNoStaffSettings(t *testing.T) {
	k := newKioskTV(t, kiosk.Default(), checkIn)
	pressKeys(k.app, ok)
	k.holdBack(2 * staffHoldTicks)
	assert.Equal(t, "home", k.screen())
}

func TestKioskStaffPIN(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok, left, up, ok, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())

	k.holdBack(staffHoldTicks)
	require.Equal(t, "staff-pin", k.screen())
	press(t, k.app, "pin/1", "pin/2", "pin/3", "pin/4")
	assert.True(t, shows(k.app, "That PIN is not right."))
	press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
	assert.Equal(t, "kiosk-settings", k.screen())
	assert.True(t, shows(k.app, "After 4 hours without use, with a countdown of 30 seconds"))
	assert.True(t, shows(k.app, "Room 214"))
	press(t, k.app, "close")
	assert.Equal(t, "kiosk-welcome", k.screen())

	k.holdBack(staffHoldTicks)
	for range 5 { // five wrong PINs lock the pad

		press(t, k.app, "pin/1", "pin/1", "pin/1", "pin/1")
	}
	assert.True(t, shows(k.app, "Too many attempts. Try again in 5 minutes."))
	press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
	assert.Equal(t, "staff-pin", k.screen(), "locked, even with the right PIN")
	k.clock.advance(5 * time.Minute)
	press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
	assert.Equal(t, "kiosk-settings", k.screen())
}

func TestKioskStaffSignTheGuestOut(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok)
	k.holdBack(staffHoldTicks)
	press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
	require.Equal(t, "kiosk-settings", k.screen())
	assert.False(t, shows(k.app, "Ana"), "staff see that someone is signed in, not who")
	assert.True(t, shows(k.app, "Someone is signed in"), "%q", allLabels(k.app))
	assert.False(t, shows(k.app, "Signed in as"), "a label that names nobody after it")
	press(t, k.app, "signout")
	require.Equal(t, "signout", k.screen())
	press(t, k.app, "confirm")
	assert.Equal(t, "kiosk-welcome", k.screen())
	assert.False(t, isSignedIn(k.device))
}

// offlineService is the account service behind a network that can go down.
type offlineService struct {
	session.Service
	down atomic.Bool
}

func (s *offlineService) SignOut(ctx context.Context, token string) error {
	if s.down.Load() {
		return session.ErrOffline
	}
	return s.Service.SignOut(ctx, token)
}

// serviceBehind returns the demo service on clock and the network in front of it.
func serviceBehind(t *testing.T, clock session.Clock) (*session.Embedded, *offlineService) {
	t.Helper()
	svc := demoService(t, clock)
	return svc, &offlineService{Service: svc}
}

// demoService returns the demo's account service, seeded, on clock.
func demoService(t *testing.T, clock session.Clock) *session.Embedded {
	t.Helper()
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Clock: clock, PasswordCost: testCost})
	require.NoError(t, err)
	require.NoError(t, demo.Seed(svc))
	return svc
}

// kioskGuest returns a hotel TV, Room 214, keeping its state in store and reaching
// svc through net, with Ana signed in as its guest, and her phone signed in to svc.
func kioskGuest(t *testing.T, clock session.Clock, svc, net session.Service) (store session.Storage, tv, phone *session.Device) {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	tv, err = session.OpenDevice(store, net, clock, session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk})
	require.NoError(t, err)
	require.NoError(t, tv.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	phone, err = session.OpenDevice(&session.MemStorage{}, svc, clock, session.DeviceInfo{Name: "Ana's Phone", Kind: session.DeviceKindPhone})
	require.NoError(t, err)
	require.NoError(t, phone.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	return store, tv, phone
}

func TestKioskSignOutWhileTheServiceIsDownWaitsInTheOutbox(t *testing.T) {
	clock := &tickClock{start: checkIn}
	svc, net := serviceBehind(t, clock)
	store, dev, phone := kioskGuest(t, clock, svc, net)

	log := &testkit.Buffer{}
	cfg := kioskConfig(t, map[string]string{"idleTimeout": "1m"})
	a := NewTenfoot(Options{Catalog: demo.Catalog, Kiosk: &cfg, KioskState: store, Clock: clock, Log: log}, dev)
	t.Cleanup(a.Close)
	k := &kioskTV{t: t, app: a, clock: clock, device: dev, log: log}

	net.down.Store(true)
	k.run(90 * ticksPerSecond)
	assert.False(t, isSignedIn(dev), "wiped at once, network or not")
	assert.Equal(t, 1, dev.PendingRevocations())
	assert.Contains(t, log.String(), "the sign-out waits in the outbox")
	assert.Equal(t, "kiosk-welcome", k.screen())

	net.down.Store(false)
	k.runUntil(10*60*ticksPerSecond, func() bool { return dev.PendingRevocations() == 0 })
	devices, err := phone.Devices(context.Background())
	require.NoError(t, err)
	for _, d := range devices {
		assert.NotEqual(t, "Room 214", d.Name, "the service revoked the kiosk's session")
	}
	assert.Contains(t, log.String(), "the service confirmed the sign-out")
}

func TestKioskScreensFitTheSafeArea(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"idleTimeout": "1m", "operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok)
	k.run(61 * ticksPerSecond)
	require.Equal(t, "kiosk-countdown", k.screen())
	assertInSafeArea(t, k.app)
	pressKeys(k.app, ok, left, up)
	assertInSafeArea(t, k.app)
	pressKeys(k.app, ok, right, ok)
	require.Equal(t, "kiosk-welcome", k.screen())
	assertInSafeArea(t, k.app)
	k.holdBack(staffHoldTicks)
	press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
	require.Equal(t, "kiosk-settings", k.screen())
	assertInSafeArea(t, k.app)
	assert.False(t, strings.Contains(k.log.String(), "Ana"))
}

// A guest who locked the staff PIN pad pulls the TV's plug, or tries four PINs,
// restarts the TV and tries more: the lock and the count outlast the restart, twice.
// Before, a restart forgot both, and five PINs a restart tried all 10,000 in a week.
func TestKioskStaffPINLockOutlastsARestart(t *testing.T) {
	k := newKioskTV(t, kioskConfig(t, map[string]string{"operatorPin": "2468"}), checkIn)
	pressKeys(k.app, ok)
	restart := func() {
		k.run(1) // a tick of the TV's before the plug is pulled
		k.stop()
		k.clock.advance(30 * time.Second) // the TV starts again
		k.start()
		pressKeys(k.app, ok)
		k.holdBack(staffHoldTicks)
		require.Equal(t, "staff-pin", k.screen())
	}
	wrong := func() { press(t, k.app, "pin/1", "pin/1", "pin/1", "pin/1") }
	for round := range 2 {
		k.holdBack(staffHoldTicks)
		for range 5 {
			wrong()
		}
		require.True(t, shows(k.app, "Too many attempts. Try again in 5 minutes."), "round %d", round)
		restart()
		press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
		assert.Equal(t, "staff-pin", k.screen(), "round %d: still locked after a restart", round)
		assert.True(t, shows(k.app, "Too many attempts. Try again in 4 minutes."), "round %d: %q", round, allLabels(k.app))

		k.clock.advance(5 * time.Minute)
		for range 4 {
			wrong()
		}
		assert.True(t, shows(k.app, "That PIN is not right."), "round %d", round)
		restart()
		wrong()
		assert.True(t, shows(k.app, "Too many attempts. Try again in 5 minutes."), "round %d: the fifth wrong PIN, across a restart", round)

		k.clock.advance(5 * time.Minute)
		press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
		require.Equal(t, "kiosk-settings", k.screen(), "round %d", round)
		press(t, k.app, "close")
	}
}
