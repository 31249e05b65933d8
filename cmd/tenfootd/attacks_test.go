package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
	"tenfoot/session/sqlstore"
)

// The tests in this file attack the service over real HTTP, on SQLite and on
// PostgreSQL, the way someone who has an account of their own and reads the API would.

// call sends a JSON request with token to the API at url and returns the status and
// the error code, if any.
func call(t *testing.T, url, method, path, token string, body any) (int, session.WireError) {
	t.Helper()
	var data []byte
	if body != nil {
		var err error
		data, err = json.Marshal(body)
		require.NoError(t, err)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url+session.APIPrefix+path, bytes.NewReader(data))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var w session.WireError
	if resp.StatusCode >= 400 {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&w), "an error is documented JSON")
	}
	return resp.StatusCode, w
}

// signInAs signs a new device in to the account of email over url, and returns it
// with its grant.
func signInAs(t *testing.T, url, name, email, password string) (session.DeviceIdentity, session.Grant) {
	t.Helper()
	id := session.NewDeviceIdentity(name, session.DeviceKindTV)
	g, err := session.NewClient(url).SignIn(t.Context(), id, email, password)
	require.NoError(t, err)
	return id, g
}

// signOut signs d out as a person would: plan, then confirm.
func signOut(t *testing.T, d *session.Device) {
	t.Helper()
	plan, err := d.Plan()
	require.NoError(t, err)
	res, err := d.Confirm(t.Context(), plan)
	require.NoError(t, err)
	require.True(t, res.Confirmed, "the service heard it")
}

func deviceNames(t *testing.T, by *session.Device) []string {
	t.Helper()
	list, err := by.Devices(t.Context())
	require.NoError(t, err)
	var names []string
	for _, d := range list {
		names = append(names, d.Name)
	}
	return names
}

func TestNoDeviceIDSignsEveryDeviceOut(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv := signedInRemote(t, url, "Living Room TV")
		_, phone := signInAs(t, url, "Phone", demo.AnaEmail, demo.AnaPassword)
		sam, _ := signInAs(t, url, "Sam's TV", demo.SamEmail, demo.SamPassword)

		for name, id := range map[string]uuid.UUID{
			"the nil UUID":         uuid.Nil,
			"a random ID":          uuid.New(),
			"another account's TV": sam.ID,
			"the all-ones UUID":    uuid.Max,
		} {
			status, w := call(t, url, "POST", "/devices/"+id.String()+"/signout", phone.Token, nil)
			assert.Equal(t, http.StatusNotFound, status, name)
			assert.Equal(t, "not_found", w.Code, name)
		}
		status, w := call(t, url, "POST", "/signout-all", phone.Token, session.Proof{})
		assert.Equal(t, http.StatusUnauthorized, status, "every device only with proof")
		assert.Equal(t, "wrong_credentials", w.Code)

		require.NoError(t, tv.Refresh(t.Context()), "the TV is still signed in")
		assert.Contains(t, deviceNames(t, tv), "Phone")
		_, err := session.NewClient(url).Check(t.Context(), phone.Token)
		assert.NoError(t, err, "the phone is still signed in")
	})
}

