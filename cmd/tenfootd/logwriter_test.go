package main

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
)

// lockedBuffer is a bytes.Buffer that the writer's goroutine and the test may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Lines from many writers at once, fewer than the writer holds, all come out,
// whole and each writer's in order, and Close writes out whatever is still held.
func TestLogWriterKeepsEveryLineInOrder(t *testing.T) {
	var out lockedBuffer
	w := newLogWriter(&out)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 { // 8 writers' lines of some 120 bytes: less than logBufferMax
				fmt.Fprintf(w, "writer %d line %d %s\n", g, i, strings.Repeat("x", 100))
			}
		}()
	}
	wg.Wait()
	require.NoError(t, w.Close())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 8*1000)
	next := make([]int, 8)
	for _, line := range lines {
		var g, i int
		_, err := fmt.Sscanf(line, "writer %d line %d", &g, &i)
		require.NoError(t, err, "a line came out broken: %q", line)
		require.Equal(t, next[g], i, "writer %d's lines out of order", g)
		next[g]++
	}

	fmt.Fprintln(w, "after close")
	assert.True(t, strings.HasSuffix(out.String(), "after close\n"), "written straight through once closed")
}

// Lines that cannot be written, because the output fails as a pipe whose reader has
// gone does, are dropped and counted, before Close and after it.
func TestLogWriterDropsLinesItCannotWrite(t *testing.T) {
	w := newLogWriter(failingWriter{})
	for i := range 3 {
		fmt.Fprintf(w, "line %d\n", i)
	}
	require.NoError(t, w.Close())
	assert.Equal(t, uint64(3), w.Dropped())
	fmt.Fprintln(w, "after close")
	assert.Equal(t, uint64(4), w.Dropped())
}

// failingWriter fails every write, as a pipe whose reader has gone does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, syscall.EPIPE }

// While its output is stalled (a log shipper that stopped reading), the writer
// never keeps a writer waiting: it holds what fits in logBufferMax and drops the
// rest, counting it. Once the output takes lines again, the lines held come out,
// then, once, a line that says how many were dropped.
func TestLogWriterDropsLinesWhileItsOutputIsStalled(t *testing.T) {
	out := newStallingWriter(t)
	w := newLogWriter(out)
	w.reportDropsTo(slog.New(slog.NewJSONHandler(w, nil)))
	out.stall()
	fmt.Fprintln(w, "first")
	out.awaitStuck(t) // writing "first"

	line := strings.Repeat("x", 99) + "\n"
	const written, held = 2 * logBufferMax / 100, logBufferMax / 100
	wrote := make(chan struct{})
	go func() {
		defer close(wrote)
		for range written {
			io.WriteString(w, line)
		}
	}()
	select {
	case <-wrote:
	case <-time.After(10 * time.Second):
		t.Fatal("a write waited for the stalled output")
	}
	assert.Equal(t, uint64(written-held), w.Dropped())

	out.resume()
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "dropped log lines") },
		10*time.Second, time.Millisecond, "the log says it dropped lines")
	fmt.Fprintln(w, "flowing again")
	require.NoError(t, w.Close())
	assert.Equal(t, held, strings.Count(out.String(), line), "the lines held came out")
	assert.Equal(t, 1, strings.Count(out.String(), "dropped log lines"), "said once")
	assert.Contains(t, out.String(), fmt.Sprintf(`"lines":%d}`, written-held))
	assert.True(t, strings.HasSuffix(out.String(), "flowing again\n"))
	assert.Equal(t, uint64(written-held), w.Dropped())
}

// Close waits for a stalled output no longer than closeWait: a standard error that
// no one reads does not keep tenfootd from exiting. What it held, and what is
// written after, is dropped.
func TestLogWriterCloseGivesUpOnAStalledOutput(t *testing.T) {
	out := newStallingWriter(t)
	w := newLogWriter(out)
	w.closeWait = 10 * time.Millisecond
	out.stall()
	fmt.Fprintln(w, "first")
	out.awaitStuck(t)
	fmt.Fprintln(w, "held")

	closed := make(chan struct{})
	go func() {
		defer close(closed)
		w.Close()
	}()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for the stalled output")
	}
	fmt.Fprintln(w, "after close")
	assert.Equal(t, uint64(2), w.Dropped(), "the line held and the one after Close")
}

// stallingWriter is a standard error whose reader can stall: while it is stalled, a
// write waits until it resumes.
type stallingWriter struct {
	testkit.Buffer
	mu      sync.Mutex
	resumed chan struct{} // nil while flowing
	stuck   chan struct{} // told when a write begins to wait
}

// newStallingWriter returns a flowing stallingWriter, resumed when t ends.
func newStallingWriter(t *testing.T) *stallingWriter {
	s := &stallingWriter{stuck: make(chan struct{}, 1)}
	t.Cleanup(s.resume)
	return s
}

func (s *stallingWriter) stall() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.resumed == nil {
		s.resumed = make(chan struct{})
	}
}

func (s *stallingWriter) resume() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.resumed != nil {
		close(s.resumed)
		s.resumed = nil
	}
}

// awaitStuck waits until a write waits for the reader.
func (s *stallingWriter) awaitStuck(t *testing.T) {
	t.Helper()
	select {
	case <-s.stuck:
	case <-time.After(10 * time.Second):
		t.Fatal("nothing was written")
	}
}

func (s *stallingWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	resumed := s.resumed
	s.mu.Unlock()
	if resumed != nil {
		select {
		case s.stuck <- struct{}{}:
		default:
		}
		<-resumed
	}
	return s.Buffer.Write(p)
}
