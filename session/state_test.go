package session

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCorruptDeviceStateIsSetAsideAndStartsSignedOut(t *testing.T) {
	for name, content := range map[string]string{
		"truncated":    `{"device":{"id":"`,
		"not json":     "\x00\x01garbage",
		"no device id": `{"token":"abc"}`,
		"wrong types":  `{"device":{"id":42}}`,
	} {
		t.Run(name, func(t *testing.T) {
			h := newHousehold(t)
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "device.json"), []byte(content), 0o600))
			store, err := NewDirStorage(dir)
			require.NoError(t, err)
			d, err := OpenDevice(store, h.svc, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
			require.ErrorIs(t, err, ErrCorruptState)
			require.NotNil(t, d, "the device still works")
			assert.Contains(t, err.Error(), "saved device state was unreadable")
			assert.Contains(t, err.Error(), "started signed out")
			_, signedIn := d.Account()
			assert.False(t, signedIn)

			var ce *CorruptStateError
			require.ErrorAs(t, err, &ce)
			kept, rerr := os.ReadFile(ce.MovedTo)
			require.NoError(t, rerr)
			assert.Equal(t, content, string(kept), "the bad file is kept for inspection")

			require.NoError(t, d.SignIn(ctx, anaEmail, anaPassword), "and can sign in again")
		})
	}
}

func TestCorruptDeviceStateStillDeliversItsRevocations(t *testing.T) {
	h := newHousehold(t)
	_, net, dir, token := h.signedOutOffline()

	// The saved state is damaged while the revocation waits in the outbox.
	d := h.reopenDamaged(dir, net)
	assert.Equal(t, 1, d.PendingRevocations(), "the token was salvaged")
	assert.Zero(t, d.Flush(ctx))
	assert.NotNil(t, h.session(token).Revoked, "the revocation was not lost")
}

func TestCorruptServiceStateIsSetAside(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "service.json"), []byte("{{{"), 0o600))
	store, err := NewDirStorage(dir)
	require.NoError(t, err)
	svc, err := OpenEmbedded(EmbeddedOptions{Storage: store, PasswordCost: lowCost})
	require.ErrorIs(t, err, ErrCorruptState)
	require.NotNil(t, svc)
	_, err = svc.Check(ctx, "anything")
	assert.ErrorIs(t, err, ErrUnauthorized, "no session survives a corrupt service state")
}

func TestStateSurvivesRestart(t *testing.T) {
	h := newHousehold(t)
	d, net, dir := h.signedIn("TV")
	withDownloads(t, d)
	id := d.Info().ID

	// Restart both the service and the device from disk.
	store, err := NewDirStorage(h.dir)
	require.NoError(t, err)
	svc, err := OpenEmbedded(EmbeddedOptions{Storage: store, Clock: h.clock, PasswordCost: lowCost})
	require.NoError(t, err)
	net.Service = svc
	d = h.reopen(dir, net)
	assert.Equal(t, id, d.Info().ID, "the device id is stable per install")
	require.NoError(t, d.Refresh(ctx), "the session is still valid")
	assert.Len(t, d.Downloads(), 5)
}

func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	s, err := NewDirStorage(dir)
	require.NoError(t, err)
	require.NoError(t, s.Save("x", []byte("one")))
	require.NoError(t, s.Save("x", []byte("two")))
	got, err := s.Load("x")
	require.NoError(t, err)
	assert.Equal(t, "two", string(got))
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "no temporary files are left behind")

	// A failing save (the folder is gone) leaves an error, not a partial file.
	require.NoError(t, os.RemoveAll(dir))
	assert.Error(t, s.Save("x", []byte("three")))
}

