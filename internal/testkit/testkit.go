// Package testkit holds the small helpers that tests of several packages share.
package testkit

import (
	"bytes"
	"sync"
	"testing"
	"time"
)

// Clock is a clock a test moves by hand. It satisfies session.Clock.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Buffer is a bytes.Buffer that one goroutine may write while another reads, such
// as a log written by background work.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// AwaitOpen waits until opened closes, as a hook closes it when the thing a test
// waits for has happened (an event stream opened, say), rather than sleeping and
// hoping. It fails t if the work that should open it ends first, sending its error
// on ended, or after 10 s.
func AwaitOpen(t testing.TB, what string, opened <-chan struct{}, ended <-chan error) {
	t.Helper()
	select {
	case <-opened:
	case err := <-ended:
		t.Fatalf("ended before %s: %v", what, err)
	case <-time.After(10 * time.Second):
		t.Fatalf("%s never happened", what)
	}
}
