package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeFile(t *testing.T, dir, name string, data []byte, mtime time.Time) string {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(t, os.WriteFile(p, data, 0o644))
	require.NoError(t, os.Chtimes(p, mtime, mtime))
	return p
}

func decode(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var r io.Reader
	switch filepath.Ext(path) {
	case ".br":
		r = brotli.NewReader(bytes.NewReader(data))
	case ".gz":
		zr, err := gzip.NewReader(bytes.NewReader(data))
		require.NoError(t, err)
		r = zr
	}
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return out
}

func TestPrecompressDir(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	sources := map[string][]byte{
		"app.wasm":     bytes.Repeat([]byte("\x00asm some wasm code "), 5000),
		"index.html":   []byte(strings.Repeat("<p>tenfoot</p>\n", 100)),
		"sub/inner.js": []byte(strings.Repeat("console.log('x');\n", 50)),
	}
	for name, data := range sources {
		writeFile(t, dir, name, data, old)
	}
	writeFile(t, dir, "tiny.css", []byte("a{}"), old)
	writeFile(t, dir, "notes.txt", bytes.Repeat([]byte("text "), 1000), old)
	writeFile(t, dir, "old.js.gz", bytes.Repeat([]byte("z"), 1000), old)

	results, err := precompressDir(dir, coders(5), "")
	require.NoError(t, err)
	require.Len(t, results, 4, "the .wasm, .html, .js and .css sources")

	for name, data := range sources {
		for _, ext := range []string{".br", ".gz"} {
			p := filepath.Join(dir, filepath.FromSlash(name)) + ext
			assert.Equal(t, data, decode(t, p), p)
			fi, err := os.Stat(p)
			require.NoError(t, err)
			assert.True(t, fi.ModTime().Equal(old), "%s takes its source's time", p)
			assert.Less(t, fi.Size(), int64(len(data)))
		}
	}
	for _, absent := range []string{"tiny.css.br", "tiny.css.gz", "notes.txt.br", "old.js.gz.br", "old.js.gz.gz"} {
		assert.NoFileExists(t, filepath.Join(dir, absent))
	}
	leftovers, err := filepath.Glob(filepath.Join(dir, ".*"))
	require.NoError(t, err)
	assert.Empty(t, leftovers, "no temporary files left behind")

	// A second run leaves fresh copies alone.
	marker := []byte("not rewritten")
	brPath := filepath.Join(dir, "index.html.br")
	writeFile(t, dir, "index.html.br", marker, old)
	results, err = precompressDir(dir, coders(5), "")
	require.NoError(t, err)
	got, err := os.ReadFile(brPath)
	require.NoError(t, err)
	assert.Equal(t, marker, got)
	for _, r := range results {
		if r.name == "index.html" {
			assert.Contains(t, r.String(), "up to date")
		}
	}

	// A rebuilt source gets new copies.
	writeFile(t, dir, "index.html", []byte(strings.Repeat("<p>rebuilt</p>\n", 100)), old.Add(time.Minute))
	_, err = precompressDir(dir, coders(5), "")
	require.NoError(t, err)
	assert.Equal(t, []byte(strings.Repeat("<p>rebuilt</p>\n", 100)), decode(t, brPath))
	assert.Equal(t, []byte(strings.Repeat("<p>rebuilt</p>\n", 100)), decode(t, filepath.Join(dir, "index.html.gz")))
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "index.html", []byte(strings.Repeat("<p>tenfoot</p>\n", 100)), time.Now())
	var stdout, stderr bytes.Buffer
	require.NoError(t, run([]string{"-q", "4", dir}, &stdout, &stderr))
	assert.Regexp(t, `(?m)^index\.html 1500 br \d+ \(\d+\.\d%, \d+\.\ds\) gz \d+ `, stdout.String())
	assert.Contains(t, stdout.String(), "precompress: 1 files in ")

	assert.Error(t, run(nil, &stdout, &stderr))
	assert.Error(t, run([]string{"-q", "12", dir}, &stdout, &stderr))
	assert.Error(t, run([]string{filepath.Join(dir, "absent")}, &stdout, &stderr))
}

// With a cache, a build seen before is not compressed again, even in a fresh
// folder: the copies come from the cache, byte for byte, and -only makes one kind.
func TestCacheAndOnly(t *testing.T) {
	cache := t.TempDir()
	wasm := bytes.Repeat([]byte("\x00asm cached wasm "), 5000)
	first := t.TempDir()
	writeFile(t, first, "app.wasm", wasm, time.Now())
	var out bytes.Buffer
	require.NoError(t, run([]string{"-q", "5", "-only", "gz", "-cache", cache, first}, &out, io.Discard))
	assert.FileExists(t, filepath.Join(first, "app.wasm.gz"))
	assert.NoFileExists(t, filepath.Join(first, "app.wasm.br"), "-only gz makes no brotli copy")
	require.NoError(t, run([]string{"-q", "5", "-only", "br", "-cache", cache, first}, &out, io.Discard))
	assert.Equal(t, wasm, decode(t, filepath.Join(first, "app.wasm.br")))

	again := t.TempDir() // a fresh build of the same bytes
	writeFile(t, again, "app.wasm", wasm, time.Now())
	out.Reset()
	require.NoError(t, run([]string{"-q", "5", "-cache", cache, again}, &out, io.Discard))
	assert.Regexp(t, `br \d+ \([\d.]+%, from the cache\) gz \d+ \([\d.]+%, from the cache\)`, out.String())
	for _, ext := range []string{".br", ".gz"} {
		want, err := os.ReadFile(filepath.Join(first, "app.wasm"+ext))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(again, "app.wasm"+ext))
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}

	out.Reset()
	require.NoError(t, run([]string{"-q", "6", "-cache", cache, again}, &out, io.Discard))
	assert.Contains(t, out.String(), "up to date", "fresh copies stay, whatever the quality asked")
	assert.Error(t, run([]string{"-only", "zstd", again}, &out, io.Discard))
}
