package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// The open file limits tenfootd is started with below: it raises the soft one to the
// hard one, and keeps max(256, 1024/8) = 256 files for everything but streams.
const (
	lowSoftFileLimit  = 512
	lowHardFileLimit  = 1024
	streamsAtLowLimit = lowHardFileLimit - 256
)

// One token opening stream after stream used to take every file tenfootd was allowed,
// and then it accepted no connection at all. Started with a low file limit, tenfootd
// raises it, holds streams until its total, then refuses them, and its API still
// answers.
func TestFileLimitLeavesRoomForTheAPI(t *testing.T) {
	var stderr testkit.Buffer
	tenfootd, url := startProcess(t, fmt.Sprintf("%d:%d", lowSoftFileLimit, lowHardFileLimit), &stderr,
		"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", t.TempDir(),
		"-password-cost", "4", "-limit-per-address", "100000", "-streams-per-address", "100000")
	defer func() {
		require.NoError(t, tenfootd.Process.Signal(syscall.SIGTERM))
		assert.NoError(t, tenfootd.Wait(), "tenfootd stops cleanly")
	}()

	streams := streamsUntilRefused(t, url, lowHardFileLimit)
	t.Logf("with RLIMIT_NOFILE %d:%d, tenfootd held %d streams, then refused one with 503", lowSoftFileLimit, lowHardFileLimit, streams)
	assert.Equal(t, streamsAtLowLimit, streams, "the soft limit was raised to the hard one, less 256 files for the rest")

	health, err := http.Get(url + session.APIPrefix + "/health")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, health.StatusCode)
	health.Body.Close()
	signIn(t, url)
	if t.Failed() {
		t.Logf("tenfootd's log: %s", stderr.String())
	}
}

// A client that opens connection after connection, asks one thing on each and
// leaves it open (keep-alive), used to take every file tenfootd had: then nothing
// was answered, not even the probes, and net/http's complaints ("Accept error")
// went to the log in plain text. Under the same low file limit, tenfootd now
// closes the connections idle longest instead: every connection is answered, the
// streams still have every file kept for them, the API and the probes answer, and
// the log is JSON.
func TestIdleConnectionsLeaveRoomForStreamsAndProbes(t *testing.T) {
	var stderr testkit.Buffer
	metrics := "http://127.0.0.1:" + freePort(t)
	tenfootd, url := startProcess(t, fmt.Sprintf("%d:%d", lowSoftFileLimit, lowSoftFileLimit), &stderr,
		"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", t.TempDir(), "-metrics-addr", strings.TrimPrefix(metrics, "http://"),
		"-password-cost", "4", "-limit-per-address", "100000", "-streams-per-address", "100000")
	defer func() {
		require.NoError(t, tenfootd.Process.Signal(syscall.SIGTERM))
		assert.NoError(t, tenfootd.Wait(), "tenfootd stops cleanly")
	}()

	const flood = 2 * lowSoftFileLimit
	for i := range flood {
		conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
		require.NoError(t, err)
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(10 * time.Second))
		fmt.Fprint(conn, "GET /livez HTTP/1.1\r\nHost: tv\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		require.NoError(t, err, "connection %d was answered", i)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode, "connection %d", i)
	}

	streams := streamsUntilRefused(t, url, lowSoftFileLimit)
	assert.Equal(t, lowSoftFileLimit-minFileReserve, streams, "the streams had every file kept for them")

	for _, u := range []string{url + session.APIPrefix + "/health", url + "/livez", metrics + "/livez", metrics + "/readyz"} {
		resp, err := http.Get(u)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, u)
	}
	families := scrape(t, metrics+"/metrics")
	assert.GreaterOrEqual(t, value(families, "tenfootd_connections_shed_total", "reason", "idle"), float64(flood-requestConnsFor(lowSoftFileLimit, streams)))
	for line := range strings.Lines(stderr.String()) {
		if !strings.HasPrefix(line, "tenfootd: warning: no browser build") && !strings.HasPrefix(line, "tenfootd: seeded") {
			assert.True(t, json.Valid([]byte(line)), "a log line in plain text: %s", line)
		}
	}
}

// streamsUntilRefused opens event streams on the tenfootd at url until one is
// refused with 503, and returns how many it held; more than most fails the test.
// Each TV holds as many streams as a session may: a session that holds one would
// replace its oldest rather than be refused.
func streamsUntilRefused(t *testing.T, url string, most int) int {
	t.Helper()
	var token string
	streams := 0
	for {
		if streams%defaultStreamsPerSession == 0 {
			token = signIn(t, url)
		}
		resp := askForStream(t.Context(), t, url, "/events", token)
		if resp.StatusCode != http.StatusOK {
			assertRefused(t, resp, http.StatusServiceUnavailable, "unavailable", streamRetryTotal)
			return streams
		}
		streams++
		require.Less(t, streams, most, "streams were never refused")
	}
}
