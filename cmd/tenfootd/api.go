package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"tenfoot/session"
)

// Limits of the API.
const (
	// maxBody bounds a request body: the largest legitimate one is a profile.
	maxBody = 16 << 10
	// keepAlive is how often an idle event stream sends a comment, so proxies and
	// TVs that drop quiet connections keep it open.
	keepAlive = 15 * time.Second
	// Requests allowed per client address and minute to the endpoints that take
	// passwords, PINs and codes, unless -limit-per-address says otherwise; the
	// service also limits per account and device.
	perAddress       = 60
	perAddressWindow = time.Minute
	// Requests allowed per client address and minute to the endpoints that need no
	// account and are cheap to send: polling a code and signing out a token. Each
	// may take the database's write lock, so a flood of them must not starve the
	// sign-ins and sign-outs that matter. A TV showing a code polls once a second;
	// this leaves room for 50 of a hotel's TVs behind one address, and a poll on
	// time writes nothing.
	cheapPerAddress = 3000
)

// api serves the account service to devices as JSON over HTTP.
type api struct {
	svc     session.Service
	log     *slog.Logger
	limiter *addressLimiter
	// cheap limits the endpoints that need no account (cheapPerAddress).
	cheap   *addressLimiter
	streams *streamGate
	// streamsEnd ends every event stream when done, as tenfootd shuts down;
	// streamsServed counts the streams being set up or served.
	streamsEnd    context.Context
	streamsServed sync.WaitGroup
	metrics       *metrics
	// health says whether new streams may open.
	health *health
}

func (a *api) routes(mux *http.ServeMux) {
	p := session.APIPrefix
	mux.HandleFunc("GET "+p+"/health", func(w http.ResponseWriter, r *http.Request) { a.reply(w, map[string]bool{"ok": true}) })
	mux.HandleFunc("POST "+p+"/signin", a.limited(a.signIn))
	mux.HandleFunc("POST "+p+"/device/code", a.limited(a.deviceCode))
	mux.HandleFunc("POST "+p+"/device/token", a.limitedBy(a.cheap, a.deviceToken))
	mux.HandleFunc("POST "+p+"/device/describe", a.limited(a.describe))
	mux.HandleFunc("POST "+p+"/device/approve", a.limited(a.approve))
	mux.HandleFunc("POST "+p+"/device/deny", a.limited(a.deny))
	mux.HandleFunc("GET "+p+"/session", a.check)
	mux.HandleFunc("GET "+p+"/devices", a.devices)
	mux.HandleFunc("POST "+p+"/signout", a.limitedBy(a.cheap, a.signOut))
	mux.HandleFunc("POST "+p+"/devices/{id}/signout", a.signOutDevice)
	mux.HandleFunc("POST "+p+"/signout-all", a.limited(a.signOutAll))
	mux.HandleFunc("GET "+p+"/signout-all/watch", a.watch)
	mux.HandleFunc("POST "+p+"/profiles", a.limited(a.saveProfile))
	mux.HandleFunc("DELETE "+p+"/profiles/{id}", a.limited(a.deleteProfile))
	mux.HandleFunc("POST "+p+"/profiles/{id}/verify-pin", a.limited(a.verifyPIN))
	mux.HandleFunc("GET "+p+"/events", a.events)
	for _, method := range []string{"GET", "POST", "PUT", "DELETE"} {
		mux.HandleFunc(method+" "+p+"/", a.noEndpoint)
	}
}

// noEndpoint answers a request the API has no endpoint for.
func (a *api) noEndpoint(w http.ResponseWriter, r *http.Request) {
	a.fail(w, r, fmt.Errorf("%w: no such endpoint: %s %s", session.ErrNotFound, r.Method, r.URL.Path))
}

// anyMethod serves mux, where the API's endpoints are, and answers a request to the
// API with a method that none of them takes (PATCH, OPTIONS, one made up) as one to
// a path it does not know, in JSON. The mux answered those 405 in plain text, which
// a client reading the API's errors cannot read; no route can catch them, as one
// for every method under the API conflicts with the static files' "GET /".
func (a *api) anyMethod(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, session.APIPrefix+"/") {
			if _, pattern := mux.Handler(r); pattern == "" {
				a.noEndpoint(w, r)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// bearer returns the token of the Authorization header, or "".
func bearer(r *http.Request) string {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return ""
	}
	return strings.TrimSpace(token)
}

// decode reads a JSON body into v: one object, no unknown fields, no more than
// maxBody bytes. What is wrong is said in the error. A body past maxBody is said to
// be too large wherever it goes past, in its one value or in what follows it: the
// limit, not a second value, is what refused it.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return fmt.Errorf("%w: the body must be JSON (Content-Type: application/json)", session.ErrInvalid)
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	tooLarge := func(err error) bool {
		var tooBig *http.MaxBytesError
		return errors.As(err, &tooBig)
	}
	if err := dec.Decode(v); err != nil {
		if tooLarge(err) {
			return fmt.Errorf("%w: the body is larger than %d bytes", session.ErrInvalid, maxBody)
		}
		return fmt.Errorf("%w: the body is not valid: %v", session.ErrInvalid, err)
	}
	switch err := dec.Decode(&struct{}{}); {
	case tooLarge(err):
		return fmt.Errorf("%w: the body is larger than %d bytes", session.ErrInvalid, maxBody)
	case err != io.EOF:
		return fmt.Errorf("%w: the body has more than one JSON value", session.ErrInvalid)
	}
	return nil
}

