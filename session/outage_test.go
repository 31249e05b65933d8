package session

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awayStore is a store whose database can go away: meanwhile every View and Update
// fails as sqlstore's do when PostgreSQL cannot be reached.
type awayStore struct {
	Store
	away atomic.Bool
}

func (s *awayStore) View(ctx context.Context, fn func(Tx) error) error {
	if s.away.Load() {
		return &UnavailableError{Err: errors.New("the database is restarting")}
	}
	return s.Store.View(ctx, fn)
}

func (s *awayStore) Update(ctx context.Context, fn func(Tx) error) error {
	if s.away.Load() {
		return &UnavailableError{Err: errors.New("the database is restarting")}
	}
	return s.Store.Update(ctx, fn)
}

// A replica over a database that can go away, with a TV of Ana's signed in.
func serviceOverAwayStore(t *testing.T) (*Embedded, *awayStore, Grant, uuid.UUID) {
	t.Helper()
	inner, err := OpenJSONStore(&MemStorage{}, serviceName)
	require.NoError(t, err)
	store := &awayStore{Store: inner}
	svc, err := OpenEmbedded(EmbeddedOptions{Store: store, Clock: newTestClock(), PasswordCost: lowCost, SharePresence: true})
	require.NoError(t, err)
	seedHousehold(t, svc)
	device := NewDeviceIdentity("TV", DeviceKindTV)
	tv, err := svc.SignIn(t.Context(), device, anaEmail, anaPassword)
	require.NoError(t, err)
	return svc, store, tv, device.ID
}

// While the database is away, another replica records the TV's sign-out and wakes
// this one, which cannot read it: the TV's stream stays open, and hears its
// sign-out once the database is back, with no one waking the replica again.
func TestStreamsOutlastADatabaseAway(t *testing.T) {
	svc, store, tv, device := serviceOverAwayStore(t)
	events, err := svc.Subscribe(t.Context(), tv.Token, tv.Seq)
	require.NoError(t, err)

	store.away.Store(true)
	// Recorded on another replica, which reaches the database.
	require.NoError(t, store.Store.Update(t.Context(), func(tx Tx) error {
		_, err := tx.AppendEvent(Event{AccountID: tv.Account.ID, Kind: EventSignedOut, Devices: []uuid.UUID{device}, At: time.Now()})
		return err
	}))
	svc.Wake(tv.Account.ID)
	select {
	case ev, open := <-events:
		t.Fatalf("the stream heard %+v (open: %v) while the database was away", ev, open)
	default:
	}
	assert.Contains(t, svc.hub.online(tv.Account.ID), device, "still listening")

	store.away.Store(false)
	select {
	case ev, open := <-events:
		require.True(t, open, "the stream stayed open")
		assert.Equal(t, EventSignedOut, ev.Kind)
		assert.Greater(t, ev.Seq, tv.Seq)
	case <-time.After(10 * time.Second):
		t.Fatal("the event recorded while the database was away never came")
	}
}

// A TV listens, and its mark is lost while the database is away: it is written
// again as soon as the database is back, not at the next heartbeat, which this test
// never sends.
func TestPresenceMarkIsWrittenAgainOnceTheDatabaseIsBack(t *testing.T) {
	svc, store, tv, _ := serviceOverAwayStore(t)
	_, err := svc.Subscribe(t.Context(), tv.Token, tv.Seq)
	require.NoError(t, err)
	require.True(t, markedListening(t, store, tv.Token), "marked when the stream opened")

	// The database goes away, and the replica's marks with it, as when a restart
	// loses what was not yet written; the TV keeps listening.
	store.away.Store(true)
	require.NoError(t, store.Store.Update(t.Context(), func(tx Tx) error {
		return tx.PruneReplicas(time.Now().Add(24 * 365 * time.Hour))
	}))
	require.ErrorIs(t, svc.Heartbeat(t.Context()), ErrUnavailable)
	store.away.Store(false)
	require.Eventually(t, func() bool { return markedListening(t, store, tv.Token) },
		5*time.Second, 10*time.Millisecond, "marked again, well before the next heartbeat")
}

// markedListening reports whether the store has token's session marked as listening.
func markedListening(t *testing.T, store *awayStore, token string) bool {
	var s SessionRecord
	require.NoError(t, store.Store.View(t.Context(), func(tx Tx) error {
		var err error
		s, err = tx.Session(hashToken(token))
		return err
	}))
	return !s.ListeningAt.IsZero()
}
