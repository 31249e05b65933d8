package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
)

// Bounds on starting and stopping tenfootd.
const (
	startTimeout = 30 * time.Second
	stopTimeout  = 15 * time.Second
	// forwardedLines is how many lines of tenfootd's log, other than request lines,
	// are passed on to standard error.
	forwardedLines = 50
)

// tenfootd is a tenfootd process started for a run, serving on loopback.
type tenfootd struct {
	url    string
	debug  string // where it serves its profiles, with -debug-addr; empty without
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has exited
	// emfile counts log lines of tenfootd that say it ran out of file descriptors.
	emfile atomic.Int64
	// served carries how long this tenfootd took to serve a sign-out of all
	// devices, from its request's log line: the answer's time on the server's side
	// of the socket, apart from the time the load generator takes to read it.
	served chan int64
}

// servedConfirm returns how long this tenfootd took to serve the sign-out of all
// devices, in milliseconds, once its log line has come, or -1 if none came within
// a second.
func (s *tenfootd) servedConfirm() float64 {
	select {
	case ms := <-s.served:
		return float64(ms)
	case <-time.After(time.Second):
		return -1
	}
}

// checkLoopback refuses a server URL that is not on this machine's loopback.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("-server: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("-server must be an http URL, not %q", raw)
	}
	if host := u.Hostname(); host != "localhost" {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			return fmt.Errorf("-server must be on loopback, such as http://127.0.0.1:8080, not %q", raw)
		}
	}
	return nil
}

// startTenfootds starts n tenfootds from bin, or from a fresh build of tenfootd if bin
// is empty, each on a free loopback port, over a fresh demo household: in SQLite in a
// temporary folder if database is empty, else in a new schema of the PostgreSQL at
// database that all n share. With debug, each also serves its profiles on a port of
// its own. It returns once all serve; cleanup stops them and removes the folder and
// the schema.
func startTenfootds(ctx context.Context, bin, database string, n int, debug bool, stderr io.Writer) (started []*tenfootd, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "tenfootload-")
	if err != nil {
		return nil, nil, err
	}
	var undo []func()
	cleanup = func() {
		for _, s := range started {
			s.stop(stderr)
		}
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
		os.RemoveAll(dir)
	}
	defer func() {
		if err != nil {
			cleanup()
		}
	}()
	if bin == "" {
		fmt.Fprintln(stderr, "tenfootload: building tenfootd")
		bin = filepath.Join(dir, "tenfootd")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "tenfoot/cmd/tenfootd")
		build.Stdout, build.Stderr = stderr, stderr
		if err := build.Run(); err != nil {
			return nil, nil, fmt.Errorf("building tenfootd (run inside the tenfoot module, or pass -tenfootd): %w", err)
		}
	}
	web := filepath.Join(dir, "web")
	if err := os.Mkdir(web, 0o755); err != nil {
		return nil, nil, err
	}
	// A page, so tenfootd does not warn that there is no browser build.
	os.WriteFile(filepath.Join(web, "index.html"), []byte("<!doctype html><title>tenfootload</title>\n"), 0o644)

	store := func(int) []string { return []string{"-data", filepath.Join(dir, "data")} }
	if database != "" {
		schemaURL, drop, err := newSchema(ctx, database)
		if err != nil {
			return nil, nil, err
		}
		undo = append(undo, drop)
		store = func(i int) []string {
			return []string{"-database", withParam(schemaURL, "application_name", fmt.Sprint("tenfootload-", i))}
		}
	}
	// The replicas start at once, as they would behind a load balancer: they take
	// turns migrating the new schema.
	started = make([]*tenfootd, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { started[i], errs[i] = startTenfootd(ctx, bin, web, store(i), debug, stderr) })
	}
	wg.Wait()
	started = slices.DeleteFunc(started, func(s *tenfootd) bool { return s == nil })
	return started, cleanup, errors.Join(errs...)
}

