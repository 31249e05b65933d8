//go:build !js

package session

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A stream the service ends with a retry: field, as a replica shutting down does,
// closes only once the wait it asks for has passed, so that a device subscribing
// again on the close reconnects when asked; a stream that ends without one closes at
// once, and so does one whose context ends during the wait.
func TestStreamEndedWithRetryClosesAfterTheWait(t *testing.T) {
	const retry = 300 * time.Millisecond
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "id: 7\nevent: profiles-changed\ndata: {\"seq\":7,\"kind\":\"profiles-changed\"}\n\n")
		if r.URL.Query().Has("retry") {
			fmt.Fprintf(w, "retry: %d\n: shutting down\n\n", retry.Milliseconds())
		}
	}))
	defer srv.Close()
	listen := func(ctx context.Context, query string) (<-chan Event, time.Time) {
		c := &Client{base: srv.URL, t: newTransport()}
		ch, err := c.stream(ctx, "/events"+query, "token", 6)
		require.NoError(t, err)
		return ch, time.Now()
	}

	ch, start := listen(t.Context(), "?retry")
	ev := <-ch
	assert.Equal(t, uint64(7), ev.Seq, "the event before the retry: field is delivered")
	_, open := <-ch
	assert.False(t, open)
	assert.GreaterOrEqual(t, time.Since(start), retry, "closed once the wait asked for had passed")

	ch, _ = listen(t.Context(), "")
	<-ch
	_, open = <-ch
	assert.False(t, open, "no retry: closed as it ended")

	ctx, cancel := context.WithCancel(t.Context())
	ch, _ = listen(ctx, "?retry")
	<-ch
	cancel()
	_, open = <-ch
	assert.False(t, open, "closed when its context ended during the wait")
}

func TestReadEventsTakesRetryOfDigitsOnly(t *testing.T) {
	for _, tt := range []struct {
		stream string
		want   time.Duration
	}{
		{"retry: 1500\n\n", 1500 * time.Millisecond},
		{"retry:250\n\n", 250 * time.Millisecond},
		{"retry: 1500\nretry: 20\n\n", 20 * time.Millisecond},
		{"retry: 1.5\n\n", 0},
		{"retry: -1\n\n", 0},
		{"retry: +15\n\n", 0},
		{"retry: soon\n\n", 0},
		{": retry: 15\n\n", 0},
	} {
		got, err := readEvents(strings.NewReader(tt.stream), func(Event) bool { return true })
		require.NoError(t, err)
		assert.Equal(t, tt.want, got, "%q", tt.stream)
	}
}

// A stream that brings nothing, not even a keep-alive, for the client's silence is
// taken for dead and ends, so that the device subscribes again: a network that
// dropped the connection without a word cannot keep a sign-out from it. A stream
// that keeps bringing comments lives on.
func TestASilentStreamIsTakenForDead(t *testing.T) {
	const silence = time.Second
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.(http.Flusher).Flush()
		if r.URL.Query().Has("silent") {
			<-r.Context().Done() // the head came, then nothing
			return
		}
		tick := time.NewTicker(silence / 10)
		defer tick.Stop()
		for range 25 { // two and a half silences' worth of keep-alives
			fmt.Fprint(w, ": keep-alive\n\n")
			w.(http.Flusher).Flush()
			<-tick.C
		}
		fmt.Fprint(w, "id: 7\ndata: {\"seq\":7,\"kind\":\"profiles-changed\"}\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close) // after the test's context, which ends its streams
	c := &Client{base: srv.URL, t: newTransport(), silence: silence}

	ch, err := c.stream(t.Context(), "/events?silent", "token", 0)
	require.NoError(t, err)
	select {
	case _, open := <-ch:
		assert.False(t, open, "the silent stream ended")
	case <-time.After(5 * silence):
		t.Fatal("a silent stream was still open after five silences")
	}

	ch, err = c.stream(t.Context(), "/events", "token", 0)
	require.NoError(t, err)
	ev, open := <-ch
	require.True(t, open, "the stream with keep-alives lived on to bring its event")
	assert.Equal(t, uint64(7), ev.Seq)
}
