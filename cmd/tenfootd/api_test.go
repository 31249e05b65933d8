package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// demoService is the account service over a demo household kept in a real database
// of kind db, with passwords hashed cheaply for tests.
func demoService(tb testing.TB, db database) *session.Embedded {
	return demoServiceAt(tb, db, db.place(tb, tb.TempDir()))
}

// demoServiceAt is demoService keeping its records at place.
func demoServiceAt(tb testing.TB, db database, place string) *session.Embedded {
	tb.Helper()
	store := db.open(tb, place)
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4, VerificationURI: "http://tv.example/activate"})
	require.NoError(tb, err)
	require.NoError(tb, demo.Seed(svc))
	return svc
}

// apiServer runs tenfootd's handler on loopback over the demo household and returns
// its URL.
func apiServer(t *testing.T, db database) (string, *session.Embedded) {
	return apiServerLimited(t, db, 0)
}

// apiServerLimited is apiServer allowing limit requests a minute per address (0: the
// default).
func apiServerLimited(t *testing.T, db database, limit int) (string, *session.Embedded) {
	t.Helper()
	svc := demoService(t, db)
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc, LimitPerAddress: limit}))
	t.Cleanup(srv.Close)
	return srv.URL, svc
}

// remoteDevice is a device of its own, with its own state folder, that reaches the
// service over HTTP.
func remoteDevice(t *testing.T, url, name string) *session.Device {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	d, err := session.OpenDevice(store, session.NewClient(url), nil, session.DeviceInfo{Name: name, Kind: session.DeviceKindTV})
	require.NoError(t, err)
	return d
}

func signedInRemote(t *testing.T, url, name string) *session.Device {
	t.Helper()
	d := remoteDevice(t, url, name)
	require.NoError(t, d.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword))
	return d
}

func TestAPISignInAndOutOverHTTP(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv := remoteDevice(t, url, "Living Room TV")
		assert.ErrorIs(t, tv.SignIn(t.Context(), demo.AnaEmail, "nope"), session.ErrWrongCredentials)
		require.NoError(t, tv.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword))
		acc, ok := tv.Account()
		require.True(t, ok)
		assert.Equal(t, "Ana", acc.DisplayName)
		assert.Len(t, tv.Profiles(), 4)
		assert.NoError(t, tv.VerifyPIN(t.Context(), tv.Profiles()[3].ID, demo.GrandpaPIN))
		assert.ErrorIs(t, tv.VerifyPIN(t.Context(), tv.Profiles()[3].ID, "0000"), session.ErrWrongPIN)

		plan, err := tv.Plan()
		require.NoError(t, err)
		res, err := tv.Confirm(t.Context(), plan)
		require.NoError(t, err)
		assert.True(t, res.Confirmed, "the service has the revocation")
	})
}

func TestAPIDeviceCodeOverHTTP(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		phone := signedInRemote(t, url, "Phone")
		tv := remoteDevice(t, url, "Hotel TV")
		auth, err := tv.StartCodeSignIn(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "http://tv.example/activate?code="+auth.UserCode, auth.VerificationURIComplete)
		assert.Equal(t, session.DeviceAuthInterval, auth.Interval)
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAuthorizationPending)
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrSlowDown)
		require.NoError(t, phone.ApproveCode(t.Context(), auth.UserCode))
		assert.ErrorIs(t, phone.ApproveCode(t.Context(), "BBBB-BBBA"), session.ErrInvalidUserCode, "A is no letter of a code")
	})
}