// A sign-out whose save the storage refuses (a read-only card, a full disk) is done
// all the same: the device is signed out in memory, saying it keeps that unsaved,
// and the session is ended at the service, where before the device stayed signed
// in until the storage took a write, for good on a card that never would.
func TestASignOutTheStorageRefusesIsDoneAllTheSame(t *testing.T) {
	h := newHousehold(t)
	d, _, dir := h.signedIn("TV")
	token := tokenOf(d)
	plan, err := d.Plan()
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o500)) // read-only: saves fail
	defer os.Chmod(dir, 0o700)
	if os.Geteuid() == 0 {
		// root ignores permissions; break the folder instead.
		require.NoError(t, os.RemoveAll(dir))
	}
	res, err := d.Confirm(ctx, plan)
	require.NoError(t, err)
	assert.True(t, res.Confirmed, "the service was told")
	_, signedIn := d.Account()
	assert.False(t, signedIn)
	unsaved, _ := d.Unsaved()
	assert.True(t, unsaved)
	require.NotNil(t, h.session(token))
	assert.NotNil(t, h.session(token).Revoked, "ended at the service")
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 32 * time.Second, 64 * time.Second, 128 * time.Second, 256 * time.Second, retryMax, retryMax}
	for i, w := range want {
		assert.Equal(t, w, backoff(i+1), "after %d attempts", i+1)
	}
}

func TestEndedSessionsAreForgottenInTime(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	old := tokenOf(tv)
	plan, err := tv.Plan()
	require.NoError(t, err)
	_, err = tv.Confirm(ctx, plan)
	require.NoError(t, err)

	h.clock.Advance(keepWiped - time.Hour)
	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	_, err = h.svc.Check(ctx, old)
	assert.ErrorIs(t, err, ErrRevoked, "still known as signed out")

	h.clock.Advance(2 * time.Hour)
	other, _, _ := h.signedIn("Other") // any sign-in tidies up
	_, err = h.svc.Check(ctx, old)
	assert.ErrorIs(t, err, ErrUnauthorized, "forgotten after the keeping time")
	assert.NoError(t, tv.Refresh(ctx), "live sessions stay")
	assert.NoError(t, other.Refresh(ctx))
}

// A device is named by its host at every start, as a browser is by its browser and
// system: the name follows, the ID stays, and the account's device list shows the new
// name after the next sign-in. A start that names nothing keeps the name.
func TestDeviceTakesItsHostsNameAtStart(t *testing.T) {
	h := newHousehold(t)
	d, net, dir := h.signedIn("Web browser")
	id := d.Info().ID
	for round, name := range []string{"Chrome on Linux", "Firefox on Linux"} {
		store, err := NewDirStorage(dir)
		require.NoError(t, err)
		d, err = OpenDevice(store, net, h.clock, DeviceInfo{Name: name, Kind: DeviceKindBrowser})
		require.NoError(t, err)
		assert.Equal(t, DeviceInfo{ID: id, Name: name, Kind: DeviceKindBrowser}, d.Info(), "round %d", round)
		plan, err := d.Plan()
		require.NoError(t, err)
		_, err = d.Confirm(t.Context(), plan)
		require.NoError(t, err)
		require.NoError(t, d.SignIn(t.Context(), anaEmail, anaPassword))
		devices, err := d.Devices(t.Context())
		require.NoError(t, err)
		var names []string
		for _, dev := range devices {
			if dev.ID == id {
				names = append(names, dev.Name)
			}
		}
		assert.Equal(t, []string{name}, names, "round %d", round)
		assert.Equal(t, name, h.reopen(dir, net).Info().Name, "round %d: a start naming nothing keeps the name", round)
	}
}

// The email last signed in with stays on the device through sign-outs and restarts,
// for the next sign-in to offer, until it is forgotten.
func TestLastEmailOutlivesSignOutUntilForgotten(t *testing.T) {
	h := newHousehold(t)
	d, net, dir := h.device("Living Room TV", DeviceKindTV)
	for round := 1; round <= 2; round++ {
		require.NoError(t, d.SignIn(t.Context(), anaEmail, anaPassword))
		require.NoError(t, d.RememberEmail(anaEmail))
		plan, err := d.Plan()
		require.NoError(t, err)
		_, err = d.Confirm(t.Context(), plan)
		require.NoError(t, err)
		d = h.reopen(dir, net)
		assert.Equal(t, anaEmail, d.LastEmail(), "round %d", round)
		data, err := os.ReadFile(filepath.Join(dir, "device.json"))
		require.NoError(t, err)
		assert.NotContains(t, string(data), anaPassword, "round %d", round)

		require.NoError(t, d.RememberEmail(""))
		assert.Empty(t, h.reopen(dir, net).LastEmail(), "round %d: forgotten", round)
	}
}