// startTenfootd starts bin on a free loopback port with the store flags given, and
// with debug its profiles on another, and returns once it serves. Its log goes to
// stderr, less the line per request.
func startTenfootd(ctx context.Context, bin, web string, store []string, debug bool, stderr io.Writer) (*tenfootd, error) {
	s := &tenfootd{exited: make(chan struct{}), served: make(chan int64, 1)}
	served, debugged := make(chan string, 1), make(chan string, 1)
	forwarded := 0
	// Signing the devices in only sets the load up: the demo household gets cheap
	// password hashes, so that ten thousand sign-ins take seconds, not minutes. Every
	// device connects from loopback, one address, as no real household does.
	args := append([]string{"-addr", "127.0.0.1:0", "-web", web, "-limit-per-address", "1000000",
		"-limit-cheap-per-address", "1000000", "-streams-per-address", "1000000", "-password-cost", "4"}, store...)
	if debug {
		args = append(args, "-debug-addr", "127.0.0.1:0")
	} else {
		close(debugged)
	}
	s.cmd = exec.Command(bin, args...)
	s.cmd.Stdout = &lineWriter{fn: func(line string) {
		if u, ok := strings.CutPrefix(line, "tenfootd: serving "); ok {
			select {
			case served <- strings.TrimSuffix(u, "/"):
			default:
			}
		}
		if u, ok := strings.CutPrefix(line, "tenfootd: profiles at "); ok && debug {
			select {
			case debugged <- u:
			default:
			}
		}
	}}
	s.cmd.Stderr = &lineWriter{fn: func(line string) {
		if strings.Contains(line, "too many open files") {
			s.emfile.Add(1)
		}
		if strings.Contains(line, `"msg":"request"`) && strings.Contains(line, `"level":"INFO"`) {
			var req struct{ Ms json.Number }
			if strings.Contains(line, `"route":"POST /api/v1/signout-all"`) && json.Unmarshal([]byte(line), &req) == nil {
				if ms, err := req.Ms.Int64(); err == nil {
					select {
					case s.served <- ms:
					default: // the report takes the first
					}
				}
			}
			return
		}
		if forwarded++; forwarded <= forwardedLines {
			fmt.Fprintln(stderr, line)
		}
	}}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting tenfootd: %w", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	var err error
	select {
	case s.url = <-served:
		select {
		case s.debug = <-debugged:
		case <-timer.C:
			err = fmt.Errorf("tenfootd did not say where it serves its profiles within %v", startTimeout)
		}
		if err == nil {
			fmt.Fprintf(stderr, "tenfootload: tenfootd (pid %d) serving %s\n", s.cmd.Process.Pid, s.url)
			return s, nil
		}
	case <-s.exited:
		err = fmt.Errorf("tenfootd exited before serving: %v", s.cmd.ProcessState)
	case <-timer.C:
		err = fmt.Errorf("tenfootd did not say where it serves within %v", startTimeout)
	case <-ctx.Done():
		err = ctx.Err()
	}
	s.stop(io.Discard)
	return nil, err
}

// newSchema makes a new, empty schema in the PostgreSQL at database and returns a URL
// that keeps to it, and how to drop it.
func newSchema(ctx context.Context, database string) (string, func(), error) {
	db, err := sql.Open("pgx", database)
	if err != nil {
		return "", nil, fmt.Errorf("-database: %w", err)
	}
	name := fmt.Sprintf("tenfootload_%d_%d", time.Now().Unix(), os.Getpid())
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+name); err != nil {
		db.Close()
		return "", nil, fmt.Errorf("-database: making a schema for this run: %w", err)
	}
	drop := func() {
		db.Exec("DROP SCHEMA " + name + " CASCADE")
		db.Close()
	}
	return withParam(database, "search_path", name), drop, nil
}

// withParam returns the URL raw with the query parameter key set to value.
func withParam(raw, key, value string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw // tenfootd says what is wrong with it
	}
	q := u.Query()
	q.Set(key, value)
	u.RawQuery = q.Encode()
	return u.String()
}

// stop shuts tenfootd down, gracefully if it will within stopTimeout. An unclean
// exit is reported to stderr.
func (s *tenfootd) stop(stderr io.Writer) {
	s.cmd.Process.Signal(os.Interrupt)
	timer := time.NewTimer(stopTimeout)
	defer timer.Stop()
	select {
	case <-s.exited:
		if !s.cmd.ProcessState.Success() {
			fmt.Fprintf(stderr, "tenfootload: tenfootd stopped uncleanly: %v\n", s.cmd.ProcessState)
		}
	case <-timer.C:
		fmt.Fprintf(stderr, "tenfootload: tenfootd did not stop within %v; killing it\n", stopTimeout)
		s.cmd.Process.Kill()
		<-s.exited
	}
}

// rss returns the resident memory of tenfootd, in bytes, as Linux reports it.
func (s *tenfootd) rss() (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("reading tenfootd's memory: %w", err)
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			f := strings.Fields(rest) // such as "12345 kB"
			if len(f) == 2 && f[1] == "kB" {
				kb, err := strconv.ParseInt(f[0], 10, 64)
				return kb << 10, err
			}
		}
	}
	return 0, errors.New("reading tenfootd's memory: no VmRSS in its status")
}

// fileErrors reports whether tenfootd ran out of file descriptors; nil for a
// tenfootd this run did not start.
func (s *tenfootd) fileErrors() error {
	if s == nil || s.emfile.Load() == 0 {
		return nil
	}
	return fmt.Errorf("tenfootd ran out of file descriptors (%d log lines say \"too many open files\"): "+
		"it needs one per connected device; raise the limit with ulimit -n before running this", s.emfile.Load())
}

// lineWriter hands each complete line written to it to fn, without the newline.
type lineWriter struct {
	buf []byte
	fn  func(line string)
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			break
		}
		w.fn(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	return len(p), nil
}

// profile takes tenfootd's CPU profile over d and writes it to path.
func (s *tenfootd) profile(ctx context.Context, d time.Duration, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%sprofile?seconds=%d", s.debug, int(d.Seconds())), nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("profiling tenfootd (pid %d): %w", s.cmd.Process.Pid, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profiling tenfootd (pid %d): %s", s.cmd.Process.Pid, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return fmt.Errorf("profiling tenfootd (pid %d): %w", s.cmd.Process.Pid, err)
	}
	return f.Close()
}