func TestAClaimedDeviceIDEndsNoOneElsesSession(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		anasTV := signedInRemote(t, url, "Ana's TV")
		client := session.NewClient(url)

		// Sam knows the ID of Ana's TV (the demo's are the same everywhere) and signs
		// in to his own account with it.
		claimed := session.NewDeviceIdentity("Sam's TV", session.DeviceKindTV)
		claimed.ID = anasTV.Info().ID
		_, err := client.SignIn(t.Context(), claimed, demo.SamEmail, demo.SamPassword)
		assert.ErrorIs(t, err, session.ErrDeviceUnproven)
		_, err = client.StartDeviceAuth(t.Context(), claimed)
		assert.ErrorIs(t, err, session.ErrDeviceUnproven, "nor with a code")
		demoPhone := uuid.NewSHA1(uuid.NameSpaceURL, []byte("tenfoot-demo-device:Ana's Phone"))
		claimed.ID = demoPhone
		_, err = client.SignIn(t.Context(), claimed, demo.SamEmail, demo.SamPassword)
		assert.ErrorIs(t, err, session.ErrDeviceUnproven, "the demo's devices are claimed too")

		require.NoError(t, anasTV.Refresh(t.Context()), "Ana's TV is still signed in")
		assert.Subset(t, deviceNames(t, anasTV), []string{"Ana's TV", "Ana's Phone"}, "and still in her list")

		// A device whose state was copied from Ana's TV is a new device to the
		// service: it takes a new ID and signs in, and Ana's TV is untouched.
		store, err := session.NewDirStorage(t.TempDir())
		require.NoError(t, err)
		copied, err := session.OpenDevice(store, client, nil, session.DeviceInfo{ID: anasTV.Info().ID, Name: "Copied TV", Kind: session.DeviceKindTV})
		require.NoError(t, err)
		require.NoError(t, copied.SignIn(t.Context(), demo.SamEmail, demo.SamPassword))
		assert.NotEqual(t, anasTV.Info().ID, copied.Info().ID)
		require.NoError(t, anasTV.Refresh(t.Context()))

		// The same TV signing in to another account is its own to end: the account
		// it leaves hears of it.
		phone := signedInRemote(t, url, "Ana's phone")
		signOut(t, anasTV)
		require.NoError(t, anasTV.SignIn(t.Context(), demo.SamEmail, demo.SamPassword))
		assert.NotContains(t, deviceNames(t, phone), "Ana's TV")
	})
}

func TestStrangersCannotLockAPersonOut(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		samsTV := remoteDevice(t, url, "Sam's TV")
		require.NoError(t, samsTV.SignIn(t.Context(), demo.SamEmail, demo.SamPassword))
		signOut(t, samsTV)
		_, samsLaptop := signInAs(t, url, "Sam's laptop", demo.SamEmail, demo.SamPassword)

		// Strangers, each on a device of their own, guess Sam's password.
		client := session.NewClient(url)
		for i := range 8 {
			_, err := client.SignIn(t.Context(), session.NewDeviceIdentity(fmt.Sprint("Stranger ", i), session.DeviceKindBrowser), demo.SamEmail, "guess")
			if i < 5 {
				assert.ErrorIs(t, err, session.ErrWrongCredentials)
			} else {
				assert.ErrorIs(t, err, session.ErrRateLimited, "strangers slow down")
			}
		}
		assert.NoError(t, samsTV.SignIn(t.Context(), demo.SamEmail, demo.SamPassword), "Sam's own TV does not wait")

		// On a device Sam never used, he waits seconds, not minutes.
		_, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Sam's new phone", session.DeviceKindPhone), demo.SamEmail, demo.SamPassword)
		var rl *session.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.LessOrEqual(t, rl.RetryAfter, 2*time.Second)

		// Sam's PIN guesses on Ana's profile count against no one: it is not his.
		anasTV := signedInRemote(t, url, "Ana's TV")
		grandpa := anasTV.Profiles()[3]
		require.True(t, grandpa.Locked)
		for range 8 {
			status, w := call(t, url, "POST", "/profiles/"+grandpa.ID.String()+"/verify-pin", samsLaptop.Token, session.PINRequest{PIN: "0000"})
			assert.Equal(t, http.StatusNotFound, status)
			assert.Equal(t, "not_found", w.Code)
		}
		assert.NoError(t, anasTV.VerifyPIN(t.Context(), grandpa.ID, demo.GrandpaPIN), "Ana's PIN still opens Grandpa")
		status, w := call(t, url, "POST", "/profiles/"+uuid.Nil.String()+"/verify-pin", samsLaptop.Token, session.PINRequest{PIN: demo.SamPassword})
		assert.Equal(t, http.StatusNotFound, status, "the nil profile is no profile, and the password no PIN")
		assert.Equal(t, "not_found", w.Code)
	})
}

