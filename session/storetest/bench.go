package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// BenchmarkSignOutAll signs an account with 1,000 devices, 100 of them listening,
// out of all devices on a store from open: one transaction, one event, 1,000
// statuses, 100 streams told.
func BenchmarkSignOutAll(b *testing.B, open func(b *testing.B, dir string) session.Store) {
	const devices, listening = 1000, 100
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		store := open(b, b.TempDir())
		svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4})
		require.NoError(b, err)
		require.NoError(b, demo.Seed(svc))
		var caller session.Grant
		for i := range listening {
			device := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
			g, err := svc.SignIn(b.Context(), device, demo.AnaEmail, demo.AnaPassword)
			require.NoError(b, err)
			if i == 0 {
				caller = g
				continue
			}
			events, err := svc.Subscribe(b.Context(), g.Token, g.Seq)
			require.NoError(b, err)
			go func() {
				for range events {
				}
			}()
		}
		require.NoError(b, store.Update(b.Context(), func(tx session.Tx) error {
			for i := listening; i < devices-3; i++ { // the demo has three already
				err := tx.AddSession(session.SessionRecord{ID: uuid.New(), TokenHash: uuid.NewString(), AccountID: caller.Account.ID,
					Device: session.DeviceInfo{ID: uuid.New(), Name: fmt.Sprint("Stick ", i), Kind: session.DeviceKindStick}})
				if err != nil {
					return err
				}
			}
			return nil
		}))
		b.StartTimer()
		res, err := svc.SignOutAll(b.Context(), caller.Token, session.Proof{Password: demo.AnaPassword})
		if err != nil || res.Count.Total() != devices {
			b.Fatal(res.Count, err)
		}
		b.StopTimer()
		store.Close()
		b.StartTimer()
	}
}

