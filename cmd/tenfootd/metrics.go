package main

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"tenfoot/session"
	"tenfoot/session/sqlstore"
)

// metrics are what tenfootd tells Prometheus, at /metrics. Every label has a few
// values known in advance: routes as registered, status codes, rules, steps and
// outcomes; never an account, a token, a device or a code. The children of each
// label set are resolved once, so that counting on a hot path (an event written to
// one of ten thousand streams, a transaction) is an atomic add, with nothing
// allocated and no lock taken.
type metrics struct {
	registry *prometheus.Registry

	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	routes   sync.Map // route pattern -> *routeMetrics

	streamsOpen    prometheus.Gauge
	streamsRefused map[string]prometheus.Counter // by why: per_address, total, not_ready
	signOutFanOut  prometheus.Histogram
	connsShed      map[string]prometheus.Counter // by reason: idle, busy

	txSeconds [2]prometheus.Observer // by read, write
	txRetries [2]prometheus.Counter
	txErrors  [2][]prometheus.Counter // by kind, then by sqlstore.TxOutcome; nil for no failure

	rateLimited map[string]prometheus.Counter // by rule
	serviceRule []prometheus.Counter          // by session.RateLimitRule
	deviceCodes []prometheus.Counter          // by session.DeviceCodeStep
	ready       prometheus.Gauge
}

// The rules of tenfootd's own limits, as the rule label names them beside the
// service's (session.RateLimitRule).
const (
	ruleAddress           = "address"
	ruleAddressCheap      = "address_cheap"
	ruleStreamsPerAddress = "streams_per_address"
	ruleStreamsTotal      = "streams_total"
	// ruleStreamOpensPerSession: a session opening streams too often
	// (streamOpensPerSession).
	ruleStreamOpensPerSession = "stream_opens_per_session"
)

// Why a new event stream was refused, as the reason label names it.
const (
	refusedPerAddress = "per_address"
	refusedTotal      = "total"
	refusedNotReady   = "not_ready"
	// refusedOpensPerSession: the session opened too many streams within the
	// last streamOpensWindow.
	refusedOpensPerSession = "opens_per_session"
)

// Why a connection was shed at the cap on connections (connGate), as the reason
// label names it: an idle one closed for a new one, or a new one refused because
// every one was busy.
const (
	shedIdle = "idle"
	shedBusy = "busy"
)

// routeUnmatched is the route label of a request no route matched (404 or 405).
const routeUnmatched = "unmatched"

// routeMetrics are one route's children, resolved on its first request.
type routeMetrics struct {
	latency prometheus.Observer
	mu      sync.Mutex
	codes   map[int]prometheus.Counter
}

// newMetrics registers tenfootd's metrics, with Go's runtime and the process's, in a
// registry of their own, so that every server a test builds counts apart. replica
// names this replica in the label of the streams it holds.
func newMetrics(replica string) *metrics {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	f := factory{reg}
	m := &metrics{
		registry: reg,
		requests: f.counterVec("tenfootd_http_requests_total",
			"HTTP requests answered, by route (the pattern that matched, such as \"POST /api/v1/devices/{id}/signout\") and status code.", "route", "code"),
		latency: f.histogramVec("tenfootd_http_request_duration_seconds",
			"Time to answer an HTTP request, by route; for an event stream, the time to open it.", prometheus.DefBuckets, "route"),
		streamsOpen: f.gaugeVec("tenfootd_event_streams_open",
			"Event streams this replica holds open now.", "replica").WithLabelValues(replica),
		signOutFanOut: f.histogram("tenfootd_signout_fanout_seconds",
			"Time from a sign-out's commit (of all devices, or of one) to its event written on the stream of each device it signs out, on this replica.",
			prometheus.ExponentialBuckets(0.001, 2, 15)),
		ready: f.gauge("tenfootd_ready", "1 while this replica is ready for new event streams (as /readyz), else 0."),
	}

	refused := f.counterVec("tenfootd_event_streams_refused_total",
		"New event streams refused, by reason: per_address and total are the caps, opens_per_session a session opening streams too often, not_ready a replica that is not ready or is shutting down.", "reason")
	m.streamsRefused = map[string]prometheus.Counter{}
	for _, why := range []string{refusedPerAddress, refusedTotal, refusedOpensPerSession, refusedNotReady} {
		m.streamsRefused[why] = refused.WithLabelValues(why)
	}

	shed := f.counterVec("tenfootd_connections_shed_total",
		"Connections shed at the cap on connections that serve requests, by reason: idle (a keep-alive connection idle longest, closed for a new one), busy (a new one answered 503, every one being busy).", "reason")
	m.connsShed = map[string]prometheus.Counter{}
	for _, why := range []string{shedIdle, shedBusy} {
		m.connsShed[why] = shed.WithLabelValues(why)
	}

	limited := f.counterVec("tenfootd_rate_limited_total",
		"Requests refused by a limit, by rule: address and address_cheap per client address, signin (passwords and PINs), code_guess (codes typed to approve), device_poll (slow_down), streams_per_address, streams_total and stream_opens_per_session.", "rule")
	m.rateLimited = map[string]prometheus.Counter{}
	for _, rule := range []string{ruleAddress, ruleAddressCheap, ruleStreamsPerAddress, ruleStreamsTotal, ruleStreamOpensPerSession} {
		m.rateLimited[rule] = limited.WithLabelValues(rule)
	}
	for _, rule := range session.RateLimitRules {
		c := limited.WithLabelValues(rule.String())
		m.rateLimited[rule.String()] = c
		m.serviceRule = append(m.serviceRule, c)
	}

	codes := f.counterVec("tenfootd_device_codes_total",
		"Sign-ins with a code shown on a TV (RFC 8628), by step: issued, approved, denied, signed_in, expired.", "step")
	for _, step := range session.DeviceCodeSteps {
		m.deviceCodes = append(m.deviceCodes, codes.WithLabelValues(step.String()))
	}

	txSeconds := f.histogramVec("tenfootd_store_transaction_duration_seconds",
		"Time a store transaction took, its runs again included, by kind: read (a View) or write (an Update).",
		prometheus.ExponentialBuckets(0.0002, 2, 15), "kind")
	txRetries := f.counterVec("tenfootd_store_retries_total",
		"Store transactions run again after their database connection was lost, by kind.", "kind")
	txErrors := f.counterVec("tenfootd_store_errors_total",
		"Store transactions that failed, by kind and error: canceled (whoever asked went away), unavailable (the database could not be reached, after retries), failed (the database refused a statement or the commit).", "kind", "error")
	for i, kind := range []string{"read", "write"} {
		m.txSeconds[i] = txSeconds.WithLabelValues(kind)
		m.txRetries[i] = txRetries.WithLabelValues(kind)
		m.txErrors[i] = make([]prometheus.Counter, len(sqlstore.TxOutcomes))
		for _, o := range []sqlstore.TxOutcome{sqlstore.TxCanceled, sqlstore.TxUnavailable, sqlstore.TxFailed} {
			m.txErrors[i][o] = txErrors.WithLabelValues(kind, o.String())
		}
	}
	return m
}