func TestCheapEndpointsAreLimitedAndWriteNothing(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		place := db.place(t, t.TempDir())
		// The service's clock stands still, so the second poll is too soon however
		// long the dump between them takes.
		svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: db.open(t, place), PasswordCost: 4, Clock: testkit.NewClock(time.Now())})
		require.NoError(t, err)
		require.NoError(t, demo.Seed(svc))
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc, CheapLimitPerAddress: 6}))
		t.Cleanup(srv.Close)
		client := session.NewClient(srv.URL)
		auth, err := client.StartDeviceAuth(t.Context(), session.NewDeviceIdentity("Hotel TV", session.DeviceKindTV))
		require.NoError(t, err)

		before := db.dump(t, place)
		_, err = client.PollDeviceAuth(t.Context(), auth.DeviceCode)
		assert.ErrorIs(t, err, session.ErrAuthorizationPending)
		require.NoError(t, client.SignOut(t.Context(), "a token never given"))
		_, err = client.PollDeviceAuth(t.Context(), "a code never given")
		assert.ErrorIs(t, err, session.ErrExpiredToken)
		assert.Equal(t, before, db.dump(t, place), "a poll that changes nothing, and a sign-out of nothing, write nothing")

		_, err = client.PollDeviceAuth(t.Context(), auth.DeviceCode)
		assert.ErrorIs(t, err, session.ErrSlowDown, "too soon: the interval grows, and that is written")
		assert.NotEqual(t, before, db.dump(t, place))

		var refused int
		for range 4 {
			status, w := call(t, srv.URL, "POST", "/signout", "made-up", nil)
			if status == http.StatusTooManyRequests {
				refused++
				assert.Equal(t, "rate_limited", w.Code)
			}
		}
		assert.Equal(t, 2, refused, "six a minute from one address: the rest wait")
	})
}

func TestNamesAreBoundedAndClean(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		_, g := signInAs(t, url, "TV", demo.AnaEmail, demo.AnaPassword)
		for _, tt := range []struct {
			name, profile, says string
		}{
			{"15,000 characters", strings.Repeat("A", 15000), "profile name is 15000 characters long; at most 20 fit"},
			{"NUL", "Ana\x00", "control character U+0000"},
			{"ESC", "\x1b[31mAna", "control character U+001B"},
			{"right-to-left override", "Ana\u202Egnp.exe", "bidirectional control U+202E"},
			{"isolate", "\u2067Ana", "bidirectional control U+2067"},
			{"empty", "   ", "profile name is empty"},
			{"zero-width spaces and joiners only", "\u200B\u2060\u200D", "profile name is empty"},
			{"a byte order mark and a soft hyphen", "\uFEFF\u00AD", "profile name is empty"},
			{"a Hangul filler, blank in every font", "\u3164", "profile name is empty"},
			{"Braille blanks, a pattern of no dots", "\u2800\u2800", "profile name is empty"},
			{"combining accents with nothing to sit on", "\u0301\u0301", "profile name is empty"},
			{"an enclosing circle around a space", " \u20DD", "profile name is empty"},
			{"not UTF-8 (JSON makes it U+FFFD)", "Ana\xff", "U+FFFD, which is not a character"},
		} {
			status, w := call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: session.Profile{Name: tt.profile, Avatar: "fox"}})
			assert.Equal(t, http.StatusBadRequest, status, tt.name)
			assert.Equal(t, "invalid_request", w.Code, tt.name)
			assert.Contains(t, w.Message, tt.says, tt.name)
		}
		status, w := call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: session.Profile{Name: "Ana", Avatar: "../../etc"}})
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, w.Message, "avatar")

		// The same name typed two ways is one name.
		status, _ = call(t, url, "POST", "/profiles", g.Token, session.ProfileChange{Profile: session.Profile{Name: "  Ame\u0301lie ", Avatar: "owl"}})
		require.Equal(t, http.StatusOK, status)
		check, err := session.NewClient(url).Check(t.Context(), g.Token)
		require.NoError(t, err)
		assert.Equal(t, "Amélie", check.Profiles[len(check.Profiles)-1].Name, "trimmed, and in NFC")

		device := session.NewDeviceIdentity("Bedroom\u202ETV", session.DeviceKindTV)
		_, err = session.NewClient(url).SignIn(t.Context(), device, demo.AnaEmail, demo.AnaPassword)
		assert.ErrorIs(t, err, session.ErrInvalid)
		assert.ErrorContains(t, err, "device name")
		device = session.NewDeviceIdentity("\u200B", session.DeviceKindTV)
		_, err = session.NewClient(url).SignIn(t.Context(), device, demo.AnaEmail, demo.AnaPassword)
		assert.ErrorIs(t, err, session.ErrInvalid)
		assert.ErrorContains(t, err, "device name is empty", "a device the list would show without a name")
	})
}

