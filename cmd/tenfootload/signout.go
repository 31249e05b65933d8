package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"runtime/pprof"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"tenfoot/demo"
	"tenfoot/session"
)

// goal is the promise: p99 of confirm to device signed out, with 1,000 devices.
const goal = time.Second

// signOutReport is what signing out everywhere took. Times are in milliseconds from
// just before the confirm was sent; the percentiles are over the devices that heard.
type signOutReport struct {
	Mode     string `json:"mode"`
	Replicas int    `json:"replicas"` // tenfootds the devices are spread over
	Devices  int    `json:"devices"`
	Online   int    `json:"online"`  // of them, listed online by the service before the confirm
	Pending  int    `json:"pending"` // of them, counted "pending" in the confirm's answer
	// PendingByReplica splits the pending devices the answer lists (the first
	// session.ListedDevices) by the replica each listens on: the first replica
	// answers for the devices listening on every one.
	PendingByReplica []int `json:"pendingByReplica"`
	Reached          int   `json:"reached"` // of them, heard their own sign-out
	Missed           int   `json:"missed"`  // of them, did not hear it within -wait
	// Time to hear it.
	First     float64 `json:"firstMs"`
	P50       float64 `json:"p50Ms"`
	P90       float64 `json:"p90Ms"`
	P99       float64 `json:"p99Ms"`
	Max       float64 `json:"maxMs"`
	ConfirmMs float64 `json:"confirmMs"` // time until the confirm's answer came back
	// ServedMs is the time the replica took to serve the confirm, from its log; -1
	// with -server. The rest of ConfirmMs is the answer waiting to be read on the
	// load generator's side, among the devices' streams.
	ServedMs float64     `json:"servedMs"`
	WaitMs   float64     `json:"waitMs"`
	Setup    setupReport `json:"setup"`
}

func (r *signOutReport) String() string {
	return fmt.Sprintf("signout: %d devices on %d tenfootd (%d online, %d pending %v by replica), %d reached, %d missed; "+
		"first %.0fms p50 %.0fms p90 %.0fms p99 %.0fms max %.0fms (confirm answered in %.0fms, served in %.0fms); setup: %v",
		r.Devices, r.Replicas, r.Online, r.Pending, r.PendingByReplica, r.Reached, r.Missed, r.First, r.P50, r.P90, r.P99, r.Max, r.ConfirmMs, r.ServedMs, r.Setup)
}

func (r *signOutReport) check() error {
	if r.Missed > 0 {
		return fmt.Errorf("%d of %d devices did not hear they were signed out within %.0fms", r.Missed, r.Devices, r.WaitMs)
	}
	if r.P99 >= ms(goal) {
		return fmt.Errorf("p99 %.0fms from confirm to device signed out is not under %v", r.P99, goal)
	}
	return nil
}

// measureSignOut signs o.devices devices in, spread over the replicas svcs, opens each
// one's event stream on its replica, then signs out everywhere from one more device,
// on the first replica, and times each device hearing it. Online and Pending count
// the devices listening on any replica: the replicas share who listens where.
// profile is called just before the confirm, and what it returns once the devices
// heard it or the wait ran out.
func measureSignOut(ctx context.Context, svcs []session.Service, o options, profile func() (finish func() error), log io.Writer) (*signOutReport, error) {
	svc := svcs[0]
	phone := session.NewDeviceIdentity("Load phone", session.DeviceKindPhone)
	g, err := svc.SignIn(ctx, phone, demo.AnaEmail, demo.AnaPassword)
	if err != nil {
		return nil, fmt.Errorf("signing in the device that signs out everywhere: %w", explain(err))
	}
	devs, done, err := signInAll(ctx, svcs, o.devices, o.concurrency, log)
	if err != nil {
		return nil, err
	}
	r := &signOutReport{Mode: "signout", Replicas: len(svcs), Devices: len(devs), PendingByReplica: make([]int, len(svcs)),
		WaitMs: ms(o.wait), Setup: newSetupReport(done)}

	life, cancel := context.WithCancel(ctx)
	defer cancel()
	start := time.Now()
	streams, err := connect(ctx, life, devs, o.concurrency, log)
	if err != nil {
		return nil, err
	}
	r.Setup.ConnectSeconds = time.Since(start).Seconds()

	// Each device listens for its own sign-out; heard counts those that got it.
	arrived := make([]time.Time, len(devs))
	heard := make(chan struct{}, len(devs))
	var wg sync.WaitGroup
	for i, ch := range streams {
		id := devs[i].info.ID
		wg.Go(func() {
			for ev := range ch {
				if arrived[i].IsZero() && ev.Kind == session.EventSignedOut && ev.Concerns(id) {
					arrived[i] = time.Now()
					heard <- struct{}{}
				}
			}
		})
	}

	ours := make(map[uuid.UUID]*device, len(devs))
	for i := range devs {
		ours[devs[i].info.ID] = &devs[i]
	}
	listed, err := svc.Devices(ctx, g.Token)
	if err != nil {
		return nil, fmt.Errorf("listing the account's devices: %w", err)
	}
	for _, d := range listed {
		if d.Online && ours[d.ID] != nil {
			r.Online++
		}
	}

	fmt.Fprintf(log, "tenfootload: %d devices connected, %d listed online; signing out everywhere\n", len(devs), r.Online)
	stopProfile, err := startCPUProfile(o.cpuProfile)
	if err != nil {
		return nil, err
	}
	defer stopProfile()
	finishProfiles := profile()
	t0 := time.Now()
	res, err := svc.SignOutAll(ctx, g.Token, session.Proof{Password: demo.AnaPassword})
	r.ConfirmMs = ms(time.Since(t0))
	if err != nil {
		return nil, fmt.Errorf("signing out everywhere: %w", explain(err))
	}
	r.Pending = res.Count.Pending
	for _, d := range res.Devices {
		if dev := ours[d.Device.ID]; d.State == session.SignOutPending && dev != nil {
			r.PendingByReplica[dev.replica]++
		}
	}

	deadline := time.NewTimer(o.wait)
	defer deadline.Stop()
wait:
	for range devs {
		select {
		case <-heard:
		case <-deadline.C:
			break wait
		case <-ctx.Done():
			break wait
		}
	}
	stopProfile()
	if err := finishProfiles(); err != nil {
		return nil, err
	}
	cancel()
	wg.Wait()

	var took []time.Duration
	for _, at := range arrived {
		if !at.IsZero() {
			took = append(took, at.Sub(t0))
		}
	}
	slices.Sort(took)
	r.Reached, r.Missed = len(took), len(devs)-len(took)
	r.P50, r.P90, r.P99 = ms(percentile(took, 0.50)), ms(percentile(took, 0.90)), ms(percentile(took, 0.99))
	r.Max = ms(percentile(took, 1))
	if len(took) > 0 {
		r.First = ms(took[0])
	}
	return r, nil
}

// percentile returns the nearest-rank p-quantile of sorted, 0 if it is empty.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// ms returns d in milliseconds, to the hundredth.
func ms(d time.Duration) float64 {
	return math.Round(float64(d)/float64(time.Millisecond)*100) / 100
}

// startCPUProfile starts writing the load generator's CPU profile to path, if any,
// and returns what stops it; stopping twice is harmless. A sign-out whose devices
// hear it late may be waiting on this side of the sockets: the profile says.
func startCPUProfile(path string) (stop func(), err error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("-cpuprofile: %w", err)
	}
	return sync.OnceFunc(func() {
		pprof.StopCPUProfile()
		f.Close()
	}), nil
}
