package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tenfootd -h gives each flag's default once: a flag whose text names its default
// and whose default the flag package prints too read "(default: …) (default "…")".
func TestHelpSaysEachDefaultOnce(t *testing.T) {
	var out bytes.Buffer
	_, help, err := parseFlags([]string{"-h"}, func(string) string { return "" }, &out)
	require.True(t, help)
	require.Error(t, err)
	usage := strings.ReplaceAll(out.String(), "\n    \t", " ")
	require.Contains(t, usage, "-replica")
	for line := range strings.Lines(usage) {
		assert.LessOrEqual(t, strings.Count(line, "(default"), 1, "%s", line)
	}
}