// The heart of it: sign out of all devices reaches a device listening over
// server-sent events at once, and an offline one at its next request.
func TestAPISignOutEverywhereReachesDevicesAtOnce(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv := signedInRemote(t, url, "Living Room TV")
		stick := signedInRemote(t, url, "Bedroom Stick")
		offline := signedInRemote(t, url, "Tablet")

		listen, stop := context.WithCancel(t.Context())
		defer stop()
		done := make(chan error, 1)
		go func() { done <- stick.Listen(listen) }()
		require.Eventually(t, func() bool {
			devices, _ := tv.Devices(t.Context())
			for _, d := range devices {
				if d.ID == stick.Info().ID && d.Online {
					return true
				}
			}
			return false
		}, 5*time.Second, 10*time.Millisecond, "the stick is connected")

		start := time.Now()
		res, err := tv.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err)
		states := map[uuid.UUID]session.SignOutState{}
		for _, d := range res.Devices {
			states[d.Device.ID] = d.State
		}
		assert.Equal(t, session.SignOutPending, states[stick.Info().ID])
		assert.Equal(t, session.SignOutOffline, states[offline.Info().ID])
		assert.Equal(t, session.SignOutDone, states[tv.Info().ID])
		assert.Equal(t, session.SignOutCount{SignedOut: 1, Pending: 1, Offline: len(res.Devices) - 2}, res.Count,
			"the counts cross the wire, this TV's own done")

		watch, err := tv.WatchSignOut(t.Context(), res.Watch)
		require.NoError(t, err)
		select {
		case err := <-done:
			assert.ErrorIs(t, err, session.ErrRevoked)
		case <-time.After(5 * time.Second):
			t.Fatal("the stick did not hear it")
		}
		took := time.Since(start)
		_, signedIn := stick.Account()
		assert.False(t, signedIn)
		assert.Less(t, took, time.Second, "seconds, not hours")

		confirmed := false
		for ev := range watch {
			if ev.Kind == session.EventDeviceWiped && ev.Concerns(stick.Info().ID) {
				confirmed = true
				break
			}
		}
		assert.True(t, confirmed, "the TV that asked sees the stick confirm")

		assert.ErrorIs(t, offline.Refresh(t.Context()), session.ErrRevoked, "the offline tablet is refused at its next request")
		_, signedIn = offline.Account()
		assert.False(t, signedIn)
	})
}

func TestAPIEventsCatchUpWithLastEventID(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, svc := apiServer(t, db)
		tv := signedInRemote(t, url, "TV")
		other := signedInRemote(t, url, "Other")
		_, err := tv.SignOutDevice(t.Context(), other.Info().ID)
		require.NoError(t, err)

		client := session.NewClient(url)
		token := tokenOf(t, svc, tv)
		ch, err := client.Subscribe(t.Context(), token, 0)
		require.NoError(t, err)
		first := <-ch
		assert.Equal(t, session.EventSignedOut, first.Kind)
		ctx, cancel := context.WithCancel(t.Context())
		ch, err = client.Subscribe(ctx, token, first.Seq)
		require.NoError(t, err)
		cancel()
		for ev := range ch {
			assert.Greater(t, ev.Seq, first.Seq, "only what came after")
		}
	})
}

