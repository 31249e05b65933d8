// Command tenfootload puts many devices on one tenfootd account and measures what
// the project promises about it:
//
//   - signout: n devices signed in to the demo account each listen to the account's
//     events; one more device then signs out everywhere. It reports how long after
//     that confirm each device heard its own sign-out (p50, p90, p99, max) and how
//     many never did, and fails unless every device heard it and p99 is under 1 s.
//   - hold: m devices each hold an event stream open for a few seconds. It reports
//     the resident memory of tenfootd per stream and per device, and fails unless
//     every stream opened and stayed open. With -replicas, the streams are spread
//     over the replicas and held at once, each replica's by a load process of its
//     own, since one process may hold only as many as its open-file limit allows.
//
// Usage:
//
//	tenfootload [-mode signout|hold] [-devices n] [-hold-devices m] [-server url] [-tenfootd path]
//	            [-database postgres://… [-replicas r]] [-timeout d] [-json]
//
// and more flags, which -h lists.
//
// Without -server it starts a tenfootd of its own on 127.0.0.1, in a temporary data
// folder, from -tenfootd or else from a fresh go build of tenfoot/cmd/tenfootd, and
// stops it at the end; memory is only measured then. With -database it starts
// -replicas tenfootds on that PostgreSQL instead, in a schema of their own that it
// drops at the end, and spreads the devices over them; the device that signs out
// everywhere uses the first. A -server must be on loopback
// and allow the sign-ins and sign-outs (tenfootd -limit-per-address and
// -limit-cheap-per-address). Progress goes to standard
// error; the result, one line or JSON, to standard output.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"tenfoot/session"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tenfootload:", err)
		stop()
		os.Exit(1)
	}
}

