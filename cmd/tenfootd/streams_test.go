package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// streamServer runs tenfootd's handler over the demo household with the given caps
// on event streams, and returns its URL.
func streamServer(t *testing.T, limits streamLimits) string {
	t.Helper()
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: demoService(t, sqliteDB), Streams: limits}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// signIn signs a new TV in to the demo household and returns its token.
func signIn(t *testing.T, url string) string {
	t.Helper()
	g, err := session.NewClient(url).SignIn(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV),
		demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	return g.Token
}

// askForStream asks for the event stream at path (after the API's prefix) with
// credential, and returns the answer, whatever it is. Cancelling the context it was
// asked with hangs up.
func askForStream(ctx context.Context, t *testing.T, url, path, credential string) *http.Response {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+session.APIPrefix+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+credential)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// eventStream is an open event stream as a client reads it, line by line.
type eventStream struct {
	lines  chan string // closed when the stream ends
	hangUp context.CancelFunc
}

// openStream opens the event stream at path with credential, and fails the test if
// it is refused.
func openStream(t *testing.T, url, path, credential string) *eventStream {
	t.Helper()
	ctx, hangUp := context.WithCancel(t.Context())
	t.Cleanup(hangUp)
	resp := askForStream(ctx, t, url, path, credential)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the stream was refused: %s %s", resp.Status, bodyText(t, resp))
	}
	s := &eventStream{lines: make(chan string), hangUp: hangUp}
	go func() {
		defer close(s.lines)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			select {
			case s.lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	require.Equal(t, ": tenfootd events", s.line(t), "the stream greets its client")
	return s
}

// streamWait bounds each wait for a stream's next line or its end.
const streamWait = 10 * time.Second

// line returns the stream's next line.
func (s *eventStream) line(t *testing.T) string {
	t.Helper()
	select {
	case l, ok := <-s.lines:
		require.True(t, ok, "the stream ended early")
		return l
	case <-time.After(streamWait):
		t.Fatal("the stream said nothing")
		return ""
	}
}

// nextEvent returns the kind of the stream's next event, skipping comments.
func (s *eventStream) nextEvent(t *testing.T) string {
	t.Helper()
	for {
		if kind, ok := strings.CutPrefix(s.line(t), "event: "); ok {
			return kind
		}
	}
}

// end waits for the stream to end and returns what it said until then.
func (s *eventStream) end(t *testing.T) []string {
	t.Helper()
	var said []string
	deadline := time.After(streamWait)
	for {
		select {
		case l, ok := <-s.lines:
			if !ok {
				return said
			}
			said = append(said, l)
		case <-deadline:
			t.Fatalf("the stream did not end; it said %q", said)
		}
	}
}

func bodyText(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

// assertRefused checks that resp refuses a stream with status, as the API refuses:
// a JSON error with code, a message that names the cap, a Retry-After of at least
// retry, and a closed connection.
func assertRefused(t *testing.T, resp *http.Response, status int, code string, retry time.Duration) {
	t.Helper()
	assert.Equal(t, status, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.True(t, resp.Close, "the refused client's connection is closed")
	secs, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	require.NoError(t, err, "Retry-After is whole seconds")
	assert.GreaterOrEqual(t, time.Duration(secs)*time.Second, retry)
	assert.LessOrEqual(t, time.Duration(secs)*time.Second, retry*3/2)
	var body session.WireError
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	assert.Equal(t, code, body.Code)
	assert.Contains(t, body.Message, fmt.Sprintf("try again in %d s", secs))
}

// A session that opens one stream too many loses its oldest, which a TV that
// reconnects has left behind: the client of the oldest sees its stream end, and the
// new stream and the others still carry the account's events.
func TestStreamsPerSessionCloseTheOldest(t *testing.T) {
	url := streamServer(t, streamLimits{PerSession: 2})
	token := signIn(t, url)
	first := openStream(t, url, "/events", token)
	second := openStream(t, url, "/events", token)

	third := openStream(t, url, "/events", token)
	assert.Contains(t, first.end(t), ": "+errStreamReplaced.Error(), "the first stream says why it ends")

	profiles, err := session.NewClient(url).SaveProfile(t.Context(), token, session.ProfileChange{Profile: session.Profile{Name: "Guest"}})
	require.NoError(t, err)
	assert.Equal(t, string(session.EventProfilesChanged), second.nextEvent(t))
	assert.Equal(t, string(session.EventProfilesChanged), third.nextEvent(t))

	// Again, the next oldest goes.
	fourth := openStream(t, url, "/events", token)
	second.end(t)
	guest := profiles[slices.IndexFunc(profiles, func(p session.Profile) bool { return p.Name == "Guest" })]
	guest.Name = "Visitor"
	_, err = session.NewClient(url).SaveProfile(t.Context(), token, session.ProfileChange{Profile: guest})
	require.NoError(t, err)
	assert.Equal(t, string(session.EventProfilesChanged), third.nextEvent(t))
	assert.Equal(t, string(session.EventProfilesChanged), fourth.nextEvent(t))
}

// An address that holds as many streams as it may is refused the next one with
// 429, which the app's client reads as a rate limit; a session it already holds a
// stream of replaces its oldest instead; and once a stream ends there is room again.
func TestStreamsPerAddressAreRefusedWith429(t *testing.T) {
	url := streamServer(t, streamLimits{PerAddress: 3})
	living, kitchen, bedroom, hall := signIn(t, url), signIn(t, url), signIn(t, url), signIn(t, url)
	livingStream := openStream(t, url, "/events", living)
	kitchenStream := openStream(t, url, "/events", kitchen)
	openStream(t, url, "/events", bedroom)

	assertRefused(t, askForStream(t.Context(), t, url, "/events", hall), http.StatusTooManyRequests, "rate_limited", streamRetryPerAddress)
	_, err := session.NewClient(url).Subscribe(t.Context(), hall, 0)
	assert.ErrorIs(t, err, session.ErrRateLimited)

	openStream(t, url, "/events", living)
	livingStream.end(t)

	kitchenStream.hangUp()
	require.Eventually(t, func() bool {
		resp := askForStream(t.Context(), t, url, "/events", hall)
		return resp.StatusCode == http.StatusOK
	}, streamWait, 20*time.Millisecond, "the hall TV gets the kitchen's place")
}

// Past the total, a new stream is refused with 503, and the API still answers: the
// health check and a sign-in. A session that holds a stream is not refused: its new
// stream replaces its oldest. Watching a sign-out of all devices counts as a stream.
func TestStreamsPastTheTotalAreRefusedWith503(t *testing.T) {
	url := streamServer(t, streamLimits{Total: 2})
	phone := signIn(t, url)
	res, err := session.NewClient(url).SignOutAll(t.Context(), phone, session.Proof{Password: demo.AnaPassword})
	require.NoError(t, err)
	watch := openStream(t, url, "/signout-all/watch", res.Watch)
	signedInAgain := signIn(t, url)
	stale := openStream(t, url, "/events", signedInAgain)

	tv := signIn(t, url)
	assertRefused(t, askForStream(t.Context(), t, url, "/events", tv), http.StatusServiceUnavailable, "unavailable", streamRetryTotal)
	health, err := http.Get(url + session.APIPrefix + "/health")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, health.StatusCode, bodyText(t, health))
	health.Body.Close()
	signIn(t, url)

	openStream(t, url, "/events", signedInAgain)
	stale.end(t)
	assert.Equal(t, http.StatusServiceUnavailable, askForStream(t.Context(), t, url, "/events", tv).StatusCode,
		"a session that holds a stream replaces it, taking no more room")

	watch.hangUp()
	require.Eventually(t, func() bool {
		return askForStream(t.Context(), t, url, "/events", tv).StatusCode == http.StatusOK
	}, streamWait, 20*time.Millisecond, "the TV gets the watch's place")
}

func TestStreamsForFileLimit(t *testing.T) {
	tests := []struct {
		files uint64
		want  int
	}{
		{0, streamsWithoutFileLimit},
		{100, 50},
		{256, 128},
		{512, 256},
		{1024, 768},
		{4096, 3584},
		{65536, 57344},
		{1 << 20, 917504},
		{^uint64(0), 917504}, // unlimited
	}
	for _, tt := range tests {
		t.Run(strconv.FormatUint(tt.files, 10), func(t *testing.T) {
			assert.Equal(t, tt.want, streamsForFileLimit(tt.files))
		})
	}
}

func TestStreamFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-streams-per-session", "0"}, "-streams-per-session must be at least 1, not 0"},
		{[]string{"-streams-per-address", "0"}, "-streams-per-address must be at least 1, not 0"},
		{[]string{"-streams", "-1"}, "-streams must be at least 1, or 0 to follow the open file limit, not -1"},
		{[]string{"-streams", strconv.Itoa(maxCountedFiles)}, "is more than the open file limit of"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			err := run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, tt.args...), func(string) string { return "" }, io.Discard, io.Discard)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// The hand-written encoding of an event is byte for byte what encoding/json writes,
// for every kind of event, with and without devices, at any time of day and zone.
func TestEventEncodingMatchesEncodingJSON(t *testing.T) {
	account, a, b := uuid.New(), uuid.New(), uuid.New()
	at := time.Date(2026, 11, 29, 20, 31, 7, 123456789, time.UTC)
	events := []session.Event{
		{Seq: 1, AccountID: account, Kind: session.EventSignedOut, Devices: []uuid.UUID{a}, At: at},
		{Seq: 18446744073709551615, AccountID: account, Kind: session.EventSignedOut, Devices: []uuid.UUID{a, b}, At: at.Truncate(time.Second)},
		{Seq: 7, AccountID: account, Kind: session.EventDeviceWiped, At: at.In(time.FixedZone("CET", 3600))},
		{Seq: 8, AccountID: uuid.Nil, Kind: session.EventProfilesChanged, Devices: []uuid.UUID{}, At: time.Time{}},
		{Seq: 9, AccountID: account, Kind: `odd "kind"`, At: at}, // escaped: through encoding/json
	}
	for _, ev := range events {
		want, err := json.Marshal(ev)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(appendEventJSON(nil, ev)))
	}
	assert.Equal(t, "id: 1\nevent: signed-out\ndata: "+string(appendEventJSON(nil, events[0]))+"\n\n", string(appendEvent(nil, events[0])))
}