// tokenOf signs in as another device of tv's account, for raw API calls.
func tokenOf(t *testing.T, svc *session.Embedded, tv *session.Device) string {
	g, err := svc.SignIn(t.Context(), session.NewDeviceIdentity("Raw API", session.DeviceKindTV), demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	return g.Token
}

func TestAPIBadInputGetsClearErrors(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		place := db.place(t, t.TempDir())
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: demoServiceAt(t, db, place)}))
		defer srv.Close()
		url := srv.URL
		before := db.dump(t, place)
		require.Contains(t, before, "ana@example.com")
		defer func() { assert.Equal(t, before, db.dump(t, place), "a rejected request changed nothing") }()
		device := `{"id":"6f1c0d2e-5b7a-4c4e-9f10-7d2a6c3b8e11","name":"TV","kind":"tv","secret":"` + strings.Repeat("s", 43) + `"}`
		tests := []struct {
			name, method, path, contentType, body string
			status                                int
			code, message                         string
		}{
			{"malformed JSON", "POST", "/signin", "application/json", `{"email":`, 400, "invalid_request", "not valid"},
			{"wrong type", "POST", "/signin", "application/json", `{"email":42}`, 400, "invalid_request", "not valid"},
			{"unknown field", "POST", "/signin", "application/json", `{"emial":"a@b.c"}`, 400, "invalid_request", "unknown field"},
			{"two values", "POST", "/signin", "application/json", `{} {}`, 400, "invalid_request", "more than one"},
			{"not JSON", "POST", "/signin", "text/plain", `email=a`, 400, "invalid_request", "must be JSON"},
			{"JSON-like, not JSON", "POST", "/signin", "application/jsonx", `{}`, 400, "invalid_request", "must be JSON"},
			{"JSON in capitals, with a charset", "POST", "/signin", "Application/JSON; charset=utf-8", `{"device":` + device + `,"email":"ana@example.com","password":"x"}`, 401, "wrong_credentials", ""},
			{"huge body", "POST", "/signin", "application/json", `{"email":"` + strings.Repeat("a", 1<<20) + `"}`, 400, "invalid_request", "larger than"},
			{"one value, then more past the limit", "POST", "/signin", "application/json", `{} {"email":"` + strings.Repeat("a", 20<<10) + `"}`, 400, "invalid_request", "larger than"},
			{"one value, then spaces past the limit", "POST", "/signin", "application/json", `{}` + strings.Repeat(" ", 20<<10), 400, "invalid_request", "larger than"},
			{"bad device", "POST", "/signin", "application/json", `{"device":{"name":"TV","kind":"toaster"},"email":"a","password":"b"}`, 400, "invalid_request", "known kind"},
			{"wrong password", "POST", "/signin", "application/json", `{"device":` + device + `,"email":"ana@example.com","password":"x"}`, 401, "wrong_credentials", ""},
			{"no token", "GET", "/devices", "", ``, 401, "unauthorized", ""},
			{"made-up token", "GET", "/session", "", ``, 401, "unauthorized", ""},
			{"bad id", "POST", "/devices/not-an-id/signout", "", ``, 400, "invalid_request", "not an id"},
			{"bad Last-Event-ID", "GET", "/events", "", ``, 400, "invalid_request", ""},
			{"unknown endpoint", "GET", "/nope", "", ``, 404, "not_found", ""},
			{"wrong method", "GET", "/signin", "", ``, 404, "not_found", ""},
			{"a method no endpoint takes", "PATCH", "/signin", "application/json", `{}`, 404, "not_found", "no such endpoint: PATCH"},
			{"a preflight", "OPTIONS", "/session", "", ``, 404, "not_found", "no such endpoint: OPTIONS"},
			{"a method of its own", "TENFOOT", "/devices/" + uuid.NewString() + "/signout", "", ``, 404, "not_found", "no such endpoint"},
			{"unknown device code", "POST", "/device/token", "application/json", `{"device_code":"x"}`, 400, "expired_token", ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req, err := http.NewRequest(tt.method, url+session.APIPrefix+tt.path, strings.NewReader(tt.body))
				require.NoError(t, err)
				if tt.contentType != "" {
					req.Header.Set("Content-Type", tt.contentType)
				}
				req.Header.Set("Authorization", "Bearer made-up")
				if tt.name == "bad Last-Event-ID" {
					req.Header.Set("Last-Event-ID", "yesterday")
				}
				if tt.name == "no token" {
					req.Header.Del("Authorization")
				}
				resp, err := http.DefaultClient.Do(req)
				require.NoError(t, err)
				defer resp.Body.Close()
				assert.Equal(t, tt.status, resp.StatusCode)
				var w session.WireError
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&w))
				assert.Equal(t, tt.code, w.Code)
				assert.Contains(t, w.Message, tt.message)
				assert.Equal(t, "no-store", resp.Header.Get("Cache-Control"))
			})
		}
	})
}