func (a *api) reply(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(v)
}

func (a *api) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, context.Canceled) {
		// No fault of the service: the answer is a 503, so that one still read is
		// never taken for done, and the log says 499, as nginx does.
		a.log.InfoContext(r.Context(), "request canceled: the client went away or the service is stopping", "err", err)
		logStatus(w, statusClientClosedRequest)
		err = &session.UnavailableError{Err: err}
	} else if errors.Is(err, session.ErrUnavailable) {
		a.log.WarnContext(r.Context(), "database unavailable; the device is told to try again", "err", err)
	}
	status, body := session.ErrorStatus(err)
	var rl *session.RateLimitError
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", retryAfter(rl.RetryAfter))
	}
	if status == http.StatusServiceUnavailable {
		w.Header().Set("Retry-After", retryAfter(session.UnavailableRetryAfter))
	}
	if status == http.StatusInternalServerError {
		a.log.ErrorContext(r.Context(), "request failed", "err", err) // the client gets no details
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

// retryAfter writes a wait as Retry-After does: whole seconds, rounded up, so a client
// that waits as long is never early.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int((d+time.Second-1)/time.Second)))
}

// respond sends v, or the error.
func (a *api) respond(w http.ResponseWriter, r *http.Request, v any, err error) {
	if err != nil {
		a.fail(w, r, err)
		return
	}
	a.reply(w, v)
}

// limited refuses a client address that asks too often, before any password is
// checked.
func (a *api) limited(h http.HandlerFunc) http.HandlerFunc { return a.limitedBy(a.limiter, h) }

// limitedBy refuses a client address that has asked l too often.
func (a *api) limitedBy(l *addressLimiter, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := l.check(r); err != nil {
			a.fail(w, r, err)
			return
		}
		h(w, r)
	}
}

func (a *api) signIn(w http.ResponseWriter, r *http.Request) {
	var req session.SignInRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	g, err := a.svc.SignIn(r.Context(), req.Device, req.Email, req.Password)
	a.respond(w, r, g, err)
}

func (a *api) deviceCode(w http.ResponseWriter, r *http.Request) {
	var req session.DeviceCodeRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	auth, err := a.svc.StartDeviceAuth(r.Context(), req.Device)
	a.respond(w, r, auth.JSON(), err)
}

func (a *api) deviceToken(w http.ResponseWriter, r *http.Request) {
	var req session.TokenRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	g, err := a.svc.PollDeviceAuth(r.Context(), req.DeviceCode)
	a.respond(w, r, g, err)
}

func (a *api) approve(w http.ResponseWriter, r *http.Request) {
	var req session.ApproveRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	a.respond(w, r, map[string]bool{"approved": true}, a.svc.ApproveDeviceAuth(r.Context(), bearer(r), req.UserCode))
}

func (a *api) check(w http.ResponseWriter, r *http.Request) {
	g, err := a.svc.Check(r.Context(), bearer(r))
	g.Token = "" // the caller has it; never echo secrets
	a.respond(w, r, g, err)
}

func (a *api) devices(w http.ResponseWriter, r *http.Request) {
	d, err := a.svc.Devices(r.Context(), bearer(r))
	a.respond(w, r, d, err)
}

func (a *api) signOut(w http.ResponseWriter, r *http.Request) {
	a.respond(w, r, map[string]bool{"signedOut": true}, a.svc.SignOut(r.Context(), bearer(r)))
}

// pathID parses the {id} of the path.
func pathID(r *http.Request) (uuid.UUID, error) {
	id, err := uuid.Parse(r.PathValue("id"))
	if err != nil {
		return uuid.Nil, fmt.Errorf("%w: %q is not an id", session.ErrInvalid, r.PathValue("id"))
	}
	return id, nil
}

func (a *api) signOutDevice(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.svc.SignOutDevice(r.Context(), bearer(r), id)
	a.respond(w, r, res, err)
}

