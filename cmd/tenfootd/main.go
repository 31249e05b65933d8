// Command tenfootd is the tenfoot account service: the JSON API devices sign
// in and out through, their event streams, the activation page for codes shown
// on TVs, and the browser build of the app. Accounts and sessions are kept in a
// SQLite database in the data folder, or in PostgreSQL, which several tenfootd
// replicas may share: a sign-out on one reaches the devices listening to any.
//
// Usage:
//
//	tenfootd [-addr host:port] [-web dir] [-data dir | -database postgres://…]
//	         [-demo=false] [-public-url url] [-limit-per-address n]
//	         [-limit-cheap-per-address n] [-session-idle 180d] [-password-cost n]
//	         [-streams n] [-streams-per-session n] [-streams-per-address n]
//	         [-metrics-addr host:port] [-debug-addr host:port] [-replica name]
//	         [-log-format json|text] [-log-level info]
//	         [-shutdown-delay 0s] [-shutdown-timeout 10s]
//	tenfootd -probe http://127.0.0.1:9090/livez
//
// The address defaults to $TENFOOT_ADDR, else 127.0.0.1:8080; port 0 picks
// a free port. The data folder defaults to $TENFOOT_DATA, else tenfootd's folder
// in the user's state directory: $XDG_STATE_HOME/tenfootd, else
// ~/.local/state/tenfootd (never the working directory, where a database would
// end up in whatever folder tenfootd was started from). Once listening, tenfootd prints
// "tenfootd: serving http://HOST:PORT/" to standard output, with the address actually
// bound, so that scripts and tests can start it on port 0 and read where it is;
// with -metrics-addr and -debug-addr, "tenfootd: metrics at …" and "tenfootd:
// profiles at …" come before it, the same way.
//
// One tenfootd serves a SQLite data folder: a second started on it refuses to,
// naming the first's process ID, since neither would hear the other's sign-outs.
// Replicas share PostgreSQL.
//
// At start tenfootd raises its soft limit on open files to the hard one. Event
// streams are capped so that they never take the files API requests need: per
// session (a new stream closes the session's oldest), per client address (429
// past it) and in total (503 past it), by default the file limit less
// max(256, limit/8). The connections that serve requests are capped at what the
// file limit leaves once the streams' total and a reserve for the database and the
// probes are kept back: past it, the connection idle longest is closed, or a new
// one is answered 503 if none is idle.
//
// # Operating it
//
// Metrics in Prometheus's format are served at /metrics: on -metrics-addr
// ($TENFOOT_METRICS_ADDR) apart from the API if set, else beside the API on -addr;
// and on -debug-addr beside Go's profiles. /livez answers 200 while the process
// serves; /readyz answers 200 while the store answers and, on PostgreSQL, the
// connection that LISTENs for other replicas' events is up, and 503 saying which
// check failed otherwise. A replica that is not ready opens no new event stream
// (503 with Retry-After), so that a load balancer's clients reconnect to another.
// Both are served on -addr and on -metrics-addr.
//
// Logs go to standard error, one line each, as JSON or text (-log-format), at
// -log-level and above. Every line about a request carries its request ID, which
// the answer's X-Request-ID header gives too (an X-Request-ID a proxy sends of up
// to 64 plain characters is kept); a request is logged by its route, the pattern
// that matched, never its path, and by its method if it is one of HTTP's own, else
// as "other"; no token, password, PIN or code is logged, and an attribute whose
// name says it could hold one is written as "[redacted]".
//
// SIGINT or SIGTERM stop a replica without losing anything: it stops being
// ready at once, serves on for -shutdown-delay while a load balancer takes it out,
// then stops accepting connections, tells each event stream to reconnect after a
// second or two (the retry: field) and closes it, and lets requests in flight
// finish for up to -shutdown-timeout. Devices resume on another replica with
// Last-Event-ID; one signed out meanwhile hears its sign-out there.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/crypto/bcrypt"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore"
)

