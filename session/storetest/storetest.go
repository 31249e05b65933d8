// Package storetest holds the tests every session.Store must pass, so that each
// store behaves the same under the account service's rules.
package storetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// Opener opens the store kept in the folder dir; opening the same folder again
// must find everything committed before.
type Opener func(t *testing.T, dir string) session.Store

// Run runs every test against stores from open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		test func(*testing.T, Opener)
	}{
		{"Accounts", testAccounts},
		{"Profiles", testProfiles},
		{"Sessions", testSessions},
		{"RevokeSessions", testRevokeSessions},
		{"RevokeAllTwice", testRevokeAllTwice},
		{"UnusedSessions", testUnusedSessions},
		{"Devices", testDevices},
		{"MarkListening", testMarkListening},
		{"Events", testEvents},
		{"ConcurrentEvents", testConcurrentEvents},
		{"TwoOpenersOneWriter", testTwoOpenersOneWriter},
		{"Failures", testFailures},
		{"Watches", testWatches},
		{"Secrets", testSecrets},
		{"DeviceAuths", testDeviceAuths},
		{"RollBack", testRollBack},
		{"ServiceSurvivesRestart", testServiceSurvivesRestart},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.test(t, open) })
	}
}

var ctx = context.Background()

// at is a fixed instant, so times compare exactly after a round trip.
var at = time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)

func fresh(t *testing.T, open Opener) session.Store {
	s := open(t, t.TempDir())
	t.Cleanup(func() { s.Close() })
	return s
}

func update(t *testing.T, s session.Store, fn func(session.Tx) error) {
	t.Helper()
	require.NoError(t, s.Update(ctx, fn))
}

func view(t *testing.T, s session.Store, fn func(session.Tx) error) {
	t.Helper()
	require.NoError(t, s.View(ctx, fn))
}

func newAccount(t *testing.T, s session.Store, email string, profiles ...string) session.AccountRecord {
	t.Helper()
	a := session.AccountRecord{Account: session.Account{ID: uuid.New(), Email: email, DisplayName: email[:3], Plan: "Premium"}, PasswordHash: "hash-" + email}
	var records []session.ProfileRecord
	for _, name := range profiles {
		records = append(records, session.ProfileRecord{Profile: session.Profile{ID: uuid.New(), Name: name, Avatar: "fox"}})
	}
	update(t, s, func(tx session.Tx) error { return tx.AddAccount(a, records) })
	return a
}

func newSession(t *testing.T, s session.Store, account uuid.UUID, device string) session.SessionRecord {
	t.Helper()
	r := session.SessionRecord{ID: uuid.New(), TokenHash: "token-" + uuid.NewString(), AccountID: account,
		Device:  session.DeviceInfo{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte(device)), Name: device, Kind: session.DeviceKindTV},
		Created: at, LastSeen: at}
	update(t, s, func(tx session.Tx) error { return tx.AddSession(r) })
	return r
}

func testAccounts(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	view(t, s, func(tx session.Tx) error {
		got, err := tx.AccountByEmail("ana@example.com")
		require.NoError(t, err)
		assert.Equal(t, ana, got)
		got, err = tx.Account(ana.ID)
		require.NoError(t, err)
		assert.Equal(t, ana, got)
		_, err = tx.AccountByEmail("nobody@example.com")
		assert.ErrorIs(t, err, session.ErrNotFound)
		_, err = tx.Account(uuid.New())
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})
	err := s.Update(ctx, func(tx session.Tx) error {
		return tx.AddAccount(session.AccountRecord{Account: session.Account{ID: uuid.New(), Email: "ana@example.com"}}, nil)
	})
	assert.ErrorIs(t, err, session.ErrInvalid, "one account per email")
}

func testProfiles(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana", "Ben", "Kids")
	var profiles []session.ProfileRecord
	view(t, s, func(tx session.Tx) (err error) {
		profiles, err = tx.Profiles(a.ID)
		return err
	})
	require.Len(t, profiles, 3)
	assert.Equal(t, "Ben", profiles[1].Name, "in the order added")

	ben := profiles[1]
	ben.Name, ben.Kids, ben.Locked, ben.PINHash, ben.Language = "Benjamin", true, true, "pin-hash", "ar"
	grandpa := session.ProfileRecord{Profile: session.Profile{ID: uuid.New(), Name: "Grandpa", Avatar: "whale"}}
	update(t, s, func(tx session.Tx) error {
		require.NoError(t, tx.PutProfile(a.ID, ben))
		require.NoError(t, tx.PutProfile(a.ID, grandpa))
		return tx.DeleteProfile(a.ID, profiles[0].ID)
	})
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Profiles(a.ID)
		require.NoError(t, err)
		assert.Equal(t, []session.ProfileRecord{ben, profiles[2], grandpa}, got, "changed in place, added at the end")
		return nil
	})
	assert.ErrorIs(t, s.Update(ctx, func(tx session.Tx) error { return tx.DeleteProfile(a.ID, uuid.New()) }), session.ErrNotFound)
}

