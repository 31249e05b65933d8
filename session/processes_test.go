//go:build !js

package session

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// The tests here run the app's state in two processes on one folder, as when the
// app is started twice with the same state: each process is this test binary run
// again as TestChangesInAnotherProcess.

const (
	helperEnv    = "TENFOOT_SESSION_HELPER" // what the process run again does
	helperDirEnv = "TENFOOT_SESSION_HELPER_DIR"
	helperTagEnv = "TENFOOT_SESSION_HELPER_TAG"
	// changesEach is how many changes each process makes; enough that, without
	// a lock across them, two processes lose some of each other's nearly always.
	changesEach = 40
)

// TestChangesInAnotherProcess is not a test: it is the other process of the tests
// below, and does nothing unless they start it.
func TestChangesInAnotherProcess(t *testing.T) {
	dir, tag := os.Getenv(helperDirEnv), os.Getenv(helperTagEnv)
	switch os.Getenv(helperEnv) {
	case "":
		t.Skip("the other process of TestTwoProcessesOnOneFolder…; started by them")
	case "downloads":
		store, err := NewDirStorage(dir)
		require.NoError(t, err)
		d, err := OpenDevice(store, nil, nil, DeviceInfo{})
		require.NoError(t, err)
		for i := range changesEach {
			_, err := d.StartDownload(fmt.Sprintf("%s %d", tag, i), uuid.Nil, 1)
			require.NoError(t, err)
		}
	case "accounts":
		store, err := NewDirStorage(dir)
		require.NoError(t, err)
		s, err := OpenJSONStore(store, serviceName)
		require.NoError(t, err)
		for i := range changesEach {
			email := fmt.Sprintf("%s-%d@example.com", tag, i)
			require.NoError(t, s.Update(context.Background(), func(tx Tx) error {
				return tx.AddAccount(AccountRecord{Account: Account{ID: uuid.New(), Email: email}}, nil)
			}))
		}
	}
}

// inTwoProcesses runs TestChangesInAnotherProcess doing what in two processes at
// once, on dir, and waits for both.
func inTwoProcesses(t *testing.T, what, dir string) {
	t.Helper()
	var cmds []*exec.Cmd
	for i := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestChangesInAnotherProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), helperEnv+"="+what, helperDirEnv+"="+dir, helperTagEnv+"=p"+strconv.Itoa(i))
		require.NoError(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait(), "the other process failed")
	}
}

func TestTwoProcessesOnOneFolderKeepEachOthersDeviceChanges(t *testing.T) {
	h := newHousehold(t)
	tv, _, dir := h.signedIn("TV")
	require.Empty(t, tv.Downloads())

	inTwoProcesses(t, "downloads", dir)

	tv.Reload()
	require.Equal(t, 2*changesEach, len(tv.Downloads()), "a process saved over downloads the other had just saved")
}

func TestTwoProcessesOnOneFolderKeepEachOthersServiceChanges(t *testing.T) {
	dir := t.TempDir()

	inTwoProcesses(t, "accounts", dir)

	store, err := NewDirStorage(dir)
	require.NoError(t, err)
	s, err := OpenJSONStore(store, serviceName)
	require.NoError(t, err)
	require.NoError(t, s.View(context.Background(), func(Tx) error { return nil }))
	require.Equal(t, 2*changesEach, len(s.doc.Accounts), "a process saved over accounts the other had just added")
}
