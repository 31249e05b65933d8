package main

import (
	"fmt"
	"syscall"
)

// raiseFileLimit lets this process have n files open, raising the soft limit as far
// as the hard one allows. tenfootd, started from here, inherits the same hard limit.
func raiseFileLimit(n uint64) error {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return fmt.Errorf("reading the open file limit: %w", err)
	}
	if lim.Cur >= n {
		return nil
	}
	if lim.Max < n {
		return fmt.Errorf("this run needs %d open files on each side, and the limit is %d: raise it with ulimit -n", n, lim.Max)
	}
	lim.Cur = lim.Max
	if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return fmt.Errorf("raising the open file limit: %w", err)
	}
	return nil
}