func testSessions(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana")
	tv := newSession(t, s, a.ID, "TV")
	stick := newSession(t, s, a.ID, "Stick")
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Session(tv.TokenHash)
		require.NoError(t, err)
		assert.Equal(t, tv, got)
		_, err = tx.Session("no-such-token")
		assert.ErrorIs(t, err, session.ErrNotFound)
		live, err := tx.LiveSessions(a.ID)
		require.NoError(t, err)
		assert.Len(t, live, 2)
		return nil
	})
	later := at.Add(time.Hour)
	update(t, s, func(tx session.Tx) error {
		require.NoError(t, tx.TouchSession(tv.ID, later))
		return tx.WipeSession(stick.ID, later)
	})
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Session(tv.TokenHash)
		require.NoError(t, err)
		assert.Equal(t, later, got.LastSeen)
		got, err = tx.Session(stick.TokenHash)
		require.NoError(t, err)
		require.NotNil(t, got.Revoked, "wiping revokes")
		require.NotNil(t, got.Wiped)
		assert.Equal(t, later, *got.Wiped)
		live, err := tx.LiveSessions(a.ID)
		require.NoError(t, err)
		assert.Equal(t, []session.SessionRecord{{ID: tv.ID, TokenHash: tv.TokenHash, AccountID: a.ID, Device: tv.Device, Created: at, LastSeen: later}}, live)
		return nil
	})

	// A device signing in again ends its sessions; ended sessions are pruned
	// once they are old enough.
	var ended []session.SessionRecord
	update(t, s, func(tx session.Tx) (err error) {
		ended, err = tx.EndDeviceSessions(tv.Device.ID, later)
		return err
	})
	require.Len(t, ended, 1, "only the live session")
	assert.Equal(t, tv.ID, ended[0].ID)
	assert.Equal(t, later, *ended[0].Wiped)
	view(t, s, func(tx session.Tx) error {
		live, err := tx.LiveSessions(a.ID)
		require.NoError(t, err)
		assert.Empty(t, live)
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneSessions(later, later, at) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Session(tv.TokenHash)
		assert.NoError(t, err, "ended at the cut-off, not before it: kept")
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneSessions(later.Add(time.Nanosecond), at, at) })
	view(t, s, func(tx session.Tx) error {
		for _, r := range []session.SessionRecord{tv, stick} {
			_, err := tx.Session(r.TokenHash)
			assert.ErrorIs(t, err, session.ErrNotFound, r.Device.Name)
		}
		return nil
	})
}

// testUnusedSessions checks that sessions left unused are forgotten, and that a
// device the account knows stays known while any session of it is on record.
func testUnusedSessions(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	sam := newAccount(t, s, "sam@example.com", "Sam")
	tv := newSession(t, s, ana.ID, "TV")
	stick := newSession(t, s, ana.ID, "Stick")
	later := at.Add(time.Hour)
	update(t, s, func(tx session.Tx) error { return tx.TouchSession(stick.ID, later) })
	known := func(account uuid.UUID, r session.SessionRecord) bool {
		var ok bool
		view(t, s, func(tx session.Tx) (err error) {
			ok, err = tx.SignedInBefore(account, r.Device.ID)
			return err
		})
		return ok
	}
	assert.True(t, known(ana.ID, tv))
	assert.False(t, known(sam.ID, tv), "known to Ana's account, not to Sam's")
	signedIn := func(device uuid.UUID) bool {
		var ok bool
		view(t, s, func(tx session.Tx) (err error) {
			ok, err = tx.DeviceSignedIn(device)
			return err
		})
		return ok
	}
	assert.True(t, signedIn(tv.Device.ID))
	assert.False(t, signedIn(uuid.New()))

	update(t, s, func(tx session.Tx) error { return tx.PruneSessions(at, at, later) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Session(tv.TokenHash)
		assert.ErrorIs(t, err, session.ErrNotFound, "unused since before the cut-off")
		_, err = tx.Session(stick.TokenHash)
		assert.NoError(t, err, "seen at the cut-off: kept")
		return nil
	})
	assert.False(t, known(ana.ID, tv), "no session on record")
}

