package main

import (
	"bytes"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// logWriter takes the log's lines into memory and writes them out from a goroutine
// of its own, so that no request waits on a write to the log. When ten thousand
// event streams end together, as signing out of all devices ends them, each line
// costs a copy under a lock rather than a turn at a write to standard error, and the
// confirm's answer does not queue behind them. The lines still come out in order,
// at once when the log is quiet and in batches when it is busy.
//
// A write never waits for the output. Lines that do not fit in the logBufferMax
// held while the output is stalled (a log shipper that stopped reading), and lines
// the output fails to take (a pipe whose reader has gone), are dropped and counted
// (Dropped); once lines are written again, the log says how many were dropped
// (reportDropsTo).
type logWriter struct {
	out     io.Writer
	dropped atomic.Uint64 // lines
	// closeWait bounds how long Close waits for the output.
	closeWait time.Duration

	mu  sync.Mutex
	buf []byte
	// report says how many lines were dropped, once lines are written again.
	report *slog.Logger
	// closed sends lines straight to out, once Close has written the rest; if
	// Close gave up waiting for out (abandoned), lines are dropped instead.
	closed, abandoned bool
	wake              chan struct{}
	stop              chan struct{}
	done              chan struct{}
}

const (
	// logBufferMax bounds the lines held in memory; a line past it is dropped.
	logBufferMax = 1 << 20
	// logCloseWait is how long Close waits for the lines held to be written: a
	// standard error that no one reads must not keep tenfootd from exiting.
	logCloseWait = 2 * time.Second
)

func newLogWriter(out io.Writer) *logWriter {
	w := &logWriter{out: out, closeWait: logCloseWait, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go w.run()
	return w
}

// reportDropsTo has the writer say through l, once it writes lines again after it
// dropped some, how many it dropped. l usually writes to w itself.
func (w *logWriter) reportDropsTo(l *slog.Logger) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.report = l
}

// Write implements io.Writer. Until Close, it holds p, or drops it if the output
// has fallen logBufferMax behind: it never waits for the output, and never fails.
func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.abandoned || !w.closed && len(w.buf)+len(p) > logBufferMax:
		w.dropped.Add(uint64(bytes.Count(p, newline)))
		return len(p), nil
	case w.closed:
		return w.write(p)
	}
	w.buf = append(w.buf, p...)
	select {
	case w.wake <- struct{}{}:
	default: // already woken
	}
	return len(p), nil
}

func (w *logWriter) run() {
	defer close(w.done)
	var out []byte
	reported := uint64(0) // lines dropped as of the last report
	stopping := false
	for {
		if !stopping {
			select {
			case <-w.wake:
			case <-w.stop:
				stopping = true
			}
		}
		w.mu.Lock()
		if stopping && (len(w.buf) == 0 || w.abandoned) {
			// Everything is out, or Close gave up on the output.
			w.buf, w.closed = nil, true
			w.mu.Unlock()
			return
		}
		out, w.buf = w.buf, out[:0]
		dropped := w.dropped.Load() // before the lines taken, or while they were held
		report := w.report
		w.mu.Unlock()
		if _, err := w.write(out); err != nil || report == nil || dropped == reported {
			continue
		}
		// Written through w, whose buffer was emptied: it comes out next.
		report.Warn("dropped log lines: standard error did not take them in time", "lines", dropped-reported)
		reported = dropped
	}
}

// write writes lines to the output, and counts those it could not write whole as
// dropped.
func (w *logWriter) write(lines []byte) (int, error) {
	n, err := w.out.Write(lines)
	if err != nil {
		w.dropped.Add(uint64(bytes.Count(lines[n:], newline)))
	}
	return n, err
}

var newline = []byte{'\n'}

// Dropped returns how many lines were dropped so far.
func (w *logWriter) Dropped() uint64 { return w.dropped.Load() }

// Close writes out what is held; lines written after it go straight to the output.
// If the output takes none of them for closeWait, Close drops them, and the lines
// written after it, and returns.
func (w *logWriter) Close() error {
	close(w.stop)
	select {
	case <-w.done:
	case <-time.After(w.closeWait):
		w.mu.Lock()
		defer w.mu.Unlock()
		w.dropped.Add(uint64(bytes.Count(w.buf, newline)))
		w.buf, w.closed, w.abandoned = nil, true, true
	}
	return nil
}
