package main

import (
	"fmt"
	"net/http"
	"syscall"
	"testing"

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

	// Each TV holds as many streams as a session may; a session that holds one
	// would replace its oldest rather than be refused.
	var token string
	streams := 0
	for {
		if streams%defaultStreamsPerSession == 0 {
			token = signIn(t, url)
		}
		resp := askForStream(t.Context(), t, url, "/events", token)
		if resp.StatusCode != http.StatusOK {
			assertRefused(t, resp, http.StatusServiceUnavailable, "unavailable", streamRetryTotal)
			break
		}
		streams++
		require.Less(t, streams, lowHardFileLimit, "streams were never refused")
	}
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
