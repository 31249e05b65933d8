package session

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Storage keeps named blobs of state: files in a folder natively, localStorage in a
// browser. Save must be atomic: after a crash, Load returns the old or the new
// contents, never a mix.
type Storage interface {
	// Load returns the blob, or an error matching fs.ErrNotExist if there is none.
	Load(name string) ([]byte, error)
	// Save replaces the blob atomically.
	Save(name string, data []byte) error
	// SetAside keeps a copy of a blob that could not be read, for a person to look
	// at, and returns where. The blob itself stays until it is saved over: what
	// was salvaged from it, such as sign-outs still to send, is then safe in the
	// new one, and a save that fails leaves it to be salvaged again.
	SetAside(name string) (string, error)
}

// DirStorage keeps each blob in a file of a folder.
type DirStorage struct {
	Dir string
	// swept holds the names whose saves cut short this process has removed
	// (sweep), once, when it first held them.
	swept sync.Map
}

// NewDirStorage returns storage in dir, creating it if needed.
func NewDirStorage(dir string) (*DirStorage, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("session: state folder: %w", err)
	}
	return &DirStorage{Dir: dir}, nil
}

func (s *DirStorage) path(name string) string { return filepath.Join(s.Dir, name+".json") }

// Load implements Storage.
func (s *DirStorage) Load(name string) ([]byte, error) {
	return os.ReadFile(s.path(name))
}

// Save implements Storage: it writes a temporary file, syncs it, renames it over the
// old one and syncs the folder, so a power cut leaves either version whole.
func (s *DirStorage) Save(name string, data []byte) error {
	f, err := os.CreateTemp(s.Dir, name+".*.tmp")
	if err != nil {
		return fmt.Errorf("session: save %s: %w", name, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, s.path(name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("session: save %s: %w", name, err)
	}
	if d, err := os.Open(s.Dir); err == nil {
		d.Sync() // make the rename itself durable; not every file system supports it
		d.Close()
	}
	return nil
}

// SetAside implements Storage.
func (s *DirStorage) SetAside(name string) (string, error) {
	data, err := s.Load(name)
	if err != nil {
		return "", fmt.Errorf("session: set aside %s: %w", name, err)
	}
	to := fmt.Sprintf("%s.corrupt-%s", name, time.Now().UTC().Format("20060102T150405.000000000"))
	if err := s.Save(to, data); err != nil {
		return "", fmt.Errorf("session: set aside %s: %w", name, err)
	}
	return s.path(to), nil
}

// stamper is a Storage that tells cheaply whether a blob changed since it gave a
// stamp: a JSONStore asks before each transaction (adopt), and reads the blob only
// when the stamp is not the one it last had. Stamps compare with ==; nil means
// there is no telling.
type stamper interface {
	stamp(name string) any
}

// sharedStorage is a Storage that other processes, or other tabs of a page, may
// use at the same time: hold makes each of them wait for the blob called name
// until release is called, so that reading a blob, changing it and saving it is
// one step for all of them, as for the goroutines of one process. Without it, two
// processes on one state folder each saved over what the other had just saved.
//
// The wait is the system's: a holder that ends, however it ends, lets the next
// one in. Where no lock can be taken, hold returns at once, and each opener still
// takes up the others' saves before it changes anything (adopt, Device.lock).
type sharedStorage interface {
	hold(name string) (release func())
}

// holdShared holds the blob called name of storage for this process alone, if
// others may share the storage, until release is called.
func holdShared(storage Storage, name string) (release func()) {
	if s, ok := storage.(sharedStorage); ok {
		return s.hold(name)
	}
	return func() {}
}

// fileStamp tells one version of a file from another: Save renames a new file over
// the old, so the file's number changes with every save, and its time and size
// tell a number used again.
type fileStamp struct {
	ino  uint64
	size int64
	mod  time.Time
}

func (s *DirStorage) stamp(name string) any {
	fi, err := os.Stat(s.path(name))
	if err != nil {
		return nil
	}
	ino, ok := fileNumber(fi)
	if !ok {
		return nil
	}
	return fileStamp{ino, fi.Size(), fi.ModTime()}
}

// MemStorage keeps state in memory only, for a device that must not persist anything.
type MemStorage struct {
	mu    sync.Mutex
	blobs map[string][]byte
	saves map[string]int         // how often each blob was saved, its stamp
	locks map[string]*sync.Mutex // a JSONStore's document lock, by name
}

func (m *MemStorage) stamp(name string) any {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.saves[name]
}

// lock returns the lock that the JSONStores open on the blob called name share.
func (m *MemStorage) lock(name string) *sync.Mutex {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.locks[name] == nil {
		if m.locks == nil {
			m.locks = make(map[string]*sync.Mutex)
		}
		m.locks[name] = new(sync.Mutex)
	}
	return m.locks[name]
}

// Load implements Storage.
func (m *MemStorage) Load(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.blobs[name]
	if !ok {
		return nil, fmt.Errorf("session: %s: %w", name, fs.ErrNotExist)
	}
	return append([]byte(nil), b...), nil
}

// Save implements Storage.
func (m *MemStorage) Save(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.blobs == nil {
		m.blobs, m.saves = make(map[string][]byte), make(map[string]int)
	}
	m.blobs[name] = append([]byte(nil), data...)
	m.saves[name]++
	return nil
}

// SetAside implements Storage.
func (m *MemStorage) SetAside(name string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.blobs[name]
	if !ok {
		return "", fmt.Errorf("session: %s: %w", name, fs.ErrNotExist)
	}
	to := name + ".corrupt"
	m.blobs[to] = b
	return to, nil
}

// isNotExist reports whether err says there is no saved state yet.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
