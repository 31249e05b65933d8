package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secret = "top secret outside the web directory"

// webFixture is a browser build on disk with known contents.
type webFixture struct {
	dir   string            // the web directory
	files map[string][]byte // name -> contents, variants included
}

// newWebFixture lays out a web directory inside a parent that also holds a
// secret file, so that escapes can be detected.
func newWebFixture(t *testing.T) webFixture {
	t.Helper()
	parent := t.TempDir()
	dir := filepath.Join(parent, "web")
	require.NoError(t, os.WriteFile(filepath.Join(parent, "secret.txt"), []byte(secret), 0o644))

	wasm := bytes.Repeat([]byte("\x00asm wasm payload "), 4096)
	files := map[string][]byte{
		"index.html":       []byte("<!doctype html><title>tenfoot</title>"),
		"tenfoot.wasm":     wasm,
		"tenfoot.wasm.br":  []byte("pretend brotli of the wasm"),
		"tenfoot.wasm.gz":  gzipBytes(t, wasm),
		"wasm_exec.js":     []byte("'use strict'; // go runtime"),
		"wasm_exec.js.gz":  gzipBytes(t, []byte("'use strict'; // go runtime")),
		"style.css":        []byte("body{background:#000}"),
		"data.unknownext":  []byte("opaque"),
		"sub/inner.js":     []byte("inner"),
		".hidden":          []byte("hidden"),
		"stale.js":         []byte("fresh source"),
		"stale.js.br":      []byte("old brotli"),
		"index.html.gz":    gzipBytes(t, []byte("<!doctype html><title>tenfoot</title>")),
		"only-identity.js": []byte("no variants here"),
	}
	mtime := time.Now().Add(-time.Hour).Truncate(time.Second)
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, data, 0o644))
		require.NoError(t, os.Chtimes(p, mtime, mtime))
	}
	// The source was rebuilt after its variant was made.
	require.NoError(t, os.Chtimes(filepath.Join(dir, "stale.js"), mtime.Add(time.Minute), mtime.Add(time.Minute)))
	// Links that lead out of the web directory.
	require.NoError(t, os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "escape.txt")))
	require.NoError(t, os.Symlink(parent, filepath.Join(dir, "up")))
	return webFixture{dir: dir, files: files}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	require.NoError(t, err)
	_, err = zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// get serves one request through the handler that main serves.
func get(t *testing.T, dir, target, acceptEncoding string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	rec := httptest.NewRecorder()
	newServer(config{WebDir: dir}).ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return b
}

func TestEncodingNegotiation(t *testing.T) {
	web := newWebFixture(t)
	tests := []struct {
		accept string
		want   string // Content-Encoding, "" for identity
	}{
		{"br, gzip", "br"},
		{"gzip, deflate, br, zstd", "br"},
		{"gzip", "gzip"},
		{"x-gzip", "gzip"},
		{"", ""},
		{"identity", ""},
		{"deflate", ""},
		{"br;q=0, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"gzip;q=0", ""},
		{"gzip;q=1.0, br;q=0.5", "gzip"},
		{"gzip;q=0.5, br;q=0.5", "br"},
		{"BR", "br"},
		{"*", "br"},
		{"*;q=0", ""},
		{"*, br;q=0", "gzip"},
		{"br;q=nonsense, gzip", "gzip"},
		{"br;q=2, gzip", "gzip"},
		{" br ; q=0.9 ,gzip;q=0.8", "br"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.accept), func(t *testing.T) {
			resp := get(t, web.dir, "/tenfoot.wasm", tt.accept)
			got := body(t, resp)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.want, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
			assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
			assert.Equal(t, strconv.Itoa(len(web.files["tenfoot.wasm"])), resp.Header.Get("X-Decoded-Length"))
			stored := "tenfoot.wasm"
			switch tt.want {
			case "br":
				stored += ".br"
			case "gzip":
				stored += ".gz"
			}
			assert.Equal(t, web.files[stored], got)
			assert.Equal(t, strconv.Itoa(len(web.files[stored])), resp.Header.Get("Content-Length"))
		})
	}
}

