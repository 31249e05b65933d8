package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"tenfoot/session"
)

// Time kept before the run's deadline, besides the hold itself, so that a hold whose
// setup runs out of time still opens the streams of the devices signed in, holds
// them and measures: signing in stops signInReserve before the deadline, opening
// streams connectReserve before it.
const (
	signInReserve  = 30 * time.Second
	connectReserve = 10 * time.Second
)

// holdReport is how many event streams one tenfootd held, and at what memory.
type holdReport struct {
	Mode        string      `json:"mode"`
	Devices     int         `json:"devices"`   // asked for
	SignedIn    int         `json:"signedIn"`  // of them, signed in
	Connected   int         `json:"connected"` // of them, with their event stream open
	StillOpen   int         `json:"stillOpen"` // of the streams, still open at the end of the hold
	HoldSeconds float64     `json:"holdSeconds"`
	Stopped     string      `json:"stopped,omitempty"` // why setup stopped short
	RSS         *rssReport  `json:"rss,omitempty"`     // only when this run started tenfootd
	Setup       setupReport `json:"setup"`
}

// rssReport is tenfootd's resident memory along a hold, in bytes.
type rssReport struct {
	Start     int64 `json:"start"`     // before any sign-in
	SignedIn  int64 `json:"signedIn"`  // with the devices signed in, no stream open
	Connected int64 `json:"connected"` // right after the streams opened
	Held      int64 `json:"held"`      // at the end of the hold
	Closed    int64 `json:"closed"`    // a moment after the streams closed
	// PerStream is (Held - SignedIn) / Connected: what an open stream costs.
	PerStream int64 `json:"perStream"`
	// PerDevice is (Held - Start) / Connected: a stream and its session.
	PerDevice int64 `json:"perDevice"`
}

func (r *holdReport) String() string {
	s := fmt.Sprintf("hold: %d of %d devices connected, %d streams still open after %.0fs",
		r.Connected, r.Devices, r.StillOpen, r.HoldSeconds)
	if m := r.RSS; m != nil {
		s += fmt.Sprintf("; tenfootd RSS %s at start, %s signed in, %s connected, %s held, %s closed: %s a stream, %s a device",
			mib(m.Start), mib(m.SignedIn), mib(m.Connected), mib(m.Held), mib(m.Closed), kib(m.PerStream), kib(m.PerDevice))
	}
	s += "; setup: " + r.Setup.String()
	if r.Stopped != "" {
		s += "; stopped short: " + r.Stopped
	}
	return s
}

func (r *holdReport) check() error {
	if r.Connected < r.Devices {
		return fmt.Errorf("connected %d of %d devices: %s", r.Connected, r.Devices, r.Stopped)
	}
	if r.StillOpen < r.Connected {
		return fmt.Errorf("%d of %d streams closed during the hold", r.Connected-r.StillOpen, r.Connected)
	}
	return nil
}

// measureHold signs o.holdDevices devices in, opens each one's event stream, holds
// them for o.holdFor, and reads srv's memory along the way if srv is not nil. If
// setup cannot finish in time, it holds the devices it got.
func measureHold(ctx context.Context, svc session.Service, srv *tenfootd, o options, log io.Writer) (*holdReport, error) {
	r := &holdReport{Mode: "hold", Devices: o.holdDevices, HoldSeconds: o.holdFor.Seconds()}
	var rssErr error
	measure := func(at *int64) {
		if srv != nil && rssErr == nil {
			*at, rssErr = srv.rss()
		}
	}
	var m rssReport
	measure(&m.Start)

	signingIn, connecting := ctx, ctx
	if deadline, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		signingIn, cancel = context.WithDeadline(ctx, deadline.Add(-o.holdFor-signInReserve))
		defer cancel()
		connecting, cancel = context.WithDeadline(ctx, deadline.Add(-o.holdFor-connectReserve))
		defer cancel()
	}
	devs, done, err := signInAll(signingIn, []session.Service{svc}, o.holdDevices, o.concurrency, log)
	r.SignedIn, r.Setup = len(devs), newSetupReport(done)
	if err != nil {
		if ctx.Err() != nil || len(devs) == 0 {
			return nil, err
		}
		r.Stopped = stopReason(err)
		fmt.Fprintf(log, "tenfootload: %v; holding the devices signed in\n", r.Stopped)
	}
	measure(&m.SignedIn)

	life, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	streams, err := connect(connecting, life, devs, o.concurrency, log)
	r.Setup.ConnectSeconds = time.Since(start).Seconds()
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		r.Stopped = stopReason(err)
		fmt.Fprintf(log, "tenfootload: %v; holding the streams open\n", r.Stopped)
	}
	var open atomic.Int64
	var wg sync.WaitGroup
	for _, ch := range streams {
		if ch == nil {
			continue
		}
		r.Connected++
		open.Add(1)
		wg.Go(func() {
			for range ch {
			}
			open.Add(-1)
		})
	}
	measure(&m.Connected)

	fmt.Fprintf(log, "tenfootload: holding %d streams for %v\n", r.Connected, o.holdFor)
	select {
	case <-time.After(o.holdFor):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	r.StillOpen = int(open.Load())
	measure(&m.Held)
	fmt.Fprintf(log, "tenfootload: closing the streams\n")
	cancel()
	wg.Wait()
	time.Sleep(time.Second) // let tenfootd notice the closed connections
	measure(&m.Closed)

	if srv != nil {
		if rssErr != nil {
			return nil, rssErr
		}
		if r.Connected > 0 {
			m.PerStream = (m.Held - m.SignedIn) / int64(r.Connected)
			m.PerDevice = (m.Held - m.Start) / int64(r.Connected)
		}
		r.RSS = &m
	}
	return r, nil
}

// stopReason says why setup stopped short.
func stopReason(err error) string {
	if errors.Is(err, context.DeadlineExceeded) {
		return err.Error() + " (time ran out: raise -timeout)"
	}
	return err.Error()
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }
func kib(b int64) string { return fmt.Sprintf("%.1f KiB", float64(b)/(1<<10)) }