func TestUnusedSessionsEnd(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		clk := testkit.NewClock(time.Now())
		svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: db.open(t, db.place(t, t.TempDir())), PasswordCost: 4, Clock: clk, SessionIdle: 48 * time.Hour})
		require.NoError(t, err)
		require.NoError(t, demo.Seed(svc))
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc}))
		t.Cleanup(srv.Close)
		client := session.NewClient(srv.URL)
		_, used := signInAs(t, srv.URL, "Used TV", demo.AnaEmail, demo.AnaPassword)
		_, unused := signInAs(t, srv.URL, "Unused TV", demo.AnaEmail, demo.AnaPassword)

		for range 3 {
			clk.Advance(20 * time.Hour)
			_, err := client.Check(t.Context(), used.Token)
			require.NoError(t, err, "in use: it lasts")
		}
		_, err = client.Check(t.Context(), unused.Token)
		assert.ErrorIs(t, err, session.ErrRevoked, "60 hours unused, 48 allowed: the device wipes itself")
		list, err := client.Devices(t.Context(), used.Token)
		require.NoError(t, err)
		for _, d := range list {
			assert.NotEqual(t, "Unused TV", d.Name)
		}
	})
}

// TestASignOutOfAllDevicesWithdrawsCodesApproved: a thief who holds one of Ana's
// sessions approves a code for a TV of their own and waits for Ana to sign out of
// all devices, then lets the TV ask. The sign-out withdrew the approval: the TV is
// refused and never joins Ana's devices. Before, it signed in after every sign-out
// of all devices, each time with a new code.
func TestASignOutOfAllDevicesWithdrawsCodesApproved(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		client := session.NewClient(url)
		_, stolen := signInAs(t, url, "Ana's Phone", demo.AnaEmail, demo.AnaPassword)
		thiefs := session.NewDeviceIdentity("Thief's TV", session.DeviceKindTV)
		auth, err := client.StartDeviceAuth(t.Context(), thiefs)
		require.NoError(t, err)
		require.NoError(t, client.ApproveDeviceAuth(t.Context(), stolen.Token, auth.UserCode))

		ana := signedInRemote(t, url, "Ana's Laptop")
		_, err = ana.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err)
		_, err = client.PollDeviceAuth(t.Context(), auth.DeviceCode)
		assert.ErrorIs(t, err, session.ErrAccessDenied)

		ana = signedInRemote(t, url, "Ana's Laptop")
		assert.NotContains(t, deviceNames(t, ana), "Thief's TV")
	})
}

// TestHostileInputIsRefusedOrHarmless sends what no device sends: emails a database
// cannot hold (a NUL, 3,000 characters) and a Last-Event-ID past what a sequence
// column holds. Each answer is a 4xx that says why, or a stream that starts at the
// end, never a 500. Before, PostgreSQL refused each (an invalid byte, an index row
// too large, a bigint out of range) and tenfootd answered 500 and logged an error,
// for anyone, with no account.
func TestHostileInputIsRefusedOrHarmless(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		device := session.NewDeviceIdentity("TV", session.DeviceKindTV)
		for name, email := range map[string]string{
			"NUL":                    "ana\x00@example.com",
			"3,000 characters":       strings.Repeat("a", 3000) + "@example.com",
			"an escape":              "\x1b[2Jana@example.com",
			"not UTF-8, made U+FFFD": "ana\xff@example.com",
		} {
			status, w := call(t, url, "POST", "/signin", "", session.SignInRequest{Device: device, Email: email, Password: "x"})
			assert.Less(t, status, 500, name)
			assert.Contains(t, []int{http.StatusBadRequest, http.StatusUnauthorized}, status, "%s: %s", name, w.Message)
		}
		_, g := signInAs(t, url, "TV", demo.AnaEmail, demo.AnaPassword)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		_, err := session.NewClient(url).Subscribe(ctx, g.Token, 1<<63+5)
		assert.NoError(t, err, "an ID past the last event counts as the last")
	})
}

