package session

import (
	"sync"
	"time"
)

// pollTimes remembers when each pending sign-in with a code was last polled, by the
// hash of its device code, so that a poll on time reads and writes nothing: a TV
// waiting for its code to be approved costs the database no write lock. Replicas
// each remember the polls they answered; a device polling through several gets no
// more from it than the per-address limit allows.
type pollTimes struct {
	mu   sync.Mutex
	last map[string]pollTime
}

type pollTime struct {
	at, expires time.Time
}

// swap records a poll of hash at now, for a code that expires at expires, and
// returns the poll before it, if any.
func (p *pollTimes) swap(hash string, now, expires time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.last == nil {
		p.last = make(map[string]pollTime)
	}
	prev, ok := p.last[hash]
	p.last[hash] = pollTime{at: now, expires: expires}
	if !ok && len(p.last)%256 == 0 {
		// Codes that expired unpolled are forgotten now and then, so the map holds
		// no more than the codes pending.
		for h, t := range p.last {
			if !now.Before(t.expires) {
				delete(p.last, h)
			}
		}
	}
	return prev.at, ok
}

// forget drops hash, whose code is used up or gone.
func (p *pollTimes) forget(hash string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.last, hash)
}