func (a *api) signOutAll(w http.ResponseWriter, r *http.Request) {
	var proof session.Proof
	if err := decode(w, r, &proof); err != nil {
		a.fail(w, r, err)
		return
	}
	res, err := a.svc.SignOutAll(r.Context(), bearer(r), proof)
	a.respond(w, r, res, err)
}

func (a *api) saveProfile(w http.ResponseWriter, r *http.Request) {
	var change session.ProfileChange
	if err := decode(w, r, &change); err != nil {
		a.fail(w, r, err)
		return
	}
	// A device adding a profile names it by the request's key, so that the same
	// request sent again, its answer lost, makes no second profile.
	if key := r.Header.Get("Idempotency-Key"); key != "" {
		id, err := uuid.Parse(key)
		if err != nil || id == uuid.Nil {
			a.fail(w, r, fmt.Errorf("%w: Idempotency-Key: a profile's key is a UUID", session.ErrInvalid))
			return
		}
		change.NewID = id
	}
	ps, err := a.svc.SaveProfile(r.Context(), bearer(r), change)
	a.respond(w, r, ps, err)
}

func (a *api) deleteProfile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	// The body is optional: only a locked profile needs the proof it carries.
	var del session.ProfileDeletion
	if r.ContentLength != 0 {
		if err := decode(w, r, &del); err != nil {
			a.fail(w, r, err)
			return
		}
	}
	ps, err := a.svc.DeleteProfile(r.Context(), bearer(r), id, del.Proof)
	a.respond(w, r, ps, err)
}

func (a *api) verifyPIN(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	var req session.PINRequest
	if err := decode(w, r, &req); err != nil {
		a.fail(w, r, err)
		return
	}
	a.respond(w, r, map[string]bool{"ok": true}, a.svc.VerifyPIN(r.Context(), bearer(r), id, req.PIN))
}

// events streams the account's events as server-sent events. A device that
// reconnects sends the last id it saw in Last-Event-ID and gets what it missed.
// Streams are capped per session, per address and in total (see streamGate).
func (a *api) events(w http.ResponseWriter, r *http.Request) {
	var after uint64
	if last := r.Header.Get("Last-Event-ID"); last != "" {
		n, err := strconv.ParseUint(last, 10, 64)
		if err != nil {
			a.fail(w, r, fmt.Errorf("%w: Last-Event-ID %q is not a sequence number", session.ErrInvalid, last))
			return
		}
		after = n
	}
	a.serveStream(w, r, deviceStream, func(ctx context.Context) (<-chan session.Event, error) {
		return a.svc.Subscribe(ctx, bearer(r), after)
	})
}

// watch streams the events of a sign-out of all devices to the device that started
// it, whose own token no longer works; it shows its ticket instead. A watch counts
// toward the caps on streams as any stream does, its ticket standing for a session.
func (a *api) watch(w http.ResponseWriter, r *http.Request) {
	a.serveStream(w, r, watchStream, func(ctx context.Context) (<-chan session.Event, error) {
		return a.svc.WatchSignOut(ctx, bearer(r))
	})
}

// stream serves ch in the request's handler, where its connection cannot be taken
// (serveStream).
func (a *api) stream(w http.ResponseWriter, r *http.Request, kind streamKind, ch <-chan session.Event) {
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Time{}) // a stream outlives the server's write timeout
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": tenfootd events\n\n")
	rc.Flush()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	defer sayFarewell(w, r.Context())
	for {
		var ev session.Event
		select {
		case next, ok := <-ch:
			if !ok {
				return // the service ended it: revoked, or fell behind and must catch up
			}
			ev = next
			w.Write(appendEvent(nil, ev))
		case <-tick.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
		a.delivered(kind, ev)
	}
}

// addressLimiter allows each client address limit requests a window.
type addressLimiter struct {
	limit   int
	refused prometheus.Counter // counts the requests it refuses
	mu      sync.Mutex
	count   map[string]int
	start   time.Time
}

func newAddressLimiter(limit int, refused prometheus.Counter) *addressLimiter {
	return &addressLimiter{limit: limit, refused: refused, count: make(map[string]int)}
}

// check counts a request and returns a RateLimitError if its address has asked too
// often.
func (l *addressLimiter) check(r *http.Request) error {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if wait := l.take(host, time.Now()); wait > 0 {
		l.refused.Inc()
		return &session.RateLimitError{RetryAfter: wait}
	}
	return nil
}

// take counts a request from addr at now and returns how long to wait if it is
// one too many.
func (l *addressLimiter) take(addr string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) >= perAddressWindow {
		clear(l.count) // a fixed window: simple, and memory never grows past one window
		l.start = now
	}
	if l.count[addr] >= l.limit {
		return l.start.Add(perAddressWindow).Sub(now)
	}
	l.count[addr]++
	return 0
}
