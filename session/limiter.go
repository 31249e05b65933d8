package session

import "time"

// limiter counts failures per key in a sliding window: after max failures within
// window, further attempts are refused until the oldest failure ages out.
type limiter struct {
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

func newLimiter(max int, window time.Duration) *limiter {
	return &limiter{max: max, window: window, fails: make(map[string][]time.Time)}
}

// check returns a RateLimitError if key has used up its attempts at now.
func (l *limiter) check(key string, now time.Time) error {
	f := l.prune(key, now)
	if len(f) < l.max {
		return nil
	}
	return &RateLimitError{RetryAfter: f[0].Add(l.window).Sub(now)}
}

// fail records a failed attempt by key at now.
func (l *limiter) fail(key string, now time.Time) {
	l.fails[key] = append(l.prune(key, now), now)
}

// reset forgets key's failures, after a success.
func (l *limiter) reset(key string) { delete(l.fails, key) }

func (l *limiter) prune(key string, now time.Time) []time.Time {
	f := l.fails[key]
	i := 0
	for i < len(f) && now.Sub(f[i]) >= l.window {
		i++
	}
	f = f[i:]
	if len(f) == 0 {
		delete(l.fails, key)
		return nil
	}
	l.fails[key] = f
	return f
}