func TestAPIAccountsAreWalledOff(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		ana := signedInRemote(t, url, "Ana's TV")
		sam := remoteDevice(t, url, "Sam's TV")
		require.NoError(t, sam.SignIn(t.Context(), demo.SamEmail, demo.SamPassword))
		_, err := sam.SignOutDevice(t.Context(), ana.Info().ID)
		assert.ErrorIs(t, err, session.ErrNotFound, "Sam's token cannot touch Ana's devices")
		assert.NoError(t, ana.Refresh(t.Context()))
	})
}

func TestAPIRateLimitsSayWhenToRetry(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		tv := remoteDevice(t, url, "TV")
		for i := 0; i < 5; i++ {
			tv.SignIn(t.Context(), demo.AnaEmail, "guess")
		}
		err := tv.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword)
		var rl *session.RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, 2*time.Second, rl.RetryAfter, "Retry-After came through, in whole seconds, rounded up")
	})
}

func TestAPILimitPerAddress(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServerLimited(t, db, 2)
		client := session.NewClient(url)
		tv := session.NewDeviceIdentity("TV", session.DeviceKindTV)
		for range 2 {
			_, err := client.SignIn(t.Context(), tv, demo.AnaEmail, demo.AnaPassword)
			require.NoError(t, err)
		}
		_, err := client.SignIn(t.Context(), tv, demo.AnaEmail, demo.AnaPassword)
		var rl *session.RateLimitError
		require.ErrorAs(t, err, &rl, "the third request of the minute is one too many")
		assert.LessOrEqual(t, rl.RetryAfter, perAddressWindow)
	})
}

func TestAddressLimiterDefault(t *testing.T) {
	l := newAddressLimiter(perAddress, prometheus.NewCounter(prometheus.CounterOpts{Name: "refused"}))
	now := time.Now()
	for i := range perAddress {
		require.Zero(t, l.take("192.0.2.1", now), "request %d", i+1)
	}
	assert.Positive(t, l.take("192.0.2.1", now), "one too many")
	assert.Zero(t, l.take("192.0.2.2", now), "another address has its own count")
	assert.Zero(t, l.take("192.0.2.1", now.Add(perAddressWindow)), "a new window")
}

func TestAPIUnreachableServiceIsOffline(t *testing.T) {
	// The cable is pulled: nothing listens where the client points.
	tv := remoteDevice(t, "http://127.0.0.1:1", "TV")
	err := tv.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword)
	assert.ErrorIs(t, err, session.ErrOffline, "said as offline, so the screen can say so")
}

// Shutting down ends open event streams instead of waiting for them, so tenfootd
// stops promptly and cleanly with devices connected.
func TestShutdownEndsEventStreams(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		ctx, cancel := context.WithCancel(t.Context())
		url, done := startTenfootd(t, ctx, append(db.flags(db.place(t, t.TempDir())), "-addr", "127.0.0.1:0")...)
		listeningTV(t, url)

		start := time.Now()
		cancel()
		select {
		case err := <-done:
			assert.NoError(t, err)
			assert.Less(t, time.Since(start), defaultShutdownTimeout/2)
		case <-time.After(defaultShutdownTimeout):
			t.Fatal("shutdown waited for the event stream")
		}
	})
}

// listeningTV signs a TV of its own in to the tenfootd at url and has it listen to its
// events until t ends; it returns once its stream is open, with where Listen's error
// arrives.
func listeningTV(t *testing.T, url string) (*session.Device, <-chan error) {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	client := &streamOpened{Service: session.NewClient(url), open: make(chan struct{})}
	tv, err := session.OpenDevice(store, client, nil, session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, tv.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword))
	listening := make(chan error, 1)
	go func() { listening <- tv.Listen(t.Context()) }()
	testkit.AwaitOpen(t, "the event stream opened", client.open, listening)
	return tv, listening
}

// streamOpened is a client of tenfootd that says when a device's event stream is
// open: the client's Subscribe returns once tenfootd has answered the request and
// begun the stream.
type streamOpened struct {
	session.Service
	open chan struct{} // closed when the first stream opens
	once sync.Once
}

