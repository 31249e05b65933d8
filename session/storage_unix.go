//go:build unix

package session

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
	if err == nil {
		if _, done := s.swept.LoadOrStore(name, true); !done {
			s.sweep(name)
		}
	}
	return func() { f.Close() }
}

// sweep removes the temporary files that saves of name cut short left behind (a
// power cut, or the process killed, between Save's write and its rename). Each
// holds the whole state it was saving, such as a token and an account's email,
// which nothing would read again nor remove: a kiosk's folder kept a guest's token
// after the guest was signed out. Only the holder of name may sweep: every save of
// name is made holding it, so no such file is then another's save under way.
func (s *DirStorage) sweep(name string) {
	entries, err := os.ReadDir(s.Dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ours := strings.CutPrefix(e.Name(), name+".")
		random, temporary := strings.CutSuffix(rest, ".tmp")
		// Save's are name.<digits>.tmp (os.CreateTemp); a copy set aside
		// (name.corrupt-….json) is kept, and so is its own save under way.
		if ours && temporary && random != "" && strings.Trim(random, "0123456789") == "" {
			os.Remove(filepath.Join(s.Dir, e.Name()))
		}
	}
}
