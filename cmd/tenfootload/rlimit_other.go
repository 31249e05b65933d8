//go:build !linux

package main

// raiseFileLimit leaves the open file limit as it is on systems other than Linux.
func raiseFileLimit(n uint64) error { return nil }
