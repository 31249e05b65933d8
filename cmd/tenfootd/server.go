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
	// nil, streams end only with their clients.
	StreamsEnd context.Context
}

// newServer returns the complete handler of tenfootd. Every route is
// registered here so that the account API can be added next to the static
// files without touching main.
func newServer(cfg config) http.Handler {
	h, _ := buildServer(cfg)
	return h
}

// buildServer is newServer, and also returns a function that waits until every
// event stream has ended, those served apart from their requests (serveStream)
// included, which http.Server.Shutdown does not wait for.
func buildServer(cfg config) (_ http.Handler, streamsEnded func()) {
	streamsEnded = func() {}
	mux := http.NewServeMux()
	// "GET /" also answers HEAD; other methods get 405 with an Allow header.
	mux.Handle("GET /", staticHandler{dir: cfg.WebDir})
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
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
		limiter := newAddressLimiter(cfg.LimitPerAddress)
		if cfg.StreamsEnd == nil {
			cfg.StreamsEnd = context.Background()
		}
		a := &api{svc: cfg.Service, log: cfg.Log, limiter: limiter, cheap: newAddressLimiter(cfg.CheapLimitPerAddress),
			streams: newStreamGate(cfg.Streams), streamsEnd: cfg.StreamsEnd}
		a.routes(mux)
		streamsEnded = a.streamsServed.Wait
		if cfg.PageKey == nil {
			cfg.PageKey = make([]byte, 32)
			rand.Read(cfg.PageKey) // never fails: crypto/rand panics rather than return short
		}
		newActivatePage(cfg.Service, limiter, newFormGuard(cfg.PageKey, cfg.PublicURL)).routes(mux)
	}
	return logRequests(cfg.Log, mux), streamsEnded
}

// logRequests logs each request's method, path, status and duration. Paths carry no
// secrets (tokens travel in headers), and bodies are never logged.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		status := sw.status
		if sw.logged != 0 {
			status = sw.logged
		}
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", status, "ms", time.Since(start).Milliseconds())
	})
}

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
