package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
	"tenfoot/session/sqlstore/pgtest"
)

var rollingDevices = flag.Int("rolling-devices", 1000, "devices listening through TestRollingRestartLosesNothing (CI runs the default)")

// balancer stands for the load balancer in front of the replicas: it sends each new
// connection to the next replica in its list, round robin, as a Kubernetes Service
// sends them to the endpoints of its ready pods. A replica joins the list once its
// /readyz answers 200 and leaves it when it is told to stop.
type balancer struct {
	mu   sync.Mutex
	urls []string
	next int
}

func (b *balancer) add(url string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.urls = append(b.urls, url)
}

func (b *balancer) remove(url string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.urls = slices.DeleteFunc(b.urls, func(u string) bool { return u == url })
}

func (b *balancer) pick() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.next++
	return b.urls[b.next%len(b.urls)]
}

// rollingReplica is one tenfootd of a rolling restart.
type rollingReplica struct {
	*tenfootdRun
	name string
	stop context.CancelFunc // SIGTERM
}

// startRollingReplica starts a tenfootd called name on the PostgreSQL at database,
// as a rolling restart starts the next pod, and returns once it is ready.
func startRollingReplica(t *testing.T, database, name string) *rollingReplica {
	t.Helper()
	u, err := url.Parse(database)
	require.NoError(t, err)
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	ctx, stop := context.WithCancel(context.Background())
	r := &rollingReplica{name: name, stop: stop}
	r.tenfootdRun = runTenfootd(t, ctx, "-addr", "127.0.0.1:0", "-database", u.String(), "-replica", name,
		"-limit-per-address", "1000000", "-limit-cheap-per-address", "1000000", "-streams-per-address", "1000000",
		"-shutdown-delay", "100ms")
	t.Cleanup(func() { stop(); <-r.done })
	require.Eventually(t, func() bool { return readyz(t, r.url) == http.StatusOK },
		30*time.Second, 10*time.Millisecond, "%s ready: %s", name, r.log)
	return r
}

// lightDevice is one of many devices listening, as a TV does, kept light so that a
// thousand fit on a loaded machine: a session.Client for each stream, through the
// balancer, resuming with Last-Event-ID, until it hears its own sign-out.
type lightDevice struct {
	id    uuid.UUID
	token string
	seq   uint64 // the last event heard

	seqs      []uint64 // every event heard, in order
	signedOut int      // sign-outs of this device heard
	heardAt   time.Time
	openedAt  time.Time // of the stream it is on
	streams   int       // streams opened
	failed    int       // streams refused or unreachable, tried again
	refused   error     // a refusal that ended it, such as ErrRevoked
}

// listen follows the device's events until it hears its sign-out or ctx ends.
// streaming counts the devices with a stream open now.
func (d *lightDevice) listen(ctx context.Context, bal *balancer, streaming *atomic.Int64) {
	for ctx.Err() == nil && d.signedOut == 0 {
		events, err := session.NewClient(bal.pick()).Subscribe(ctx, d.token, d.seq)
		if err != nil {
			if !errors.Is(err, session.ErrOffline) {
				d.refused = err
				return
			}
			d.failed++ // a replica stopping, or not ready: the next one will do
			time.Sleep(time.Duration(20+rand.IntN(100)) * time.Millisecond)
			continue
		}
		d.streams++
		d.openedAt = time.Now()
		streaming.Add(1)
		for ev := range events {
			d.seqs = append(d.seqs, ev.Seq)
			d.seq = ev.Seq
			if ev.Kind == session.EventSignedOut && ev.Concerns(d.id) {
				d.signedOut++
				d.heardAt = time.Now()
			}
		}
		streaming.Add(-1)
	}
}

// balanced is a device's service reached through the balancer: each call goes to a
// replica that is ready now.
type balanced struct {
	session.Service // not called
	bal             *balancer
}