func (s *streamOpened) Subscribe(ctx context.Context, token string, after uint64) (<-chan session.Event, error) {
	events, err := s.Service.Subscribe(ctx, token, after)
	if err == nil {
		s.once.Do(func() { close(s.open) })
	}
	return events, err
}

// tenfootdRun is a tenfootd that run serves for a test.
type tenfootdRun struct {
	url  string          // where it serves the API
	out  *testkit.Buffer // what it prints on standard output
	log  *testkit.Buffer // its log, on standard error
	done chan struct{}   // closed once run has returned
	err  error           // what run returned
}

// runTenfootd runs tenfootd with args, a web folder of its own and cheap passwords for
// the demo household, until ctx ends, and returns once it serves.
func runTenfootd(t *testing.T, ctx context.Context, args ...string) *tenfootdRun {
	t.Helper()
	r := &tenfootdRun{out: &testkit.Buffer{}, log: &testkit.Buffer{}, done: make(chan struct{})}
	args = append([]string{"-web", t.TempDir(), "-password-cost", "4"}, args...)
	go func() {
		defer close(r.done)
		r.err = run(ctx, args, func(string) string { return "" }, r.out, r.log)
	}()
	require.Eventually(t, func() bool {
		m := regexp.MustCompile(`serving (http://\S+)/`).FindStringSubmatch(r.out.String())
		if m != nil {
			r.url = m[1]
		}
		return m != nil
	}, 20*time.Second, 10*time.Millisecond, "tenfootd serves: %s", r.log)
	return r
}

// startTenfootd is runTenfootd returning the address it serves and where run's error
// arrives.
func startTenfootd(t *testing.T, ctx context.Context, args ...string) (string, <-chan error) {
	t.Helper()
	r := runTenfootd(t, ctx, args...)
	done := make(chan error, 1)
	go func() {
		<-r.done
		done <- r.err
	}()
	return r.url, done
}

// A restart of tenfootd loses nothing: devices keep their sessions, a TV whose
// stream was cut reconnects and catches up on the sign-out it missed while the
// service was down, and a device that was offline is refused at its next request.
func TestRestartKeepsSessionsAndRevocations(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		data := db.flags(db.place(t, t.TempDir()))
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := ln.Addr().String()
		require.NoError(t, ln.Close())

		first, stopFirst := context.WithCancel(t.Context())
		url, done := startTenfootd(t, first, append(data, "-addr", addr)...)
		tv := signedInRemote(t, url, "Living Room TV")
		phone := signedInRemote(t, url, "Phone")
		stick := signedInRemote(t, url, "Bedroom Stick")
		listening := make(chan error, 1)
		go func() { listening <- tv.Listen(t.Context()) }()
		require.Eventually(t, func() bool { return online(t, phone, tv.Info().ID) }, 10*time.Second, 20*time.Millisecond)

		stopFirst() // mid-stream: the TV's connection is cut
		require.NoError(t, <-done)

		second, stopSecond := context.WithCancel(t.Context())
		defer stopSecond()
		_, done = startTenfootd(t, second, append(data, "-addr", addr)...)
		res, err := phone.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err, "the phone's session survived the restart")
		assert.Len(t, res.Devices, 6, "the three here and the demo's three")

		select {
		case err := <-listening:
			assert.ErrorIs(t, err, session.ErrRevoked)
		case <-time.After(20 * time.Second):
			t.Fatal("the TV never caught up on its sign-out")
		}
		_, signedIn := tv.Account()
		assert.False(t, signedIn, "the TV wiped itself")
		assert.ErrorIs(t, stick.Refresh(t.Context()), session.ErrRevoked)
		_, signedIn = stick.Account()
		assert.False(t, signedIn, "the stick, offline all along, was refused and wiped itself")
	})
}

// online reports whether by's account lists device as listening.
func online(t *testing.T, by *session.Device, device uuid.UUID) bool {
	devices, err := by.Devices(t.Context())
	require.NoError(t, err)
	for _, d := range devices {
		if d.ID == device {
			return d.Online
		}
	}
	return false
}