func TestGzipVariantDecodesToSource(t *testing.T) {
	web := newWebFixture(t)
	resp := get(t, web.dir, "/tenfoot.wasm", "gzip")
	require.Equal(t, "gzip", resp.Header.Get("Content-Encoding"))
	zr, err := gzip.NewReader(bytes.NewReader(body(t, resp)))
	require.NoError(t, err)
	decoded, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, web.files["tenfoot.wasm"], decoded)
}

func TestVariantFallbacks(t *testing.T) {
	web := newWebFixture(t)
	tests := []struct {
		target, accept, wantEncoding, wantBody string
	}{
		{"/wasm_exec.js", "br, gzip", "gzip", string(web.files["wasm_exec.js.gz"])},
		{"/wasm_exec.js", "br", "", string(web.files["wasm_exec.js"])},
		{"/only-identity.js", "br, gzip", "", "no variants here"},
		{"/stale.js", "br, gzip", "", "fresh source"},
		{"/", "br, gzip", "gzip", string(web.files["index.html.gz"])},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.accept, func(t *testing.T) {
			resp := get(t, web.dir, tt.target, tt.accept)
			got := body(t, resp)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.wantEncoding, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, "Accept-Encoding", resp.Header.Get("Vary"))
			assert.Equal(t, tt.wantBody, string(got))
			assert.Empty(t, resp.Header.Get("X-Decoded-Length"), "only .wasm carries it")
		})
	}
}

func TestContentTypesAndCaching(t *testing.T) {
	web := newWebFixture(t)
	tests := []struct {
		target, wantType string
	}{
		{"/", "text/html; charset=utf-8"},
		{"/index.html", "text/html; charset=utf-8"},
		{"/tenfoot.wasm", "application/wasm"},
		{"/wasm_exec.js", "text/javascript; charset=utf-8"},
		{"/style.css", "text/css; charset=utf-8"},
		{"/sub/inner.js", "text/javascript; charset=utf-8"},
		{"/data.unknownext", "application/octet-stream"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			resp := get(t, web.dir, tt.target, "")
			body(t, resp)
			require.Equal(t, http.StatusOK, resp.StatusCode)
			assert.Equal(t, tt.wantType, resp.Header.Get("Content-Type"))
			assert.Equal(t, "nosniff", resp.Header.Get("X-Content-Type-Options"))
			assert.Equal(t, "no-cache", resp.Header.Get("Cache-Control"))
			assert.NotEmpty(t, resp.Header.Get("ETag"))
			assert.NotEmpty(t, resp.Header.Get("Last-Modified"))
		})
	}
}

func TestConditionalRequests(t *testing.T) {
	web := newWebFixture(t)
	h := newServer(config{WebDir: web.dir})

	tags := map[string]string{}
	for _, enc := range []string{"br", "gzip", ""} {
		resp := get(t, web.dir, "/tenfoot.wasm", enc)
		body(t, resp)
		tags[enc] = resp.Header.Get("ETag")

		req := httptest.NewRequest(http.MethodGet, "/tenfoot.wasm", nil)
		req.Header.Set("Accept-Encoding", enc)
		req.Header.Set("If-None-Match", tags[enc])
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusNotModified, rec.Code, "encoding %q", enc)
		assert.Empty(t, rec.Body.Bytes())
	}
	assert.Len(t, map[string]bool{tags["br"]: true, tags["gzip"]: true, tags[""]: true}, 3,
		"each representation has its own ETag")
}

func TestMethods(t *testing.T) {
	web := newWebFixture(t)
	h := newServer(config{WebDir: web.dir})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/tenfoot.wasm", nil))
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "application/wasm", rec.Header().Get("Content-Type"))
	assert.Empty(t, rec.Body.Bytes())

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/tenfoot.wasm", nil))
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code)
}

func TestNotFound(t *testing.T) {
	web := newWebFixture(t)
	for _, target := range []string{
		"/missing.wasm",
		"/sub",         // a directory: no listing
		"/sub/",        // the same with a slash
		"/index.html/", // a file named as a directory
		"/.hidden",     // hidden files stay hidden
		"/sub/nope.js", // missing in a subdirectory
		"/tenfoot.wasm.zst",
	} {
		t.Run(target, func(t *testing.T) {
			resp := get(t, web.dir, target, "br, gzip")
			got := body(t, resp)
			assert.Equal(t, http.StatusNotFound, resp.StatusCode)
			assert.Empty(t, resp.Header.Get("Content-Encoding"))
			assert.NotContains(t, string(got), "inner.js", "no listing")
		})
	}
}

