package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
)

// fakeStore is a store whose answers to readiness a test sets.
type fakeStore struct {
	mu        sync.Mutex
	ping      error
	listening bool
}

func (s *fakeStore) Ping(context.Context) error { s.mu.Lock(); defer s.mu.Unlock(); return s.ping }
func (s *fakeStore) Listening() bool            { s.mu.Lock(); defer s.mu.Unlock(); return s.listening }
func (s *fakeStore) set(ping error, listening bool) {
	s.mu.Lock()
	s.ping, s.listening = ping, listening
	s.mu.Unlock()
}

// ask answers a GET of path at url: its status, Retry-After and body.
func ask(t *testing.T, url, path, token string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", url+path, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		return resp.StatusCode, "", "" // a stream: its body never ends
	}
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Retry-After"), string(b)
}

// Ready means the store answers and its listening connection is up. While either is
// not, /readyz says which with a 503, and no new event stream opens: the device is
// told to try again shortly, which its load balancer sends elsewhere. /livez stays
// 200 throughout: the process is alive, and restarting it would not help.
func TestReadinessFollowsTheStoreAndGatesNewStreams(t *testing.T) {
	store := &fakeStore{listening: true}
	h := newHealth(store, slog.New(slog.DiscardHandler), nil)
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: demoService(t, sqliteDB), Health: h}))
	defer srv.Close()
	token := signIn(t, srv.URL)
	events := session.APIPrefix + "/events"
	probes := http.NewServeMux()
	h.routes(probes, true) // as on -metrics-addr
	metricsSrv := httptest.NewServer(probes)
	defer metricsSrv.Close()

	status, _, body := ask(t, srv.URL, "/readyz", "")
	assert.Equal(t, http.StatusServiceUnavailable, status, "not ready before the first check")
	assert.Contains(t, body, "[-]store failed: not checked yet")
	h.check(t.Context())
	status, _, body = ask(t, srv.URL, "/readyz", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "ok\n", body)
	_, _, body = ask(t, srv.URL, "/readyz?verbose", "")
	assert.Equal(t, "[+]store ok\n[+]listen ok\nreadyz check passed\n", body)
	status, _, _ = ask(t, srv.URL, events, token)
	assert.Equal(t, http.StatusOK, status, "a stream opens")

	for _, tt := range []struct {
		name      string
		ping      error
		listening bool
		says, why string // to the devices' address, and to the metrics address
	}{
		{"the database does not answer", errors.New("sqlstore: the database does not answer: failed to connect to 'user=postgres database=tenfoot': 10.0.0.5:5432: connection refused"), true,
			"[-]store failed\n[+]listen ok\n", "[-]store failed: sqlstore: the database does not answer: failed to connect to 'user=postgres database=tenfoot': 10.0.0.5:5432: connection refused\n[+]listen ok\n"},
		{"the listening connection is down", nil, false,
			"[+]store ok\n[-]listen failed\n", "[+]store ok\n[-]listen failed: not listening for the events of other replicas yet, or again\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			store.set(tt.ping, tt.listening)
			h.check(t.Context())
			status, _, body := ask(t, srv.URL, "/readyz", "")
			assert.Equal(t, http.StatusServiceUnavailable, status)
			assert.Equal(t, tt.says+"readyz check failed\n", body, "which check, not the database's address")
			status, _, body = ask(t, metricsSrv.URL, "/readyz", "")
			assert.Equal(t, http.StatusServiceUnavailable, status)
			assert.Equal(t, tt.why+"readyz check failed\n", body, "and why, where only the operator looks")
			status, _, _ = ask(t, srv.URL, "/livez", "")
			assert.Equal(t, http.StatusOK, status, "alive all the same")

			status, retry, body := ask(t, srv.URL, events, token)
			assert.Equal(t, http.StatusServiceUnavailable, status, "no new stream")
			wait, err := strconv.Atoi(retry)
			require.NoError(t, err, "Retry-After %q", retry)
			assert.GreaterOrEqual(t, wait, 2)
			var refusal session.WireError
			require.NoError(t, json.Unmarshal([]byte(body), &refusal))
			assert.Equal(t, "unavailable", refusal.Code)
			_, err = session.NewClient(srv.URL).Subscribe(t.Context(), token, 0)
			assert.ErrorIs(t, err, session.ErrOffline, "a device hears it as a blip, and tries again")

			store.set(nil, true)
			h.check(t.Context())
			status, _, _ = ask(t, srv.URL, events, token)
			assert.Equal(t, http.StatusOK, status, "ready again: streams open")
		})
	}
}

