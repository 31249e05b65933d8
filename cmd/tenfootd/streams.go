package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/google/uuid"

	"tenfoot/session"
)

// An event stream is the one request a client may hold open as long as it likes,
// and each one holds an open file. Unbounded, one token opening thousands of them
// used up the process's file limit, and then tenfootd could accept no connection at
// all, its health check included. So streams are capped three ways: per session,
// per client address and in total, the total below the file limit with room kept
// for API requests and the database.
const (
	// defaultStreamsPerSession is how many streams one session may hold. A TV that
	// reconnects may still hold the stream its network dropped without telling
	// either end; its oldest stream is then the stale one, and is closed.
	defaultStreamsPerSession = 4
	// defaultStreamsPerAddress is how many streams one client address may hold. It
	// is high because the TVs of a hotel or a block of flats share one address
	// behind their router.
	defaultStreamsPerAddress = 256
	// Reserve files for everything but streams: at least minFileReserve, and an
	// eighth of the limit on machines that allow many.
	minFileReserve = 256
	// maxCountedFiles stands in for a file limit of "unlimited", so that the total
	// stays a number one replica could serve.
	maxCountedFiles = 1 << 20
	// streamsWithoutFileLimit is the total where the system has no file limit
	// tenfootd can read.
	streamsWithoutFileLimit = 10_000
	// How long a refused client is told to wait. A little more is added at random,
	// so that clients refused together do not all come back together.
	streamRetryPerAddress = time.Minute
	streamRetryTotal      = 30 * time.Second
	streamRetryNotReady   = 2 * time.Second
	// A stream ended as its replica shuts down is told to reconnect after a wait
	// drawn at random from reconnectFirst to reconnectFirst+reconnectSpread (the
	// SSE retry: field), so that the ten thousand streams of one replica come to
	// the others over a few seconds rather than in one instant.
	reconnectFirst  = 250 * time.Millisecond
	reconnectSpread = 2 * time.Second
	// A signed-out device hangs up itself; until it does, its stream stays open
	// at least this long, so that the closes begin after ten thousand devices
	// have heard a sign-out of all devices (linger).
	defaultSignedOutLinger = time.Second
	// streamOpensPerSession is how many streams one session may open within
	// streamOpensWindow, on one replica. A stream that opens where its session
	// holds none marks the session as listening, and its close clears the mark:
	// two write transactions, which take turns with every sign-in and sign-out (on
	// PostgreSQL across the replicas). A session that opened a stream and hung up
	// in a loop was held back by no cap, as it never held more than one. A device
	// opens one as it signs in and again when its stream drops or its replica
	// restarts: a few a minute at the worst of an outage.
	streamOpensPerSession = 20
	streamOpensWindow     = time.Minute
)

// streamLimits are the caps on open event streams.
type streamLimits struct {
	// PerSession is how many streams one session (or one sign-out watch ticket) may
	// hold; opening one more closes its oldest. 0 means defaultStreamsPerSession.
	PerSession int
	// PerAddress is how many streams one client address may hold; past it a new one
	// is refused with 429. 0 means defaultStreamsPerAddress.
	PerAddress int
	// Total is how many streams this process holds at most; past it a new one is
	// refused with 503. 0 means streamsForFileLimit of the process's file limit.
	Total int
	// SignedOutLinger is how long, at least, a stream stays open after telling
	// its device it is signed out, unless the device hangs up first; it closes
	// within as long again. 0 means defaultSignedOutLinger.
	SignedOutLinger time.Duration
}

// withDefaults returns l with each cap left at 0 set to its default.
func (l streamLimits) withDefaults() streamLimits {
	if l.PerSession <= 0 {
		l.PerSession = defaultStreamsPerSession
	}
	if l.PerAddress <= 0 {
		l.PerAddress = defaultStreamsPerAddress
	}
	if l.Total <= 0 {
		l.Total = streamsForFileLimit(fileLimit())
	}
	if l.SignedOutLinger <= 0 {
		l.SignedOutLinger = defaultSignedOutLinger
	}
	return l
}

// streamsForFileLimit returns how many streams a process allowed limit open files
// may hold and still answer API requests and reach its database: the limit less a
// reserve of max(256, limit/8), and never less than half the limit. A limit of 0
// means none is known.
func streamsForFileLimit(limit uint64) int {
	if limit == 0 {
		return streamsWithoutFileLimit
	}
	limit = min(limit, maxCountedFiles)
	reserve := min(max(minFileReserve, limit/8), limit/2)
	return int(limit - reserve)
}