// factory registers metrics in one registry.
type factory struct{ reg *prometheus.Registry }

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) counterFunc(name, help string, value func() float64) {
	f.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, value))
}

func (f factory) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	f.reg.MustRegister(g)
	return g
}

func (f factory) gaugeVec(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(g)
	return g
}

func (f factory) histogram(name, help string, buckets []float64) prometheus.Histogram {
	h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets})
	f.reg.MustRegister(h)
	return h
}

func (f factory) histogramVec(name, help string, buckets []float64, labels ...string) *prometheus.HistogramVec {
	h := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: name, Help: help, Buckets: buckets}, labels)
	f.reg.MustRegister(h)
	return h
}

// handler serves the metrics in Prometheus's text format (or OpenMetrics, if asked).
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{EnableOpenMetrics: true})
}

// countDroppedLogLines exports dropped, the log lines dropped so far because
// standard error did not take them (logWriter), as a counter.
func (m *metrics) countDroppedLogLines(dropped func() uint64) {
	factory{m.registry}.counterFunc("tenfootd_log_lines_dropped_total",
		"Log lines dropped because standard error did not take them: its reader stalled (past 1 MiB held) or went away.",
		func() float64 { return float64(dropped()) })
}

// request counts a request that route answered with status after took.
func (m *metrics) request(route string, status int, took time.Duration) {
	if route == "" {
		route = routeUnmatched
	}
	rm, ok := m.routes.Load(route)
	if !ok {
		rm, _ = m.routes.LoadOrStore(route, &routeMetrics{latency: m.latency.WithLabelValues(route), codes: map[int]prometheus.Counter{}})
	}
	r := rm.(*routeMetrics)
	r.latency.Observe(took.Seconds())
	r.mu.Lock()
	c := r.codes[status]
	if c == nil {
		c = m.requests.WithLabelValues(route, strconv.Itoa(status))
		r.codes[status] = c
	}
	r.mu.Unlock()
	c.Inc()
}

// signedOut records the time from the commit of a sign-out at to its event written on
// a device's stream now. An event from a replica whose clock is ahead counts as 0.
func (m *metrics) signedOut(at time.Time) {
	m.signOutFanOut.Observe(max(0, time.Since(at).Seconds()))
}

// DeviceCode implements session.Observer.
func (m *metrics) DeviceCode(step session.DeviceCodeStep) {
	if int(step) < len(m.deviceCodes) {
		m.deviceCodes[step].Inc()
	}
}

// RateLimited implements session.Observer.
func (m *metrics) RateLimited(rule session.RateLimitRule) {
	if int(rule) < len(m.serviceRule) {
		m.serviceRule[rule].Inc()
	}
}

// limited counts a refusal by one of tenfootd's own rules.
func (m *metrics) limited(rule string) { m.rateLimited[rule].Inc() }

// Transaction implements sqlstore.Observer.
func (m *metrics) Transaction(r sqlstore.TxReport) {
	kind := 0
	if r.Write {
		kind = 1
	}
	m.txSeconds[kind].Observe(r.Took.Seconds())
	if r.Retries > 0 {
		m.txRetries[kind].Add(float64(r.Retries))
	}
	if int(r.Outcome) < len(m.txErrors[kind]) {
		if c := m.txErrors[kind][r.Outcome]; c != nil {
			c.Inc()
		}
	}
}
