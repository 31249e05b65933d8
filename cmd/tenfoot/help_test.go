//go:build !js

package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/input"
)

// helpText is what tenfoot -h prints.
func helpText(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	stdout := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = stdout }()
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		done <- string(b)
	}()
	require.NoError(t, run([]string{"-h"}))
	os.Stdout = stdout
	w.Close()
	return <-done
}

// tenfoot -h names every action -keys takes, as the README does.
func TestHelpListsEveryKeyAction(t *testing.T) {
	help := helpText(t)
	var keys string
	for line := range strings.Lines(help) {
		if strings.HasPrefix(strings.TrimSpace(line), "comma-separated actions") {
			keys = line
		}
	}
	require.NotEmpty(t, keys, "-h describes -keys:\n%s", help)
	for a := input.ActionUp; !strings.HasPrefix(a.String(), "Action("); a++ {
		_, err := input.ParseScript(a.String())
		require.NoError(t, err)
		assert.Regexp(t, `[ :]`+a.String()+`(,|$)`, strings.TrimSpace(keys), "-keys takes %q", a)
	}
}
