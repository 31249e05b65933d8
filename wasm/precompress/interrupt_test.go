package main

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runMain is set in the environment of a copy of the test binary that is to run
// precompress's main with the arguments after "--".
const runMain = "PRECOMPRESS_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMain) == "1" {
		for i, a := range os.Args {
			if a == "--" {
				os.Args = append([]string{"precompress"}, os.Args[i+1:]...)
				break
			}
		}
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// Ctrl-C on `make run` reaches the brotli copies being made in the background:
// the temporary file of the copy under way must not stay behind in the build, nor in
// the cache, however the process is stopped.
func TestStoppedLeavesNoTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir, cache := t.TempDir(), t.TempDir()
			// Words in a random order: brotli at its best takes seconds on it.
			words := strings.Fields("tenfoot sign out of all devices profile remote focus row title kiosk guest")
			var b strings.Builder
			r := rand.New(rand.NewPCG(1, 2))
			for b.Len() < 8<<20 {
				b.WriteString(words[r.IntN(len(words))])
				b.WriteByte(' ')
			}
			writeFile(t, dir, "app.wasm", []byte(b.String()), time.Now().Add(-time.Hour))

			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "-only", "br", "-cache", cache, dir)
			cmd.Env = append(os.Environ(), runMain+"=1")
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			require.Eventually(t, func() bool { return len(temporary(t, dir)) > 0 }, 30*time.Second, 5*time.Millisecond,
				"precompress never began writing the copy")
			require.NoError(t, cmd.Process.Signal(sig))
			select {
			case err := <-exited:
				assert.Error(t, err, "a stopped run does not exit 0")
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				t.Fatal("precompress did not exit on " + sig.String())
			}
			assert.Empty(t, temporary(t, dir), "temporary files left in the build")
			assert.Empty(t, temporary(t, cache), "temporary files left in the cache")
			assert.NoFileExists(t, filepath.Join(dir, "app.wasm.br"), "no copy was finished")
		})
	}
}

// temporary lists the temporary files precompress writes in dir: names starting with a dot.
func temporary(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	return names
}
