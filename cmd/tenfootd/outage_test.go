package main

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
)

// Two replicas serve devices that sign in, check their session and sign out, again
// and again, while PostgreSQL's backends for the replicas are killed, time after
// time: every request rides it out, and no device sees an error.
func TestDevicesRideOutKilledBackends(t *testing.T) {
	database := pgtest.SchemaURL(t, "killed")
	replicas := startReplicas(t, database, 2, "-limit-per-address", "1000000")
	killer := pgtest.Open(t, pgtest.ServerURL(t))

	const (
		devices = 12
		kills   = 20 // rounds of kills that ended at least one backend
	)
	var requests, failures atomic.Int64
	var errs sync.Map // first error of each kind, to show
	done := make(chan struct{})
	var load sync.WaitGroup
	for i := range devices {
		client := session.NewClient(replicas[i%len(replicas)].url)
		device := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
		load.Go(func() {
			count := func(err error) bool {
				requests.Add(1)
				if err != nil {
					failures.Add(1)
					errs.LoadOrStore(err.Error(), true)
				}
				return err == nil
			}
			for {
				select {
				case <-done:
					return
				default:
				}
				g, err := client.SignIn(t.Context(), device, demo.AnaEmail, demo.AnaPassword)
				if !count(err) {
					continue
				}
				_, err = client.Check(t.Context(), g.Token)
				count(err)
				count(client.SignOut(t.Context(), g.Token))
			}
		})
	}

	ended := 0
	for round := 0; round < kills; {
		var n int
		require.NoError(t, killer.QueryRowContext(t.Context(),
			`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name LIKE 'replica%' AND pid <> pg_backend_pid()`).Scan(&n))
		if n > 0 {
			round++
			ended += n
		}
		// Each round of kills is a restart of its own: the replicas connect again
		// and serve each device about once before the next.
		before := requests.Load()
		require.Eventually(t, func() bool { return requests.Load() >= before+2*devices },
			30*time.Second, time.Millisecond, "the devices go on being served")
	}
	close(done)
	load.Wait()

	t.Logf("%d requests, %d failed, while %d rounds of kills ended %d backends", requests.Load(), failures.Load(), kills, ended)
	errs.Range(func(k, _ any) bool { t.Errorf("a device saw: %v", k); return true })
	if !assert.Zero(t, failures.Load(), "no device saw an error") {
		for _, r := range replicas {
			for _, line := range strings.Split(r.log.String(), "\n") {
				if strings.Contains(line, `"level":"WARN"`) || strings.Contains(line, `"level":"ERROR"`) {
					t.Logf("%s: %s", r.name, line)
				}
			}
		}
	}
	assert.GreaterOrEqual(t, ended, kills, "backends were ended")
}

// pgCtl runs pg_ctl with command (stop, start) on the test's PostgreSQL, or skips
// the test if there is none to control.
func pgCtl(t *testing.T, command ...string) {
	t.Helper()
	ctl := os.Getenv("TENFOOT_TEST_PG_CTL")
	if ctl == "" {
		t.Skip("TENFOOT_TEST_PG_CTL is not set: scripts/with-postgres.sh sets it")
	}
	args := append(strings.Fields(ctl), command...)
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	require.NoError(t, err, "pg_ctl %s: %s", strings.Join(command, " "), out)
}

// PostgreSQL stops: tenfootd answers 503 with Retry-After, devices say they are
// offline and keep what they have, a sign-out waits in the device's outbox; once
// PostgreSQL is back, everything works again and nothing is lost.
func TestDatabaseDownIsOfflineThenBack(t *testing.T) {
	database := pgtest.SchemaURL(t, "down")
	replicas := startReplicas(t, database, 1)
	client := session.NewClient(replicas[0].url)
	phone, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone),
		demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	tv := signedInRemote(t, replicas[0].url, "TV")
	stick := signedInRemote(t, replicas[0].url, "Stick")

	pgCtl(t, "stop", "-m", "fast")
	stopped := true
	t.Cleanup(func() { // for the tests after this one, if it fails midway
		if stopped {
			pgCtl(t, "start")
		}
	})

	req, err := http.NewRequestWithContext(t.Context(), "GET", replicas[0].url+session.APIPrefix+"/session", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+phone.Token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	assert.Equal(t, "3", resp.Header.Get("Retry-After"))
	_, err = client.Check(t.Context(), phone.Token)
	assert.ErrorIs(t, err, session.ErrOffline, "a client hears that the service cannot be reached")

	assert.ErrorIs(t, tv.Refresh(t.Context()), session.ErrOffline, "so does the TV")
	_, signedIn := tv.Account()
	assert.True(t, signedIn, "and it stays signed in")
	plan, err := stick.Plan()
	require.NoError(t, err)
	res, err := stick.Confirm(t.Context(), plan)
	require.NoError(t, err)
	assert.False(t, res.Confirmed, "the stick is wiped; its revocation waits in the outbox")
	assert.Equal(t, 1, stick.PendingRevocations())

	pgCtl(t, "start")
	stopped = false
	require.Eventually(t, func() bool { return tv.Refresh(t.Context()) == nil },
		30*time.Second, 50*time.Millisecond, "the TV is served again")
	_, signedIn = tv.Account()
	assert.True(t, signedIn, "its session outlived the stop")
	require.Eventually(t, func() bool { return stick.Flush(t.Context()) == 0 },
		30*time.Second, 50*time.Millisecond, "the stick's revocation is delivered")
	listed, err := client.Devices(t.Context(), phone.Token)
	require.NoError(t, err)
	names := map[string]bool{}
	for _, d := range listed {
		names[d.Name] = true
	}
	assert.True(t, names["TV"] && names["Phone"], "the sessions signed in before the stop are there: %v", names)
	assert.False(t, names["Stick"], "the stick's session ended")
}
