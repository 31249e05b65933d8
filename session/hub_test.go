package session

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A stream reads its backlog before it takes the hub's lock. If, meanwhile, the last
// listener of its account hears its sign-out and leaves (the account has no
// audience left) and a new event is recorded and woken, no one is there to deliver
// it: the new stream must find it all the same.
func TestStreamOpeningWhileItsAccountIsWokenMissesNothing(t *testing.T) {
	store, err := OpenJSONStore(&MemStorage{}, "hub")
	require.NoError(t, err)
	account, tv := uuid.New(), uuid.New()
	require.NoError(t, store.Update(ctx, func(tx Tx) error {
		return tx.AddAccount(AccountRecord{Account: Account{ID: account, Email: "ana@example.com"}}, nil)
	}))
	record := func(kind EventKind) {
		require.NoError(t, store.Update(ctx, func(tx Tx) error {
			_, err := tx.AppendEvent(Event{AccountID: account, Kind: kind, Devices: []uuid.UUID{tv}, At: time.Now()})
			return err
		}))
	}
	h := newHub(store, nil)
	tvEvents, err := h.subscribe(ctx, account, tv, uuid.New(), 0)
	require.NoError(t, err)

	h.afterRead = func() {
		h.afterRead = nil
		record(EventSignedOut) // the TV hears it and leaves: no audience is left
		h.wake(account)
		record(EventDeviceWiped) // woken with no one to hear it
		h.wake(account)
	}
	watch, err := h.subscribe(context.Background(), account, uuid.Nil, uuid.Nil, 0)
	require.NoError(t, err)

	var heard []EventKind
	for ev := range tvEvents {
		heard = append(heard, ev.Kind)
	}
	assert.Equal(t, []EventKind{EventSignedOut}, heard, "the TV heard its sign-out, and left")
	heard = nil
	for len(heard) < 2 {
		select {
		case ev := <-watch:
			heard = append(heard, ev.Kind)
		case <-time.After(5 * time.Second):
			t.Fatalf("the watch heard only %v", heard)
		}
	}
	assert.Equal(t, []EventKind{EventSignedOut, EventDeviceWiped}, heard, "the watch hears both, the one woken while no one listened too")
}