// testDevices checks the records of devices and their secrets.
func testDevices(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	tv := session.DeviceRecord{ID: uuid.New(), SecretHash: "tv-secret-hash", Created: at}
	update(t, s, func(tx session.Tx) error { return tx.AddDevice(tv) })
	err := s.Update(ctx, func(tx session.Tx) error {
		return tx.AddDevice(session.DeviceRecord{ID: tv.ID, SecretHash: "another", Created: at})
	})
	assert.ErrorIs(t, err, session.ErrInvalid, "an ID is recorded once")
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Device(tv.ID)
		require.NoError(t, err)
		assert.Equal(t, tv, got)
		_, err = tx.Device(uuid.New())
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})

	// A device with a session on record stays; one without goes once old enough.
	stick := session.DeviceRecord{ID: uuid.NewSHA1(uuid.NameSpaceOID, []byte("Stick")), SecretHash: "stick-secret-hash", Created: at}
	update(t, s, func(tx session.Tx) error { return tx.AddDevice(stick) })
	newSession(t, s, ana.ID, "Stick")
	update(t, s, func(tx session.Tx) error { return tx.PruneDevices(at) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Device(tv.ID)
		assert.NoError(t, err, "created at the cut-off, not before it: kept")
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneDevices(at.Add(time.Nanosecond)) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Device(tv.ID)
		assert.ErrorIs(t, err, session.ErrNotFound, "no session, old enough: forgotten")
		_, err = tx.Device(stick.ID)
		assert.NoError(t, err, "it has a session")
		return nil
	})
}

func testRevokeSessions(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	sam := newAccount(t, s, "sam@example.com", "Sam")
	tv := newSession(t, s, ana.ID, "TV")
	newSession(t, s, ana.ID, "Stick")
	samsTV := newSession(t, s, sam.ID, "Sam's TV")

	// signedIn says whether device has a session of account that RevokeSessions
	// would revoke.
	signedIn := func(account, device uuid.UUID) bool {
		var ok bool
		view(t, s, func(tx session.Tx) (err error) {
			ok, err = tx.SignedInNow(account, device)
			return err
		})
		return ok
	}
	assert.True(t, signedIn(ana.ID, tv.Device.ID))
	assert.False(t, signedIn(sam.ID, tv.Device.ID), "not to another account")
	assert.False(t, signedIn(ana.ID, uuid.New()))

	var revoked []session.SessionRecord
	update(t, s, func(tx session.Tx) (err error) {
		revoked, err = tx.RevokeSessions(ana.ID, tv.Device.ID, at)
		return err
	})
	require.Len(t, revoked, 1)
	assert.False(t, signedIn(ana.ID, tv.Device.ID), "signed out")
	assert.Equal(t, tv.ID, revoked[0].ID)
	assert.Equal(t, at, *revoked[0].Revoked)

	update(t, s, func(tx session.Tx) (err error) {
		revoked, err = tx.RevokeSessions(sam.ID, tv.Device.ID, at)
		return err
	})
	assert.Empty(t, revoked, "another account's device is out of reach")

	update(t, s, func(tx session.Tx) (err error) {
		_, err = tx.RevokeSessions(ana.ID, uuid.Nil, at)
		assert.ErrorIs(t, err, session.ErrInvalid, "no ID means every device")
		revoked, err = tx.RevokeAllSessions(ana.ID, at)
		return err
	})
	require.Len(t, revoked, 1, "every device not yet revoked")
	assert.Equal(t, "Stick", revoked[0].Device.Name)
	assert.False(t, signedIn(ana.ID, revoked[0].Device.ID), "signed out with every device")
	assert.True(t, signedIn(sam.ID, samsTV.Device.ID))
	view(t, s, func(tx session.Tx) error {
		live, err := tx.LiveSessions(sam.ID)
		require.NoError(t, err)
		assert.Equal(t, []session.SessionRecord{samsTV}, live, "Sam is untouched")
		return nil
	})
}

