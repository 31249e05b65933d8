// Command tenfootd is the tenfoot service. For now it serves the browser
// build of the app: the host page, the loader and the precompressed
// WebAssembly binary.
//
// Usage:
//
//	tenfootd [-addr host:port] [-web dir]
//
// The address defaults to $TENFOOT_ADDR, else 127.0.0.1:8080; port 0 picks
// a free port. Once listening, tenfootd prints one line to standard output,
// "tenfootd: serving http://HOST:PORT/", with the address actually bound, so
// that scripts and tests can start it on port 0 and read where it is.
// SIGINT or SIGTERM shut it down gracefully.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
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

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tenfootd:", err)
		os.Exit(1)
	}
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
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %q", fs.Args())
	}
	if _, err := os.Stat(filepath.Join(*web, "index.html")); err != nil {
		// Not fatal: the service is useful without the browser build.
		fmt.Fprintf(stderr, "tenfootd: warning: no browser build: %v\n", err)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newServer(config{WebDir: *web}),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          log.New(stderr, "tenfootd: ", 0),
	}
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
