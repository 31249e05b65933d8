package session

import "time"

// limit counts failures per key in a sliding window: after max failures within
// window, further attempts are refused until the oldest failure ages out. The
// failures are records of the store, so every replica of a service sharing one
// store counts the same ones.
type limit struct {
	name   string // keeps one limit's keys apart from another's
	max    int
	window time.Duration
}

var (
	signInLimit = limit{name: "signin", max: maxSignInFailures, window: failureWindow}
	guessLimit  = limit{name: "guess", max: maxCodeGuesses, window: failureWindow}
)

// check returns a RateLimitError if key has used up its attempts at now, and how many
// failures it has within the window.
func (l limit) check(tx Tx, key string, now time.Time) (int, error) {
	f, err := tx.Failures(l.name+"/"+key, now.Add(-l.window))
	switch {
	case err != nil:
		return 0, err
	case len(f) < l.max:
		return len(f), nil
	}
	return len(f), &RateLimitError{RetryAfter: f[len(f)-l.max].Add(l.window).Sub(now)}
}

// fail records a failed attempt by key at now.
func (l limit) fail(tx Tx, key string, now time.Time) error {
	return tx.AddFailure(l.name+"/"+key, now)
}

// reset forgets key's failures, after a success.
func (l limit) reset(tx Tx, key string) error { return tx.ClearFailures(l.name + "/" + key) }
