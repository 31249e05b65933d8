package session

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// swallowing is a network that takes every request and answers none, as a Wi-Fi
// gone quiet or a pulled cable does, until the request gives up. It notes how long
// each request was given.
type swallowing struct {
	Service
	mu     sync.Mutex
	budget []time.Duration
}

func (s *swallowing) wait(ctx context.Context) error {
	deadline, ok := ctx.Deadline()
	s.mu.Lock()
	if ok {
		s.budget = append(s.budget, time.Until(deadline))
	} else {
		s.budget = append(s.budget, -1)
	}
	s.mu.Unlock()
	<-ctx.Done()
	return ErrOffline
}

func (s *swallowing) SignOut(ctx context.Context, token string) error { return s.wait(ctx) }
func (s *swallowing) Check(ctx context.Context, token string) (Grant, error) {
	return Grant{}, s.wait(ctx)
}

// A TV starting on a network that swallows requests shows its first screen within
// StartWait, whatever waits in its outbox: the check at start sent each sign-out
// waiting there, then the check of its session, each with a request's whole timeout
// (15 s to tenfootd), and the screen stayed black meanwhile. It starts as it was,
// the sign-outs still in the outbox.
func TestTheCheckAtStartWaitsAtMostStartWait(t *testing.T) {
	h := newHousehold(t)
	tv, _, dir, _ := h.signedOutOffline()
	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	for round := 1; round <= 2; round++ {
		net := &swallowing{Service: h.svc}
		store, err := NewDirStorage(dir)
		require.NoError(t, err)
		tv, err := OpenDevice(store, net, h.clock, DeviceInfo{})
		require.NoError(t, err)

		require.ErrorIs(t, tv.CheckAtStart(ctx), ErrOffline, "round %d", round)
		require.NotEmpty(t, net.budget, "round %d", round)
		for _, b := range net.budget {
			assert.True(t, b > 0 && b <= StartWait, "round %d: a request was given %v", round, b)
		}
		_, signedIn := tv.Account()
		assert.True(t, signedIn, "round %d: still signed in, offline", round)
		assert.Equal(t, 1, tv.PendingRevocations(), "round %d: the sign-out still waits", round)
	}
}