// BenchmarkHeartbeat has a replica hold 10,000 sessions' event streams and reports
// the milliseconds one heartbeat takes (ms/heartbeat), once every
// session.PresenceHeartbeat, and marking all 10,000 at once, as when they open
// together (ms/mark-all).
func BenchmarkHeartbeat(b *testing.B, open func(b *testing.B, dir string) session.Store) {
	const streams = 10000
	store := open(b, b.TempDir())
	b.Cleanup(func() { store.Close() })
	account := session.AccountRecord{Account: session.Account{ID: uuid.New(), Email: "load@example.com", DisplayName: "Load", Plan: "Premium"}}
	ids := make([]uuid.UUID, streams)
	require.NoError(b, store.Update(b.Context(), func(tx session.Tx) error {
		if err := tx.AddAccount(account, nil); err != nil {
			return err
		}
		for i := range ids {
			ids[i] = uuid.New()
			err := tx.AddSession(session.SessionRecord{ID: ids[i], TokenHash: uuid.NewString(), AccountID: account.ID,
				Device: session.DeviceInfo{ID: uuid.New(), Name: fmt.Sprint("Stick ", i), Kind: session.DeviceKindStick}})
			if err != nil {
				return err
			}
		}
		return nil
	}))
	// What a replica writes: its heartbeat, the silent replicas pruned, and marks.
	replica, now := uuid.New(), time.Date(2026, 11, 25, 21, 0, 0, 0, time.UTC)
	write := func(marks func(tx session.Tx) error) {
		now = now.Add(session.PresenceHeartbeat)
		err := store.Update(b.Context(), func(tx session.Tx) error {
			if _, err := tx.ReplicaAlive(replica, now); err != nil {
				return err
			}
			if err := tx.PruneReplicas(now.Add(-time.Hour)); err != nil {
				return err
			}
			return marks(tx)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	markAll := func(listening bool) func(tx session.Tx) error {
		return func(tx session.Tx) error { return tx.MarkListening(replica, ids, listening) }
	}

	start := time.Now()
	const rounds = 3
	for range rounds {
		write(markAll(false))
		write(markAll(true))
	}
	markAllMs := float64(time.Since(start).Microseconds()) / 1000 / (2 * rounds)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		write(func(session.Tx) error { return nil })
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/heartbeat")
	b.ReportMetric(markAllMs, "ms/mark-all")
}

// BenchmarkSignIn signs new devices in to an account on a store from open, without
// the password's hash, which costs the same whatever the store: the writes of one
// sign-in, the records that ended long ago pruned, in one transaction.
func BenchmarkSignIn(b *testing.B, open func(b *testing.B, dir string) session.Store) {
	store := open(b, b.TempDir())
	b.Cleanup(func() { store.Close() })
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4})
	require.NoError(b, err)
	require.NoError(b, demo.Seed(svc))
	var account uuid.UUID
	require.NoError(b, store.View(b.Context(), func(tx session.Tx) error {
		a, err := tx.AccountByEmail(demo.AnaEmail)
		account = a.ID
		return err
	}))
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		device := session.NewDeviceIdentity(fmt.Sprint("TV ", i), session.DeviceKindTV)
		if err := svc.AddSignedInDevice(account, device, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWakeAll has a replica serve an event stream for each of 2,000 accounts
// and reports how long waking them all takes (ms/wake-all): what a replica does when
// its LISTEN connection is back after PostgreSQL restarted, each account reading
// the events it may have missed meanwhile.
func BenchmarkWakeAll(b *testing.B, open func(b *testing.B, dir string) session.Store) {
	svc, _ := listeningGuests(b, open, 2000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		svc.WakeAll()
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/wake-all")
}

// BenchmarkWakeStorm has a replica serve an event stream for each of 2,000 accounts,
// and another replica's notifications wake them all at once, each on a goroutine of
// its own as Listen wakes them: a hotel's guests all signed out at check-out time.
// Meanwhile four clients each check a session every checkEvery, as the replica's
// other requests do. It reports how long the storm takes to read every
// account (ms/storm), and how long the checks take during it (check-p50-ms,
// check-p99-ms) beside the same checks with no storm (calm-check-p99-ms).
func BenchmarkWakeStorm(b *testing.B, open func(b *testing.B, dir string) session.Store) {
	const clients, checkEvery = 4, 2 * time.Millisecond
	svc, guests := listeningGuests(b, open, 2000)
	check := func(stop <-chan struct{}) []time.Duration {
		var mu sync.Mutex
		var took []time.Duration
		var wg sync.WaitGroup
		for c := range clients {
			wg.Go(func() {
				tick := time.NewTicker(checkEvery)
				defer tick.Stop()
				for i := c; ; i += clients {
					select {
					case <-stop:
						return
					case <-tick.C:
					}
					start := time.Now()
					_, err := svc.Check(b.Context(), guests[i%len(guests)].Token)
					d := time.Since(start)
					if err != nil {
						b.Error(err)
						return
					}
					mu.Lock()
					took = append(took, d)
					mu.Unlock()
				}
			})
		}
		<-stop
		wg.Wait()
		return took
	}
	calm := make(chan struct{})
	time.AfterFunc(time.Second, func() { close(calm) })
	calmTook := check(calm)

	var stormTook []time.Duration
	b.ResetTimer()
	for b.Loop() {
		stop := make(chan struct{})
		checked := make(chan []time.Duration)
		go func() { checked <- check(stop) }()
		var wakes sync.WaitGroup
		for _, g := range guests {
			wakes.Go(func() { svc.Wake(g.Account.ID) })
		}
		wakes.Wait()
		close(stop)
		stormTook = append(stormTook, <-checked...)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/storm")
	b.ReportMetric(percentileMs(stormTook, 50), "check-p50-ms")
	b.ReportMetric(percentileMs(stormTook, 99), "check-p99-ms")
	b.ReportMetric(percentileMs(calmTook, 99), "calm-check-p99-ms")
}

// listeningGuests opens a service on a store from open with n accounts, each with
// one device signed in and listening to its events, and returns their grants.
func listeningGuests(b *testing.B, open func(b *testing.B, dir string) session.Store, n int) (*session.Embedded, []session.Grant) {
	store := open(b, b.TempDir())
	b.Cleanup(func() { store.Close() })
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: store, PasswordCost: 4})
	require.NoError(b, err)
	const password = "a guest's password"
	guests := make([]session.Grant, n)
	for i := range n {
		email := fmt.Sprintf("guest%d@example.com", i)
		_, err := svc.AddAccount(session.Account{Email: email, DisplayName: "Guest", Plan: "Basic"}, password, nil, nil)
		require.NoError(b, err)
		guests[i], err = svc.SignIn(b.Context(), session.NewDeviceIdentity("Room TV", session.DeviceKindTV), email, password)
		require.NoError(b, err)
		_, err = svc.Subscribe(b.Context(), guests[i].Token, guests[i].Seq)
		require.NoError(b, err)
	}
	return svc, guests
}

// percentileMs returns the p-th percentile of ds in milliseconds: the value (n-1)·p/100
// places up the sorted list, rounded down.
func percentileMs(ds []time.Duration, p int) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return float64(s[(len(s)-1)*p/100]) / float64(time.Millisecond)
}
