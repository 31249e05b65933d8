package main

import (
	"container/list"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Every connection holds an open file, and a client may keep one open and idle for
// idleTimeout after each request (keep-alive). Uncapped, a few hundred such
// connections took the files kept from event streams for everything else, and then
// nothing was answered, the probes included: new connections waited in the
// kernel's queue. So the connections that serve requests are capped too, below
// what the file limit leaves once the streams' total and filesKeptBack are taken.
const (
	// apartConns caps the connections of -metrics-addr and of -debug-addr, each:
	// Prometheus and the probes need a few.
	apartConns = 16
	// filesKeptBack are the files of the reserve that the API's connections may
	// not take: the database's, the log's, the listeners', and the connections of
	// -metrics-addr and -debug-addr.
	filesKeptBack = 64 + 2*apartConns
	// minRequestConns is the fewest connections the API may hold for requests,
	// however low the file limit.
	minRequestConns = 16
	// requestConnsWithoutFileLimit is the cap where the system has no file limit
	// tenfootd can read.
	requestConnsWithoutFileLimit = 10_000
	// connRefusalTimeout bounds the write of the answer to a connection refused.
	connRefusalTimeout = time.Second
)

// requestConnsFor returns how many connections the API may hold for requests,
// event streams apart, in a process allowed limit open files, of which streams may
// take streams: what is left once filesKeptBack are kept back, and at least
// minRequestConns. A limit of 0 means none is known.
func requestConnsFor(limit uint64, streams int) int {
	if limit == 0 {
		return requestConnsWithoutFileLimit
	}
	limit = min(limit, maxCountedFiles)
	return max(minRequestConns, int(limit)-streams-filesKeptBack)
}

// connRefusal is what a connection refused at the cap is told before it is closed.
var connRefusal = func() []byte {
	const body = "tenfootd: this service holds as many connections as it can; try again shortly\n"
	return fmt.Appendf(nil, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
}()

// connGate caps the connections a server holds for requests. Past its cap, a new
// connection closes the one that has been idle longest, which its client replaces
// when it next asks something; if none is idle, the new one is answered 503 and
// closed. A connection taken from net/http for an event stream (hijacked) is no
// longer counted: streams have caps of their own (streamGate).
//
// It sees connections through its listener (listen), which admits them, and
// through the server's ConnState hook (track), which says which are idle.
type connGate struct {
	max int
	// shedIdle and shedBusy count idle connections closed for a new one, and new
	// ones refused because every one was busy.
	shedIdle, shedBusy prometheus.Counter

	mu   sync.Mutex
	open map[net.Conn]*list.Element // its place in idle while idle, else nil
	idle *list.List                 // of net.Conn, the longest idle first
}

func newConnGate(max int, m *metrics) *connGate {
	return &connGate{max: max, shedIdle: m.connsShed[shedIdle], shedBusy: m.connsShed[shedBusy],
		open: make(map[net.Conn]*list.Element), idle: list.New()}
}

// serve sets srv to serve no more connections for requests than g allows; it
// returns ln, admitting connections through g.
func (g *connGate) serve(srv *http.Server, ln net.Listener) net.Listener {
	srv.ConnState = g.track
	return gatedListener{ln, g}
}

// gatedListener admits the connections of its listener through its gate.
type gatedListener struct {
	net.Listener
	gate *connGate
}

// Accept returns the next connection the gate admits, and answers and closes those
// it refuses meanwhile.
func (l gatedListener) Accept() (net.Conn, error) {
	for {
		conn, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.gate.admit(conn) {
			return conn, nil
		}
		conn.SetWriteDeadline(time.Now().Add(connRefusalTimeout))
		conn.Write(connRefusal)
		conn.Close()
	}
}

// admit counts conn, closing the connection idle longest if it is one too many, or
// reports false if every connection is busy.
func (g *connGate) admit(conn net.Conn) bool {
	g.mu.Lock()
	var closing net.Conn
	if len(g.open) >= g.max {
		longest := g.idle.Front()
		if longest == nil {
			g.mu.Unlock()
			g.shedBusy.Inc()
			return false
		}
		closing = g.idle.Remove(longest).(net.Conn)
		delete(g.open, closing)
	}
	g.open[conn] = nil
	g.mu.Unlock()
	if closing != nil {
		closing.Close() // as http.Server closes idle connections: its reader ends
		g.shedIdle.Inc()
	}
	return true
}

// track follows conn's state as net/http's ConnState hook says it.
func (g *connGate) track(conn net.Conn, state http.ConnState) {
	g.mu.Lock()
	defer g.mu.Unlock()
	place, counted := g.open[conn]
	if !counted {
		return // closed by admit, or never admitted
	}
	if place != nil {
		g.idle.Remove(place)
		g.open[conn] = nil
	}
	switch state {
	case http.StateIdle:
		g.open[conn] = g.idle.PushBack(conn)
	case http.StateHijacked, http.StateClosed:
		delete(g.open, conn)
	}
}