// TestGuessesSentAtOnceAreLimitedAsOneAfterAnother sends every guess at once, as a
// guesser with a script would: strangers' passwords for Sam, one session's PINs for
// Grandpa, and PINs from eight sessions of Ana's account. However many are in flight
// together, no more of them are answered as wrong than one after another would be:
// five a client, twenty an account; the others are refused unchecked. The service's
// clock stands still, so the backoff after the fifth is still running for each. Before,
// the limit was read before the slow check and counted after it, and each guess of a
// burst found the count as it was before the burst: on PostgreSQL, 33 of Sam's 40 and
// all 40 of the one session's PINs were answered.
func TestGuessesSentAtOnceAreLimitedAsOneAfterAnother(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: db.open(t, db.place(t, t.TempDir())), PasswordCost: 4, Clock: testkit.NewClock(time.Now())})
		require.NoError(t, err)
		require.NoError(t, demo.Seed(svc))
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc, LimitPerAddress: 1000}))
		t.Cleanup(srv.Close)
		client := session.NewClient(srv.URL)
		_, ana := signInAs(t, srv.URL, "Ana's TV", demo.AnaEmail, demo.AnaPassword)
		grandpa := ana.Profiles[3]
		var sessions []string
		for i := range 8 {
			_, g := signInAs(t, srv.URL, fmt.Sprint("Ana's device ", i), demo.AnaEmail, demo.AnaPassword)
			sessions = append(sessions, g.Token)
		}

		// answered sends n guesses at once with guess, and counts those answered with
		// wrong, failing on anything but that or a refusal.
		answered := func(n int, wrong error, guess func(i int) error) int {
			errs := make(chan error, n)
			for i := range n {
				go func() { errs <- guess(i) }()
			}
			count := 0
			for range n {
				switch err := <-errs; {
				case errors.Is(err, wrong):
					count++
				default:
					assert.ErrorIs(t, err, session.ErrRateLimited)
				}
			}
			return count
		}
		assert.Equal(t, 5, answered(40, session.ErrWrongCredentials, func(i int) error {
			_, err := client.SignIn(t.Context(), session.NewDeviceIdentity(fmt.Sprint("Stranger ", i), session.DeviceKindBrowser), demo.SamEmail, "guess")
			return err
		}), "strangers' guesses of Sam's password")
		assert.Equal(t, 5, answered(40, session.ErrWrongPIN, func(int) error {
			return client.VerifyPIN(t.Context(), ana.Token, grandpa.ID, "0000")
		}), "one session's guesses of Grandpa's PIN")
		assert.Equal(t, 20-5, answered(40, session.ErrWrongPIN, func(i int) error {
			return client.VerifyPIN(t.Context(), sessions[i%len(sessions)], grandpa.ID, "0000")
		}), "the account's guesses of Grandpa's PIN, the first session's five included")
	})
}

// TestACodeDecidedAtTheSameMomentIsNoGuess: Ana approves the TV's code on her phone
// while Sam, in another tab of the same account, refuses it. One of them decides;
// the other finds the code decided, and is told so, but typed the TV's own code: it
// is no guess, and must not bring the account nearer to waiting. After it, the
// account still has its five wrong codes free. Before, the loser counted as a wrong
// code, and the fifth typo after it made the next TV wait.
func TestACodeDecidedAtTheSameMomentIsNoGuess(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: db.open(t, db.place(t, t.TempDir())), PasswordCost: 4, Clock: testkit.NewClock(time.Now())})
		require.NoError(t, err)
		require.NoError(t, demo.Seed(svc))
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc}))
		t.Cleanup(srv.Close)
		client := session.NewClient(srv.URL)
		_, phone := signInAs(t, srv.URL, "Ana's phone", demo.AnaEmail, demo.AnaPassword)
		_, laptop := signInAs(t, srv.URL, "Ana's laptop", demo.AnaEmail, demo.AnaPassword)
		tv := session.NewDeviceIdentity("Hotel TV", session.DeviceKindTV)
		auth, err := client.StartDeviceAuth(t.Context(), tv)
		require.NoError(t, err)

		approved, denied := make(chan error, 1), make(chan error, 1)
		go func() { approved <- client.ApproveDeviceAuth(t.Context(), phone.Token, auth.UserCode) }()
		go func() { denied <- client.DenyDeviceAuth(t.Context(), laptop.Token, auth.UserCode) }()
		errs := []error{<-approved, <-denied}
		require.Equal(t, 1, countNil(errs), "one of them decides: %v", errs)
		for _, err := range errs {
			if err != nil {
				assert.ErrorIs(t, err, session.ErrInvalidUserCode, "the other is told the code is no longer valid")
			}
		}

		for range 4 {
			assert.ErrorIs(t, client.ApproveDeviceAuth(t.Context(), phone.Token, "BBBB-BBBB"), session.ErrInvalidUserCode)
		}
		next, err := client.StartDeviceAuth(t.Context(), session.NewDeviceIdentity("Bedroom TV", session.DeviceKindTV))
		require.NoError(t, err)
		assert.NoError(t, client.ApproveDeviceAuth(t.Context(), laptop.Token, next.UserCode),
			"four typos: the account has not used up its five")
	})
}

