//go:build !race

package main

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"

	"tenfoot/session"
	"tenfoot/session/sqlstore"
)

// Counting on the hot paths allocates nothing: an event written to one of ten
// thousand streams (its fan-out time, the gauge of open streams) and a store
// transaction, and a request of a route and status seen before.
func TestMetricsOnHotPathsAllocatesNothing(t *testing.T) {
	m := newMetrics("replica")
	a := &api{metrics: m}
	ev := session.Event{Kind: session.EventSignedOut, Devices: []uuid.UUID{uuid.New()}, At: time.Now()}
	report := sqlstore.TxReport{Write: true, Outcome: sqlstore.TxUnavailable, Took: time.Millisecond, Retries: 3}
	m.request("GET /api/v1/session", 200, time.Millisecond)
	assert.Zero(t, testing.AllocsPerRun(1000, func() {
		a.delivered(deviceStream, ev)
		m.streamsOpen.Inc()
		m.streamsOpen.Dec()
		m.Transaction(report)
		m.DeviceCode(session.DeviceCodeSignedIn)
		m.RateLimited(session.RateLimitSignIn)
		m.request("GET /api/v1/session", 200, time.Millisecond)
	}))
}
