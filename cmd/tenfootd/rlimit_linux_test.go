package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
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
	tenfootd := exec.Command(os.Args[0], "-test.run=^TestTenfootdUnderALowFileLimit$")
	tenfootd.Env = append(os.Environ(),
		fmt.Sprintf("TENFOOTD_TEST_FILE_LIMIT=%d:%d", lowSoftFileLimit, lowHardFileLimit),
		"TENFOOTD_TEST_ARGS="+strings.Join([]string{"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", t.TempDir(),
			"-password-cost", "4", "-limit-per-address", "100000", "-streams-per-address", "100000"}, "\n"))
	stdout, err := tenfootd.StdoutPipe()
	require.NoError(t, err)
	var stderr testkit.Buffer
	tenfootd.Stderr = &stderr
	require.NoError(t, tenfootd.Start())
	defer func() {
		require.NoError(t, tenfootd.Process.Signal(syscall.SIGTERM))
		assert.NoError(t, tenfootd.Wait(), "tenfootd stops cleanly")
	}()
	url := servedAt(t, stdout)

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

// servedAt reads tenfootd's output until it says where it serves.
func servedAt(t *testing.T, stdout io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		defer close(found)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := regexp.MustCompile(`^tenfootd: serving (http://\S+)/$`).FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				return
			}
		}
	}()
	select {
	case url, ok := <-found:
		require.True(t, ok, "tenfootd ended without serving")
		return url
	case <-time.After(30 * time.Second):
		t.Fatal("tenfootd did not say where it serves")
		return ""
	}
}

// TestTenfootdUnderALowFileLimit is tenfootd itself, run by
// TestFileLimitLeavesRoomForTheAPI in a process of its own so that the limit it
// lowers is no other test's: it lowers the open file limit to
// TENFOOTD_TEST_FILE_LIMIT (soft:hard), then serves with TENFOOTD_TEST_ARGS (one a
// line) until SIGTERM.
func TestTenfootdUnderALowFileLimit(t *testing.T) {
	limit := os.Getenv("TENFOOTD_TEST_FILE_LIMIT")
	if limit == "" {
		t.Skip("runs only as tenfootd, started by TestFileLimitLeavesRoomForTheAPI")
	}
	var lim syscall.Rlimit
	_, err := fmt.Sscanf(limit, "%d:%d", &lim.Cur, &lim.Max)
	require.NoError(t, err)
	require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim))
	ctx, stop := signal.NotifyContext(t.Context(), syscall.SIGTERM)
	defer stop()
	args := strings.Split(os.Getenv("TENFOOTD_TEST_ARGS"), "\n")
	require.NoError(t, run(ctx, args, func(string) string { return "" }, os.Stdout, os.Stderr))
}