// errStreamReplaced ends a session's oldest stream when it opens one too many. The
// stream says so in a comment before it ends, for whoever reads it by hand.
var errStreamReplaced = errors.New("closed: this session opened a newer event stream, which replaces this one")

// appendFarewell appends what a stream says as it ends because ctx did: a comment if
// a newer stream of its session replaced it; if its replica is shutting down, when
// to reconnect (retry:, in milliseconds, which every client of server-sent events
// honours) and why, in a comment. A stream that ends for another reason says
// nothing.
func appendFarewell(buf []byte, ctx context.Context) []byte {
	switch why := context.Cause(ctx); {
	case ctx.Err() == nil:
	case errors.Is(why, errStreamReplaced):
		buf = fmt.Appendf(buf, ": %v\n\n", why)
	case errors.Is(why, errShuttingDown):
		wait := reconnectFirst + rand.N(reconnectSpread)
		buf = fmt.Appendf(buf, "retry: %d\n: %v\n\n", wait.Milliseconds(), why)
	}
	return buf
}

// sayFarewell ends a stream served in its handler (stream) as appendFarewell says,
// then closes the connection rather than keep it for another request: the client it
// belongs to is reconnecting elsewhere, or most likely gone, and would keep its file
// open until the idle timeout.
func sayFarewell(w http.ResponseWriter, ctx context.Context) {
	last := appendFarewell(nil, ctx)
	if len(last) == 0 {
		return
	}
	rc := http.NewResponseController(w)
	w.Write(last)
	rc.Flush()
	if conn, _, err := rc.Hijack(); err == nil {
		conn.Close()
	}
}

// streamRefusal is why a new stream was not opened, as the client is told.
type streamRefusal struct {
	status     int
	code       string // as session.WireError's codes
	message    string
	retryAfter time.Duration
	// reason and rule name the cap that refused, as the metrics label it.
	reason, rule string
}

func (e *streamRefusal) Error() string { return e.message }

// streamGate counts the open streams by session and by address, and admits a new
// one or says why not. Its lock is taken as a stream opens and as it ends, never
// while one delivers events.
type streamGate struct {
	limits streamLimits

	mu        sync.Mutex
	open      int
	byAddress map[string]int
	bySession map[[sha256.Size]byte][]*heldStream // oldest first
	// opened counts the streams each session opened since openedSince, a fixed
	// window of streamOpensWindow: forgotten whole when it ends, so that it never
	// holds more than one window's sessions.
	opened      map[[sha256.Size]byte]int
	openedSince time.Time
}

// heldStream is one open stream as the gate counts it.
type heldStream struct {
	session [sha256.Size]byte // of the credential, which is not kept
	address string
	end     context.CancelCauseFunc
	counted bool // false once it is no longer counted: it ended, or was replaced
}

func newStreamGate(limits streamLimits) *streamGate {
	return &streamGate{
		limits:    limits.withDefaults(),
		byAddress: make(map[string]int),
		bySession: make(map[[sha256.Size]byte][]*heldStream),
		opened:    make(map[[sha256.Size]byte]int),
	}
}

// admit counts a new stream of the session that credential authenticates, from
// address, or returns a *streamRefusal. When the session holds as many streams as
// it may, or when the address or the process is full and the session holds one,
// its oldest stream is closed and the new one takes its place: a device that
// reconnects is never refused for the stream it left behind. The stream's context
// ends when it is replaced; release must be called when it ends.
func (g *streamGate) admit(ctx context.Context, credential, address string) (_ context.Context, release func(), _ error) {
	ctx, end := context.WithCancelCause(ctx)
	s := &heldStream{session: sha256.Sum256([]byte(credential)), address: address, end: end}
	replaced, err := g.add(s)
	if err != nil {
		end(err)
		return nil, nil, err
	}
	if replaced != nil {
		replaced.end(errStreamReplaced)
	}
	return ctx, func() {
		g.mu.Lock()
		g.remove(s)
		g.mu.Unlock()
		end(context.Canceled)
	}, nil
}

