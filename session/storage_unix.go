//go:build unix

package session

import (
	"io/fs"
	"os"
	"path/filepath"
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

// hold implements sharedStorage with the system's lock (flock) on a file beside
// the blob's, name.lock, which closing it, or the process ending, releases. A
// folder that takes no lock (read-only, or a file system without locks) is held
// by nobody: saving is what would fail there.
func (s *DirStorage) hold(name string) (release func()) {
	f, err := os.OpenFile(filepath.Join(s.Dir, name+".lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return func() {}
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	return func() { f.Close() }
}
