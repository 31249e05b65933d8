package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Bounds on starting and stopping tenfootd.
const (
	startTimeout = 30 * time.Second
	stopTimeout  = 15 * time.Second
	// forwardedLines is how many lines of tenfootd's log, other than request lines,
	// are passed on to standard error.
	forwardedLines = 50
)

// tenfootd is a tenfootd process started for a run, serving on loopback from a
// temporary data folder.
type tenfootd struct {
	url    string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{} // closed once the process has exited
	// emfile counts log lines of tenfootd that say it ran out of file descriptors.
	emfile atomic.Int64
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

// startTenfootd starts bin, or a fresh build of tenfootd if bin is empty, on a free
// loopback port with a fresh demo household, and returns once it serves. Its log
// goes to stderr, less the line per request.
func startTenfootd(ctx context.Context, bin string, stderr io.Writer) (*tenfootd, error) {
	dir, err := os.MkdirTemp("", "tenfootload-")
	if err != nil {
		return nil, err
	}
	s := &tenfootd{dir: dir, exited: make(chan struct{})}
	if bin == "" {
		fmt.Fprintln(stderr, "tenfootload: building tenfootd")
		bin = filepath.Join(dir, "tenfootd")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "tenfoot/cmd/tenfootd")
		build.Stdout, build.Stderr = stderr, stderr
		if err := build.Run(); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("building tenfootd (run inside the tenfoot module, or pass -tenfootd): %w", err)
		}
	}
	web := filepath.Join(dir, "web")
	if err := os.Mkdir(web, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// A page, so tenfootd does not warn that there is no browser build.
	os.WriteFile(filepath.Join(web, "index.html"), []byte("<!doctype html><title>tenfootload</title>\n"), 0o644)

	served := make(chan string, 1)
	forwarded := 0
	// Signing the devices in only sets the load up: the demo household gets cheap
	// password hashes, so that ten thousand sign-ins take seconds, not minutes.
	s.cmd = exec.Command(bin, "-addr", "127.0.0.1:0", "-data", filepath.Join(dir, "data"), "-web", web,
		"-limit-per-address", "1000000", "-password-cost", "4")
	s.cmd.Stdout = &lineWriter{fn: func(line string) {
		if u, ok := strings.CutPrefix(line, "tenfootd: serving "); ok {
			select {
			case served <- strings.TrimSuffix(u, "/"):
			default:
			}
		}
	}}
	s.cmd.Stderr = &lineWriter{fn: func(line string) {
		if strings.Contains(line, "too many open files") {
			s.emfile.Add(1)
		}
		if strings.Contains(line, `"msg":"request"`) && strings.Contains(line, `"level":"INFO"`) {
			return
		}
		if forwarded++; forwarded <= forwardedLines {
			fmt.Fprintln(stderr, line)
		}
	}}
	if err := s.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("starting tenfootd: %w", err)
	}
	go func() {
		s.cmd.Wait()
		close(s.exited)
	}()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case s.url = <-served:
		fmt.Fprintf(stderr, "tenfootload: tenfootd (pid %d) serving %s\n", s.cmd.Process.Pid, s.url)
		return s, nil
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

// stop shuts tenfootd down, gracefully if it will within stopTimeout, and removes
// its data folder. An unclean exit is reported to stderr.
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
	os.RemoveAll(s.dir)
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
