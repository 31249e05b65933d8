package main

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// Lines from many writers at once all come out, whole and each writer's in order,
// and Close writes out whatever is still held.
func TestLogWriterKeepsEveryLineInOrder(t *testing.T) {
	var out lockedBuffer
	w := newLogWriter(&out)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 2000 {
				fmt.Fprintf(w, "writer %d line %d %s\n", g, i, strings.Repeat("x", 100))
			}
		}()
	}
	wg.Wait()
	require.NoError(t, w.Close())
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 8*2000)
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
