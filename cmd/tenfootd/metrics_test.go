package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// The metrics tenfootd exports, with their types and labels: what dashboards and
// alerts are written against. Go's and the process's own are checked by a few
// names.
var wantMetrics = map[string]struct {
	kind   dto.MetricType
	labels []string
}{
	"tenfootd_http_requests_total":                {dto.MetricType_COUNTER, []string{"code", "route"}},
	"tenfootd_http_request_duration_seconds":      {dto.MetricType_HISTOGRAM, []string{"route"}},
	"tenfootd_event_streams_open":                 {dto.MetricType_GAUGE, []string{"replica"}},
	"tenfootd_event_streams_refused_total":        {dto.MetricType_COUNTER, []string{"reason"}},
	"tenfootd_signout_fanout_seconds":             {dto.MetricType_HISTOGRAM, nil},
	"tenfootd_store_transaction_duration_seconds": {dto.MetricType_HISTOGRAM, []string{"kind"}},
	"tenfootd_store_retries_total":                {dto.MetricType_COUNTER, []string{"kind"}},
	"tenfootd_store_errors_total":                 {dto.MetricType_COUNTER, []string{"error", "kind"}},
	"tenfootd_rate_limited_total":                 {dto.MetricType_COUNTER, []string{"rule"}},
	"tenfootd_device_codes_total":                 {dto.MetricType_COUNTER, []string{"step"}},
	"tenfootd_ready":                              {dto.MetricType_GAUGE, nil},
	"tenfootd_log_lines_dropped_total":            {dto.MetricType_COUNTER, nil},
	"tenfootd_connections_shed_total":             {dto.MetricType_COUNTER, []string{"reason"}},
	"go_goroutines":                               {dto.MetricType_GAUGE, nil},
	"go_memstats_heap_alloc_bytes":                {dto.MetricType_GAUGE, nil},
	"go_gc_duration_seconds":                      {dto.MetricType_SUMMARY, nil},
	"process_cpu_seconds_total":                   {dto.MetricType_COUNTER, nil},
	"process_resident_memory_bytes":               {dto.MetricType_GAUGE, nil},
	"process_open_fds":                            {dto.MetricType_GAUGE, nil},
}

// scrape reads the metrics at url as Prometheus does.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	require.NoError(t, err)
	return families
}

// value returns the value of the counter or gauge of family whose labels are labels,
// or the count of the histogram, or -1 if there is none.
func value(families map[string]*dto.MetricFamily, family string, labels ...string) float64 {
	f := families[family]
	if f == nil {
		return -1
	}
next:
	for _, m := range f.Metric {
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.Label {
				found = found || l.GetName() == labels[i] && l.GetValue() == labels[i+1]
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

// A running tenfootd, scraped as Prometheus does after devices have signed in with
// a password and with codes, listened, guessed, and been signed out of all devices,
// exports each metric by its name, type and labels, counts what happened, and
// labels nothing with a value that names an account, a device, a token or a code.
func TestMetricsScrapeOfARunningTenfootd(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		ctx, stop := context.WithCancel(t.Context())
		defer stop()
		tenfootd := runTenfootd(t, ctx, append(db.flags(db.place(t, t.TempDir())), "-addr", "127.0.0.1:0",
			"-metrics-addr", "127.0.0.1:0", "-replica", "replica-a")...)
		defer func() { stop(); <-tenfootd.done }()
		api := tenfootd.url
		m := regexp.MustCompile(`metrics at (http://\S+/metrics)`).FindStringSubmatch(tenfootd.out.String())
		require.NotNil(t, m, "where the metrics are: %s", tenfootd.out)
		metricsURL := m[1]

		client := session.NewClient(api)
		phone, err := client.SignIn(ctx, session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)
		tv := session.NewDeviceIdentity("Living Room TV", session.DeviceKindTV)
		code, err := client.StartDeviceAuth(ctx, tv)
		require.NoError(t, err)
		require.NoError(t, client.ApproveDeviceAuth(ctx, phone.Token, code.UserCode))
		grant, err := client.PollDeviceAuth(ctx, code.DeviceCode)
		require.NoError(t, err)
		other, err := client.StartDeviceAuth(ctx, session.NewDeviceIdentity("Stranger's TV", session.DeviceKindTV))
		require.NoError(t, err)
		require.NoError(t, client.DenyDeviceAuth(ctx, phone.Token, other.UserCode))
		for range 6 {
			_, err = client.SignIn(ctx, session.NewDeviceIdentity("Guesser", session.DeviceKindPhone), demo.SamEmail, "guess")
		}
		require.ErrorIs(t, err, session.ErrRateLimited)

		events, err := client.Subscribe(ctx, grant.Token, grant.Seq)
		require.NoError(t, err)
		_, err = client.SignOutAll(ctx, phone.Token, session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err)
		for ev := range events {
			if ev.Kind == session.EventSignedOut && ev.Concerns(tv.ID) {
				break
			}
		}

		var families map[string]*dto.MetricFamily
		require.Eventually(t, func() bool {
			families = scrape(t, metricsURL)
			return value(families, "tenfootd_signout_fanout_seconds") == 1
		}, 10*time.Second, 10*time.Millisecond, "the TV's sign-out is timed once it is written to its stream")

		for name, want := range wantMetrics {
			f := families[name]
			if !assert.NotNil(t, f, "%s is exported", name) {
				continue
			}
			assert.Equal(t, want.kind, f.GetType(), name)
			assert.NotEmpty(t, f.GetHelp(), name)
			for _, m := range f.Metric {
				var labels []string
				for _, l := range m.Label {
					labels = append(labels, l.GetName())
					assert.False(t, unbounded(l.GetValue()), "%s{%s=%q} names something of which there are many", name, l.GetName(), l.GetValue())
				}
				assert.Equal(t, want.labels, labels, name)
			}
		}
		for name := range families {
			if regexp.MustCompile(`^tenfootd_`).MatchString(name) {
				_, ok := wantMetrics[name]
				assert.True(t, ok, "%s is in the table of wantMetrics, and in the README", name)
			}
		}
		for _, m := range families["tenfootd_http_requests_total"].Metric {
			for _, l := range m.Label {
				if l.GetName() == "route" {
					assert.Regexp(t, `^(unmatched|(GET|POST|DELETE|PUT) /\S*)$`, l.GetValue(), "a route is a pattern")
				}
			}
		}

		assert.Equal(t, 1.0, value(families, "tenfootd_http_requests_total", "route", "POST /api/v1/signout-all", "code", "200"))
		assert.Equal(t, 1.0, value(families, "tenfootd_http_requests_total", "route", "POST /api/v1/device/approve", "code", "200"))
		assert.GreaterOrEqual(t, value(families, "tenfootd_http_request_duration_seconds", "route", "POST /api/v1/signin"), 7.0)
		assert.Equal(t, 2.0, value(families, "tenfootd_device_codes_total", "step", "issued"))
		assert.Equal(t, 1.0, value(families, "tenfootd_device_codes_total", "step", "approved"))
		assert.Equal(t, 1.0, value(families, "tenfootd_device_codes_total", "step", "denied"))
		assert.Equal(t, 1.0, value(families, "tenfootd_device_codes_total", "step", "signed_in"))
		assert.Equal(t, 0.0, value(families, "tenfootd_device_codes_total", "step", "expired"))
		assert.GreaterOrEqual(t, value(families, "tenfootd_rate_limited_total", "rule", "signin"), 1.0)
		assert.Equal(t, 0.0, value(families, "tenfootd_rate_limited_total", "rule", "address"))
		assert.Equal(t, 1.0, value(families, "tenfootd_ready"))
		assert.GreaterOrEqual(t, value(families, "tenfootd_event_streams_open", "replica", "replica-a"), 0.0)
		assert.Greater(t, value(families, "tenfootd_store_transaction_duration_seconds", "kind", "write"), 0.0)
		assert.Greater(t, value(families, "tenfootd_store_transaction_duration_seconds", "kind", "read"), 0.0)
		assert.Equal(t, 0.0, value(families, "tenfootd_store_errors_total", "kind", "write", "error", "failed"))
		assert.Equal(t, 0.0, value(families, "tenfootd_log_lines_dropped_total"))
		assert.Equal(t, 0.0, value(families, "tenfootd_connections_shed_total", "reason", "busy"))

		resp, err := http.Get(api + "/metrics")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, "with -metrics-addr, the API serves no metrics")
	})
}