// testRevokeAllTwice signs out of all devices twice, with a device signing in
// between: each sign-out revokes only the sessions live at the time, every way of
// reading a session tells when it was revoked, and no later change to a device
// revokes a session again or moves that time.
func testRevokeAllTwice(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	sam := newAccount(t, s, "sam@example.com", "Sam")
	tv := newSession(t, s, ana.ID, "TV")
	stick := newSession(t, s, ana.ID, "Stick")
	samsTV := newSession(t, s, sam.ID, "Sam's TV")
	first, second := at.Add(time.Minute), at.Add(time.Hour)
	revokeAll := func(when time.Time) (revoked []session.SessionRecord) {
		update(t, s, func(tx session.Tx) (err error) {
			revoked, err = tx.RevokeAllSessions(ana.ID, when)
			return err
		})
		return revoked
	}
	revokedAt := func(r session.SessionRecord) *time.Time {
		var got session.SessionRecord
		view(t, s, func(tx session.Tx) (err error) {
			got, err = tx.Session(r.TokenHash)
			return err
		})
		return got.Revoked
	}

	revoked := revokeAll(first)
	require.Len(t, revoked, 2)
	for _, r := range revoked {
		assert.Equal(t, first, *r.Revoked, r.Device.Name)
	}
	assert.Equal(t, first, *revokedAt(tv))
	assert.Nil(t, revokedAt(samsTV), "Sam is untouched")

	// Nothing done to a device after revokes its old session again.
	update(t, s, func(tx session.Tx) error {
		again, err := tx.RevokeSessions(ana.ID, tv.Device.ID, second)
		assert.Empty(t, again, "already revoked")
		require.NoError(t, err)
		ended, err := tx.EndDeviceSessions(stick.Device.ID, second)
		assert.Empty(t, ended, "already revoked")
		require.NoError(t, err)
		return tx.WipeSession(tv.ID, second)
	})
	assert.Equal(t, first, *revokedAt(tv), "wiping keeps when it was revoked")
	assert.Equal(t, first, *revokedAt(stick))

	phone := newSession(t, s, ana.ID, "Phone")
	view(t, s, func(tx session.Tx) error {
		live, err := tx.LiveSessions(ana.ID)
		require.NoError(t, err)
		assert.Equal(t, []session.SessionRecord{phone}, live, "signed in after the sign-out")
		return nil
	})
	revoked = revokeAll(second)
	require.Len(t, revoked, 1, "only the session live now")
	assert.Equal(t, phone.ID, revoked[0].ID)
	assert.Equal(t, second, *revoked[0].Revoked)
	assert.Equal(t, first, *revokedAt(stick), "the first sign-out's time stays")
	assert.Empty(t, revokeAll(second.Add(time.Minute)), "nothing left to revoke")

	// Revoked sessions are forgotten once their revocation is old enough.
	update(t, s, func(tx session.Tx) error { return tx.PruneSessions(at, second, at) })
	view(t, s, func(tx session.Tx) error {
		for _, r := range []session.SessionRecord{tv, stick} {
			_, err := tx.Session(r.TokenHash)
			assert.ErrorIs(t, err, session.ErrNotFound, r.Device.Name)
		}
		for _, r := range []session.SessionRecord{phone, samsTV} {
			_, err := tx.Session(r.TokenHash)
			assert.NoError(t, err, r.Device.Name)
		}
		return nil
	})
	assert.Equal(t, second, *revokedAt(phone))
}

