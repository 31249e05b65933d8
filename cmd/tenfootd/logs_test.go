package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// runLogs is every line that every tenfootd of this test run logged (logTap).
var runLogs = &testkit.Buffer{}

// TestMain runs the package's tests with every server's log tapped, then fails the
// run if any line holds a secret: a token, a device code, a user code, a password or
// a PIN. The whole API suite (sign-ins, codes, PINs, sign-outs, attacks, fuzz seeds,
// replicas) passes through it.
func TestMain(m *testing.M) {
	logTap = runLogs
	code := m.Run()
	logs := runLogs.String()
	if path := os.Getenv("TENFOOT_TEST_LOGS"); path != "" { // to read them after
		os.WriteFile(path, []byte(logs), 0o644)
	}
	if code == 0 {
		if leaks := secretsIn(logs); len(leaks) > 0 {
			fmt.Fprintf(os.Stderr, "FAIL: the logs of this run hold %d secrets:\n", len(leaks))
			for _, l := range leaks[:min(len(leaks), 20)] {
				fmt.Fprintln(os.Stderr, "  ", l)
			}
			code = 1
		} else {
			fmt.Fprintf(os.Stderr, "tenfootd's logs of this run: %d lines, no secret in them\n", strings.Count(logs, "\n"))
		}
	}
	os.Exit(code)
}

// What a secret looks like in a log line: a token, a device code and a device's
// secret are 43 characters of base64url (256 random bits); a user code is two
// groups of four letters of its alphabet, apart, as shown or typed. The household's passwords and PIN are
// known words.
var (
	tokenLike    = regexp.MustCompile(`(?:^|[^A-Za-z0-9_-])([A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)`)
	userCodeLike = regexp.MustCompile(`(?i)(?:^|[^A-Z])([` + session.UserCodeAlphabet + `]{4}[- ][` + session.UserCodeAlphabet + `]{4})(?:[^A-Z]|$)`)
	pinLike      = regexp.MustCompile(`(?:^|[^0-9A-Za-z])` + demo.GrandpaPIN + `(?:[^0-9A-Za-z]|$)`)
	passwords    = []string{demo.AnaPassword, demo.SamPassword}
)

// secretsIn returns each secret found in logs, with the line it is in. Lines are
// JSON; only their strings are searched, keys and values, so that a number such as
// a duration in milliseconds is never taken for a PIN. A line that is not JSON is
// searched whole.
func secretsIn(logs string) []string {
	var leaks []string
	for line := range strings.Lines(logs) {
		var v any
		var texts []string
		if json.Unmarshal([]byte(line), &v) == nil {
			texts = stringsOf(v, nil)
		} else {
			texts = []string{line}
		}
		for _, text := range texts {
			if why := secretIn(text); why != "" {
				leaks = append(leaks, why+": "+strings.TrimSpace(line))
			}
		}
	}
	return leaks
}

// secretIn says what secret text holds, or "".
func secretIn(text string) string {
	if m := tokenLike.FindStringSubmatch(text); m != nil && mixed(m[1]) {
		return "a token or code " + m[1]
	}
	if m := userCodeLike.FindStringSubmatch(text); m != nil {
		return "a user code " + m[1]
	}
	if pinLike.MatchString(text) {
		return "a PIN"
	}
	for _, p := range passwords {
		if strings.Contains(text, p) {
			return "a password"
		}
	}
	return ""
}

// mixed reports whether s has a digit, a capital and a small letter, as 256 random
// bits in base64url do but words joined into a long name rarely do.
func mixed(s string) bool {
	return strings.ContainsAny(s, "0123456789") && strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") &&
		strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz")
}

// stringsOf appends every string in a decoded JSON value, keys included, to out.
func stringsOf(v any, out []string) []string {
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case map[string]any:
		for k, e := range v {
			out = stringsOf(e, append(out, k))
		}
	case []any:
		for _, e := range v {
			out = stringsOf(e, out)
		}
	}
	return out
}

// The check TestMain makes finds each kind of secret, and passes the lines
// tenfootd does log.
func TestSecretsInFindsEachKind(t *testing.T) {
	clean := `{"time":"2026-11-29T20:44:46.628123456Z","level":"INFO","msg":"request","method":"POST","route":"POST /api/v1/profiles/{id}/verify-pin","status":200,"ms":1234,"request_id":"1234a6509b486bb4"}
{"level":"WARN","msg":"database unavailable; the device is told to try again","err":"sqlstore: tried 7 times in 2.012s: dial tcp 127.0.0.1:5432: connect: connection refused"}
`
	assert.Empty(t, secretsIn(clean))
	for _, leak := range []string{
		`{"msg":"request failed","err":"no session for Jq3V0c2Jf9kYp2xv8PZ1hLr4mT6wqB0sN7dC5eG_uA-"}`,
		`{"msg":"request","code":"BDFH-JKLM"}`,
		`{"msg":"request","typed":"bdfh jklm"}`,
		`{"msg":"profile","pin":"1234"}`,
		`{"msg":"sign-in","body":"{\"password\":\"watch-together\"}"}`,
		`time=2026-11-29T20:44:46Z level=INFO msg=request token=Jq3V0c2Jf9kYp2xv8PZ1hLr4mT6wqB0sN7dC5eG_uA-`,
	} {
		assert.NotEmpty(t, secretsIn(leak), leak)
	}
}