func (b balanced) client() *session.Client { return session.NewClient(b.bal.pick()) }
func (b balanced) SignIn(ctx context.Context, d session.DeviceIdentity, email, password string) (session.Grant, error) {
	return b.client().SignIn(ctx, d, email, password)
}
func (b balanced) Check(ctx context.Context, token string) (session.Grant, error) {
	return b.client().Check(ctx, token)
}
func (b balanced) SignOut(ctx context.Context, token string) error {
	return b.client().SignOut(ctx, token)
}
func (b balanced) Subscribe(ctx context.Context, token string, after uint64) (<-chan session.Event, error) {
	return b.client().Subscribe(ctx, token, after)
}

// Three replicas on one PostgreSQL are restarted one by one, as a Kubernetes rolling
// update does, while a thousand devices listen through a load balancer; a sign-out
// of all devices is confirmed while the second replica is telling its streams to
// reconnect. Every device hears its sign-out exactly once, and no event twice; no
// device is refused or loses its stream for good; each replica that stops exits
// cleanly within its bound. Ten of the devices are whole session.Devices, whose
// Listen sees no sign-out before the real one: a replica's SIGTERM is neither a
// sign-out nor an outage to them.
//
// -rolling-devices sets how many devices listen (go test -args -rolling-devices=200).
func TestRollingRestartLosesNothing(t *testing.T) {
	database := pgtest.SchemaURL(t, "rolling")
	replicas := []*rollingReplica{
		startRollingReplica(t, database, "pod-a1"),
		startRollingReplica(t, database, "pod-b1"),
		startRollingReplica(t, database, "pod-c1"),
	}
	bal := &balancer{}
	for _, r := range replicas {
		bal.add(r.url)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	phone, err := session.NewClient(bal.pick()).SignIn(ctx, session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)

	start := time.Now()
	n := *rollingDevices
	devices := make([]*lightDevice, n)
	var next atomic.Int64
	var signingIn sync.WaitGroup
	for range 16 {
		signingIn.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				id := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
				g, err := session.NewClient(bal.pick()).SignIn(ctx, id, demo.AnaEmail, demo.AnaPassword)
				if !assert.NoError(t, err, "TV %d signs in", i) {
					cancel()
					return
				}
				devices[i] = &lightDevice{id: id.ID, token: g.Token, seq: g.Seq}
			}
		})
	}
	signingIn.Wait()
	require.NoError(t, ctx.Err())
	signedIn := time.Since(start)

	var streaming atomic.Int64
	var listening sync.WaitGroup
	for _, d := range devices {
		listening.Go(func() { d.listen(ctx, bal, &streaming) })
	}
	// Whole devices, which wipe themselves on their sign-out.
	type whole struct {
		dev    *session.Device
		listen chan error
	}
	wholes := make([]whole, 10)
	for i := range wholes {
		store, err := session.NewDirStorage(t.TempDir())
		require.NoError(t, err)
		dev, err := session.OpenDevice(store, balanced{bal: bal}, nil, session.DeviceInfo{Name: fmt.Sprint("Whole TV ", i), Kind: session.DeviceKindTV})
		require.NoError(t, err)
		require.NoError(t, dev.SignIn(ctx, demo.AnaEmail, demo.AnaPassword))
		wholes[i] = whole{dev, make(chan error, 1)}
		go func() { wholes[i].listen <- dev.Listen(ctx) }()
	}
	allStreaming := func() bool { return streaming.Load() == int64(n) }
	require.Eventually(t, allStreaming, time.Minute, 10*time.Millisecond, "every device listens")
	connected := time.Since(start)

	// restart stops replica i as Kubernetes does (out of the balancer, then SIGTERM),
	// calls during, once it is telling its streams to reconnect, then starts the
	// replica that takes its place.
	var signedOutAt time.Time
	var confirmed time.Duration
	all := slices.Clone(replicas) // every replica that ran, for their logs
	restart := func(i int, during func()) {
		old := replicas[i]
		bal.remove(old.url)
		old.stop()
		require.Eventually(t, func() bool { return strings.Contains(old.log.String(), "event streams are told to reconnect") },
			30*time.Second, time.Millisecond, "%s shuts down", old.name)
		during()
		select {
		case <-old.done:
			require.NoError(t, old.err, "%s exits cleanly", old.name)
		case <-time.After(defaultShutdownTimeout + 5*time.Second):
			t.Fatalf("%s did not exit within its bound", old.name)
		}
		replicas[i] = startRollingReplica(t, database, strings.TrimSuffix(old.name, "1")+"2")
		all = append(all, replicas[i])
		bal.add(replicas[i].url)
	}
	nothing := func() {}

	restart(0, nothing)
	require.Eventually(t, allStreaming, time.Minute, 10*time.Millisecond, "every device listens again after %s's restart", replicas[0].name)
	for _, w := range wholes {
		_, ok := w.dev.Account()
		require.True(t, ok, "a whole device is still signed in after a restart")
		select {
		case err := <-w.listen:
			t.Fatalf("a whole device stopped listening after a restart: %v", err)
		default:
		}
	}
	restart(1, func() {
		signedOutAt = time.Now()
		_, err := session.NewClient(bal.pick()).SignOutAll(ctx, phone.Token, session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err, "sign out of all devices, in the middle")
		confirmed = time.Since(signedOutAt)
	})
	restart(2, nothing)

	listening.Wait()
	require.NoError(t, ctx.Err(), "every device heard its sign-out before the deadline")
	failed, streams := 0, 0
	var heard []time.Duration
	for i, d := range devices {
		heard = append(heard, d.heardAt.Sub(signedOutAt))
		assert.NoError(t, d.refused, "TV %d is never refused", i)
		assert.Equal(t, 1, d.signedOut, "TV %d heard its sign-out once", i)
		for j := 1; j < len(d.seqs); j++ {
			assert.Less(t, d.seqs[j-1], d.seqs[j], "TV %d heard no event twice", i)
		}
		failed += d.failed
		streams += d.streams
	}
	for i, w := range wholes {
		select {
		case err := <-w.listen:
			assert.ErrorIs(t, err, session.ErrRevoked, "whole TV %d heard its sign-out", i)
		case <-time.After(30 * time.Second):
			t.Fatalf("whole TV %d never heard its sign-out", i)
		}
		_, ok := w.dev.Account()
		assert.False(t, ok, "whole TV %d wiped itself", i)
	}
	var stayed, moved []time.Duration // heard on a stream opened before the confirm, or after
	for _, d := range devices {
		if d.openedAt.Before(signedOutAt) {
			stayed = append(stayed, d.heardAt.Sub(signedOutAt))
		} else {
			moved = append(moved, d.heardAt.Sub(signedOutAt))
		}
	}
	slices.Sort(stayed)
	slices.Sort(moved)
	if len(stayed) > 0 && len(moved) > 0 {
		t.Logf("%d heard it on the stream they had: p50 %v, max %v; %d on a stream opened after the confirm: p50 %v, max %v",
			len(stayed), stayed[len(stayed)/2].Round(time.Millisecond), stayed[len(stayed)-1].Round(time.Millisecond),
			len(moved), moved[len(moved)/2].Round(time.Millisecond), moved[len(moved)-1].Round(time.Millisecond))
	}
	if t.Failed() {
		for _, r := range all {
			for line := range strings.Lines(r.log.String()) {
				if strings.Contains(line, `"level":"ERROR"`) || strings.Contains(line, `"level":"WARN"`) {
					t.Logf("%s: %s", r.name, strings.TrimSpace(line))
				}
			}
		}
	}
	slices.Sort(heard)
	notReady := 0
	for _, r := range all {
		notReady += strings.Count(r.log.String(), "not ready: taking no new event streams until")
	}
	t.Logf("%d devices on 3 replicas restarted one by one: signed in in %v, listening in %v; the confirm answered in %v; devices heard their sign-out %v (p50), %v (p99), %v (last) after it; %d streams opened (%.1f a device), %d refused or unreachable and tried again; replicas not ready under load %d times",
		n, signedIn.Round(time.Millisecond), (connected - signedIn).Round(time.Millisecond), confirmed.Round(time.Millisecond),
		heard[len(heard)/2].Round(time.Millisecond), heard[len(heard)*99/100].Round(time.Millisecond), heard[len(heard)-1].Round(time.Millisecond),
		streams, float64(streams)/float64(n), failed, notReady)
}