// testMarkListening has two replicas mark sessions, in batches larger than one
// statement takes: a session's ListeningAt is the last heartbeat of the replicas
// holding it, from every way of reading it, until both clear it or are forgotten.
func testMarkListening(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	tv := newSession(t, s, ana.ID, "TV")
	stick := newSession(t, s, ana.ID, "Stick")
	newSession(t, s, ana.ID, "Tablet")
	first, second := uuid.New(), uuid.New()
	marks := func() map[string]time.Time {
		t.Helper()
		out := map[string]time.Time{}
		view(t, s, func(tx session.Tx) error {
			live, err := tx.LiveSessions(ana.ID)
			require.NoError(t, err)
			for _, r := range live {
				got, err := tx.Session(r.TokenHash)
				require.NoError(t, err)
				assert.Equal(t, r.ListeningAt, got.ListeningAt, "read either way")
				out[r.Device.Name] = r.ListeningAt
			}
			return nil
		})
		return out
	}
	assert.Equal(t, map[string]time.Time{"TV": {}, "Stick": {}, "Tablet": {}}, marks(), "nobody listens yet")

	// The first replica marks many sessions at once, most of them unknown: a
	// session forgotten while its stream was open is skipped.
	ids := []uuid.UUID{tv.ID}
	for range 2500 {
		ids = append(ids, uuid.New())
	}
	ids = append(ids, stick.ID)
	beat := at.Add(10 * time.Second)
	update(t, s, func(tx session.Tx) error {
		known, err := tx.ReplicaAlive(first, beat)
		require.NoError(t, err)
		assert.False(t, known, "a new replica")
		require.NoError(t, tx.MarkListening(first, ids, true))
		return tx.MarkListening(first, ids[:1], true) // again: no harm
	})
	update(t, s, func(tx session.Tx) error {
		known, err := tx.ReplicaAlive(second, beat.Add(5*time.Second))
		require.NoError(t, err)
		assert.False(t, known)
		return tx.MarkListening(second, []uuid.UUID{stick.ID}, true)
	})
	assert.Equal(t, map[string]time.Time{"TV": beat, "Stick": beat.Add(5 * time.Second), "Tablet": {}}, marks(), "the freshest replica holding each")

	// A heartbeat moves every mark of its replica at once.
	later := beat.Add(20 * time.Second)
	update(t, s, func(tx session.Tx) error {
		known, err := tx.ReplicaAlive(first, later)
		require.NoError(t, err)
		assert.True(t, known, "alive before")
		return tx.MarkListening(first, []uuid.UUID{stick.ID}, false)
	})
	assert.Equal(t, map[string]time.Time{"TV": later, "Stick": beat.Add(5 * time.Second), "Tablet": {}}, marks(),
		"the stick's stream on the first closed; the second still holds one")

	// The second replica falls silent and is forgotten, with its marks.
	update(t, s, func(tx session.Tx) error { return tx.PruneReplicas(beat.Add(5 * time.Second)) })
	assert.Equal(t, map[string]time.Time{"TV": later, "Stick": beat.Add(5 * time.Second), "Tablet": {}}, marks(), "silent since the cut-off, not before: kept")
	update(t, s, func(tx session.Tx) error { return tx.PruneReplicas(later) })
	assert.Equal(t, map[string]time.Time{"TV": later, "Stick": {}, "Tablet": {}}, marks())
	update(t, s, func(tx session.Tx) error {
		known, err := tx.ReplicaAlive(second, later)
		require.NoError(t, err)
		assert.False(t, known, "forgotten: it must mark its sessions again")
		return nil
	})

	// Revoking answers with each mark; a session forgotten takes its marks along.
	var revoked []session.SessionRecord
	update(t, s, func(tx session.Tx) (err error) {
		revoked, err = tx.RevokeAllSessions(ana.ID, later)
		return err
	})
	got := map[string]time.Time{}
	for _, r := range revoked {
		got[r.Device.Name] = r.ListeningAt
	}
	assert.Equal(t, map[string]time.Time{"TV": later, "Stick": {}, "Tablet": {}}, got)
	update(t, s, func(tx session.Tx) error { return tx.PruneSessions(at, later.Add(time.Nanosecond), at) })
	tv.TokenHash = "token-again"
	update(t, s, func(tx session.Tx) error { return tx.AddSession(tv) }) // the same ID, as if never forgotten
	view(t, s, func(tx session.Tx) error {
		r, err := tx.Session(tv.TokenHash)
		require.NoError(t, err)
		assert.Zero(t, r.ListeningAt, "its marks went with it")
		return nil
	})
}

func testEvents(t *testing.T, open Opener) {
	s := fresh(t, open)
	ana := newAccount(t, s, "ana@example.com", "Ana")
	sam := newAccount(t, s, "sam@example.com", "Sam")
	devices := []uuid.UUID{uuid.New(), uuid.New()}
	update(t, s, func(tx session.Tx) error {
		ev, err := tx.AppendEvent(session.Event{AccountID: ana.ID, Kind: session.EventSignedOut, Devices: devices, At: at})
		require.NoError(t, err)
		assert.Equal(t, uint64(1), ev.Seq)
		ev, err = tx.AppendEvent(session.Event{AccountID: sam.ID, Kind: session.EventProfilesChanged, At: at})
		require.NoError(t, err)
		assert.Equal(t, uint64(1), ev.Seq, "each account numbers its own")
		ev, err = tx.AppendEvent(session.Event{AccountID: ana.ID, Kind: session.EventProfilesChanged, At: at.Add(time.Hour)})
		require.NoError(t, err)
		assert.Equal(t, uint64(2), ev.Seq)
		_, err = tx.AppendEvent(session.Event{AccountID: uuid.New(), Kind: session.EventProfilesChanged, At: at})
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})
	view(t, s, func(tx session.Tx) error {
		a, err := tx.Account(ana.ID)
		require.NoError(t, err)
		assert.Equal(t, uint64(2), a.Seq, "the account holds its last number")
		events, err := tx.Events(ana.ID, 0)
		require.NoError(t, err)
		require.Len(t, events, 2)
		assert.Equal(t, session.Event{Seq: 1, AccountID: ana.ID, Kind: session.EventSignedOut, Devices: devices, At: at}, events[0])
		events, err = tx.Events(ana.ID, 1)
		require.NoError(t, err)
		require.Len(t, events, 1)
		assert.Equal(t, uint64(2), events[0].Seq)
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneEvents(at.Add(time.Minute)) })
	view(t, s, func(tx session.Tx) error {
		events, err := tx.Events(ana.ID, 0)
		require.NoError(t, err)
		require.Len(t, events, 1)
		assert.Equal(t, uint64(2), events[0].Seq)
		a, err := tx.Account(ana.ID)
		require.NoError(t, err)
		assert.Equal(t, uint64(2), a.Seq, "pruning never turns the number back")
		return nil
	})
}