// unbounded reports whether a label value looks like one of many: a UUID, a token,
// a user code, or a path with an ID in it.
func unbounded(v string) bool {
	return regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-|[A-Za-z0-9_-]{32,}|^[A-Z]{4}-[A-Z]{4}$`).MatchString(v)
}

// Without -metrics-addr, /metrics is served beside the API; the probes always are.
func TestMetricsAndProbesOnTheAPIAddress(t *testing.T) {
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), MetricsOnAPI: true}))
	defer srv.Close()
	families := scrape(t, srv.URL+"/metrics")
	assert.Contains(t, families, "tenfootd_ready", "the first scrape, which is counted once answered")
	for _, probe := range []string{"/livez", "/readyz"} {
		resp, err := http.Get(srv.URL + probe)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusOK, resp.StatusCode, probe)
		assert.Equal(t, "ok\n", string(b), probe)
	}
	families = scrape(t, srv.URL+"/metrics")
	assert.Equal(t, 1.0, value(families, "tenfootd_http_requests_total", "route", "GET /readyz", "code", "200"))
	assert.True(t, slices.ContainsFunc(families["tenfootd_http_requests_total"].Metric, func(m *dto.Metric) bool {
		return m.Label[0].GetValue() == "200" && m.Label[1].GetValue() == "GET /metrics"
	}), "scrapes are counted too")
}

// The README's table of metrics names each metric tenfootd exports, with its type
// and labels, and no other: operators write dashboards from it.
func TestREADMEListsEveryMetric(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	rows := regexp.MustCompile("(?m)^\\| `(tenfootd_\\w+)` \\| (\\w+) \\|([^|]*)\\|").FindAllStringSubmatch(string(readme), -1)
	listed := map[string]bool{}
	for _, row := range rows {
		name, kind, labels := row[1], row[2], row[3]
		listed[name] = true
		want, ok := wantMetrics[name]
		if !assert.True(t, ok, "the README lists %s, which tenfootd does not export", name) {
			continue
		}
		assert.Equal(t, strings.ToLower(want.kind.String()), kind, name)
		for _, l := range want.labels {
			assert.Contains(t, labels, "`"+l+"`", "%s's labels", name)
		}
	}
	for name := range wantMetrics {
		if strings.HasPrefix(name, "tenfootd_") {
			assert.True(t, listed[name], "the README's table lists %s", name)
		}
	}
}
