package session

import (
	"os"
	"path/filepath"
	"testing"
	"time"

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
	d, net, dir := h.signedIn("TV")
	token := tokenOf(d)
	plan, err := d.Plan()
	require.NoError(t, err)
	net.unplug()
	_, err = d.Confirm(ctx, plan)
	require.NoError(t, err)
	require.Equal(t, 1, d.PendingRevocations())

	// The saved state is damaged while the revocation waits in the outbox.
	net.plugIn()
	d = h.reopenDamaged(dir, net)
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

func TestFailedSaveChangesNothing(t *testing.T) {
	h := newHousehold(t)
	d, _, dir := h.signedIn("TV")
	plan, err := d.Plan()
	require.NoError(t, err)
	require.NoError(t, os.Chmod(dir, 0o500)) // read-only: saves fail
	defer os.Chmod(dir, 0o700)
	if os.Geteuid() == 0 {
		// root ignores permissions; break the folder instead.
		require.NoError(t, os.RemoveAll(dir))
	}
	_, err = d.Confirm(ctx, plan)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "still signed in")
	_, signedIn := d.Account()
	assert.True(t, signedIn, "a sign-out that could not be saved did not half happen")
	assert.Nil(t, h.sessionOf(d).Revoked)
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