// updateAtOnce has writers goroutines each run fn in each Updates, all at once, writer w
// on store(w), and fails the test with any error they return.
func updateAtOnce(t *testing.T, writers, each int, store func(w int) session.Store, fn func(session.Tx) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		s := store(w)
		wg.Go(func() {
			for range each {
				if err := s.Update(ctx, fn); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}

// testConcurrentEvents appends from many goroutines at once: every event gets its
// own number, and the numbers run without gaps.
func testConcurrentEvents(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana")
	const writers, each = 8, 20
	updateAtOnce(t, writers, each, func(int) session.Store { return s }, func(tx session.Tx) error {
		_, err := tx.AppendEvent(session.Event{AccountID: a.ID, Kind: session.EventProfilesChanged, At: at})
		return err
	})
	view(t, s, func(tx session.Tx) error {
		events, err := tx.Events(a.ID, 0)
		require.NoError(t, err)
		require.Len(t, events, writers*each)
		for i, ev := range events {
			require.Equal(t, uint64(i+1), ev.Seq)
		}
		return nil
	})
}

func testDeviceAuths(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana")
	d := session.DeviceAuthRecord{CodeHash: "code-hash", UserCode: "BDFHJKLM",
		Device:  session.DeviceInfo{ID: uuid.New(), Name: "TV", Kind: session.DeviceKindTV},
		Expires: at.Add(10 * time.Minute), Interval: 5 * time.Second}
	update(t, s, func(tx session.Tx) error { return tx.AddDeviceAuth(d) })
	view(t, s, func(tx session.Tx) error {
		got, err := tx.DeviceAuth("code-hash")
		require.NoError(t, err)
		assert.Equal(t, d, got)
		got, err = tx.DeviceAuthByUserCode("BDFHJKLM")
		require.NoError(t, err)
		assert.Equal(t, d, got)
		_, err = tx.DeviceAuthByUserCode("CDFGHJKL")
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})
	d.Approved, d.ApprovedBy, d.LastPoll, d.Interval = a.ID, "session-hash", at.Add(time.Second), 10*time.Second
	update(t, s, func(tx session.Tx) error { return tx.PutDeviceAuth(d) })
	view(t, s, func(tx session.Tx) error {
		got, err := tx.DeviceAuth("code-hash")
		require.NoError(t, err)
		assert.Equal(t, d, got)
		return nil
	})
	assert.ErrorIs(t, s.Update(ctx, func(tx session.Tx) error { return tx.PutDeviceAuth(session.DeviceAuthRecord{CodeHash: "none"}) }), session.ErrNotFound)

	// A device's codes expire at once; another device's are left as they were.
	other := session.DeviceAuthRecord{CodeHash: "other-hash", UserCode: "CDFGHJKL",
		Device:  session.DeviceInfo{ID: uuid.New(), Name: "TV", Kind: session.DeviceKindTV},
		Expires: at.Add(10 * time.Minute), Interval: 5 * time.Second}
	update(t, s, func(tx session.Tx) error { return tx.AddDeviceAuth(other) })
	update(t, s, func(tx session.Tx) error { return tx.ExpireDeviceAuthsOf(other.Device.ID, at.Add(time.Minute)) })
	update(t, s, func(tx session.Tx) error { return tx.ExpireDeviceAuthsOf(other.Device.ID, at.Add(2*time.Minute)) })
	view(t, s, func(tx session.Tx) error {
		got, err := tx.DeviceAuth("other-hash")
		require.NoError(t, err)
		assert.True(t, got.Expires.Equal(at.Add(time.Minute)), "expired at the first, not moved later: %v", got.Expires)
		got, err = tx.DeviceAuth("code-hash")
		require.NoError(t, err)
		assert.Equal(t, d, got, "another device's")
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.DeleteDeviceAuth("other-hash") })
	update(t, s, func(tx session.Tx) error { return tx.PruneDeviceAuths(d.Expires.Add(-time.Nanosecond)) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.DeviceAuth("code-hash")
		assert.NoError(t, err, "not expired yet")
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneDeviceAuths(d.Expires) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.DeviceAuth("code-hash")
		assert.ErrorIs(t, err, session.ErrNotFound, "expired")
		return nil
	})
}

// testRollBack checks that an update that fails leaves nothing behind.
func testRollBack(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana")
	tv := newSession(t, s, a.ID, "TV")
	refused := errors.New("refused")
	err := s.Update(ctx, func(tx session.Tx) error {
		if _, err := tx.RevokeAllSessions(a.ID, at); err != nil {
			return err
		}
		if _, err := tx.AppendEvent(session.Event{AccountID: a.ID, Kind: session.EventSignedOut, Devices: []uuid.UUID{tv.Device.ID}, At: at}); err != nil {
			return err
		}
		return refused
	})
	require.ErrorIs(t, err, refused)
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Session(tv.TokenHash)
		require.NoError(t, err)
		assert.Nil(t, got.Revoked, "the revocation was rolled back")
		events, err := tx.Events(a.ID, 0)
		require.NoError(t, err)
		assert.Empty(t, events, "and its event")
		acct, err := tx.Account(a.ID)
		require.NoError(t, err)
		assert.Zero(t, acct.Seq, "and the number")
		return nil
	})
}

// testServiceSurvivesRestart runs the account service on the store: a device signs
// in, listens, is signed out of all devices, and after the store is closed and
// opened again every session and revocation is still there.
func testServiceSurvivesRestart(t *testing.T, open Opener) {
	dir := t.TempDir()
	store := open(t, dir)
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4})
	require.NoError(t, err)
	require.NoError(t, demo.Seed(svc))

	tv := session.NewDeviceIdentity("Living Room TV", session.DeviceKindTV)
	phone := session.NewDeviceIdentity("Phone", session.DeviceKindPhone)
	tvGrant, err := svc.SignIn(ctx, tv, demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	phoneGrant, err := svc.SignIn(ctx, phone, demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	_, err = svc.SignIn(ctx, tv, demo.AnaEmail, "wrong")
	require.ErrorIs(t, err, session.ErrWrongCredentials)

	listen, cancel := context.WithCancel(ctx)
	defer cancel()
	events, err := svc.Subscribe(listen, tvGrant.Token, tvGrant.Seq)
	require.NoError(t, err)
	res, err := svc.SignOutAll(ctx, phoneGrant.Token, session.Proof{Password: demo.AnaPassword})
	require.NoError(t, err)
	assert.Len(t, res.Devices, 5, "the TV, the phone and the demo's three")
	assert.Equal(t, session.SignOutCount{Pending: 1, Offline: 4}, res.Count, "the TV listens")
	assert.Equal(t, phone.ID, res.Devices[0].Device.ID, "the device that asked comes first")
	select {
	case ev := <-events:
		assert.Equal(t, session.EventSignedOut, ev.Kind)
		assert.Equal(t, []uuid.UUID{tv.ID}, ev.Devices)
		assert.Equal(t, tvGrant.Seq+1, ev.Seq)
	case <-time.After(10 * time.Second):
		t.Fatal("the TV never heard it was signed out")
	}
	require.NoError(t, store.Close())

	store = open(t, dir)
	defer store.Close()
	svc, err = session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4})
	require.NoError(t, err)
	_, err = svc.Check(ctx, tvGrant.Token)
	assert.ErrorIs(t, err, session.ErrRevoked, "the revocation survived the restart")
	_, err = svc.Subscribe(ctx, "a token never given", 0)
	assert.ErrorIs(t, err, session.ErrUnauthorized)
	again, err := svc.SignIn(ctx, tv, demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	assert.Greater(t, again.Seq, tvGrant.Seq, "numbers carry on after the restart")
	_, err = svc.Check(ctx, again.Token)
	assert.NoError(t, err)
}

