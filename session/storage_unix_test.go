//go:build unix

package session

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A save cut short between writing its temporary file and renaming it over the
// blob (a power cut, or the app killed: tenfoot does not catch SIGTERM) leaves the
// file behind, holding the whole state it was saving: the token, the account's
// email, the profiles. Nothing read it again, nor removed it, so a kiosk's folder
// kept a guest's token after the guest was signed out and the TV cleared. The next
// process to hold the blob removes it; a copy set aside stays for a person to read.
func TestASaveCutShortLeavesNothingBehind(t *testing.T) {
	h := newHousehold(t)
	_, net, dir := h.signedIn("TV")
	data, err := os.ReadFile(filepath.Join(dir, "device.json"))
	require.NoError(t, err)
	require.Contains(t, string(data), anaEmail)
	cut := filepath.Join(dir, "device.2718281828.tmp")
	require.NoError(t, os.WriteFile(cut, data, 0o600))
	aside := filepath.Join(dir, "device.corrupt-20260101T000000.000000000.json")
	require.NoError(t, os.WriteFile(aside, data, 0o600))

	tv := h.reopen(dir, net) // the next start
	assert.NoFileExists(t, cut, "a save cut short is left behind")
	assert.FileExists(t, aside)
	assert.Equal(t, anaEmail, mustAccount(t, tv).Email, "the state itself is whole")
}

func mustAccount(t *testing.T, d *Device) Account {
	t.Helper()
	acc, ok := d.Account()
	require.True(t, ok)
	return acc
}
