package sqlstore

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
)

// reports keeps what an Observer is told.
type reports struct {
	mu   sync.Mutex
	seen []TxReport
}

func (r *reports) Transaction(rep TxReport) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, rep)
}

// last returns the last report, with its time zeroed.
func (r *reports) last() TxReport {
	r.mu.Lock()
	defer r.mu.Unlock()
	rep := r.seen[len(r.seen)-1]
	rep.Took = 0
	return rep
}

// Each View and Update is reported once, as read or write, with how it ended: an
// answer of the function run in it is no failure of the store; a statement the
// database refuses is.
func TestObserverIsToldHowEachTransactionEnded(t *testing.T) {
	eachStore(t, func(t *testing.T, s *Store) {
		seen := &reports{}
		s.Observe(seen)
		ctx := t.Context()
		account := session.AccountRecord{Account: session.Account{ID: uuid.New(), Email: "ana@example.com", DisplayName: "Ana"}}
		signedIn := session.SessionRecord{ID: uuid.New(), TokenHash: "hash", AccountID: account.ID, Created: time.Now(), LastSeen: time.Now()}

		require.NoError(t, s.Update(ctx, func(tx session.Tx) error {
			if err := tx.AddAccount(account, nil); err != nil {
				return err
			}
			return tx.AddSession(signedIn)
		}))
		assert.Equal(t, TxReport{Write: true, Outcome: TxCommitted}, seen.last())

		require.NoError(t, s.View(ctx, func(tx session.Tx) error { _, err := tx.Account(account.ID); return err }))
		assert.Equal(t, TxReport{Outcome: TxCommitted}, seen.last())

		err := s.View(ctx, func(tx session.Tx) error { _, err := tx.Account(uuid.New()); return err })
		require.ErrorIs(t, err, session.ErrNotFound)
		assert.Equal(t, TxReport{Outcome: TxRolledBack}, seen.last(), "not found is an answer")

		signedIn.ID = uuid.New() // the same token hash again: the database refuses it
		require.Error(t, s.Update(ctx, func(tx session.Tx) error { return tx.AddSession(signedIn) }))
		assert.Equal(t, TxReport{Write: true, Outcome: TxFailed}, seen.last())

		canceled, cancel := context.WithCancel(ctx)
		cancel()
		require.Error(t, s.View(canceled, func(tx session.Tx) error { return nil }))
		assert.Equal(t, TxReport{Outcome: TxCanceled}, seen.last())

		ending, end := context.WithCancel(ctx)
		err = s.Update(ending, func(tx session.Tx) error { end(); return nil })
		require.ErrorIs(t, err, context.Canceled, "whoever asked went away before the commit: not a failure of the database")
		assert.Equal(t, TxReport{Write: true, Outcome: TxCanceled}, seen.last())

		require.NoError(t, s.Ping(ctx), "the database answers")
		assert.Len(t, seen.seen, 6, "a ping is no transaction")
	})
}

// eachStore runs test on a new SQLite store and, where there is one to test on, a
// new PostgreSQL store.
func eachStore(t *testing.T, test func(t *testing.T, s *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s, err := OpenSQLite(t.Context(), t.TempDir())
		require.NoError(t, err)
		defer s.Close()
		test(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s := openPostgres(t, t.TempDir())
		defer s.Close()
		test(t, s)
	})
}

// wakes counts the wake-ups Listen passes on.
type wakes struct{ all chan struct{} }

func (w wakes) Wake(uuid.UUID) {}
func (w wakes) WakeAll()       { w.all <- struct{}{} }

// Listening says whether the store hears other replicas now: always on SQLite,
// which needs no listening; on PostgreSQL only while Listen holds its connection.
func TestListeningIsTrueWhileListenHoldsItsConnection(t *testing.T) {
	lite, err := OpenSQLite(t.Context(), t.TempDir())
	require.NoError(t, err)
	defer lite.Close()
	assert.True(t, lite.Listening(), "SQLite has no one else to hear")

	s := openPostgres(t, t.TempDir())
	defer s.Close()
	assert.False(t, s.Listening(), "before Listen")
	ctx, stop := context.WithCancel(t.Context())
	w := wakes{all: make(chan struct{}, 1)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Listen(ctx, w, func(err error) { t.Errorf("listen: %v", err) })
	}()
	<-w.all // listening, and catching up
	assert.True(t, s.Listening())
	stop()
	<-done
	assert.False(t, s.Listening(), "after Listen returned")
}
