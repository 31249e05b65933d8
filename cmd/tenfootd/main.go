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
//	         [-debug-addr host:port]
//
// The address defaults to $TENFOOT_ADDR, else 127.0.0.1:8080; port 0 picks
// a free port. The data folder defaults to $TENFOOT_DATA, else tenfootd's folder
// in the user's state directory: $XDG_STATE_HOME/tenfootd, else
// ~/.local/state/tenfootd (never the working directory, where a database would
// end up in whatever folder tenfootd was started from). Once listening, tenfootd prints one line to standard output,
// "tenfootd: serving http://HOST:PORT/", with the address actually bound, so
// that scripts and tests can start it on port 0 and read where it is.
// SIGINT or SIGTERM shut it down gracefully.
//
// At start tenfootd raises its soft limit on open files to the hard one. Event
// streams are capped so that they never take the files API requests need: per
// session (a new stream closes the session's oldest), per client address (429
// past it) and in total (503 past it), by default the file limit less
// max(256, limit/8).
//
// -debug-addr serves Go's profiles (/debug/pprof/) on an address of its own, apart
// from the API, for an operator to see where time goes under load.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
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
	shutdownTimeout   = 10 * time.Second
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tenfootd:", err)
		os.Exit(1)
	}
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

// run is main without the process: it parses args, serves until ctx is
// done, then shuts down gracefully, letting requests in flight finish.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tenfootd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defaultAddr := getenv("TENFOOT_ADDR")
	if defaultAddr == "" {
		defaultAddr = "127.0.0.1:8080"
	}
	addr := fs.String("addr", defaultAddr, "`host:port` to listen on (env TENFOOT_ADDR); port 0 picks a free one")
	web := fs.String("web", "build/web", "`directory` of the browser build")
	data := fs.String("data", defaultDataDir(getenv), "`directory` keeping accounts and sessions in SQLite (env TENFOOT_DATA, else $XDG_STATE_HOME/tenfootd, else ~/.local/state/tenfootd)")
	database := fs.String("database", getenv("TENFOOT_DATABASE_URL"), "PostgreSQL `URL` (postgres://…) keeping accounts and sessions instead, shared by replicas (env TENFOOT_DATABASE_URL)")
	seedDemo := fs.Bool("demo", true, "seed the demo household on first start")
	publicURL := fs.String("public-url", "", "`URL` people reach this service at, such as https://tv.example: the activation link, the only origin its page takes forms from, and Secure cookies if https, also behind a proxy that ends TLS (default: the address served)")
	passwordCost := fs.Int("password-cost", session.PasswordCost, "bcrypt `cost` of passwords and PINs set from now on; lower only for load tests")
	limit := fs.Int("limit-per-address", perAddress, "`requests` a client address may make a minute to the endpoints that take passwords, PINs and codes")
	cheapLimit := fs.Int("limit-cheap-per-address", cheapPerAddress, "`requests` a client address may make a minute to the endpoints that need no account: polling a code, signing out a token")
	sessionIdle := fs.String("session-idle", "180d", "how long a session may go unused before it ends, as a `duration` such as 180d or 720h")
	maxStreams := fs.Int("streams", 0, "event `streams` held open at most, past which new ones get 503 (default: the open file limit less max(256, limit/8))")
	streamsPerSession := fs.Int("streams-per-session", defaultStreamsPerSession, "event `streams` one session may hold; one more closes its oldest")
	streamsPerAddress := fs.Int("streams-per-address", defaultStreamsPerAddress, "event `streams` one client address may hold, past which new ones get 429")
	debugAddr := fs.String("debug-addr", "", "`host:port` serving Go's profiles at /debug/pprof/, for operators: keep it on loopback or a private network (default: none)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if *passwordCost < bcrypt.MinCost || *passwordCost > bcrypt.MaxCost {
		return fmt.Errorf("-password-cost must be from %d to %d, not %d", bcrypt.MinCost, bcrypt.MaxCost, *passwordCost)
	}
	if *limit < 1 || *cheapLimit < 1 {
		return fmt.Errorf("-limit-per-address and -limit-cheap-per-address must be at least 1, not %d and %d", *limit, *cheapLimit)
	}
	idle, err := parseDays(*sessionIdle)
	if err != nil || idle < time.Hour {
		return fmt.Errorf("-session-idle must be a duration of an hour or more, such as 180d or 720h, not %q", *sessionIdle)
	}
	public, err := parsePublicURL(*publicURL)
	if err != nil {
		return err
	}
	limits, err := streamLimitsFor(*maxStreams, *streamsPerSession, *streamsPerAddress, stderr)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*web, "index.html")); err != nil {
		// Not fatal: the service is useful without the browser build.
		fmt.Fprintf(stderr, "tenfootd: warning: no browser build: %v\n", err)
	}

	if *debugAddr != "" {
		stopDebug, err := serveDebug(*debugAddr, stdout)
		if err != nil {
			return err
		}
		defer stopDebug()
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := *publicURL
	if base == "" {
		base = "http://" + ln.Addr().String()
	}
	svc, store, err := openService(ctx, *data, *database, session.EmbeddedOptions{
		VerificationURI: strings.TrimSuffix(base, "/") + "/activate", PasswordCost: *passwordCost, SessionIdle: idle}, *seedDemo, stderr)
	if err != nil {
		ln.Close()
		return err
	}
	defer store.Close()
	pageKey, err := svc.Secret(ctx, pageKeyName)
	if err != nil {
		ln.Close()
		return err
	}
	logOut := newLogWriter(stderr)
	defer logOut.Close()
	logger := slog.New(slog.NewJSONHandler(logOut, nil))
	// Event streams never end by themselves; shutting down ends them, so that
	// requests in flight can finish and the process exits promptly.
	streams, endStreams := context.WithCancel(context.Background())
	defer endStreams()
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
	defer func() { endStreams(); <-listening; <-present }()
	handler, streamsEnded := buildServer(config{WebDir: *web, Service: svc, Log: logger, LimitPerAddress: *limit, CheapLimitPerAddress: *cheapLimit,
		PublicURL: public, PageKey: pageKey, Streams: limits, StreamsEnd: streams})
	// Before the store closes: an ending stream clears its mark there.
	defer func() { endStreams(); streamsEnded() }()
	srv := &http.Server{
		BaseContext:       func(net.Listener) context.Context { return streams },
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          log.New(stderr, "tenfootd: ", 0),
	}
	srv.RegisterOnShutdown(endStreams)
	fmt.Fprintf(stdout, "tenfootd: serving http://%s/\n", ln.Addr())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