func BenchmarkAppendEvent(b *testing.B) {
	ev := session.Event{Seq: 42, AccountID: uuid.New(), Kind: session.EventSignedOut, Devices: []uuid.UUID{uuid.New()}, At: time.Now()}
	b.Run("hand-written", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf = appendEvent(buf[:0], ev)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			data, _ := json.Marshal(ev)
			buf = fmt.Appendf(buf[:0], "id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, ev.Kind, data)
		}
	})
}

// A stream that told its device it is signed out stays open until the device hangs
// up, so that a sign-out of all devices reaches every device before the closes
// begin; the hang-up frees its place at once. A device that never hangs up loses
// the stream after the linger.
func TestASignedOutDevicesStreamLingersUntilItHangsUp(t *testing.T) {
	url := streamServer(t, streamLimits{Total: 1, SignedOutLinger: time.Hour})
	tv := signIn(t, url)
	s := openStream(t, url, "/events", tv)
	require.NoError(t, session.NewClient(url).SignOut(t.Context(), tv))
	require.Equal(t, "signed-out", s.nextEvent(t))

	other := signIn(t, url)
	assert.Equal(t, http.StatusServiceUnavailable, askForStream(t.Context(), t, url, "/events", other).StatusCode,
		"the signed-out stream still holds its place")
	s.hangUp()
	require.Eventually(t, func() bool {
		return askForStream(t.Context(), t, url, "/events", other).StatusCode == http.StatusOK
	}, streamWait, 20*time.Millisecond, "the hang-up frees it")
}

