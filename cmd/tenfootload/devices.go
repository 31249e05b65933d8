package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"tenfoot/demo"
	"tenfoot/session"
)

// subscribeTimeout bounds how long opening one event stream may take.
const subscribeTimeout = 30 * time.Second

// device is one simulated device with its session.
type device struct {
	info  session.DeviceInfo
	token string
	svc   session.Service // the replica it signed in to and listens on
	// replica is svc's place among the replicas.
	replica int
}

// explain adds what to do to errors a load run can cause.
func explain(err error) error {
	var rl *session.RateLimitError
	if errors.As(err, &rl) {
		return fmt.Errorf("%w: tenfootd limits sign-ins per address; start it with -limit-per-address 1000000", err)
	}
	return err
}

// signInAll signs n new sticks in to the demo account, conc at a time, until all are
// signed in, one fails or ctx ends; stick i signs in to, and later listens on,
// svcs[i % len(svcs)], so that the sticks spread evenly over replicas. It returns the devices signed in, and when each
// sign-in completed, counted from the start and in the order they completed.
func signInAll(ctx context.Context, svcs []session.Service, n, conc int, log io.Writer) ([]device, []time.Duration, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var (
		start = time.Now()
		next  atomic.Int64
		wg    sync.WaitGroup
		mu    sync.Mutex
		devs  = make([]device, 0, n)
		done  = make([]time.Duration, 0, n)
		p     = progress{w: log, what: "signed in", total: n, start: start}
	)
	for range min(conc, n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1))
				if i > n {
					return
				}
				id := session.NewDeviceIdentity(fmt.Sprintf("Load stick %d", i), session.DeviceKindStick)
				info := id.DeviceInfo
				replica := i % len(svcs)
				svc := svcs[replica]
				g, err := svc.SignIn(ctx, id, demo.AnaEmail, demo.AnaPassword)
				if err != nil {
					cancel(fmt.Errorf("signing in device %d: %w", i, explain(err)))
					return
				}
				mu.Lock()
				devs = append(devs, device{info: info, token: g.Token, svc: svc, replica: replica})
				done = append(done, time.Since(start))
				p.add()
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return devs, done, fmt.Errorf("signed in %d of %d devices: %w", len(devs), n, err)
	}
	return devs, done, nil
}

// connect opens an event stream for each device, conc at a time, until all are open,
// one fails, or setup ends. The streams live until life ends. streams[i] is the
// stream of devs[i], nil if it was not opened.
func connect(setup, life context.Context, devs []device, conc int, log io.Writer) ([]<-chan session.Event, error) {
	setup, cancel := context.WithCancelCause(setup)
	defer cancel(nil)
	var (
		streams = make([]<-chan session.Event, len(devs))
		next    atomic.Int64
		wg      sync.WaitGroup
		mu      sync.Mutex
		p       = progress{w: log, what: "connected", total: len(devs), start: time.Now()}
	)
	for range min(conc, len(devs)) {
		wg.Go(func() {
			for setup.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(devs) {
					return
				}
				ch, err := subscribe(life, devs[i].svc, devs[i].token)
				if err != nil {
					cancel(fmt.Errorf("opening the event stream of device %d: %w", i+1, err))
					return
				}
				streams[i] = ch
				mu.Lock()
				p.add()
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := context.Cause(setup); err != nil {
		return streams, fmt.Errorf("connected %d of %d devices: %w", p.done, len(devs), err)
	}
	return streams, nil
}

// subscribe opens the event stream of token, which lives until ctx ends, giving up
// if it does not open within subscribeTimeout.
func subscribe(ctx context.Context, svc session.Service, token string) (<-chan session.Event, error) {
	ctx, cancel := context.WithCancel(ctx)
	timer := time.AfterFunc(subscribeTimeout, cancel)
	ch, err := svc.Subscribe(ctx, token, 0)
	if !timer.Stop() {
		return nil, fmt.Errorf("no answer within %v", subscribeTimeout)
	}
	if err != nil {
		cancel()
		return nil, err
	}
	return ch, nil
}

// progress tells how far a phase is at every tenth of the way. Callers serialise
// add.
type progress struct {
	w     io.Writer
	what  string
	total int
	done  int
	start time.Time
}

func (p *progress) add() {
	p.done++
	if p.done%max(1, p.total/10) == 0 || p.done == p.total {
		fmt.Fprintf(p.w, "tenfootload: %s %d/%d in %v\n", p.what, p.done, p.total, time.Since(p.start).Round(100*time.Millisecond))
	}
}

// setupReport is how long it took to get the devices connected.
type setupReport struct {
	SignIns        int     `json:"signIns"`
	SignInSeconds  float64 `json:"signInSeconds"`
	FirstPerSecond float64 `json:"signInsPerSecondFirstTenth"` // over the first tenth of the sign-ins
	LastPerSecond  float64 `json:"signInsPerSecondLastTenth"`  // over the last tenth: lower if sign-in slows as sessions grow
	ConnectSeconds float64 `json:"connectSeconds"`
}

// newSetupReport summarises sign-ins that completed at done, counted from the start
// and in order.
func newSetupReport(done []time.Duration) setupReport {
	r := setupReport{SignIns: len(done)}
	n := len(done)
	if n == 0 {
		return r
	}
	r.SignInSeconds = done[n-1].Seconds()
	k := max(1, n/10)
	r.FirstPerSecond = float64(k) / done[k-1].Seconds()
	if n > k {
		r.LastPerSecond = float64(k) / (done[n-1] - done[n-1-k]).Seconds()
	}
	return r
}

func (r setupReport) String() string {
	s := fmt.Sprintf("%d sign-ins in %.1fs (%.1f/s over the first tenth, %.1f/s over the last)",
		r.SignIns, r.SignInSeconds, r.FirstPerSecond, r.LastPerSecond)
	return s + fmt.Sprintf(", streams opened in %.1fs", r.ConnectSeconds)
}
