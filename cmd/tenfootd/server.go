package main

import "net/http"

// config holds what the HTTP handler tree is built from, so that tests can
// build exactly the handler that main serves without going through flags.
type config struct {
	// WebDir is the directory of the browser build (index.html, tenfoot.wasm,
	// wasm_exec.js and their precompressed .br/.gz variants).
	WebDir string
}

// newServer returns the complete handler of tenfootd. Every route is
// registered here so that the account API can be added next to the static
// files without touching main.
func newServer(cfg config) http.Handler {
	mux := http.NewServeMux()
	// "GET /" also answers HEAD; other methods get 405 with an Allow header.
	mux.Handle("GET /", staticHandler{dir: cfg.WebDir})
	return mux
}
