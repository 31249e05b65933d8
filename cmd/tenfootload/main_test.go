package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session/sqlstore/pgtest"
)

func TestSignOutReachesEveryDevice(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts tenfootd, and signs 50 devices in")
	}
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-devices", "50", "-json", "-timeout", "2m"}, &stdout, &stderr)
	require.NoError(t, err, "log:\n%s", stderr.String())
	var r signOutReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r), stdout.String())
	assert.Equal(t, 50, r.Devices)
	assert.Equal(t, 50, r.Online, "every stream was open before the confirm")
	assert.Equal(t, 50, r.Pending, "and every device was told it is being signed out")
	assert.Equal(t, []int{50}, r.PendingByReplica)
	assert.GreaterOrEqual(t, r.ServedMs, 0.0, "tenfootd's log says how long it took to serve the confirm")
	assert.Equal(t, 50, r.Reached)
	assert.Zero(t, r.Missed)
	assert.Positive(t, r.P50)
	assert.LessOrEqual(t, r.P50, r.P99)
	assert.LessOrEqual(t, r.P99, r.Max)
	assert.Less(t, r.P99, 1000.0)
}

func TestSignOutReachesEveryDeviceOnReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts three tenfootds, and signs 60 devices in")
	}
	database := pgtest.ServerURL(t)
	profiles := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-devices", "60", "-database", database, "-replicas", "3", "-json", "-timeout", "2m",
		"-tenfootd-profiles", profiles}, &stdout, &stderr)
	require.NoError(t, err, "log:\n%s", stderr.String())
	var r signOutReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r), stdout.String())
	assert.Equal(t, 3, r.Replicas)
	assert.Equal(t, 60, r.Devices)
	assert.Equal(t, 60, r.Online, "the first replica serves a third of the streams, and sees the others'")
	assert.Equal(t, 60, r.Pending)
	assert.Equal(t, []int{20, 20, 20}, r.PendingByReplica, "the first replica answers for the devices listening on each")
	assert.Equal(t, 60, r.Reached, "devices on every replica heard it")
	assert.Zero(t, r.Missed)
	for i := 1; i <= 3; i++ {
		data, err := os.ReadFile(filepath.Join(profiles, fmt.Sprintf("tenfootd-%d.pprof", i)))
		require.NoError(t, err, "each replica's profile of the sign-out")
		assert.True(t, bytes.HasPrefix(data, []byte{0x1f, 0x8b}), "a pprof profile, gzipped: % x", data[:min(len(data), 16)])
	}
}

func TestHoldReportsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts tenfootd, and signs 20 devices in")
	}
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-mode", "hold", "-hold-devices", "20", "-hold-for", "200ms", "-json"}, &stdout, &stderr)
	require.NoError(t, err, "log:\n%s", stderr.String())
	var r holdReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r), stdout.String())
	assert.Equal(t, 20, r.Connected)
	assert.Equal(t, 20, r.StillOpen)
	require.NotNil(t, r.RSS, "this run started tenfootd, so it can read its memory")
	assert.Positive(t, r.RSS.Start)
	assert.Positive(t, r.RSS.Held)
}

// Two replicas on one PostgreSQL hold 30 streams at once, each replica's held by a
// load process of its own.
func TestHoldOnReplicasReportsEachOnesMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts two tenfootds and two load processes, and signs 30 devices in")
	}
	database := pgtest.ServerURL(t)
	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{"-mode", "hold", "-hold-devices", "31", "-hold-for", "3s", "-database", database,
		"-replicas", "2", "-json", "-timeout", "2m"}, &stdout, &stderr)
	require.NoError(t, err, "log:\n%s", stderr.String())
	var r replicasHoldReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &r), stdout.String())
	assert.Equal(t, 2, r.Replicas)
	assert.Equal(t, 31, r.Connected)
	assert.Equal(t, 31, r.StillOpen)
	require.Len(t, r.RSS, 2)
	assert.Equal(t, []int{16, 15}, []int{r.RSS[0].Streams, r.RSS[1].Streams}, "the devices are spread over the replicas")
	for _, m := range r.RSS {
		assert.Positive(t, m.Start)
		assert.Positive(t, m.Held)
	}
	assert.Contains(t, stderr.String(), "[load 2] tenfootload: holding 15 streams", "each load process's log is passed on")
}

// TestMain runs tenfootload's main in the load processes that a hold over replicas
// starts from the tests' binary.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestPercentile(t *testing.T) {
	ms := func(n ...int) []time.Duration {
		var d []time.Duration
		for _, v := range n {
			d = append(d, time.Duration(v)*time.Millisecond)
		}
		return d
	}
	assert.Zero(t, percentile(nil, 0.5))
	assert.Equal(t, 7*time.Millisecond, percentile(ms(7), 0.99))
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	assert.Equal(t, 50*time.Millisecond, percentile(ms(hundred...), 0.50))
	assert.Equal(t, 99*time.Millisecond, percentile(ms(hundred...), 0.99))
	assert.Equal(t, 100*time.Millisecond, percentile(ms(hundred...), 1))
}

func TestFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-server", "http://192.0.2.1:8080"},
		{"-server", "http://example.com"},
		{"-server", "ftp://127.0.0.1"},
		{"-mode", "soak"},
		{"-devices", "0"},
		{"-timeout", "0s"},
		{"extra"},
		{"-replicas", "3"},
		{"-replicas", "0"},
		{"-mode", "hold", "-replicas", "2"},
		{"-mode", "hold", "-replicas", "3", "-hold-devices", "2", "-database", "postgres://127.0.0.1/tenfoot"},
		{"-server", "http://127.0.0.1:8080", "-database", "postgres://127.0.0.1/tenfoot"},
		{"-server", "http://127.0.0.1:8080", "-tenfootd-profiles", "profiles"},
		{"-mode", "hold", "-tenfootd-profiles", "profiles"},
	} {
		_, err := parseFlags(args, &bytes.Buffer{})
		assert.Error(t, err, "%q", args)
	}
	_, err := parseFlags([]string{"-mode", "hold", "-replicas", "2", "-database", "postgres://127.0.0.1/tenfoot"}, &bytes.Buffer{})
	assert.NoError(t, err, "a hold over replicas")
	for _, server := range []string{"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]:8080"} {
		_, err := parseFlags([]string{"-server", server}, &bytes.Buffer{})
		assert.NoError(t, err, server)
	}
}
