package main

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gatedServer serves a handler that answers "ok" through a connGate of max
// connections, and returns the server and its gate.
func gatedServer(t *testing.T, max int) (*httptest.Server, *connGate) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }))
	gate := newConnGate(max, newMetrics(""))
	srv.Listener = gate.serve(srv.Config, srv.Listener)
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, gate
}

// keptAlive is a client's connection kept open after its request was answered.
type keptAlive struct {
	conn    net.Conn
	answers *bufio.Reader
}

// askOnNewConn opens a connection to srv, asks it for / and returns the status of
// the answer, with the connection.
func askOnNewConn(t *testing.T, srv *httptest.Server) (int, keptAlive) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	c := keptAlive{conn, bufio.NewReader(conn)}
	return c.ask(t), c
}

// ask asks for / on c and returns the status of the answer, or 0 if the
// connection was closed.
func (c keptAlive) ask(t *testing.T) int {
	t.Helper()
	c.conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c.conn, "GET / HTTP/1.1\r\nHost: tv\r\n\r\n"); err != nil {
		return 0
	}
	resp, err := http.ReadResponse(c.answers, nil)
	if err != nil {
		return 0
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// awaitIdle waits until n connections of g are idle.
func (g *connGate) awaitIdle(t *testing.T, n int) {
	t.Helper()
	require.Eventually(t, func() bool {
		g.mu.Lock()
		defer g.mu.Unlock()
		return g.idle.Len() == n
	}, 10*time.Second, time.Millisecond, "%d connections idle", n)
}

// Clients that keep connections open and idle, as many as they like, cannot take
// every one a server may hold: past its cap a new connection closes the one idle
// longest, and is served.
func TestANewConnectionClosesTheOneIdleLongest(t *testing.T) {
	srv, gate := gatedServer(t, 3)
	var conns []keptAlive
	for i := range 3 {
		status, c := askOnNewConn(t, srv)
		require.Equal(t, http.StatusOK, status)
		conns = append(conns, c)
		gate.awaitIdle(t, i+1) // idle in this order
	}
	assert.Equal(t, http.StatusOK, conns[1].ask(t), "the second is idle no longer")
	gate.awaitIdle(t, 3)

	status, fourth := askOnNewConn(t, srv)
	assert.Equal(t, http.StatusOK, status, "one more is served")
	assert.Equal(t, 0, conns[0].ask(t), "the first, idle longest, was closed")
	assert.Equal(t, http.StatusOK, conns[1].ask(t))
	assert.Equal(t, http.StatusOK, conns[2].ask(t))
	assert.Equal(t, http.StatusOK, fourth.ask(t))
	assert.Equal(t, 1.0, counterValue(gate.shedIdle))
}

// When every connection a server may hold is busy, a new one is answered 503 at
// once and closed, rather than left waiting in the kernel's queue; once one is free
// again, a new one is served.
func TestANewConnectionIsRefusedWhileEveryOneIsBusy(t *testing.T) {
	srv, gate := gatedServer(t, 2)
	var busy []net.Conn
	for range 2 { // connected, the request not sent yet
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		require.NoError(t, err)
		defer conn.Close()
		busy = append(busy, conn)
	}

	status, refused := askOnNewConn(t, srv)
	assert.Equal(t, http.StatusServiceUnavailable, status)
	_, err := refused.answers.ReadByte()
	assert.Error(t, err, "the refused connection is closed")
	assert.Equal(t, 1.0, counterValue(gate.shedBusy))

	busy[0].Close()
	require.Eventually(t, func() bool {
		status, _ := askOnNewConn(t, srv)
		return status == http.StatusOK
	}, 10*time.Second, 10*time.Millisecond, "served once a connection closed")
}

func TestRequestConnsForFileLimit(t *testing.T) {
	tests := []struct {
		files   uint64
		streams int
		want    int
	}{
		{0, streamsWithoutFileLimit, requestConnsWithoutFileLimit},
		{512, 256, 256 - filesKeptBack},
		{1024, 768, 256 - filesKeptBack},
		{65536, 57344, 8192 - filesKeptBack},
		{65536, 100, 65436 - filesKeptBack}, // -streams 100 leaves the rest to requests
		{100, 50, minRequestConns},
		{^uint64(0), 917504, 131072 - filesKeptBack}, // unlimited
	}
	for _, tt := range tests {
		t.Run(strconv.FormatUint(tt.files, 10)+"/"+strconv.Itoa(tt.streams), func(t *testing.T) {
			assert.Equal(t, tt.want, requestConnsFor(tt.files, tt.streams))
		})
	}
}

// counterValue is what c has counted.
func counterValue(c interface{ Write(*dto.Metric) error }) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		panic(fmt.Sprint("reading a counter: ", err))
	}
	return m.Counter.GetValue()
}