// countNil counts the nil errors of errs.
func countNil(errs []error) int {
	n := 0
	for _, err := range errs {
		if err == nil {
			n++
		}
	}
	return n
}

// writeCounter counts the write transactions of a store.
type writeCounter struct{ n atomic.Int64 }

// writesCounted serves the demo household from a new store on db, with opts and
// cfg, and counts the store's write transactions.
func writesCounted(t *testing.T, db database, opts session.EmbeddedOptions, cfg config) (*httptest.Server, *writeCounter) {
	t.Helper()
	store := db.open(t, db.place(t, t.TempDir()))
	writes := &writeCounter{}
	store.Observe(writes)
	opts.Store, opts.PasswordCost = store, 4
	svc, err := session.OpenEmbedded(opts)
	require.NoError(t, err)
	require.NoError(t, demo.Seed(svc))
	cfg.WebDir, cfg.Service = t.TempDir(), svc
	srv := httptest.NewServer(newServer(cfg))
	t.Cleanup(srv.Close)
	return srv, writes
}

func (c *writeCounter) Transaction(r sqlstore.TxReport) {
	if r.Write {
		c.n.Add(1)
	}
}

// TestASignOutOfNoDeviceTakesNoWriteLock: a signed-in session floods the sign-out of
// one device with IDs its account has no device signed in with: made up, another
// account's, the nil UUID, one of its own already signed out. Each is 404, and
// none takes a write transaction: writes take turns, on PostgreSQL across every
// replica, and each of those 404s held up every other account's sign-outs and
// sign-ins behind it. A device that is signed in is still signed out.
func TestASignOutOfNoDeviceTakesNoWriteLock(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		srv, writes := writesCounted(t, db, session.EmbeddedOptions{}, config{})
		_, phone := signInAs(t, srv.URL, "Phone", demo.AnaEmail, demo.AnaPassword)
		tv, _ := signInAs(t, srv.URL, "TV", demo.AnaEmail, demo.AnaPassword)
		gone, gonesGrant := signInAs(t, srv.URL, "Old tablet", demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, session.NewClient(srv.URL).SignOut(t.Context(), gonesGrant.Token))
		sams, _ := signInAs(t, srv.URL, "Sam's TV", demo.SamEmail, demo.SamPassword)

		before := writes.n.Load()
		for name, id := range map[string]uuid.UUID{
			"a random ID":            uuid.New(),
			"another random ID":      uuid.New(),
			"the nil UUID":           uuid.Nil,
			"another account's TV":   sams.ID,
			"its own, signed out":    gone.ID,
			"the all-ones UUID":      uuid.Max,
			"yet another random ID":  uuid.New(),
			"and one more random ID": uuid.New(),
		} {
			status, w := call(t, srv.URL, "POST", "/devices/"+id.String()+"/signout", phone.Token, nil)
			assert.Equal(t, http.StatusNotFound, status, name)
			assert.Equal(t, "not_found", w.Code, name)
		}
		assert.Zero(t, writes.n.Load()-before, "a sign-out of no device writes nothing")

		status, _ := call(t, srv.URL, "POST", "/devices/"+tv.ID.String()+"/signout", phone.Token, nil)
		assert.Equal(t, http.StatusOK, status, "a device signed in is signed out")
		assert.NotContains(t, deviceNamesOf(t, srv.URL, phone.Token), "TV")
	})
}

// deviceNamesOf lists the names of the devices signed in to the account of token.
func deviceNamesOf(t *testing.T, url, token string) []string {
	t.Helper()
	list, err := session.NewClient(url).Devices(t.Context(), token)
	require.NoError(t, err)
	var names []string
	for _, d := range list {
		names = append(names, d.Name)
	}
	return names
}