func TestMissingWebDir(t *testing.T) {
	resp := get(t, filepath.Join(t.TempDir(), "absent"), "/", "")
	body(t, resp)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
}

// TestPathTraversal sends raw request targets over a real connection, so
// that no client-side URL cleaning hides an escape.
func TestPathTraversal(t *testing.T) {
	web := newWebFixture(t)
	srv := httptest.NewServer(newServer(config{WebDir: web.dir}))
	defer srv.Close()

	for _, target := range []string{
		"/../secret.txt",
		"/../../secret.txt",
		"/sub/../../secret.txt",
		"/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/..%2Fsecret.txt",
		"/sub/..%2f..%2fsecret.txt",
		"/..\\secret.txt",
		"/%5c..%5csecret.txt",
		"//secret.txt",
		"/escape.txt",    // symlink to the file outside
		"/up/secret.txt", // symlink to the directory outside
		"/up/web/index.html",
	} {
		t.Run(target, func(t *testing.T) {
			status, got := rawGet(t, srv.Listener.Addr().String(), target)
			assert.NotEqual(t, http.StatusOK, status)
			assert.NotContains(t, got, secret)
		})
	}
}

// rawGet sends target verbatim as the request target and returns the status
// and body of the answer.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	_, err = fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: tenfoot\r\nConnection: close\r\n\r\n", target)
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	return resp.StatusCode, string(body(t, resp))
}

func TestParseAcceptEncoding(t *testing.T) {
	got := parseAcceptEncoding("gzip;q=0.8, BR, *;q=0, deflate;level=1;q=0.1, , zstd;q=bad")
	assert.Equal(t, map[string]float64{"gzip": 0.8, "br": 1, "*": 0, "deflate": 0.1, "zstd": 0}, got)
}

func TestFileName(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"/", "index.html", true},
		{"", "index.html", true},
		{"/tenfoot.wasm", "tenfoot.wasm", true},
		{"/a/b/../c.js", "a/c.js", true},
		{"/../x", "x", true},
		{"/a/", "", false},
		{"/.git/config", "", false},
		{"/a/.env", "", false},
	}
	for _, tt := range tests {
		got, ok := fileName(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

// lineWriter hands each write to a channel, so a test can wait for the
// line that announces the address.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

func TestRunServesAndShutsDown(t *testing.T) {
	web := newWebFixture(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	stdout := make(lineWriter, 1)
	var stderr bytes.Buffer
	done := make(chan error, 1)
	getenv := func(k string) string {
		if k == "TENFOOT_ADDR" {
			return "127.0.0.1:0"
		}
		return ""
	}
	go func() {
		done <- run(ctx, []string{"-web", web.dir, "-data", t.TempDir(), "-demo=false"}, getenv, stdout, &stderr)
	}()

	var line string
	select {
	case line = <-stdout:
	case err := <-done:
		t.Fatalf("run ended early: %v (%s)", err, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("no address line")
	}
	require.Regexp(t, `^tenfootd: serving http://127\.0\.0\.1:[1-9][0-9]*/\n$`, line)
	url := strings.TrimSpace(strings.TrimPrefix(line, "tenfootd: serving "))

	resp, err := http.Get(url + "tenfoot.wasm")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "application/wasm", resp.Header.Get("Content-Type"))
	body(t, resp)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("no shutdown")
	}
	// Requests and the replica's life: one JSON object a line, no warnings, no secrets.
	var msgs []string
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), "log line %q", line)
		assert.Equal(t, "INFO", entry["level"], line)
		msgs = append(msgs, entry["msg"].(string))
		if entry["msg"] == "request" {
			assert.Equal(t, "GET /", entry["route"], "the route, not the path")
			assert.Regexp(t, `^[0-9a-f]{16}$`, entry["request_id"])
		}
	}
	assert.Equal(t, []string{"ready: taking new event streams", "request", "not ready: shutting down, taking no new event streams",
		"shutting down: accepting no connections; event streams are told to reconnect elsewhere; requests in flight finish", "shut down"}, msgs)
}