// testTwoOpenersOneWriter opens the same records twice, as two replicas of the service
// do, and has both check a count then add to it, at once, many times: an Update that
// reads then writes sees no other Update's write in between, whichever opener runs
// it, so the cap holds and the numbers run without gaps. Each reads what the other
// committed.
func testTwoOpenersOneWriter(t *testing.T, open Opener) {
	dir := t.TempDir()
	first := open(t, dir)
	t.Cleanup(func() { first.Close() })
	a := newAccount(t, first, "ana@example.com", "Ana")
	second := open(t, dir)
	t.Cleanup(func() { second.Close() })
	const capped, writers, each = 25, 8, 10
	stores := []session.Store{first, second}
	updateAtOnce(t, writers, each, func(w int) session.Store { return stores[w%2] }, func(tx session.Tx) error {
		f, err := tx.Failures("key", at.Add(-time.Hour))
		if err != nil || len(f) >= capped {
			return err
		}
		if err := tx.AddFailure("key", at); err != nil {
			return err
		}
		_, err = tx.AppendEvent(session.Event{AccountID: a.ID, Kind: session.EventProfilesChanged, At: at})
		return err
	})
	for _, s := range []session.Store{first, second} {
		view(t, s, func(tx session.Tx) error {
			f, err := tx.Failures("key", at.Add(-time.Hour))
			require.NoError(t, err)
			assert.Len(t, f, capped, "no write slipped between another's check and its write")
			events, err := tx.Events(a.ID, 0)
			require.NoError(t, err)
			require.Len(t, events, capped)
			for i, ev := range events {
				require.Equal(t, uint64(i+1), ev.Seq)
			}
			return nil
		})
	}
	b := newAccount(t, second, "ben@example.com", "Ben")
	view(t, first, func(tx session.Tx) error {
		got, err := tx.AccountByEmail("ben@example.com")
		require.NoError(t, err, "the first reads the account the second added")
		assert.Equal(t, b.ID, got.ID)
		return nil
	})
}