// add counts s, and returns the stream it replaces, if any.
func (g *streamGate) add(s *heldStream) (replaced *heldStream, _ error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if err := g.tooOften(s.session, time.Now()); err != nil {
		return nil, err
	}
	held := g.bySession[s.session]
	if len(held) > 0 && (len(held) >= g.limits.PerSession || g.refusal(s.address, nil) != nil) {
		replaced = held[0]
	}
	if err := g.refusal(s.address, replaced); err != nil {
		return nil, err
	}
	if replaced != nil {
		g.remove(replaced)
	}
	g.bySession[s.session] = append(g.bySession[s.session], s)
	g.byAddress[s.address]++
	g.open++
	g.opened[s.session]++
	s.counted = true
	return replaced, nil
}

// tooOften returns a refusal if session has opened streamOpensPerSession streams in
// the window that holds now. The caller holds g.mu.
func (g *streamGate) tooOften(session [sha256.Size]byte, now time.Time) error {
	if now.Sub(g.openedSince) >= streamOpensWindow || now.Before(g.openedSince) {
		clear(g.opened)
		g.openedSince = now
	}
	if g.opened[session] < streamOpensPerSession {
		return nil
	}
	wait := g.openedSince.Add(streamOpensWindow).Sub(now)
	return &streamRefusal{http.StatusTooManyRequests, "rate_limited", fmt.Sprintf(
		"tenfootd: this session opened %d event streams within %s; try again in %s", streamOpensPerSession, streamOpensWindow, retryAfter(wait)+" s"),
		wait, refusedOpensPerSession, ruleStreamOpensPerSession}
}

// refusal returns why one more stream from address may not open once closing (if
// not nil) is closed, or nil if it may. The caller holds g.mu.
func (g *streamGate) refusal(address string, closing *heldStream) error {
	open, fromAddress := g.open, g.byAddress[address]
	if closing != nil {
		open--
		if closing.address == address {
			fromAddress--
		}
	}
	switch {
	case open >= g.limits.Total:
		wait := jitter(streamRetryTotal)
		return &streamRefusal{http.StatusServiceUnavailable, "unavailable", fmt.Sprintf(
			"tenfootd: this service holds as many event streams as it can (%d); try again in %d s", g.limits.Total, wait/time.Second), wait,
			refusedTotal, ruleStreamsTotal}
	case fromAddress >= g.limits.PerAddress:
		wait := jitter(streamRetryPerAddress)
		return &streamRefusal{http.StatusTooManyRequests, "rate_limited", fmt.Sprintf(
			"tenfootd: this address holds as many event streams as one may (%d); try again in %d s", g.limits.PerAddress, wait/time.Second), wait,
			refusedPerAddress, ruleStreamsPerAddress}
	}
	return nil
}

// remove stops counting s. The caller holds g.mu.
func (g *streamGate) remove(s *heldStream) {
	if !s.counted {
		return
	}
	s.counted = false
	held := slices.DeleteFunc(g.bySession[s.session], func(o *heldStream) bool { return o == s })
	if len(held) == 0 {
		delete(g.bySession, s.session)
	} else {
		g.bySession[s.session] = held
	}
	if g.byAddress[s.address]--; g.byAddress[s.address] == 0 {
		delete(g.byAddress, s.address)
	}
	g.open--
}

// jitter returns d plus up to half of d more, in whole seconds.
func jitter(d time.Duration) time.Duration {
	return (d + rand.N(d/2)).Truncate(time.Second)
}

// clientAddress is the host of the client's address, without its port.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// streamKind says whose stream it is: a device's own, or the watch of a sign-out of
// all devices, which hears every device.
type streamKind int

const (
	deviceStream streamKind = iota
	watchStream
)