// Server timeouts. They keep slow or idle clients from holding connections
// forever. WriteTimeout bounds a whole response, which must cover a large
// .wasm on a slow TV link; streaming handlers added later extend their own
// deadline through http.ResponseController.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 5 * time.Minute
	idleTimeout       = 2 * time.Minute
	// maxHeaderBytes bounds a request's line and headers. What tenfootd's clients
	// send, the activation page's cookies and a proxy's X-Forwarded-* headers
	// included, is a few kilobytes; nginx's defaults refuse more than 32 KiB. Go's
	// default of 1 MiB had a method of 900 kB read, and logged.
	maxHeaderBytes = 64 << 10
	// defaultShutdownTimeout is how long requests in flight may take to finish
	// once tenfootd stops, unless -shutdown-timeout says otherwise.
	defaultShutdownTimeout = 10 * time.Second
	// probeTimeout bounds -probe.
	probeTimeout = 5 * time.Second
	// startReadyWait is how long tenfootd waits at start for its store and
	// listening connection before it serves anyway, not ready.
	startReadyWait = 5 * time.Second
)

// parseDays parses a duration as time.ParseDuration does, and also a whole number of
// days such as "180d", the unit sessions are thought of in.
func parseDays(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 || n > 100*365 {
			return 0, fmt.Errorf("%q is not a number of days", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

func main() {
	os.Exit(serveProcess(os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// serveProcess is tenfootd as a process: run, stopped by SIGINT or SIGTERM. It
// returns the exit status.
//
// SIGPIPE is ignored. Without that, a log shipper that exits would kill tenfootd at
// its next line, with no time to drain and clear its marks (status 141); a write to
// a pipe no one reads fails instead, and the log drops the lines it cannot write
// (logWriter).
func serveProcess(args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, args, getenv, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "tenfootd:", err)
		return 1
	}
	return 0
}

// defaultDataDir is where tenfootd keeps its SQLite database unless -data says:
// $TENFOOT_DATA, else tenfootd's folder in the XDG state directory
// ($XDG_STATE_HOME, which must be absolute, else ~/.local/state).
func defaultDataDir(getenv func(string) string) string {
	if dir := getenv("TENFOOT_DATA"); dir != "" {
		return dir
	}
	if dir := getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "tenfootd")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	if home == "" {
		return "tenfootd-data" // no home: the working directory, as before
	}
	return filepath.Join(home, ".local", "state", "tenfootd")
}

// openService opens the account service kept in PostgreSQL at databaseURL, or else in
// the SQLite database in dir, with opts, seeding the demo household when it creates
// the database and seedDemo is set.
func openService(ctx context.Context, dir, databaseURL string, opts session.EmbeddedOptions, seedDemo bool, stderr io.Writer) (*session.Embedded, *sqlstore.Store, error) {
	var store *sqlstore.Store
	var err error
	where := dir
	switch {
	case databaseURL == "":
		store, err = sqlstore.OpenSQLite(ctx, dir)
	case sqlstore.IsPostgresURL(databaseURL):
		store, err = sqlstore.OpenPostgres(ctx, databaseURL)
		where = "PostgreSQL"
	default:
		err = errors.New("-database must be a postgres:// or postgresql:// URL")
	}
	if err != nil {
		return nil, nil, err
	}
	// Presence is shared on SQLite too, so that both databases run the same code:
	// it costs a write as streams open or close (batched) and one a heartbeat.
	opts.Store, opts.SharePresence = store, true
	svc, err := session.OpenEmbedded(opts)
	if err == nil && store.Created() && seedDemo {
		if err = demo.Seed(svc); err == nil {
			fmt.Fprintln(stderr, "tenfootd: seeded the demo household in", where)
		}
	}
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return svc, store, nil
}

// streamLimitsFor raises the open file limit and returns the caps on event streams
// the flags ask for, or says which flag is wrong. A total of 0 is computed from the
// file limit; a total the file limit cannot hold is refused, since tenfootd would
// stop accepting connections before reaching it.
func streamLimitsFor(total, perSession, perAddress int, stderr io.Writer) (streamLimits, error) {
	files, err := raiseFileLimit()
	if err != nil {
		fmt.Fprintf(stderr, "tenfootd: warning: %v\n", err)
	}
	switch {
	case perSession < 1:
		return streamLimits{}, fmt.Errorf("-streams-per-session must be at least 1, not %d", perSession)
	case perAddress < 1:
		return streamLimits{}, fmt.Errorf("-streams-per-address must be at least 1, not %d", perAddress)
	case total < 0:
		return streamLimits{}, fmt.Errorf("-streams must be at least 1, or 0 to follow the open file limit, not %d", total)
	case files > 0 && total > streamsForFileLimit(files):
		return streamLimits{}, fmt.Errorf("-streams %d is more than the open file limit of %d leaves for streams (%d): raise the limit (ulimit -n) or lower -streams",
			total, files, streamsForFileLimit(files))
	case total == 0:
		total = streamsForFileLimit(files)
	}
	return streamLimits{PerSession: perSession, PerAddress: perAddress, Total: total}, nil
}

// options are tenfootd's flags, once parsed and checked.
type options struct {
	addr, web, data, database, publicURL string
	seedDemo                             bool
	passwordCost, limit, cheapLimit      int
	sessionIdle                          time.Duration
	public                               *url.URL
	streams                              streamLimits
	debugAddr, metricsAddr               string
	logFormat                            string
	logLevel                             slog.Level
	replica                              string
	shutdownDelay, shutdownTimeout       time.Duration
	probe                                string
}

// parseFlags parses args into options, or says which flag is wrong. help is true
// when -h asked for the usage, which is then printed to stderr.
func parseFlags(args []string, getenv func(string) string, stderr io.Writer) (o options, help bool, err error) {
	fs := flag.NewFlagSet("tenfootd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defaultAddr := getenv("TENFOOT_ADDR")
	if defaultAddr == "" {
		defaultAddr = "127.0.0.1:8080"
	}
	host, _ := os.Hostname()
	fs.StringVar(&o.addr, "addr", defaultAddr, "`host:port` to listen on (env TENFOOT_ADDR); port 0 picks a free one")
	fs.StringVar(&o.web, "web", "build/web", "`directory` of the browser build")
	fs.StringVar(&o.data, "data", defaultDataDir(getenv), "`directory` keeping accounts and sessions in SQLite (env TENFOOT_DATA, else $XDG_STATE_HOME/tenfootd, else ~/.local/state/tenfootd)")
	fs.StringVar(&o.database, "database", getenv("TENFOOT_DATABASE_URL"), "PostgreSQL `URL` (postgres://…) keeping accounts and sessions instead, shared by replicas (env TENFOOT_DATABASE_URL)")
	fs.BoolVar(&o.seedDemo, "demo", true, "seed the demo household on first start")
	fs.StringVar(&o.publicURL, "public-url", "", "`URL` people reach this service at, such as https://tv.example: the activation link, the only origin its page takes forms from, and Secure cookies if https, also behind a proxy that ends TLS (default: the address served)")
	fs.IntVar(&o.passwordCost, "password-cost", session.PasswordCost, "bcrypt `cost` of passwords and PINs set from now on; lower only for load tests")
	fs.IntVar(&o.limit, "limit-per-address", perAddress, "`requests` a client address may make a minute to the endpoints that take passwords, PINs and codes")
	fs.IntVar(&o.cheapLimit, "limit-cheap-per-address", cheapPerAddress, "`requests` a client address may make a minute to the endpoints that need no account: polling a code, signing out a token")
	sessionIdle := fs.String("session-idle", "180d", "how long a session may go unused before it ends, as a `duration` such as 180d or 720h")
	maxStreams := fs.Int("streams", 0, "event `streams` held open at most, past which new ones get 503 (default: the open file limit less max(256, limit/8))")
	streamsPerSession := fs.Int("streams-per-session", defaultStreamsPerSession, "event `streams` one session may hold; one more closes its oldest")
	streamsPerAddress := fs.Int("streams-per-address", defaultStreamsPerAddress, "event `streams` one client address may hold, past which new ones get 429")
	fs.StringVar(&o.debugAddr, "debug-addr", "", "`host:port` serving Go's profiles at /debug/pprof/ and the metrics at /metrics, for operators: keep it on loopback or a private network (default: none)")
	fs.StringVar(&o.metricsAddr, "metrics-addr", getenv("TENFOOT_METRICS_ADDR"), "`host:port` serving /metrics, /livez and /readyz apart from the API, which then serves no /metrics (env TENFOOT_METRICS_ADDR; default: /metrics on -addr)")
	fs.StringVar(&o.logFormat, "log-format", logJSON, "log lines as `format` json or text, to standard error")
	level := fs.String("log-level", "info", "log lines at this `level` and above: debug, info, warn or error")
	fs.StringVar(&o.replica, "replica", host, "`name` of this replica in its metrics: the host name unless set, which is the pod's in Kubernetes")
	fs.DurationVar(&o.shutdownDelay, "shutdown-delay", 0, "on SIGTERM, how long to go on serving, not ready and taking no new event streams, before stopping: time for a load balancer to take this replica out (such as 5s behind Kubernetes)")
	fs.DurationVar(&o.shutdownTimeout, "shutdown-timeout", defaultShutdownTimeout, "on SIGTERM, how long requests in flight may take to finish once the replica stops, before they are cut off")
	fs.StringVar(&o.probe, "probe", "", "instead of serving, GET this `URL` (such as http://127.0.0.1:8080/readyz) and exit 0 if it answers 2xx, else 1: a health check for a container with no shell")
	if err := fs.Parse(args); err != nil {
		return o, errors.Is(err, flag.ErrHelp), err
	}
	switch {
	case fs.NArg() > 0:
		return o, false, fmt.Errorf("unexpected arguments: %q", fs.Args())
	case o.probe != "":
		return o, false, nil
	case o.passwordCost < bcrypt.MinCost || o.passwordCost > bcrypt.MaxCost:
		return o, false, fmt.Errorf("-password-cost must be from %d to %d, not %d", bcrypt.MinCost, bcrypt.MaxCost, o.passwordCost)
	case o.limit < 1 || o.cheapLimit < 1:
		return o, false, fmt.Errorf("-limit-per-address and -limit-cheap-per-address must be at least 1, not %d and %d", o.limit, o.cheapLimit)
	case o.shutdownDelay < 0 || o.shutdownTimeout <= 0:
		return o, false, fmt.Errorf("-shutdown-delay must be 0 or more and -shutdown-timeout more than 0, not %v and %v", o.shutdownDelay, o.shutdownTimeout)
	}
	if o.sessionIdle, err = parseDays(*sessionIdle); err != nil || o.sessionIdle < time.Hour {
		return o, false, fmt.Errorf("-session-idle must be a duration of an hour or more, such as 180d or 720h, not %q", *sessionIdle)
	}
	if o.logLevel, err = parseLevel(*level); err != nil {
		return o, false, err
	}
	if _, err := newLogger(io.Discard, o.logFormat, o.logLevel); err != nil {
		return o, false, err
	}
	if o.public, err = parsePublicURL(o.publicURL); err != nil {
		return o, false, err
	}
	if o.streams, err = streamLimitsFor(*maxStreams, *streamsPerSession, *streamsPerAddress, stderr); err != nil {
		return o, false, err
	}
	return o, false, nil
}

// probe GETs url and fails unless it answers 2xx within probeTimeout.
func probe(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return fmt.Errorf("-probe: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("-probe: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<10))
		return fmt.Errorf("-probe: %s answered %s: %s", url, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

// run is main without the process: it parses args, serves until ctx is done, then
// shuts down (shutdown) and returns.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	o, help, err := parseFlags(args, getenv, stderr)
	switch {
	case help:
		return nil
	case err != nil:
		return err
	case o.probe != "":
		return probe(ctx, o.probe)
	}
	if _, err := os.Stat(filepath.Join(o.web, "index.html")); err != nil {
		// Not fatal: the service is useful without the browser build.
		fmt.Fprintf(stderr, "tenfootd: warning: no browser build: %v\n", err)
	}
	logOut := newLogWriter(stderr)
	defer logOut.Close()
	logger, _ := newLogger(logOut, o.logFormat, o.logLevel) // checked by parseFlags
	logger = tapped(logger)
	logOut.reportDropsTo(logger)
	m := newMetrics(o.replica)
	m.countDroppedLogLines(logOut.Dropped)

	if o.debugAddr != "" {
		stopDebug, err := serveDebug(o.debugAddr, stdout, m, logger)
		if err != nil {
			return err
		}
		defer stopDebug()
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	base := o.publicURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	if o.database == "" {
		// Deferred before the store's Close, so released after it.
		unlock, err := lockDataFolder(o.data)
		if err != nil {
			ln.Close()
			return err
		}
		defer unlock()
	}
	svc, store, err := openService(ctx, o.data, o.database, session.EmbeddedOptions{
		VerificationURI: strings.TrimSuffix(base, "/") + "/activate", PasswordCost: o.passwordCost, SessionIdle: o.sessionIdle,
		Observer: m}, o.seedDemo, stderr)
	if err != nil {
		ln.Close()
		return err
	}
	defer store.Close()
	store.Observe(m)
	pageKey, err := svc.Secret(ctx, pageKeyName)
	if err != nil {
		ln.Close()
		return err
	}
	// Event streams never end by themselves; shutting down ends them, telling each
	// to reconnect (errShuttingDown), so that requests in flight can finish and the
	// process exits promptly.
	streams, endStreams := context.WithCancelCause(context.Background())
	defer endStreams(errShuttingDown)
	// On PostgreSQL, events other replicas record wake the streams served here.
	listening := make(chan struct{})
	go func() {
		defer close(listening)
		store.Listen(streams, svc, func(err error) {
			logger.Warn("database notifications lost; reconnecting, then catching up from the events table", "err", err)
		})
	}()
	// Every replica marks the streams it serves in the database, heartbeats them, and
	// clears them when it stops, before the store closes.
	present := make(chan struct{})
	go func() {
		defer close(present)
		svc.KeepPresence(streams, func(err error) {
			logger.Warn("marking the devices listening here failed; other replicas may show them offline until the next heartbeat", "err", err)
		})
	}()
	defer func() { endStreams(errShuttingDown); <-listening; <-present }()
	ready := newHealth(store, logger, func(ready bool) { m.ready.Set(boolFloat(ready)) })
	// Ready from the start if the store answers and, on PostgreSQL, Listen has
	// connected, which takes milliseconds; else it becomes ready when they do.
	ready.await(ctx, startReadyWait)
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		ready.watch(streams)
	}()
	defer func() { endStreams(errShuttingDown); <-watching }()

	handler, streamsEnded := buildServer(config{WebDir: o.web, Service: svc, Log: logger, LimitPerAddress: o.limit, CheapLimitPerAddress: o.cheapLimit,
		PublicURL: o.public, PageKey: pageKey, Streams: o.streams, StreamsEnd: streams, Metrics: m, Health: ready, MetricsOnAPI: o.metricsAddr == ""})
	// Before the store closes: an ending stream clears its mark there.
	defer func() { endStreams(errShuttingDown); streamsEnded() }()
	// Requests are not the streams: shutting down ends the streams at once, but a
	// request in flight goes on until it is answered, or cut off (cutOff) at
	// -shutdown-timeout.
	requests, cutOff := context.WithCancel(context.Background())
	defer cutOff()
	srv := &http.Server{
		BaseContext:       func(net.Listener) context.Context { return requests },
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          serverLog(logger, "-addr"),
	}
	// Connections for requests leave the streams' files to them, and room for the
	// database and the probes.
	gated := newConnGate(requestConnsFor(fileLimit(), o.streams.Total), m).serve(srv, ln)
	srv.RegisterOnShutdown(func() { endStreams(errShuttingDown) })
	if o.metricsAddr != "" {
		stopMetrics, err := serveMetrics(o.metricsAddr, stdout, m, ready, logger)
		if err != nil {
			ln.Close()
			return err
		}
		defer stopMetrics()
	}
	fmt.Fprintf(stdout, "tenfootd: serving http://%s/\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(gated) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	return shutdown(srv, errc, cutOff, ready, logger, o.shutdownDelay, o.shutdownTimeout)
}

// shutdown stops a replica that was told to (SIGTERM) without losing anything:
//
//  1. It is no longer ready: /readyz answers 503, new event streams are refused with
//     503 and Retry-After, and every answer closes its connection, so that a load
//     balancer moves clients to the other replicas. For delay it serves on so, while
//     the balancer takes it out.
//  2. It stops accepting connections, and tells each event stream to reconnect after
//     a wait of a second or two at random (retry:), then closes it: its device
//     resumes on another replica with Last-Event-ID, and misses nothing.
//  3. It lets requests in flight finish, for up to timeout, then cuts off the rest:
//     it calls cutOff, which ends their contexts, and closes their connections.
//
// The caller then waits for the streams to end, clears their marks and closes the
// store.
func shutdown(srv *http.Server, errc <-chan error, cutOff context.CancelFunc, ready *health, logger *slog.Logger, delay, timeout time.Duration) error {
	ready.drain()
	srv.SetKeepAlivesEnabled(false)
	if delay > 0 {
		logger.Info("shutting down: serving on, not ready, while the load balancer takes this replica out", "delay", delay.String())
		time.Sleep(delay)
	}
	logger.Info("shutting down: accepting no connections; event streams are told to reconnect elsewhere; requests in flight finish",
		"timeout", timeout.String())
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		cutOff()
		srv.Close()
		return fmt.Errorf("shutdown: requests in flight did not finish within -shutdown-timeout %v, and were cut off: %w", timeout, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("shut down")
	return nil
}

// boolFloat is 1 for true, 0 for false, as a gauge says it.
func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
