package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// childEnv marks a load process that a hold over replicas started: the tests'
// binary, which is not tenfootload, runs tenfootload's main when it sees it.
const childEnv = "TENFOOTLOAD_CHILD"

// replicasHoldReport is how many event streams replicas on one PostgreSQL held at
// once, and at what memory.
type replicasHoldReport struct {
	Mode        string       `json:"mode"`
	Replicas    int          `json:"replicas"`
	Devices     int          `json:"devices"`   // asked for, over all replicas
	Connected   int          `json:"connected"` // of them, with their event stream open
	StillOpen   int          `json:"stillOpen"` // of the streams, still open at the end of each hold
	HoldSeconds float64      `json:"holdSeconds"`
	RSS         []replicaRSS `json:"rss"`
	// PerDevice is what a stream and its session cost a replica: the replicas'
	// memory held less their memory at start, over the streams connected.
	PerDevice int64  `json:"perDevice"`
	Setup     string `json:"setup"` // each load process's setup
}

// replicaRSS is one replica's resident memory along a hold, in bytes.
type replicaRSS struct {
	Streams int   `json:"streams"` // held by it
	Start   int64 `json:"start"`   // before any sign-in
	Held    int64 `json:"held"`    // once every replica's streams were open
}

func (r *replicasHoldReport) String() string {
	var rss []string
	for _, m := range r.RSS {
		rss = append(rss, fmt.Sprintf("%s → %s", mib(m.Start), mib(m.Held)))
	}
	return fmt.Sprintf("hold: %d of %d devices connected on %d tenfootd, all open at once, %d streams still open after %.0fs; "+
		"tenfootd RSS at start → held: %s; %s a device (its stream and session); setup: %s",
		r.Connected, r.Devices, r.Replicas, r.StillOpen, r.HoldSeconds, strings.Join(rss, ", "), kib(r.PerDevice), r.Setup)
}

func (r *replicasHoldReport) check() error {
	if r.Connected < r.Devices {
		return fmt.Errorf("connected %d of %d devices", r.Connected, r.Devices)
	}
	if r.StillOpen < r.Connected {
		return fmt.Errorf("%d of %d streams closed during the hold", r.Connected-r.StillOpen, r.Connected)
	}
	return nil
}

// measureHoldOnReplicas holds o.holdDevices event streams spread over replicas, each
// replica's share held by a load process of its own: a process may hold only as
// many connections as its open-file limit allows, 20,000 on the build machine, so
// a hundred thousand streams take several. It reads every replica's memory before
// the sign-ins and once every process holds its streams, and fails if a process
// began closing its streams before the last one held them: they were not all open
// at once.
func measureHoldOnReplicas(ctx context.Context, replicas []*tenfootd, o options, log io.Writer) (*replicasHoldReport, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	r := &replicasHoldReport{Mode: "hold", Replicas: len(replicas), Devices: o.holdDevices, HoldSeconds: o.holdFor.Seconds()}
	r.RSS = make([]replicaRSS, len(replicas))
	for i, s := range replicas {
		if r.RSS[i].Start, err = s.rss(); err != nil {
			return nil, err
		}
	}
	deadline, _ := ctx.Deadline()
	children := make([]*loadProcess, len(replicas))
	for i, s := range replicas {
		share := o.holdDevices / len(replicas)
		if i < o.holdDevices%len(replicas) {
			share++
		}
		r.RSS[i].Streams = share
		children[i] = startLoadProcess(ctx, self, fmt.Sprintf("[load %d] ", i+1), log,
			"-mode", "hold", "-server", s.url, "-hold-devices", fmt.Sprint(share), "-hold-for", o.holdFor.String(),
			"-concurrency", fmt.Sprint(o.concurrency), "-timeout", time.Until(deadline).Round(time.Second).String(), "-json")
	}

	// Every process holds its streams, or one has stopped.
	for _, c := range children {
		select {
		case <-c.holding:
		case <-c.closing:
		}
	}
	for i, c := range children {
		select {
		case <-c.closing:
			for _, c := range children {
				if c.cmd.Process != nil {
					c.cmd.Process.Kill()
				}
			}
			select {
			case <-c.exited:
				if c.err != nil {
					return nil, fmt.Errorf("load process %d: %w", i+1, c.err)
				}
			default:
			}
			return nil, fmt.Errorf("load process %d ended its hold before every one held its streams: raise -hold-for", i+1)
		default:
		}
	}
	for i, s := range replicas {
		if r.RSS[i].Held, err = s.rss(); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(log, "tenfootload: every load process holds its streams\n")

	var setups []string
	var held int64
	for i, c := range children {
		<-c.exited
		if c.err != nil {
			return nil, fmt.Errorf("load process %d: %w", i+1, c.err)
		}
		var rep holdReport
		if err := json.Unmarshal(c.stdout.Bytes(), &rep); err != nil {
			return nil, fmt.Errorf("load process %d: reading its report: %w", i+1, err)
		}
		r.Connected += rep.Connected
		r.StillOpen += rep.StillOpen
		setups = append(setups, rep.Setup.String())
		held += r.RSS[i].Held - r.RSS[i].Start
	}
	r.Setup = strings.Join(setups, " | ")
	if r.Connected > 0 {
		r.PerDevice = held / int64(r.Connected)
	}
	return r, nil
}

// loadProcess is a tenfootload started by this one.
type loadProcess struct {
	cmd     *exec.Cmd
	stdout  bytes.Buffer
	holding chan struct{} // closed once it says it holds its streams
	closing chan struct{} // closed once it says it closes them, or has ended
	exited  chan struct{} // closed once it has ended, with err set
	err     error
}

// startLoadProcess runs self with args, passing its log on to log with prefix.
func startLoadProcess(ctx context.Context, self, prefix string, log io.Writer, args ...string) *loadProcess {
	c := &loadProcess{holding: make(chan struct{}), closing: make(chan struct{}), exited: make(chan struct{})}
	held, closed := sync.OnceFunc(func() { close(c.holding) }), sync.OnceFunc(func() { close(c.closing) })
	c.cmd = exec.CommandContext(ctx, self, args...)
	c.cmd.Env = append(os.Environ(), childEnv+"=1")
	c.cmd.Stdout = &c.stdout
	stderr, err := c.cmd.StderrPipe()
	if err == nil {
		err = c.cmd.Start()
	}
	if err != nil {
		c.err = err
		closed()
		close(c.exited)
		return c
	}
	var said sync.WaitGroup
	said.Go(func() {
		lines := bufio.NewScanner(stderr)
		for lines.Scan() {
			fmt.Fprintln(log, prefix+lines.Text())
			switch {
			case strings.HasPrefix(lines.Text(), "tenfootload: holding "):
				held()
			case strings.HasPrefix(lines.Text(), "tenfootload: closing the streams"):
				closed()
			}
		}
	})
	go func() {
		said.Wait()
		c.err = c.cmd.Wait()
		if c.err != nil {
			c.err = errors.Join(c.err, errors.New(strings.TrimSpace(c.stdout.String())))
		}
		closed()
		close(c.exited)
	}()
	return c
}