// readyz returns the status of the replica's /readyz.
func readyz(t *testing.T, url string) int {
	status, _, _ := ask(t, url, "/readyz", "")
	return status
}

// PostgreSQL stops: every replica on it turns not ready within a couple of seconds
// and opens no new event stream; streams already open stay open. PostgreSQL starts
// again: the replica is ready again, and a new stream opens.
func TestReadinessFlipsWithPostgreSQLStoppedAndStarted(t *testing.T) {
	replicas := startReplicas(t, pgtest.SchemaURL(t, "ready"), 1)
	url := replicas[0].url
	token := signIn(t, url)
	require.Equal(t, http.StatusOK, readyz(t, url))
	held := openStream(t, url, "/events", token)

	pgCtl(t, "stop", "-m", "fast")
	stopped := true
	t.Cleanup(func() {
		if stopped {
			pgCtl(t, "start")
		}
	})
	require.Eventually(t, func() bool { return readyz(t, url) == http.StatusServiceUnavailable },
		10*time.Second, 10*time.Millisecond, "not ready once PostgreSQL stopped")
	_, _, body := ask(t, url, "/readyz", "")
	assert.Contains(t, body, "[-]store failed")
	status, _, _ := ask(t, url, session.APIPrefix+"/events", token)
	assert.Equal(t, http.StatusServiceUnavailable, status, "no new stream")
	assert.Contains(t, replicas[0].log.String(), `"msg":"not ready: taking no new event streams until the database answers"`)

	pgCtl(t, "start")
	stopped = false
	require.Eventually(t, func() bool { return readyz(t, url) == http.StatusOK },
		30*time.Second, 10*time.Millisecond, "ready once PostgreSQL is back and listened to")
	status, _, _ = ask(t, url, session.APIPrefix+"/events", token)
	assert.Equal(t, http.StatusOK, status, "a new stream opens")

	for {
		select {
		case _, open := <-held.lines:
			require.True(t, open, "the stream held through the stop is still open")
			continue
		default:
		}
		break
	}
}

// On SIGTERM, tenfootd stops being ready at once, and for -shutdown-delay goes on
// serving requests while refusing new streams, then tells each event stream to
// reconnect (retry:) and closes it, and exits.
func TestShutdownTellsStreamsToReconnect(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	tenfootd := runTenfootd(t, ctx, "-addr", "127.0.0.1:0", "-data", t.TempDir(), "-shutdown-delay", "1s")
	url := tenfootd.url
	token := signIn(t, url)
	stream := openStream(t, url, "/events", token)

	cancel()
	require.Eventually(t, func() bool { return readyz(t, url) == http.StatusServiceUnavailable },
		5*time.Second, 5*time.Millisecond, "not ready at once")
	status, _, _ := ask(t, url, session.APIPrefix+"/events", token)
	assert.Equal(t, http.StatusServiceUnavailable, status, "no new stream while draining")
	_, err := session.NewClient(url).Check(t.Context(), token)
	assert.NoError(t, err, "requests are still served while draining")

	said := stream.end(t)
	require.GreaterOrEqual(t, len(said), 3, "%q", said)
	retry, ok := strings.CutPrefix(said[len(said)-3], "retry: ")
	require.True(t, ok, "the stream says when to reconnect: %q", said)
	ms, err := strconv.Atoi(retry)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, ms, int(reconnectFirst/time.Millisecond))
	assert.Less(t, ms, int((reconnectFirst+reconnectSpread)/time.Millisecond))
	assert.Equal(t, ": "+errShuttingDown.Error(), said[len(said)-2])
	assert.Equal(t, "", said[len(said)-1], "the event ends")
	select {
	case <-tenfootd.done:
		assert.NoError(t, tenfootd.err)
	case <-time.After(defaultShutdownTimeout):
		t.Fatal("no exit")
	}
	assert.Contains(t, tenfootd.log.String(), "shutting down: serving on, not ready")
}

