package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
)

// How readiness is checked: the store is asked every readyEvery, and one that does
// not answer within readyTimeout is not ready.
const (
	readyEvery   = time.Second
	readyTimeout = 2 * time.Second
)

// errShuttingDown is why a replica is not ready once it was told to stop, and why its
// event streams end: each is told to reconnect, which takes it to another replica.
var errShuttingDown = errors.New("tenfootd is shutting down: reconnect, to another replica")

// checkedStore is what readiness asks of the store (sqlstore.Store).
type checkedStore interface {
	// Ping reports whether the database answers within ctx.
	Ping(ctx context.Context) error
	// Listening reports whether the store hears the events other replicas record.
	Listening() bool
}

// health says whether tenfootd is alive (/livez: it answers) and ready (/readyz:
// its store answers and, on PostgreSQL, it listens for other replicas' events, and
// it is not shutting down). While it is not ready it opens no new event stream, so
// that a load balancer, which stops sending it new connections, and devices that
// were refused, reconnect elsewhere. A health without a store is ready until it
// drains.
type health struct {
	store checkedStore
	log   *slog.Logger
	// onChange is told each change of readiness (metrics).
	onChange func(ready bool)

	mu       sync.Mutex
	checks   []check // the last results, in the order /readyz lists them
	ready    bool
	draining bool
}

// check is the outcome of one readiness check.
type check struct {
	name string
	err  error
}

func newHealth(store checkedStore, log *slog.Logger, onChange func(bool)) *health {
	if onChange == nil {
		onChange = func(bool) {}
	}
	h := &health{store: store, log: log, onChange: onChange, ready: store == nil}
	onChange(h.ready)
	return h
}

// Ready reports whether new event streams may open here.
func (h *health) Ready() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ready
}

// drain makes the replica not ready for good: it is shutting down.
func (h *health) drain() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.draining = true
	h.set(false)
}

// set records readiness, logging and telling a change. The caller holds h.mu.
func (h *health) set(ready bool) {
	if ready == h.ready {
		return
	}
	h.ready = ready
	h.onChange(ready)
	switch {
	case ready:
		h.log.Info("ready: taking new event streams")
	case h.draining:
		h.log.Info("not ready: shutting down, taking no new event streams")
	default:
		h.log.Warn("not ready: taking no new event streams until the database answers", "checks", h.failing())
	}
}

// failing says which checks failed, and why. The caller holds h.mu.
func (h *health) failing() string {
	var out []string
	for _, c := range h.checks {
		if c.err != nil {
			out = append(out, c.name+": "+c.err.Error())
		}
	}
	return strings.Join(out, "; ")
}

// check asks the store now, and records the outcome.
func (h *health) check(ctx context.Context) {
	if h.store == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	checks := []check{{name: "store", err: h.store.Ping(ctx)}}
	var listen error
	if !h.store.Listening() {
		listen = errors.New("not listening for the events of other replicas yet, or again")
	}
	checks = append(checks, check{name: "listen", err: listen})
	h.mu.Lock()
	defer h.mu.Unlock()
	h.checks = checks
	h.set(!h.draining && checks[0].err == nil && checks[1].err == nil)
}

// await checks readiness until the replica is ready, ctx ends or wait has passed,
// every few milliseconds: at start, the listening connection is made meanwhile.
func (h *health) await(ctx context.Context, wait time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	for {
		h.check(ctx)
		if h.Ready() || ctx.Err() != nil {
			return
		}
		select {
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
		}
	}
}

// watch checks readiness every readyEvery until ctx ends.
func (h *health) watch(ctx context.Context) {
	if h.store == nil {
		return
	}
	tick := time.NewTicker(readyEvery)
	defer tick.Stop()
	for {
		select {
		case <-tick.C:
			h.check(ctx)
		case <-ctx.Done():
			return
		}
	}
}

// routes serves /livez and /readyz, as Kubernetes' own components do: "ok", or 503
// with each check and, with why, why it failed. ?verbose lists every check. Why is
// for the metrics address only: a database's error names its host, port, user and
// database, which the devices' address tells no one.
func (h *health) routes(mux *http.ServeMux, why bool) {
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		ready, draining, checks := h.ready, h.draining, h.checks
		h.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if !ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		if ready && !r.URL.Query().Has("verbose") {
			fmt.Fprintln(w, "ok")
			return
		}
		for _, c := range checks {
			switch {
			case c.err != nil && why:
				fmt.Fprintf(w, "[-]%s failed: %v\n", c.name, c.err)
			case c.err != nil:
				fmt.Fprintf(w, "[-]%s failed\n", c.name)
			default:
				fmt.Fprintf(w, "[+]%s ok\n", c.name)
			}
		}
		switch {
		case draining:
			fmt.Fprintf(w, "[-]shutdown failed: %v\n", errShuttingDown)
		case h.store != nil && len(checks) == 0:
			fmt.Fprintln(w, "[-]store failed: not checked yet")
		}
		if ready {
			fmt.Fprintln(w, "readyz check passed")
		} else {
			fmt.Fprintln(w, "readyz check failed")
		}
	})
}
