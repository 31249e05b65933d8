package session

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
)

// replicas is two services sharing one store and one clock, as tenfootd replicas
// share a database, with Ana's phone signed in.
type replicas struct {
	t     *testing.T
	a, b  *Embedded
	clock *testkit.Clock
	phone Grant
}

func newReplicas(t *testing.T) *replicas {
	t.Helper()
	store, err := OpenJSONStore(&MemStorage{}, serviceName)
	require.NoError(t, err)
	clock := newTestClock()
	open := func() *Embedded {
		svc, err := OpenEmbedded(EmbeddedOptions{Store: store, Clock: clock, PasswordCost: lowCost, SharePresence: true})
		require.NoError(t, err)
		return svc
	}
	r := &replicas{t: t, a: open(), b: open(), clock: clock}
	seedHousehold(t, r.a)
	r.phone = r.signIn(r.a, "Phone")
	return r
}

func (r *replicas) signIn(svc *Embedded, name string) Grant {
	r.t.Helper()
	g, err := svc.SignIn(context.Background(), NewDeviceIdentity(name, DeviceKindTV), anaEmail, anaPassword)
	require.NoError(r.t, err)
	return g
}

// listen opens g's event stream on svc until the returned function closes it and
// waits until svc has let it go.
func (r *replicas) listen(svc *Embedded, g Grant) (stop func()) {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	events, err := svc.Subscribe(ctx, g.Token, g.Seq)
	require.NoError(r.t, err)
	return func() {
		cancel()
		for range events {
		}
	}
}

// online returns the devices the phone's account lists as online on svc, by name.
func (r *replicas) online(svc *Embedded) map[string]bool {
	r.t.Helper()
	devices, err := svc.Devices(context.Background(), r.phone.Token)
	require.NoError(r.t, err)
	out := map[string]bool{}
	for _, d := range devices {
		if d.Online {
			out[d.Name] = true
		}
	}
	return out
}

// A device listening on one replica is online on every replica, from the moment its
// stream opens until it closes; and a replica that stops heartbeating, as a dead
// one does, leaves marks that expire after PresenceTTL.
func TestPresenceAcrossReplicas(t *testing.T) {
	r := newReplicas(t)
	ctx := context.Background()
	tv := r.signIn(r.a, "TV")
	stick := r.signIn(r.b, "Stick")
	assert.Empty(t, r.online(r.a), "nobody listens yet")

	stopTV := r.listen(r.b, tv)
	stopStick := r.listen(r.b, stick)
	assert.Equal(t, map[string]bool{"TV": true, "Stick": true}, r.online(r.a), "marked as the streams opened, seen from the other replica")
	assert.Equal(t, map[string]bool{"TV": true, "Stick": true}, r.online(r.b), "and known here")

	// A second stream of the TV's session, then the first closes: the session is
	// still listening here, so its mark stays.
	stopAgain := r.listen(r.b, tv)
	stopTV()
	require.NoError(t, r.b.Heartbeat(ctx))
	assert.True(t, r.online(r.a)["TV"], "one of its streams is still open")
	stopAgain()
	require.NoError(t, r.b.Heartbeat(ctx), "written once what was asked before is")
	assert.Equal(t, map[string]bool{"Stick": true}, r.online(r.a), "its last stream closed: cleared at once")

	// Heartbeats keep the stick's mark fresh however long it listens.
	for range 10 {
		r.clock.Advance(PresenceHeartbeat)
		require.NoError(t, r.b.Heartbeat(ctx))
	}
	assert.Equal(t, map[string]bool{"Stick": true}, r.online(r.a))

	// Replica b dies: no heartbeat, no clear. Its mark counts for PresenceTTL.
	r.clock.Advance(PresenceTTL - 1)
	assert.Equal(t, map[string]bool{"Stick": true}, r.online(r.a), "within the TTL")
	r.clock.Advance(1)
	assert.Empty(t, r.online(r.a), "stale after the TTL")
	stopStick()
}

// Signing out of all devices on one replica tells which devices are listening on
// another (pending: they have been told) and which are offline.
func TestSignOutAllSeesDevicesListeningOnAnotherReplica(t *testing.T) {
	r := newReplicas(t)
	here, there, gone := r.signIn(r.a, "Here"), r.signIn(r.b, "There"), r.signIn(r.b, "Gone")
	r.signIn(r.a, "Away")
	defer r.listen(r.a, here)()
	defer r.listen(r.b, there)()
	r.listen(r.b, gone)()
	// The clear is written in the background; a heartbeat returns once all asked
	// before it is written.
	require.NoError(t, r.b.Heartbeat(context.Background()))

	res, err := r.a.SignOutAll(context.Background(), r.phone.Token, Proof{Password: anaPassword})
	require.NoError(t, err)
	states := map[string]SignOutState{}
	for _, d := range res.Devices {
		states[d.Device.Name] = d.State
	}
	assert.Equal(t, SignOutPending, states["Here"], "listening on this replica")
	assert.Equal(t, SignOutPending, states["There"], "listening on the other replica")
	assert.Equal(t, SignOutOffline, states["Gone"], "its stream closed before")
	assert.Equal(t, SignOutOffline, states["Away"], "never listened")
}

// When a replica stops serving, KeepPresence clears the marks of the streams still
// open there, and marks nothing after.
func TestKeepPresenceClearsWhenItStops(t *testing.T) {
	r := newReplicas(t)
	tv := r.signIn(r.b, "TV")
	stop := r.listen(r.b, tv)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.b.KeepPresence(ctx, func(err error) { t.Error(err) }) // returns once cleared
	assert.Empty(t, r.online(r.a), "cleared as the replica left")
	require.NoError(t, r.b.Heartbeat(context.Background()))
	assert.Empty(t, r.online(r.a), "a replica that left marks nothing")
	stop()
}

// A service alone on its store writes no marks: its own streams are all there is.
func TestPresenceNotSharedWritesNothing(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := h.svc.Subscribe(ctx, tokenOf(tv), 0)
	require.NoError(t, err)
	devices, err := phone.Devices(context.Background())
	require.NoError(t, err)
	online := map[string]bool{}
	for _, d := range devices {
		online[d.Name] = d.Online
	}
	assert.True(t, online["TV"], "listed online from its stream alone")
	require.NoError(t, h.svc.Heartbeat(context.Background()))
	assert.Zero(t, h.sessionOf(tv).ListeningAt, "no mark written")
}
