package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// checkingService answers every Check with check; nothing else is called.
type checkingService struct {
	session.Service
	check func(ctx context.Context) error
}

func (s checkingService) Check(ctx context.Context, _ string) (session.Grant, error) {
	return session.Grant{}, s.check(ctx)
}

// serveChecks serves tenfootd's API over s, logging to the returned buffer.
func serveChecks(t *testing.T, check func(ctx context.Context) error) (string, *testkit.Buffer) {
	t.Helper()
	log := &testkit.Buffer{}
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: checkingService{check: check},
		Log: slog.New(slog.NewJSONHandler(log, nil))}))
	t.Cleanup(srv.Close)
	return srv.URL, log
}

// A service that cannot reach its database says so with a 503 and when to try
// again, keeps the cause to its log, and the device hears that it is offline.
func TestAPIUnavailableDatabaseIsOfflineWithRetryAfter(t *testing.T) {
	url, log := serveChecks(t, func(context.Context) error {
		return &session.UnavailableError{Err: errors.New("sqlstore: dial tcp 10.0.0.5:5432: connection refused")}
	})

	req, err := http.NewRequestWithContext(t.Context(), "GET", url+session.APIPrefix+"/session", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "3", resp.Header.Get("Retry-After"))
	var body session.WireError
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	assert.Equal(t, "unavailable", body.Code)
	assert.NotContains(t, body.Message, "10.0.0.5", "the database's address stays on the service")

	_, err = session.NewClient(url).Check(t.Context(), "token")
	assert.ErrorIs(t, err, session.ErrOffline, "a device treats it as offline, and tries again")
	assert.ErrorIs(t, err, session.ErrUnavailable)
	var unavailable *session.UnavailableError
	require.ErrorAs(t, err, &unavailable)
	assert.Equal(t, 3*time.Second, unavailable.RetryAfter)

	assert.Contains(t, log.String(), `"level":"WARN","msg":"database unavailable`)
	assert.Contains(t, log.String(), "10.0.0.5", "the cause is in the service's log")
	assert.NotContains(t, log.String(), `"level":"ERROR"`)
}

// A device that gives up on a request is no failure of the service: the log says
// 499 at INFO, not ERROR and 500.
func TestAPICanceledRequestIsLoggedAsCanceled(t *testing.T) {
	asked := make(chan struct{})
	url, log := serveChecks(t, func(ctx context.Context) error {
		close(asked)
		<-ctx.Done()
		return ctx.Err()
	})
	ctx, cancel := context.WithCancel(t.Context())
	go func() { <-asked; cancel() }()
	_, err := session.NewClient(url).Check(ctx, "token")
	require.ErrorIs(t, err, session.ErrOffline, "to the device, a request it gave up on went unanswered")

	require.Eventually(t, func() bool { return jsonLogHas(log.String(), "request", "status", 499) },
		10*time.Second, 10*time.Millisecond, "the request logged as 499: %s", log)
	assert.Contains(t, log.String(), `"level":"INFO","msg":"request canceled`)
	assert.NotContains(t, log.String(), `"level":"ERROR"`)
	assert.False(t, jsonLogHas(log.String(), "request", "status", 500))
}

// jsonLogHas reports whether a JSON log has a line with message msg whose key is value.
func jsonLogHas(log, msg, key string, value float64) bool {
	dec := json.NewDecoder(strings.NewReader(log))
	for {
		var line map[string]any
		if dec.Decode(&line) != nil {
			return false
		}
		if line["msg"] == msg && line[key] == value {
			return true
		}
	}
}