// serveStream admits a stream of the session that authenticates the request,
// opens it with subscribe, and serves it until it ends or is replaced. A replica
// that is not ready, or is shutting down, opens none: the client is told to try
// again shortly, which its load balancer sends to another replica.
//
// Once the headers are out, it takes the connection from net/http and hands it to a
// small goroutine of its own (pump), and returns. A stream spends its life waiting
// for an event; waiting in the handler kept a request's buffers, its deep stack and
// net/http's reader alive for each of them, some 40 KiB a stream. Where the
// connection cannot be taken (HTTP/2), the stream is served in the handler; where
// it was taken but its client is gone, the request ends there, logged as 499.
func (a *api) serveStream(w http.ResponseWriter, r *http.Request, kind streamKind, subscribe func(context.Context) (<-chan session.Event, error)) {
	// Counted from the start, so that shutting down waits for a stream still being
	// set up as well as for those being served.
	a.streamsServed.Add(1)
	defer a.streamsServed.Done()
	if !a.health.Ready() || a.streamsEnd.Err() != nil {
		a.metrics.streamsRefused[refusedNotReady].Inc()
		a.refuseStream(w, &streamRefusal{http.StatusServiceUnavailable, "unavailable",
			"tenfootd: this replica takes no new event streams now (not ready, or shutting down); try again, another replica will take it", jitter(streamRetryNotReady),
			refusedNotReady, ""})
		return
	}
	// The stream outlives the request: it keeps the request's values, and ends
	// when tenfootd shuts down, when it is replaced, or when its client goes.
	base, cancel := context.WithCancelCause(context.WithoutCancel(r.Context()))
	unlink := context.AfterFunc(a.streamsEnd, func() { cancel(context.Cause(a.streamsEnd)) })
	ctx, release, err := a.streams.admit(base, bearer(r), clientAddress(r))
	if err != nil {
		unlink()
		cancel(nil)
		refusal := err.(*streamRefusal)
		a.metrics.streamsRefused[refusal.reason].Inc()
		a.metrics.limited(refusal.rule)
		a.refuseStream(w, refusal)
		return
	}
	end := func() {
		release()
		unlink()
		cancel(nil)
	}
	ch, err := subscribe(ctx)
	if err != nil {
		end()
		a.fail(w, r, err)
		return
	}
	a.metrics.streamsOpen.Inc()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	conn, err := takeConn(w, r)
	switch {
	case errors.Is(err, http.ErrNotSupported):
		defer a.metrics.streamsOpen.Dec()
		defer end()
		a.stream(w, r.WithContext(ctx), kind, ch)
		return
	case err != nil:
		// The connection was taken, but its client is gone: it reset the connection
		// as it asked. Nothing more can be written on it, by this handler or by
		// net/http, which no longer owns it.
		a.metrics.streamsOpen.Dec()
		end()
		logStatus(w, statusClientClosedRequest)
		return
	}
	a.streamsServed.Add(1)
	go func() {
		defer a.streamsServed.Done()
		defer a.metrics.streamsOpen.Dec()
		defer end()
		a.pump(ctx, func() { cancel(nil) }, conn, kind, ch)
	}()
}