func TestASignedOutDevicesStreamEndsAfterTheLinger(t *testing.T) {
	url := streamServer(t, streamLimits{SignedOutLinger: time.Millisecond})
	tv := signIn(t, url)
	s := openStream(t, url, "/events", tv)
	require.NoError(t, session.NewClient(url).SignOut(t.Context(), tv))
	require.Equal(t, "signed-out", s.nextEvent(t))
	s.end(t)
}

// A client that resets its connection as it asks for its stream (a TV pulled from
// the wall, a socket closed with SO_LINGER 0) leaves tenfootd a connection it has
// taken but cannot write the stream's head to. The request is still logged and
// counted, as a client gone (499), the stream is not left counted as open, and
// nothing more is written on the connection: serving the stream in the handler
// instead, on a connection net/http no longer held, panicked.
func TestAResetStreamIsLoggedAndCounted(t *testing.T) {
	var logged, serverErrors testkit.Buffer
	handler := newServer(config{WebDir: t.TempDir(), Service: demoService(t, sqliteDB),
		Log: slog.New(slog.NewJSONHandler(&logged, nil)), MetricsOnAPI: true})
	api := httptest.NewServer(handler)
	t.Cleanup(api.Close)
	resetting := httptest.NewUnstartedServer(handler)
	resetting.Listener = resettingListener{resetting.Listener}
	resetting.Config.ErrorLog = log.New(&serverErrors, "", 0)
	resetting.Start()
	t.Cleanup(resetting.Close)
	token := signIn(t, api.URL)

	const resets = 3
	for range resets {
		conn, err := net.Dial("tcp", resetting.Listener.Addr().String())
		require.NoError(t, err)
		fmt.Fprintf(conn, "GET %s/events HTTP/1.1\r\nHost: tv\r\nAuthorization: Bearer %s\r\n\r\n", session.APIPrefix, token)
		said, _ := io.ReadAll(conn) // until tenfootd closes it
		conn.Close()
		assert.Empty(t, said, "nothing reaches a connection reset")
	}
	require.Eventually(t, func() bool {
		return strings.Count(logged.String(), `"route":"GET `+session.APIPrefix+`/events","status":499`) == resets
	}, streamWait, 10*time.Millisecond, "each reset stream is logged as its client gone: %s", &logged)
	families := scrape(t, api.URL+"/metrics")
	assert.Equal(t, float64(resets), value(families, "tenfootd_http_requests_total", "route", "GET "+session.APIPrefix+"/events", "code", "499"))
	assert.Equal(t, 0.0, value(families, "tenfootd_event_streams_open"), "no stream is left open")
	assert.Empty(t, serverErrors.String(), "net/http has nothing to say: no panic, no write on a taken connection")
}

