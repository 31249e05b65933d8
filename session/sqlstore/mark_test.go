package sqlstore

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
)

// The rows of the sessions a sign-out of all devices revoked are marked revoked soon
// after, so that a tenfootd from before epochs, which reads the rows alone, refuses
// them too; and a session such a tenfootd adds to the ended epoch is never live.
func TestEndedEpochsAreMarked(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) *Store{
		"SQLite": func(t *testing.T) *Store {
			s, err := OpenSQLite(t.Context(), t.TempDir())
			require.NoError(t, err)
			return s
		},
		"PostgreSQL": func(t *testing.T) *Store { return openPostgres(t, t.TempDir()) },
	} {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			s.mark.after = time.Millisecond
			ctx := t.Context()
			account := uuid.New()
			at := time.Date(2026, 11, 30, 5, 0, 0, 0, time.UTC)
			require.NoError(t, s.Update(ctx, func(tx session.Tx) error {
				a := session.AccountRecord{Account: session.Account{ID: account, Email: "ana@example.com", DisplayName: "Ana", Plan: "Premium"}}
				if err := tx.AddAccount(a, nil); err != nil {
					return err
				}
				for i := range 3 {
					err := tx.AddSession(session.SessionRecord{ID: uuid.New(), TokenHash: fmt.Sprint("tv-", i), AccountID: account,
						Device: session.DeviceInfo{ID: uuid.New(), Name: fmt.Sprint("TV ", i), Kind: session.DeviceKindTV}, Created: at, LastSeen: at})
					if err != nil {
						return err
					}
				}
				revoked, err := tx.RevokeAllSessions(account, at)
				assert.Len(t, revoked, 3)
				return err
			}))

			count := func(query string) (n int) {
				require.NoError(t, s.read.QueryRowContext(ctx, query).Scan(&n))
				return n
			}
			require.Eventually(t, func() bool {
				var live int
				err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM sessions WHERE revoked IS NULL`).Scan(&live)
				return err == nil && live == 0
			}, 10*time.Second, 10*time.Millisecond, "the rows were not marked within 10 s")
			assert.Equal(t, 3, count(fmt.Sprint(`SELECT COUNT(*) FROM sessions WHERE revoked = `, at.UnixNano())), "revoked when it was")
			assert.Zero(t, count(`SELECT COUNT(*) FROM revocations`), "nothing left to mark")

			// As a tenfootd from before epochs adds a session: of epoch 0, which ended.
			_, err := s.write.ExecContext(ctx, s.d.rebind(`INSERT INTO sessions (id, token_hash, account_id, device_id, device_name, device_kind, created, last_seen)
				VALUES (?, 'old', ?, ?, 'Old TV', 'tv', 1, 1)`), uuid.New(), account, uuid.New())
			require.NoError(t, err)
			require.NoError(t, s.View(ctx, func(tx session.Tx) error {
				r, err := tx.Session("old")
				require.NoError(t, err)
				if assert.NotNil(t, r.Revoked, "never live") {
					assert.Equal(t, at, *r.Revoked, "revoked from the end of the account's last epoch")
				}
				live, err := tx.LiveSessions(account)
				assert.Empty(t, live)
				return err
			}))
		})
	}
}

// A store closed twice, with its marker running or not, closes at once.
func TestClosingTwiceReturns(t *testing.T) {
	for _, mark := range []bool{false, true} {
		s, err := OpenSQLite(t.Context(), t.TempDir())
		require.NoError(t, err)
		if mark {
			s.markSoon()
		}
		s.Close()
		s.Close()
	}
}