// fullOnce is storage whose first save fails, as on a full disk.
type fullOnce struct {
	Storage
	failed bool
}

func (s *fullOnce) Save(name string, data []byte) error {
	if !s.failed {
		s.failed = true
		return errors.New("no space left on device")
	}
	return s.Storage.Save(name, data)
}

// TestCorruptStateWhoseFirstSaveFailsIsSalvagedAgain damages the state while a
// sign-out waits in the outbox, and fills the disk for the start that finds it. The
// next start salvages the sign-out again and delivers it. Before, the damaged file
// was moved aside before the salvaged state was saved, so after the failed save the
// next start found no state and the sign-out was lost.
func TestCorruptStateWhoseFirstSaveFailsIsSalvagedAgain(t *testing.T) {
	h := newHousehold(t)
	_, net, dir, token := h.signedOutOffline()
	damage(t, dir)

	store, err := NewDirStorage(dir)
	require.NoError(t, err)
	_, err = OpenDevice(&fullOnce{Storage: store}, net, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.ErrorContains(t, err, "no space left on device")
	d, err := OpenDevice(store, net, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.ErrorIs(t, err, ErrCorruptState)
	assert.Equal(t, 1, d.PendingRevocations(), "salvaged again")
	assert.Zero(t, d.Flush(ctx))
	assert.NotNil(t, h.session(token).Revoked, "and delivered")
}

// TestStateOfTheWrongShapeIsCorrupt reads saved state that decodes but cannot be
// what was saved: a session without its account, a null where a record belongs. It
// is set aside as corrupt, a session's token salvaged, and the app works on. Before,
// each crashed the app: at start, or at the first read that met it.
func TestStateOfTheWrongShapeIsCorrupt(t *testing.T) {
	t.Run("a device's session without its account", func(t *testing.T) {
		h := newHousehold(t)
		d, net, dir := h.signedIn("TV")
		token := tokenOf(d)
		path := filepath.Join(dir, "device.json")
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		var doc map[string]any
		require.NoError(t, json.Unmarshal(data, &doc))
		doc["account"] = nil
		data, err = json.Marshal(doc)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(path, data, 0o600))

		store, err := NewDirStorage(dir)
		require.NoError(t, err)
		d, err = OpenDevice(store, net, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
		require.ErrorIs(t, err, ErrCorruptState)
		assert.Contains(t, err.Error(), "a session without its account")
		assert.NotPanics(t, func() { d.Refresh(ctx) })
		assert.Zero(t, d.Flush(ctx))
		assert.NotNil(t, h.session(token).Revoked, "its session was ended")
		require.NoError(t, d.SignIn(ctx, anaEmail, anaPassword), "and the device signs in again")
	})
	for _, doc := range []string{`{"accounts":[null]}`, `{"seq":3,"accounts":[null]}`, `{"accounts":[{"profiles":[null]}]}`,
		`{"sessions":[null]}`, `{"devices":[null]}`, `{"deviceAuths":[null]}`} {
		t.Run("the service's "+doc, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "service.json"), []byte(doc), 0o600))
			store, err := NewDirStorage(dir)
			require.NoError(t, err)
			var svc *Embedded
			require.NotPanics(t, func() { svc, err = OpenEmbedded(EmbeddedOptions{Storage: store, PasswordCost: lowCost}) })
			require.ErrorIs(t, err, ErrCorruptState)
			require.NotPanics(t, func() { seedHousehold(t, svc) })
			_, err = svc.SignIn(ctx, NewDeviceIdentity("TV", DeviceKindTV), anaEmail, anaPassword)
			assert.NoError(t, err)
		})
	}
}

