package main

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
	"tenfoot/session/sqlstore"
	"tenfoot/session/sqlstore/pgtest"
)

// replica is one tenfootd of several sharing one PostgreSQL.
type replica struct {
	name string // its application_name in PostgreSQL
	url  string
	log  *testkit.Buffer
}

// startReplicas starts n tenfootd replicas at once on the PostgreSQL at database, each
// serving on a port of its own on loopback until t ends, with flags added to each.
func startReplicas(t *testing.T, database string, n int, flags ...string) []replica {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	var running sync.WaitGroup
	t.Cleanup(func() { stop(); running.Wait() })
	replicas := make([]replica, n)
	outs := make([]*testkit.Buffer, n)
	for i := range replicas {
		u, err := url.Parse(database)
		require.NoError(t, err)
		q := u.Query()
		q.Set("application_name", fmt.Sprint("replica", i))
		u.RawQuery = q.Encode()
		replicas[i] = replica{name: q.Get("application_name"), log: &testkit.Buffer{}}
		outs[i] = &testkit.Buffer{}
		args := append([]string{"-addr", "127.0.0.1:0", "-web", t.TempDir(), "-password-cost", "4", "-database", u.String()}, flags...)
		running.Go(func() {
			if err := run(ctx, args, func(string) string { return "" }, outs[i], replicas[i].log); err != nil {
				t.Errorf("%s: %v", replicas[i].name, err)
			}
		})
	}
	for i := range replicas {
		require.Eventually(t, func() bool {
			m := regexp.MustCompile(`serving (http://\S+)/`).FindStringSubmatch(outs[i].String())
			if m != nil {
				replicas[i].url = m[1]
			}
			return m != nil
		}, 20*time.Second, 10*time.Millisecond, "%s serves: %s", replicas[i].name, replicas[i].log)
	}
	seeded := 0
	for _, r := range replicas {
		seeded += strings.Count(r.log.String(), "seeded the demo household")
	}
	require.Equal(t, 1, seeded, "the replicas started at once, and one of them created and seeded the database")
	return replicas
}

// heard is what one device heard over its event streams, opened again from the last
// event heard whenever one ends before the device's own sign-out.
type heard struct {
	seqs      []uint64
	signedOut int // sign-outs of this device heard
	streams   int
}

// listenUntilSignedOut follows device's events on the replica at base, as a device
// does with Last-Event-ID, until it hears its own sign-out or ctx ends.
func listenUntilSignedOut(ctx context.Context, base, token string, device uuid.UUID, after uint64, opened chan<- struct{}) heard {
	var h heard
	client := session.NewClient(base)
	for ctx.Err() == nil && h.signedOut == 0 {
		ch, err := client.Subscribe(ctx, token, after)
		if err != nil {
			if errors.Is(err, session.ErrRevoked) {
				return h // told by the refusal instead; the test counts it as unheard
			}
			time.Sleep(50 * time.Millisecond)
			continue
		}
		if h.streams++; h.streams == 1 {
			opened <- struct{}{}
		}
		for ev := range ch {
			h.seqs = append(h.seqs, ev.Seq)
			after = ev.Seq
			if ev.Kind == session.EventSignedOut && ev.Concerns(device) {
				h.signedOut++
			}
		}
	}
	return h
}

