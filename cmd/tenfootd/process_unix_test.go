//go:build unix

package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
)

// startProcess starts tenfootd in a process of its own (TestTenfootdProcess), as main
// runs it, with args, its standard error written to stderr and, unless fileLimit is
// "", its open file limit lowered to fileLimit ("soft:hard") first. It returns once
// tenfootd serves, with the process and where it serves; the test stops it.
func startProcess(t *testing.T, fileLimit string, stderr io.Writer, args ...string) (*exec.Cmd, string) {
	t.Helper()
	tenfootd := exec.Command(os.Args[0], "-test.run=^TestTenfootdProcess$")
	tenfootd.Env = append(os.Environ(), "TENFOOTD_TEST_FILE_LIMIT="+fileLimit, "TENFOOTD_TEST_ARGS="+strings.Join(args, "\n"))
	tenfootd.Stderr = stderr
	stdout, err := tenfootd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, tenfootd.Start())
	t.Cleanup(func() {
		if tenfootd.ProcessState == nil { // the test failed before stopping it
			tenfootd.Process.Kill()
			tenfootd.Wait()
		}
	})
	return tenfootd, servedAt(t, stdout)
}

// A log shipper that exits leaves tenfootd's standard error a pipe that no one
// reads. tenfootd serves on, dropping the lines it cannot write, and on SIGTERM
// still stops as it should, draining and clearing its marks, and exits 0: it
// ignores SIGPIPE, which killed it at its next line (status 141).
func TestALogReaderThatGoesAwayStopsNothing(t *testing.T) {
	shipper, stderr, err := os.Pipe()
	require.NoError(t, err)
	tenfootd, url := startProcess(t, "", stderr, "-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", t.TempDir(), "-password-cost", "4")
	require.NoError(t, stderr.Close()) // tenfootd holds the pipe's only writing end
	require.NoError(t, shipper.Close())

	for range 3 { // each is logged, to no one
		resp, err := http.Get(url + session.APIPrefix + "/health")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	}
	signIn(t, url)
	require.NoError(t, tenfootd.Process.Signal(syscall.SIGTERM))
	assert.NoError(t, tenfootd.Wait(), "tenfootd stops cleanly")
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

// TestTenfootdProcess is tenfootd itself, run by startProcess in a process of its
// own, so that what it does to its process (its open file limit, the signals it
// ignores) is no other test's. It lowers the open file limit to
// TENFOOTD_TEST_FILE_LIMIT (soft:hard) if set, then serves as main does, with
// TENFOOTD_TEST_ARGS (one a line), until SIGTERM.
func TestTenfootdProcess(t *testing.T) {
	args, ok := os.LookupEnv("TENFOOTD_TEST_ARGS")
	if !ok {
		t.Skip("runs only as tenfootd, started by startProcess")
	}
	if limit := os.Getenv("TENFOOTD_TEST_FILE_LIMIT"); limit != "" {
		var lim syscall.Rlimit
		_, err := fmt.Sscanf(limit, "%d:%d", &lim.Cur, &lim.Max)
		require.NoError(t, err)
		require.NoError(t, syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim))
	}
	require.Zero(t, serveProcess(strings.Split(args, "\n"), func(string) string { return "" }, os.Stdout, os.Stderr))
}