// TestAClockPutRightStrandsNoSignOut signs out offline while the TV's clock is a
// year ahead, then puts the clock right and the network back: the sign-out is sent
// within the longest wait between tries. Before, it waited for the year.
func TestAClockPutRightStrandsNoSignOut(t *testing.T) {
	h := newHousehold(t)
	d, net, _ := h.signedIn("TV")
	token := tokenOf(d)
	plan, err := d.Plan()
	require.NoError(t, err)
	const year = 365 * 24 * time.Hour
	h.clock.Advance(year)
	net.unplug()
	_, err = d.Confirm(ctx, plan)
	require.NoError(t, err)
	h.clock.Advance(-year)
	net.plugIn()
	next, ok := d.NextRetry()
	require.True(t, ok)
	assert.False(t, next.After(h.clock.Now()), "due now, not in a year")
	assert.Zero(t, d.Flush(ctx))
	assert.NotNil(t, h.session(token).Revoked)
}

// TestTwoInstancesOnOneStateKeepEachOthersChanges opens the device's state twice, as
// two browser tabs share one localStorage. One signs out while offline; the other,
// still showing the account, then starts a download. The second is told nobody is
// signed in, and its screens are rebuilt to show it; the state stays signed out
// with its sign-out waiting, delivered at the next start.
// Before, the second wrote back the state it still held: the account came back, and
// the sign-out was gone from the outbox, never to reach the service.
func TestTwoInstancesOnOneStateKeepEachOthersChanges(t *testing.T) {
	h := newHousehold(t)
	first, net, dir := h.signedIn("TV")
	token := tokenOf(first)
	second := h.reopen(dir, net)
	plan, err := first.Plan()
	require.NoError(t, err)
	net.unplug()
	_, err = first.Confirm(ctx, plan)
	require.NoError(t, err)

	before := second.Revision()
	_, err = second.StartDownload("Summit", uuid.New(), 1000)
	assert.ErrorIs(t, err, ErrNotSignedIn, "the second is told")
	assert.NotEqual(t, before, second.Revision(), "and its screens rebuilt")
	_, signedIn := second.Account()
	assert.False(t, signedIn)
	assert.Equal(t, 1, second.Flush(ctx), "the sign-out waits in its outbox too")

	net.plugIn()
	next := h.reopen(dir, net)
	_, signedIn = next.Account()
	assert.False(t, signedIn, "signed out stays signed out")
	h.clock.Advance(retryMax)
	assert.Zero(t, next.Flush(ctx))
	assert.NotNil(t, h.session(token).Revoked, "and the service has the sign-out")
}

// TestFlushTakesUpAnotherInstancesSignOut: Flush, which the app runs while sign-outs
// wait to be sent, takes up what another instance saved meanwhile, as every change
// does.
func TestFlushTakesUpAnotherInstancesSignOut(t *testing.T) {
	h := newHousehold(t)
	first, net, dir := h.signedIn("TV")
	second := h.reopen(dir, net)
	plan, err := first.Plan()
	require.NoError(t, err)
	_, err = first.Confirm(ctx, plan)
	require.NoError(t, err)
	second.Flush(ctx)
	_, signedIn := second.Account()
	assert.False(t, signedIn)
}

// TestASignOutOfASessionWhoseAccountIsGoneLeavesTheOutbox: the service's state,
// damaged by hand, keeps a session of an account it no longer has. The device's
// sign-out of it is taken, and leaves its outbox. Before, the service refused it as
// not found at every try, and the device sent it for ever.
func TestASignOutOfASessionWhoseAccountIsGoneLeavesTheOutbox(t *testing.T) {
	h := newHousehold(t)
	tv, net, _ := h.signedIn("TV")
	path := filepath.Join(h.dir, "service.json")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(data, &doc))
	accounts := doc["accounts"].([]any)
	require.Equal(t, anaEmail, accounts[0].(map[string]any)["email"])
	doc["accounts"] = accounts[1:]
	data, err = json.Marshal(doc)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, data, 0o600))
	store, err := NewDirStorage(h.dir)
	require.NoError(t, err)
	net.Service, err = OpenEmbedded(EmbeddedOptions{Storage: store, Clock: h.clock, PasswordCost: lowCost})
	require.NoError(t, err)

	plan, err := tv.Plan()
	require.NoError(t, err)
	res, err := tv.Confirm(ctx, plan)
	require.NoError(t, err)
	assert.True(t, res.Confirmed)
	assert.Zero(t, tv.PendingRevocations())
}