func TestRunFlagErrors(t *testing.T) {
	var stderr bytes.Buffer
	err := run(t.Context(), []string{"-nope"}, func(string) string { return "" }, io.Discard, &stderr)
	assert.Error(t, err)

	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "extra"}, func(string) string { return "" }, io.Discard, &stderr)
	assert.ErrorContains(t, err, "unexpected arguments")

	err = run(t.Context(), []string{"-addr", "not an address", "-data", t.TempDir()}, func(string) string { return "" }, io.Discard, &stderr)
	assert.Error(t, err)

	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "-limit-per-address", "0"}, func(string) string { return "" }, io.Discard, &stderr)
	assert.ErrorContains(t, err, "-limit-per-address")

	err = run(t.Context(), []string{"-addr", "127.0.0.1:0", "-database", "mysql://db/tenfoot"}, func(string) string { return "" }, io.Discard, &stderr)
	assert.ErrorContains(t, err, "-database must be a postgres:// or postgresql:// URL")

	// Nothing listens on port 1: the error names the database and says why.
	err = run(t.Context(), []string{"-addr", "127.0.0.1:0"}, func(key string) string {
		return map[string]string{"TENFOOT_DATABASE_URL": "postgres://tenfoot:secret@127.0.0.1:1/tenfoot?connect_timeout=5"}[key]
	}, io.Discard, &stderr)
	assert.ErrorContains(t, err, "postgres at 127.0.0.1:1/tenfoot")
	assert.NotContains(t, err.Error(), "secret", "no password in the message")
}

func TestRangesAndPreconditionsOnVariants(t *testing.T) {
	web := newWebFixture(t)
	srv := httptest.NewServer(newServer(config{WebDir: web.dir}))
	defer srv.Close()
	// The default transport would ask for gzip and decode it itself.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}

	req, err := http.NewRequest(http.MethodGet, srv.URL+"/tenfoot.wasm", nil)
	require.NoError(t, err)
	req.Header.Set("Accept-Encoding", "br")
	req.Header.Set("Range", "bytes=0-7")
	resp, err := client.Do(req)
	require.NoError(t, err)
	got := body(t, resp)
	assert.Equal(t, http.StatusPartialContent, resp.StatusCode)
	assert.Equal(t, "br", resp.Header.Get("Content-Encoding"))
	assert.Equal(t, web.files["tenfoot.wasm.br"][:8], got)
	assert.Equal(t, "8", resp.Header.Get("Content-Length"))

	req.Header.Del("Range")
	req.Header.Set("If-Match", `"some-other-tag"`)
	resp, err = client.Do(req)
	require.NoError(t, err)
	got = body(t, resp)
	assert.Equal(t, http.StatusPreconditionFailed, resp.StatusCode)
	assert.Empty(t, got)

	// The connection is still usable after the bodiless answer.
	req.Header.Del("If-Match")
	resp, err = client.Do(req)
	require.NoError(t, err)
	got = body(t, resp)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, web.files["tenfoot.wasm.br"], got)
	assert.Equal(t, strconv.Itoa(len(got)), resp.Header.Get("Content-Length"))
}

// Without -data, the database goes to tenfootd's folder in the user's state
// directory, never the working directory.
func TestDefaultDataDir(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"TENFOOT_DATA", map[string]string{"TENFOOT_DATA": "/srv/tenfootd", "XDG_STATE_HOME": "/state", "HOME": "/home/ana"}, "/srv/tenfootd"},
		{"XDG_STATE_HOME", map[string]string{"XDG_STATE_HOME": "/state", "HOME": "/home/ana"}, "/state/tenfootd"},
		{"a relative XDG_STATE_HOME is ignored", map[string]string{"XDG_STATE_HOME": "state", "HOME": "/home/ana"}, "/home/ana/.local/state/tenfootd"},
		{"HOME", map[string]string{"HOME": "/home/ana"}, "/home/ana/.local/state/tenfootd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, filepath.FromSlash(tt.want), defaultDataDir(func(k string) string { return tt.env[k] }))
		})
	}
}