// takeConn takes the connection of an HTTP/1.1 request from net/http and writes the
// response's head on it, with the headers set so far: a body that runs until the
// connection closes, which every client of server-sent events reads. Where the
// connection cannot be taken, the error wraps http.ErrNotSupported and the request is
// still net/http's to answer; any other error means that the client is gone and the
// connection is no longer net/http's: nothing may be written to w after it.
func takeConn(w http.ResponseWriter, r *http.Request) (net.Conn, error) {
	if !r.ProtoAtLeast(1, 1) || r.ProtoAtLeast(2, 0) {
		return nil, http.ErrNotSupported
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return nil, err
	}
	var head bytes.Buffer
	head.WriteString("HTTP/1.1 200 OK\r\n")
	w.Header().Write(&head)
	fmt.Fprintf(&head, "Date: %s\r\nConnection: close\r\n\r\n: tenfootd events\n\n", time.Now().UTC().Format(http.TimeFormat))
	conn.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
	if _, err := conn.Write(head.Bytes()); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// streamWriteTimeout bounds each write to a stream: a client that stops reading
// loses its stream rather than hold its goroutine.
const streamWriteTimeout = 10 * time.Second

// pump writes ch's events to conn as server-sent events, and a comment every
// keepAlive, until ch closes, ctx ends or the client goes; then it says farewell
// (appendFarewell) and closes conn. A read that returns tells that the client closed
// its end: it calls cancel.
func (a *api) pump(ctx context.Context, cancel func(), conn net.Conn, kind streamKind, ch <-chan session.Event) {
	defer conn.Close()
	go func() {
		var b [1]byte
		conn.Read(b[:]) // a client sends nothing on a stream: this returns when it goes
		cancel()
	}()
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	var buf []byte
	signedOut := false // the last event written told the device it is signed out
	for {
		buf = buf[:0]
		var ev session.Event
		select {
		case next, ok := <-ch:
			if !ok {
				// The service ended it (revoked, or fell behind and must catch
				// up), or the hub did as ctx ended.
				a.farewell(ctx, conn)
				if signedOut {
					linger(ctx, a.streams.limits.SignedOutLinger)
				}
				return
			}
			ev = next
			buf = appendEvent(buf, ev)
		case <-tick.C:
			buf = append(buf, ": keep-alive\n\n"...)
		case <-ctx.Done():
			a.farewell(ctx, conn)
			return
		}
		conn.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		if _, err := conn.Write(buf); err != nil {
			return
		}
		a.delivered(kind, ev)
		signedOut = kind == deviceStream && ev.Kind == session.EventSignedOut && len(ev.Devices) > 0
	}
}

// linger waits until the client hangs up or ctx ends otherwise, or for d and up to
// as long again. A signed-out device has nothing more to hear, and hangs up
// itself; closing ten thousand connections in the instant a sign-out of all devices
// reaches them took both ends' CPU from the devices still waiting for it, a third
// of the fan-out's time.
func linger(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d + rand.N(d))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// farewell writes to conn what a stream ending as ctx did says, if anything.
func (a *api) farewell(ctx context.Context, conn net.Conn) {
	if last := appendFarewell(nil, ctx); len(last) > 0 {
		conn.SetWriteDeadline(time.Now().Add(streamWriteTimeout))
		conn.Write(last)
	}
}

// delivered counts ev, just written to a stream of kind: the fan-out time of a
// sign-out to a device it signs out. A device's stream names only that device, and
// only in an event that concerns it.
func (a *api) delivered(kind streamKind, ev session.Event) {
	if kind == deviceStream && ev.Kind == session.EventSignedOut && len(ev.Devices) > 0 {
		a.metrics.signedOut(ev.At)
	}
}

// appendEvent appends ev to buf as a server-sent event.
func appendEvent(buf []byte, ev session.Event) []byte {
	buf = append(buf, "id: "...)
	buf = strconv.AppendUint(buf, ev.Seq, 10)
	buf = append(buf, "\nevent: "...)
	buf = append(buf, ev.Kind...)
	buf = append(buf, "\ndata: "...)
	buf = appendEventJSON(buf, ev)
	return append(buf, "\n\n"...)
}

// appendEventJSON appends ev as encoding/json writes it, without its reflection:
// a sign-out of all devices has ten thousand streams encode an event at once. What
// it cannot write as plainly, an unusual kind or a date past year 9999, goes
// through encoding/json.
func appendEventJSON(buf []byte, ev session.Event) []byte {
	if !plainKind(ev.Kind) || ev.At.Year() < 0 || ev.At.Year() > 9999 {
		data, _ := json.Marshal(ev)
		return append(buf, data...)
	}
	buf = append(buf, `{"seq":`...)
	buf = strconv.AppendUint(buf, ev.Seq, 10)
	buf = append(buf, `,"accountId":"`...)
	buf = appendUUID(buf, ev.AccountID)
	buf = append(buf, `","kind":"`...)
	buf = append(buf, ev.Kind...)
	buf = append(buf, '"')
	if len(ev.Devices) > 0 {
		buf = append(buf, `,"devices":[`...)
		for i, d := range ev.Devices {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, '"')
			buf = appendUUID(buf, d)
			buf = append(buf, '"')
		}
		buf = append(buf, ']')
	}
	buf = append(buf, `,"at":"`...)
	buf = ev.At.AppendFormat(buf, time.RFC3339Nano)
	return append(buf, `"}`...)
}

// plainKind reports whether k needs no escaping in JSON, as every kind of event
// the service records does.
func plainKind(k session.EventKind) bool {
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// appendUUID appends id in its canonical text form.
func appendUUID(buf []byte, id uuid.UUID) []byte {
	var text [36]byte
	hex.Encode(text[0:8], id[0:4])
	text[8] = '-'
	hex.Encode(text[9:13], id[4:6])
	text[13] = '-'
	hex.Encode(text[14:18], id[6:8])
	text[18] = '-'
	hex.Encode(text[19:23], id[8:10])
	text[23] = '-'
	hex.Encode(text[24:], id[10:])
	return append(buf, text[:]...)
}

// refuseStream answers a stream that may not open as the API answers its other
// errors, saying when to try again, and closes the connection so that a refused
// client holds no file either.
func (a *api) refuseStream(w http.ResponseWriter, e *streamRefusal) {
	h := w.Header()
	h.Set("Retry-After", retryAfter(e.retryAfter))
	h.Set("Connection", "close")
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(e.status)
	json.NewEncoder(w).Encode(session.WireError{Code: e.code, Message: e.message})
}
