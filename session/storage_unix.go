//go:build unix

package session

import (
	"io/fs"
	"syscall"
)

// fileNumber returns the file's inode number.
func fileNumber(fi fs.FileInfo) (uint64, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, false
	}
	return uint64(st.Ino), true
}