func testFailures(t *testing.T, open Opener) {
	s := fresh(t, open)
	update(t, s, func(tx session.Tx) error {
		for _, d := range []time.Duration{0, time.Minute, 2 * time.Minute} {
			require.NoError(t, tx.AddFailure("email:ana", at.Add(d)))
		}
		return tx.AddFailure("email:sam", at)
	})
	view(t, s, func(tx session.Tx) error {
		f, err := tx.Failures("email:ana", at)
		require.NoError(t, err)
		assert.Equal(t, []time.Time{at.Add(time.Minute), at.Add(2 * time.Minute)}, f, "after since, oldest first")
		f, err = tx.Failures("email:nobody", at.Add(-time.Hour))
		require.NoError(t, err)
		assert.Empty(t, f)
		return nil
	})
	update(t, s, func(tx session.Tx) error {
		require.NoError(t, tx.ClearFailures("email:sam"))
		return tx.PruneFailures(at.Add(time.Minute))
	})
	view(t, s, func(tx session.Tx) error {
		f, err := tx.Failures("email:ana", at.Add(-time.Hour))
		require.NoError(t, err)
		assert.Equal(t, []time.Time{at.Add(time.Minute), at.Add(2 * time.Minute)}, f)
		f, err = tx.Failures("email:sam", at.Add(-time.Hour))
		require.NoError(t, err)
		assert.Empty(t, f)
		return nil
	})
}

func testWatches(t *testing.T, open Opener) {
	s := fresh(t, open)
	a := newAccount(t, s, "ana@example.com", "Ana")
	w := session.WatchRecord{TicketHash: "ticket-hash", AccountID: a.ID, After: 7, Expires: at.Add(time.Hour)}
	update(t, s, func(tx session.Tx) error { return tx.AddWatch(w) })
	view(t, s, func(tx session.Tx) error {
		got, err := tx.Watch("ticket-hash")
		require.NoError(t, err)
		assert.Equal(t, w, got)
		_, err = tx.Watch("other")
		assert.ErrorIs(t, err, session.ErrNotFound)
		return nil
	})
	update(t, s, func(tx session.Tx) error { return tx.PruneWatches(at.Add(time.Hour)) })
	view(t, s, func(tx session.Tx) error {
		_, err := tx.Watch("ticket-hash")
		assert.ErrorIs(t, err, session.ErrNotFound, "expired tickets go")
		return nil
	})
}
