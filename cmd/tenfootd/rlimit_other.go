//go:build !unix

package main

// raiseFileLimit reports no limit on open files (0) where the system has none that
// tenfootd can read or raise.
func raiseFileLimit() (uint64, error) { return 0, nil }

// fileLimit reports no limit on open files (0).
func fileLimit() uint64 { return 0 }
