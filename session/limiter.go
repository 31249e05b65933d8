package session

import "time"

// limit counts failures per key and backs off gradually: the first free failures
// within window cost nothing, and each one after them doubles the wait before the
// next attempt, from base up to ceiling. No one is locked out for long by a few
// mistakes, and a guesser gets a handful of tries an hour. The failures are
// records of the store, so every replica of a service sharing one store counts the
// same ones.
//
// Keys name who is trying as well as what: a device the account knows, a signed-in
// session, or else everyone else together. So a stranger's guesses slow down
// strangers, and never the person on their own TV.
type limit struct {
	name    string // keeps one limit's keys apart from another's
	rule    RateLimitRule
	free    int
	base    time.Duration
	ceiling time.Duration
	window  time.Duration
}

var (
	signInLimit = limit{name: "signin", rule: RateLimitSignIn, free: freeFailures, base: backoffBase, ceiling: backoffCeiling, window: failureWindow}
	guessLimit  = limit{name: "guess", rule: RateLimitCodeGuess, free: freeFailures, base: backoffBase, ceiling: backoffCeiling, window: failureWindow}
	// accountProofLimit counts wrong PINs and passwords proved by every session of
	// an account together, beyond each session's own count: four sessions' worth
	// are free, so a household's mistakes seldom meet it, and a session that makes
	// sessions to guess with gets no more.
	accountProofLimit = limit{name: "proof", rule: RateLimitSignIn, free: 4 * freeFailures, base: backoffBase, ceiling: backoffCeiling, window: failureWindow}
)

// wait returns how long after the last of n failures the next attempt must wait.
func (l limit) wait(n int) time.Duration {
	if n < l.free {
		return 0
	}
	d := l.base
	for i := l.free; i < n && d < l.ceiling; i++ {
		d *= 2
	}
	return min(d, l.ceiling)
}

// check returns a RateLimitError if key must still wait at now, and how many
// failures it has within the window.
func (l limit) check(tx Tx, key string, now time.Time) (int, error) {
	f, err := tx.Failures(l.name+"/"+key, now.Add(-l.window))
	if err != nil || len(f) == 0 {
		return len(f), err
	}
	if until := f[len(f)-1].Add(l.wait(len(f))); now.Before(until) {
		return len(f), &RateLimitError{RetryAfter: until.Sub(now)}
	}
	return len(f), nil
}

// fail records a failed attempt by key at now.
func (l limit) fail(tx Tx, key string, now time.Time) error {
	return tx.AddFailure(l.name+"/"+key, now)
}

// reset forgets key's failures, after a success.
func (l limit) reset(tx Tx, key string) error { return tx.ClearFailures(l.name + "/" + key) }