// Every line a server logs reaches the tap TestMain checks, with the request's ID,
// also from a server whose logger writes elsewhere.
func TestEveryServersLogIsTapped(t *testing.T) {
	var own bytes.Buffer
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Log: slog.New(slog.NewJSONHandler(&own, nil))}))
	defer srv.Close()
	req, err := http.NewRequest("GET", srv.URL+"/livez", nil)
	require.NoError(t, err)
	req.Header.Set(requestHeaderID, "tapped-"+t.Name())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Contains(t, runLogs.String(), `"request_id":"tapped-`+t.Name()+`"`)
}

// A standard error that stops being read (a log shipper that stalls) holds up no
// request. Past the lines tenfootd holds for it, the log drops lines and counts
// them, while the API answers; once the reader takes lines again, the log says how
// many it dropped.
func TestAStalledLogHoldsUpNoRequest(t *testing.T) {
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	stderr := newStallingWriter(t)
	var out testkit.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-data", t.TempDir(), "-password-cost", "4"},
			func(string) string { return "" }, &out, stderr)
	}()
	var url string
	require.Eventually(t, func() bool {
		m := regexp.MustCompile(`serving (http://\S+)/`).FindStringSubmatch(out.String())
		if m != nil {
			url = m[1]
		}
		return m != nil
	}, 20*time.Second, 10*time.Millisecond, "tenfootd serves: %s", stderr)

	stderr.stall()
	client := &http.Client{Timeout: 5 * time.Second}
	dropped := 0.0
	for i := 0; dropped == 0; i++ { // each request is logged, in some 200 bytes
		require.Less(t, i, 2*logBufferMax/100, "the log never dropped a line")
		req, err := http.NewRequestWithContext(ctx, "GET", url+session.APIPrefix+"/health", nil)
		require.NoError(t, err)
		req.Header.Set(requestHeaderID, fmt.Sprintf("%064d", i))
		resp, err := client.Do(req)
		require.NoError(t, err, "request %d was answered", i)
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if i%500 == 0 {
			dropped = value(scrape(t, url+"/metrics"), "tenfootd_log_lines_dropped_total")
		}
	}
	signIn(t, url)
	status, _, _ := ask(t, url, "/livez", "")
	assert.Equal(t, http.StatusOK, status)

	stderr.resume()
	var said struct{ Lines float64 }
	require.Eventually(t, func() bool {
		for line := range strings.Lines(stderr.String()) {
			if strings.Contains(line, `"msg":"dropped log lines`) {
				return json.Unmarshal([]byte(line), &said) == nil
			}
		}
		return false
	}, 10*time.Second, 10*time.Millisecond, "the log says it dropped lines")
	assert.Equal(t, value(scrape(t, url+"/metrics"), "tenfootd_log_lines_dropped_total"), said.Lines, "as many as counted")
	stop()
	require.NoError(t, <-done)
}

// A request's method is whatever its client sent, as long as it likes: the request
// log names HTTP's own methods as they are, and any other as "other". A request
// whose head is longer than any client of tenfootd sends is refused with 431, and
// never reaches the log.
func TestTheRequestLogNamesOnlyHTTPsMethods(t *testing.T) {
	var logged testkit.Buffer
	h := newServer(config{WebDir: t.TempDir(), Log: slog.New(slog.NewJSONHandler(&logged, nil))})
	methods := []struct{ sent, logged string }{
		{"GET", "GET"},
		{"DELETE", "DELETE"},
		{"OPTIONS", "OPTIONS"},
		{"PROPFIND", "other"},
		{"get", "other"},
		{strings.Repeat("X", 2000), "other"},
	}
	var want []string
	for _, m := range methods {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(m.sent, "/", nil))
		want = append(want, m.logged)
	}
	var got []string
	for line := range strings.Lines(logged.String()) {
		var request struct{ Method string }
		require.NoError(t, json.Unmarshal([]byte(line), &request))
		got = append(got, request.Method)
	}
	assert.Equal(t, want, got)

	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	tenfootd := runTenfootd(t, ctx, "-addr", "127.0.0.1:0", "-data", t.TempDir())
	conn, err := net.Dial("tcp", strings.TrimPrefix(tenfootd.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	_, err = fmt.Fprintf(conn, "%s / HTTP/1.1\r\nHost: tv\r\n\r\n", strings.Repeat("X", 100<<10))
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, resp.StatusCode)
	stop()
	<-tenfootd.done
	for line := range strings.Lines(tenfootd.log.String()) {
		assert.Less(t, len(line), 1000, "a log line as long as a request's head: %.200s", line)
	}
}

// What net/http says of a server (an accept error, a handler's panic) is a line of
// the log as any other, in its format and at ERROR, naming the server; it used to
// go to standard error in plain text, among the JSON.
func TestNetHTTPsComplaintsAreLogLines(t *testing.T) {
	var logged testkit.Buffer
	logger, err := newLogger(&logged, logJSON, slog.LevelInfo)
	require.NoError(t, err)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("a bug") }))
	srv.Config.ErrorLog = serverLog(logger, "-addr")
	srv.Start()
	defer srv.Close()
	_, err = http.Get(srv.URL)
	require.Error(t, err, "the panic cut the connection")

	require.Eventually(t, func() bool { return strings.Contains(logged.String(), "http: panic serving") },
		10*time.Second, time.Millisecond)
	var line struct{ Level, Msg, Server string }
	require.NoError(t, json.Unmarshal([]byte(strings.SplitN(logged.String(), "\n", 2)[0]), &line))
	assert.Equal(t, "ERROR", line.Level)
	assert.Equal(t, "-addr", line.Server)
	assert.True(t, strings.HasPrefix(line.Msg, "http: panic serving"), line.Msg)
}
