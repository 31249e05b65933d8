package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// lockFileName is the file in a SQLite data folder whose lock says which tenfootd
// serves it, and which holds that tenfootd's process ID.
const lockFileName = "tenfootd.lock"

// lockDataFolder takes the SQLite data folder dir for this tenfootd alone, until
// release is called, or refuses if another tenfootd serves it. Two on one SQLite
// database would each serve as if alone: SQLite has no way for one process to tell
// another of the events it records, and the devices listening to one would never
// hear a sign-out made through the other. Replicas share PostgreSQL instead.
//
// The lock is the system's on the lock file (lockFile), which ends with the
// process however it ends; the file is left in place.
func lockDataFolder(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("data folder: %w", err)
	}
	path := filepath.Join(dir, lockFileName)
	f, err := lockFile(path)
	switch {
	case errors.Is(err, errLocked):
		if pid := lockHolder(path); pid > 0 {
			return nil, fmt.Errorf("the data folder %s is in use by another tenfootd (pid %d): one tenfootd serves a SQLite database; stop it, or run replicas on PostgreSQL (-database)", dir, pid)
		}
		return nil, fmt.Errorf("the data folder %s is in use by another tenfootd: one tenfootd serves a SQLite database; stop it, or run replicas on PostgreSQL (-database)", dir)
	case err != nil:
		return nil, fmt.Errorf("locking the data folder: %w", err)
	}
	if f == nil { // no lock on this system
		return func() {}, nil
	}
	// The process ID is only for the message above: the lock is the truth.
	if f.Truncate(0) == nil {
		fmt.Fprintf(f, "%d\n", os.Getpid())
	}
	return func() { f.Close() }, nil
}

// lockHolder returns the process ID written in the lock file at path, or 0.
func lockHolder(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	var pid int
	fmt.Sscanf(string(b), "%d", &pid)
	return pid
}