// A request in flight when SIGTERM comes finishes: here a sign-in whose body is
// still on its way as the replica stops, and arrives after the event streams were
// told to reconnect. It is answered as ever, not with a 503 for a request
// cancelled, and the replica then exits.
func TestARequestInFlightAtShutdownFinishes(t *testing.T) {
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	tenfootd := runTenfootd(t, ctx, "-addr", "127.0.0.1:0", "-data", t.TempDir())
	stream := openStream(t, tenfootd.url, "/events", signIn(t, tenfootd.url))
	body, err := json.Marshal(session.SignInRequest{Device: session.NewDeviceIdentity("TV", session.DeviceKindTV),
		Email: demo.AnaEmail, Password: demo.AnaPassword})
	require.NoError(t, err)
	conn, err := net.Dial("tcp", strings.TrimPrefix(tenfootd.url, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(streamWait))
	fmt.Fprintf(conn, "POST %s/signin HTTP/1.1\r\nHost: tv\r\nContent-Type: application/json\r\nContent-Length: %d\r\nExpect: 100-continue\r\n\r\n",
		session.APIPrefix, len(body))
	answers := bufio.NewReader(conn)
	status, err := answers.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "HTTP/1.1 100 Continue\r\n", status, "the handler is reading the body")
	_, err = answers.ReadString('\n')
	require.NoError(t, err)

	stop()
	stream.end(t) // told to reconnect: the replica is stopping
	_, err = conn.Write(body)
	require.NoError(t, err)
	resp, err := http.ReadResponse(answers, nil)
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, resp.StatusCode, "the request in flight was answered: %s", bodyText(t, resp))
	select {
	case <-tenfootd.done:
		assert.NoError(t, tenfootd.err)
	case <-time.After(defaultShutdownTimeout):
		t.Fatal("no exit")
	}
	assert.NotContains(t, tenfootd.log.String(), `"status":499`, "no request was cancelled")
}

// A stream told to reconnect is no sign-out and no outage to a device: it
// reconnects on its own, to the next replica, and catches up from the last event
// it heard. Here the next replica is the same tenfootd started again on its
// database.
func TestDeviceRidesOutAShutdown(t *testing.T) {
	data := t.TempDir()
	first, stopFirst := context.WithCancel(t.Context())
	url, done := startTenfootd(t, first, "-data", data, "-addr", "127.0.0.1:0")
	addr := strings.TrimPrefix(url, "http://")
	tv, listening := listeningTV(t, url)

	stopFirst()
	require.NoError(t, <-done)
	select {
	case err := <-listening:
		t.Fatalf("the device stopped listening: %v", err)
	default:
	}
	_, signedIn := tv.Account()
	assert.True(t, signedIn, "a shutdown signs no one out")

	second, stopSecond := context.WithCancel(t.Context())
	defer stopSecond()
	startTenfootd(t, second, "-data", data, "-addr", addr)
	phone := signedInRemote(t, url, "Phone")
	_, err := phone.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
	require.NoError(t, err)
	select {
	case err := <-listening:
		assert.ErrorIs(t, err, session.ErrRevoked, "it heard the sign-out on the new tenfootd")
	case <-time.After(30 * time.Second):
		t.Fatal("the device never heard its sign-out")
	}
}