// resettingListener's connections read what the client sent, but every write fails
// as a write to a connection its client has reset does.
type resettingListener struct{ net.Listener }

func (l resettingListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return resetConn{conn}, nil
}

// resetConn is a connection its client has reset.
type resetConn struct{ net.Conn }

func (c resetConn) Write([]byte) (int, error) {
	return 0, &net.OpError{Op: "write", Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: syscall.ECONNRESET}
}

// TestStreamsOpenedOverAndOverAreLimitedPerSession: one token opens an event stream
// and hangs up, again and again. Each stream a session opens where it holds none
// marks it as listening, and its close clears the mark: two write transactions,
// which take turns with every account's sign-ins and sign-outs (on PostgreSQL across
// every replica), and no cap held it back, since the session never held more than
// one stream. Past opensPerSession a minute, a new stream of the session is refused
// with 429 and Retry-After, as the cap per address is, and counted; another session
// still opens its streams.
func TestStreamsOpenedOverAndOverAreLimitedPerSession(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		srv, writes := writesCounted(t, db, session.EmbeddedOptions{SharePresence: true}, config{MetricsOnAPI: true})
		token, other := signIn(t, srv.URL), signIn(t, srv.URL)

		before := writes.n.Load()
		const tries = 3 * streamOpensPerSession
		refused := 0
		for range tries {
			ctx, hangUp := context.WithCancel(t.Context())
			resp := askForStream(ctx, t, srv.URL, "/events", token)
			if resp.StatusCode == http.StatusTooManyRequests {
				refused++
				var body session.WireError
				require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
				assert.Equal(t, "rate_limited", body.Code)
				retry, err := strconv.Atoi(resp.Header.Get("Retry-After"))
				require.NoError(t, err)
				assert.Positive(t, retry)
				assert.LessOrEqual(t, retry, int(streamOpensWindow/time.Second))
			} else {
				assert.Equal(t, http.StatusOK, resp.StatusCode)
			}
			hangUp()
		}
		assert.Equal(t, tries-streamOpensPerSession, refused, "past the limit, refused")
		assert.LessOrEqual(t, writes.n.Load()-before, int64(2*streamOpensPerSession+1), "no more than a mark and a clear for each stream let open")
		openStream(t, srv.URL, "/events", other)

		families := scrape(t, srv.URL+"/metrics")
		assert.Equal(t, float64(refused), value(families, "tenfootd_rate_limited_total", "rule", ruleStreamOpensPerSession))
		assert.Equal(t, float64(refused), value(families, "tenfootd_event_streams_refused_total", "reason", refusedOpensPerSession))
	})
}
