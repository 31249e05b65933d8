package main

import (
	"log/slog"
	"net/http"
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
	// Streams caps the event streams held open; its zero caps are the defaults.
	Streams streamLimits
}

// newServer returns the complete handler of tenfootd. Every route is
// registered here so that the account API can be added next to the static
// files without touching main.
func newServer(cfg config) http.Handler {
	mux := http.NewServeMux()
	// "GET /" also answers HEAD; other methods get 405 with an Allow header.
	mux.Handle("GET /", staticHandler{dir: cfg.WebDir})
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.LimitPerAddress <= 0 {
		cfg.LimitPerAddress = perAddress
	}
	if cfg.Service != nil {
		// One count per address across the API and the activation page, so a
		// guesser gains nothing by switching between them.
		limiter := newAddressLimiter(cfg.LimitPerAddress)
		(&api{svc: cfg.Service, log: cfg.Log, limiter: limiter, streams: newStreamGate(cfg.Streams)}).routes(mux)
		newActivatePage(cfg.Service, limiter).routes(mux)
	}
	return logRequests(cfg.Log, mux)
}

// logRequests logs each request's method, path, status and duration. Paths carry no
// secrets (tokens travel in headers), and bodies are never logged.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.Info("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "ms", time.Since(start).Milliseconds())
	})
}

// statusWriter remembers the status written, and still lets streams flush.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap lets http.ResponseController reach the real writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