// options are the flags of a run.
type options struct {
	server      string
	tenfootd    string
	database    string
	replicas    int
	mode        string
	devices     int
	holdDevices int
	concurrency int
	timeout     time.Duration
	wait        time.Duration
	holdFor     time.Duration
	json        bool
	cpuProfile  string
	profiles    string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("tenfootload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.server, "server", "", "`URL` of a running tenfootd on loopback; empty starts one")
	fs.StringVar(&o.tenfootd, "tenfootd", "", "tenfootd `binary` to start when there is no -server (default: go build it)")
	fs.StringVar(&o.database, "database", "", "PostgreSQL `URL` for the tenfootds this run starts (default: SQLite in a temporary folder)")
	fs.IntVar(&o.replicas, "replicas", 1, "tenfootd replicas to start on -database, the devices spread over them")
	fs.StringVar(&o.mode, "mode", "signout", "what to measure: signout or hold")
	fs.IntVar(&o.devices, "devices", 1000, "devices listening when one signs out everywhere (signout mode)")
	fs.IntVar(&o.holdDevices, "hold-devices", 10000, "devices holding an event stream open (hold mode)")
	fs.IntVar(&o.concurrency, "concurrency", 4, "requests in flight while signing in and connecting")
	fs.DurationVar(&o.timeout, "timeout", 5*time.Minute, "bound on the whole run")
	fs.DurationVar(&o.wait, "wait", 10*time.Second, "how long after the confirm to wait for every device to hear it (signout mode)")
	fs.DurationVar(&o.holdFor, "hold-for", 5*time.Second, "how long to hold the streams open (hold mode)")
	fs.BoolVar(&o.json, "json", false, "print the result as JSON")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write this load generator's CPU profile of the sign-out, from the confirm to the last device, to `file` (signout mode)")
	fs.StringVar(&o.profiles, "tenfootd-profiles", "", "write the CPU profile of each tenfootd this run starts, over the "+profileSpan.String()+" from just before the confirm, to `folder`/tenfootd-N.pprof (signout mode)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case fs.NArg() > 0:
		return o, fmt.Errorf("unexpected arguments: %q", fs.Args())
	case o.mode != "signout" && o.mode != "hold":
		return o, fmt.Errorf("-mode is signout or hold, not %q", o.mode)
	case o.devices < 1 || o.holdDevices < 1 || o.concurrency < 1 || o.replicas < 1:
		return o, errors.New("-devices, -hold-devices, -concurrency and -replicas must be at least 1")
	case o.replicas > 1 && o.database == "":
		return o, errors.New("-replicas needs -database: replicas share one PostgreSQL")
	case o.mode == "hold" && o.holdDevices < o.replicas:
		return o, errors.New("-mode hold needs at least one device for each of -replicas")
	case (o.database != "" || o.replicas > 1 || o.profiles != "") && o.server != "":
		return o, errors.New("-database, -replicas and -tenfootd-profiles are for the tenfootds this run starts, not for a -server")
	case o.profiles != "" && o.mode != "signout":
		return o, errors.New("-tenfootd-profiles profiles a sign-out: it is for -mode signout")
	case o.timeout <= 0 || o.wait <= 0 || o.holdFor <= 0:
		return o, errors.New("-timeout, -wait and -hold-for must be positive")
	}
	if o.server != "" {
		if err := checkLoopback(o.server); err != nil {
			return o, err
		}
	}
	return o, nil
}

// report is what a mode measured. It prints as one line, marshals as JSON, and
// says whether the measure meets the project's goal.
type report interface {
	fmt.Stringer
	check() error
}

// run is main without the process: it parses args, runs the mode against a
// tenfootd, writes the report to stdout and returns an error if the run failed or
// the measure misses its goal.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	stderr = &syncWriter{w: stderr} // tenfootd's log and the progress share it
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	streams := o.devices
	switch {
	case o.mode == "hold" && o.replicas > 1:
		streams = 0 // held by a load process for each replica
	case o.mode == "hold":
		streams = o.holdDevices
	}
	// One file per stream, plus room for sign-ins, the binary and the log.
	if err := raiseFileLimit(uint64(streams) + 256); err != nil {
		return err
	}

	var replicas []*tenfootd // those started, if any
	var srv *tenfootd        // the first of them
	svcs := []session.Service{session.NewClient(o.server)}
	profile := func() (finish func() error) { return func() error { return nil } }
	if o.server == "" {
		var cleanup func()
		replicas, cleanup, err = startTenfootds(ctx, o.tenfootd, o.database, o.replicas, o.profiles != "", stderr)
		if err != nil {
			return err
		}
		defer cleanup()
		svcs = svcs[:0]
		for _, r := range replicas {
			svcs = append(svcs, session.NewClient(r.url))
		}
		srv = replicas[0]
		if o.profiles != "" {
			profile = func() func() error { return profileAll(ctx, replicas, o.profiles) }
		}
	}

	var rep report
	switch {
	case o.mode == "signout":
		rep, err = measureSignOut(ctx, svcs, o, profile, stderr)
	case o.replicas > 1:
		rep, err = measureHoldOnReplicas(ctx, replicas, o, stderr)
	default:
		rep, err = measureHold(ctx, svcs[0], srv, o, stderr)
	}
	if err != nil {
		return errors.Join(err, fileErrors(replicas))
	}
	if r, ok := rep.(*signOutReport); ok && srv != nil {
		r.ServedMs = srv.servedConfirm()
	}
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		fmt.Fprintln(stdout, rep)
	}
	return errors.Join(rep.check(), fileErrors(replicas))
}

// fileErrors reports whether any of replicas ran out of file descriptors.
func fileErrors(replicas []*tenfootd) error {
	var errs []error
	for _, s := range replicas {
		errs = append(errs, s.fileErrors())
	}
	return errors.Join(errs...)
}

// profileSpan is how long each tenfootd's profile of a sign-out runs: the confirm and
// the fan-out to ten thousand devices take under a second.
const profileSpan = 2 * time.Second

// profileAll starts taking the CPU profile of every replica, into dir, and returns
// what waits for them all to be written.
func profileAll(ctx context.Context, replicas []*tenfootd, dir string) (finish func() error) {
	errs := make([]error, len(replicas))
	var wg sync.WaitGroup
	for i, r := range replicas {
		wg.Go(func() {
			errs[i] = r.profile(ctx, profileSpan, filepath.Join(dir, fmt.Sprintf("tenfootd-%d.pprof", i+1)))
		})
	}
	return func() error {
		wg.Wait()
		return errors.Join(errs...)
	}
}

// syncWriter serialises writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