// Three replicas on one PostgreSQL, devices listening on each: a sign-out of all
// devices made on one replica reaches every device on every replica, each once,
// even when a replica's listening connection is cut just before it or PostgreSQL
// restarts around it. The events table is the truth; a lost notification only
// delays a replica until it has listened again and caught up. The replica that
// signs out sees which devices listen on the others: it reports them as being
// signed out, not as offline, and a device whose stream closed as offline.
func TestReplicasSignOutReachesEveryDevice(t *testing.T) {
	cuts := []struct {
		name string
		cut  func(t *testing.T, database string, replicas []replica)
	}{
		{"nothing cut", func(*testing.T, string, []replica) {}},
		{"a replica's listening connection killed", func(t *testing.T, database string, replicas []replica) {
			var killed int
			db := pgtest.Open(t, database)
			require.NoError(t, db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`,
				replicas[1].name+" listen").Scan(&killed))
			require.Equal(t, 1, killed, "replica1 holds one listening connection")
			require.Eventually(t, func() bool { return strings.Contains(replicas[1].log.String(), "database notifications lost") },
				10*time.Second, 10*time.Millisecond, "replica1 noticed")
		}},
		{"PostgreSQL restarted", func(t *testing.T, _ string, _ []replica) {
			pgCtl(t, "restart", "-m", "fast")
		}},
	}
	for _, tt := range cuts {
		t.Run(tt.name, func(t *testing.T) {
			database := pgtest.SchemaURL(t, "replicas")
			replicas := startReplicas(t, database, 3)
			const devices = 12
			phone, err := session.NewClient(replicas[0].url).SignIn(t.Context(),
				session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
			require.NoError(t, err)

			ctx, stop := context.WithTimeout(t.Context(), 60*time.Second)
			defer stop()
			results := make([]heard, devices)
			ids := make([]uuid.UUID, devices)
			opened := make(chan struct{}, devices)
			var listening sync.WaitGroup
			for i := range devices {
				r := replicas[i%len(replicas)]
				tv := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
				ids[i] = tv.ID
				g, err := session.NewClient(r.url).SignIn(t.Context(), tv, demo.AnaEmail, demo.AnaPassword)
				require.NoError(t, err)
				listening.Go(func() { results[i] = listenUntilSignedOut(ctx, r.url, g.Token, ids[i], g.Seq, opened) })
			}
			for range devices {
				<-opened
			}
			first := session.NewClient(replicas[0].url)
			assert.Len(t, onlineOn(t, first, phone.Token), devices, "every TV listed online on replica0, wherever it listens")

			// A TV that listened on replica2 and stopped is offline again once
			// replica2 has cleared its mark.
			closed, err := session.NewClient(replicas[2].url).SignIn(t.Context(),
				session.NewDeviceIdentity("Closed TV", session.DeviceKindTV), demo.AnaEmail, demo.AnaPassword)
			require.NoError(t, err)
			closing, stopClosed := context.WithCancel(t.Context())
			_, err = session.NewClient(replicas[2].url).Subscribe(closing, closed.Token, closed.Seq)
			require.NoError(t, err)
			assert.True(t, onlineOn(t, first, phone.Token)["Closed TV"], "marked before its stream was answered")
			stopClosed()
			require.Eventually(t, func() bool { return !onlineOn(t, first, phone.Token)["Closed TV"] },
				10*time.Second, 10*time.Millisecond, "replica2 cleared its mark when the stream closed")

			tt.cut(t, database, replicas)
			var res session.SignOutAllResult
			require.Eventually(t, func() bool { // PostgreSQL may still be starting
				res, err = session.NewClient(replicas[0].url).SignOutAll(t.Context(), phone.Token, session.Proof{Password: demo.AnaPassword})
				return err == nil
			}, 30*time.Second, 100*time.Millisecond, "sign out of all devices: %v", err)
			assert.Len(t, res.Devices, devices+5, "the TVs, the closed one, the phone and the demo's three")
			states := map[string]session.SignOutState{}
			for _, d := range res.Devices {
				states[d.Device.Name] = d.State
			}
			for i := range devices {
				assert.Equal(t, session.SignOutPending, states[fmt.Sprint("TV ", i)], "TV %d, listening on %s", i, replicas[i%len(replicas)].name)
			}
			assert.Equal(t, session.SignOutOffline, states["Closed TV"])
			assert.Equal(t, session.SignOutOffline, states["Phone"], "the phone never listened")

			// The ticket is in the database: the phone may follow from any replica,
			// once it is ready again (listening, after PostgreSQL restarted).
			var watch <-chan session.Event
			require.Eventually(t, func() bool {
				watch, err = session.NewClient(replicas[2].url).WatchSignOut(ctx, res.Watch)
				return err == nil
			}, 30*time.Second, 50*time.Millisecond, "watch: %v", err)
			ev := <-watch
			assert.Equal(t, session.EventSignedOut, ev.Kind)
			assert.Len(t, ev.Devices, devices+5)

			listening.Wait()
			require.NoError(t, ctx.Err(), "every device heard its sign-out before the deadline")
			for i, h := range results {
				assert.Equal(t, 1, h.signedOut, "TV %d on %s heard its sign-out once", i, replicas[i%len(replicas)].name)
				for j := 1; j < len(h.seqs); j++ {
					assert.Less(t, h.seqs[j-1], h.seqs[j], "TV %d heard no event twice", i)
				}
			}
		})
	}
}

// onlineOn returns the devices the replica at client lists as online to token's
// account, by name.
func onlineOn(t *testing.T, client *session.Client, token string) map[string]bool {
	t.Helper()
	listed, err := client.Devices(t.Context(), token)
	require.NoError(t, err)
	out := map[string]bool{}
	for _, d := range listed {
		if d.Online {
			out[d.Name] = true
		}
	}
	return out
}

// A replica that dies cannot clear its marks: the devices that listened there stay
// listed online on the others until PresenceTTL after its last heartbeat, and then
// are offline, whatever the others' own heartbeats. Both replicas run on one clock
// that the test moves.
func TestDeadReplicasDevicesGoOfflineAfterTheTTL(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		place := db.place(t, t.TempDir())
		clock := testkit.NewClock(time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC))
		replica := func() (*session.Embedded, *sqlstore.Store, *httptest.Server) {
			store := db.open(t, place)
			svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, Clock: clock, PasswordCost: 4, SharePresence: true})
			require.NoError(t, err)
			srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc}))
			t.Cleanup(srv.Close)
			return svc, store, srv
		}
		alive, _, aliveSrv := replica()
		require.NoError(t, demo.Seed(alive))
		_, dyingStore, dyingSrv := replica()
		phone, err := session.NewClient(aliveSrv.URL).SignIn(t.Context(),
			session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)
		tv, err := session.NewClient(dyingSrv.URL).SignIn(t.Context(),
			session.NewDeviceIdentity("TV", session.DeviceKindTV), demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)
		_, err = session.NewClient(dyingSrv.URL).Subscribe(t.Context(), tv.Token, tv.Seq)
		require.NoError(t, err)
		first := session.NewClient(aliveSrv.URL)
		assert.True(t, onlineOn(t, first, phone.Token)["TV"], "listening on the other replica")

		// The replica dies: its database and its streams go without a word.
		dyingStore.Close()
		dyingSrv.CloseClientConnections()
		clock.Advance(session.PresenceTTL - time.Second)
		require.NoError(t, alive.Heartbeat(t.Context()))
		assert.True(t, onlineOn(t, first, phone.Token)["TV"], "its last heartbeat is not stale yet")
		clock.Advance(time.Second)
		require.NoError(t, alive.Heartbeat(t.Context()))
		assert.False(t, onlineOn(t, first, phone.Token)["TV"], "stale: another replica's heartbeat keeps only its own marks")

		res, err := first.SignOutAll(t.Context(), phone.Token, session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err)
		for _, d := range res.Devices {
			if d.Device.Name == "TV" {
				assert.Equal(t, session.SignOutOffline, d.State, "it hears at its next request, wherever that is")
			}
		}
	})
}
