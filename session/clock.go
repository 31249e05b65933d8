package session

import "time"

// Clock tells the time. Tests pass a clock they can move; everything else uses
// SystemClock.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real time.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }
