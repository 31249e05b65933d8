package main

import (
	"context"
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"tenfoot/session"
)

// config holds what the HTTP handler tree is built from, so that tests can
// build exactly the handler that main serves without going through flags.
type config struct {
	// WebDir is the directory of the browser build (index.html, tenfoot.wasm,
	// wasm_exec.js and their precompressed .br/.gz variants).
	WebDir string
	// Service is the account service the API serves; nil serves no API.
	Service session.Service
	// Log receives one line per request, without secrets.
	Log *slog.Logger
	// LimitPerAddress is how many requests a client address may make a minute to
	// the endpoints that take passwords, PINs and codes; 0 means perAddress.
	LimitPerAddress int
	// CheapLimitPerAddress is how many requests a client address may make a minute
	// to the endpoints that need no account (polling a code, signing out a token);
	// 0 means cheapPerAddress.
	CheapLimitPerAddress int
	// PublicURL is where people reach the service, such as https://tv.example
	// (parsePublicURL). Posts to the activation page must come from its origin,
	// and its cookies are Secure when it is https, also behind a proxy that ends
	// TLS. Nil, the page goes by the Host a request was sent to and whether it
	// came over TLS.
	PublicURL *url.URL
	// PageKey signs the activation page's forms. Replicas behind one address must
	// share it, as main does by keeping it in the store (pageKeyName); nil makes
	// one at random, which only a server alone may do.
	PageKey []byte
	// Streams caps the event streams held open; its zero caps are the defaults.
	Streams streamLimits
	// StreamsEnd ends every event stream when it is done, as tenfootd shuts down;
	// nil, streams end only with their clients. A stream that ends because its
	// cause is errShuttingDown tells its client to reconnect (retry:).
	StreamsEnd context.Context
	// Metrics counts requests, streams and what the service tells it; nil counts
	// into a registry of the server's own.
	Metrics *metrics
	// Health says whether new event streams may open, and serves /livez and
	// /readyz; nil is always ready.
	Health *health
	// MetricsOnAPI serves /metrics beside the API, when no -metrics-addr serves it
	// apart.
	MetricsOnAPI bool
}

// newServer returns the complete handler of tenfootd. Every route is
// registered here so that the account API can be added next to the static
// files without touching main.
func newServer(cfg config) http.Handler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	cfg.Log = tapped(cfg.Log)
	h, _ := buildServer(cfg)
	return h
}

// buildServer is newServer, and also returns a function that waits until every
// event stream has ended, those served apart from their requests (serveStream)
// included, which http.Server.Shutdown does not wait for.
func buildServer(cfg config) (_ http.Handler, streamsEnded func()) {
	streamsEnded = func() {}
	mux := http.NewServeMux()
	var handler http.Handler = mux
	// "GET /" also answers HEAD; other methods get 405 with an Allow header.
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	mux.Handle("GET /", staticHandler{dir: cfg.WebDir, log: cfg.Log})
	if cfg.Metrics == nil {
		cfg.Metrics = newMetrics("")
	}
	if cfg.Health == nil {
		cfg.Health = newHealth(nil, cfg.Log, nil)
	}
	cfg.Health.routes(mux, false)
	if cfg.MetricsOnAPI {
		mux.Handle("GET /metrics", cfg.Metrics.handler())
	}
	if cfg.LimitPerAddress <= 0 {
		cfg.LimitPerAddress = perAddress
	}
	if cfg.CheapLimitPerAddress <= 0 {
		cfg.CheapLimitPerAddress = cheapPerAddress
	}
	if cfg.Service != nil {
		// One count per address across the API and the activation page, so a
		// guesser gains nothing by switching between them.
		limiter := newAddressLimiter(cfg.LimitPerAddress, cfg.Metrics.rateLimited[ruleAddress])
		if cfg.StreamsEnd == nil {
			cfg.StreamsEnd = context.Background()
		}
		a := &api{svc: cfg.Service, log: cfg.Log, limiter: limiter,
			cheap:   newAddressLimiter(cfg.CheapLimitPerAddress, cfg.Metrics.rateLimited[ruleAddressCheap]),
			streams: newStreamGate(cfg.Streams), streamsEnd: cfg.StreamsEnd, metrics: cfg.Metrics, health: cfg.Health}
		a.routes(mux)
		handler = a.anyMethod(mux)
		streamsEnded = a.streamsServed.Wait
		if cfg.PageKey == nil {
			cfg.PageKey = make([]byte, 32)
			rand.Read(cfg.PageKey) // never fails: crypto/rand panics rather than return short
		}
		newActivatePage(cfg.Service, limiter, newFormGuard(cfg.PageKey, cfg.PublicURL)).routes(mux)
	}
	return observeRequests(cfg.Log, cfg.Metrics, handler), streamsEnded
}

// observeRequests gives each request an ID, sent back in X-Request-ID and carried by
// every line logged with its context, then logs and counts it by route: the pattern
// that matched, such as "POST /api/v1/devices/{id}/signout", never the path, which
// may hold IDs. Tokens travel in headers, and bodies and headers are never logged.
func observeRequests(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := requestID(r.Header.Get(requestHeaderID))
		w.Header().Set(requestHeaderID, id)
		r = r.WithContext(withRequestID(r.Context(), id))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		took := time.Since(start)
		status := sw.status
		if sw.logged != 0 {
			status = sw.logged
		}
		route := r.Pattern // set by the mux on the request it was given
		m.request(route, status, took)
		if route == "" {
			route = routeUnmatched
		}
		level := slog.LevelInfo
		if quietRoutes[route] {
			level = slog.LevelDebug
		}
		log.Log(r.Context(), level, "request", "method", loggedMethod(r.Method), "route", route, "status", status, "ms", took.Milliseconds())
	})
}

// loggedMethod is method as the request log names it: one of HTTP's own, or
// "other". A method is whatever the client sent, as long as the request's head may
// be; logged as it came, one client could fill the log.
func loggedMethod(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// quietRoutes are logged at DEBUG, not INFO: probes and scrapes come every few
// seconds from machines, and would bury what people did.
var quietRoutes = map[string]bool{"GET /livez": true, "GET /readyz": true, "GET /metrics": true}

// statusWriter remembers the status written, and still lets streams flush.
type statusWriter struct {
	http.ResponseWriter
	status int
	logged int // the status to log instead, if not 0
}

// statusClientClosedRequest is nginx's 499, for a request whose client went away
// before the answer. It is only logged: there is no one to send it to.
const statusClientClosedRequest = 499

// logStatus has the request logged with status, whatever status is written.
func logStatus(w http.ResponseWriter, status int) {
	if sw, ok := w.(*statusWriter); ok {
		sw.logged = status
	}
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
