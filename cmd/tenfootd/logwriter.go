package main

import (
	"bytes"
	"io"
	"sync"
	"sync/atomic"
)

// logWriter takes the log's lines into memory and writes them out from a goroutine
// of its own, so that no request waits on a write to the log. When ten thousand
// event streams end together, as signing out of all devices ends them, each line
// costs a copy under a lock rather than a turn at a write to standard error, and the
// confirm's answer does not queue behind them. The lines still come out in order,
// at once when the log is quiet and in batches when it is busy.
//
// Lines that cannot be written, because the output fails (a pipe whose reader has
// gone), are dropped and counted (Dropped).
type logWriter struct {
	out     io.Writer
	dropped atomic.Uint64 // lines
	mu      sync.Mutex
	buf     []byte
	room    *sync.Cond // signalled when the buffer has been written out
	// closed sends lines straight to out, once Close has written the rest.
	closed bool
	wake   chan struct{}
	stop   chan struct{}
	done   chan struct{}
}

// logBufferMax bounds the lines held in memory; a writer past it waits for room.
const logBufferMax = 1 << 20

func newLogWriter(out io.Writer) *logWriter {
	w := &logWriter{out: out, wake: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	w.room = sync.NewCond(&w.mu)
	go w.run()
	return w
}

// Write implements io.Writer.
func (w *logWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for len(w.buf) >= logBufferMax && !w.closed {
		w.room.Wait()
	}
	if w.closed {
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
	for {
		select {
		case <-w.wake:
		case <-w.stop:
			w.mu.Lock()
			defer w.mu.Unlock()
			w.write(w.buf)
			w.buf, w.closed = nil, true
			w.room.Broadcast()
			return
		}
		w.mu.Lock()
		out, w.buf = w.buf, out[:0]
		w.room.Broadcast()
		w.mu.Unlock()
		w.write(out)
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
func (w *logWriter) Close() error {
	close(w.stop)
	<-w.done
	return nil
}
