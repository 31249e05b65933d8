package session

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// FuzzDeviceLifecycle applies random sequences of operations to a TV and a phone of
// the same account, and after each one checks what must always hold:
//   - a confirmed sign-out leaves no token on the TV;
//   - the TV's outbox is empty only when the service has every revocation it was given;
//   - after the TV has talked to the service successfully, it holds no revoked token.
func FuzzDeviceLifecycle(f *testing.F) {
	f.Add([]byte{0, 1, 2, 0, 1, 2})
	f.Add([]byte{0, 3, 1, 2, 5, 4, 8, 8})
	f.Add([]byte{0, 9, 1, 9, 2, 6, 10})
	f.Add([]byte{0, 3, 1, 2, 7, 4, 8})
	f.Add([]byte{0, 6, 3, 10, 5, 4, 10, 0})
	f.Fuzz(func(t *testing.T, ops []byte) {
		if len(ops) > 40 {
			ops = ops[:40]
		}
		h := newHousehold(t)
		tv, net, dir := h.device("TV", DeviceKindTV)
		phone, _, _ := h.signedIn("Phone")
		var plan *SignOutPlan
		var given []string // tokens the TV put in its outbox by confirming a sign-out

		for _, op := range ops {
			switch op % 11 {
			case 0: // sign in
				err := tv.SignIn(ctx, anaEmail, anaPassword)
				if err != nil && !errors.Is(err, ErrAlreadySignedIn) && !errors.Is(err, ErrOffline) && !errors.Is(err, ErrRateLimited) {
					t.Fatalf("sign in: %v", err)
				}
			case 1: // plan
				if p, err := tv.Plan(); err == nil {
					plan = &p
				}
			case 2: // confirm the last plan shown
				if plan == nil {
					continue
				}
				token := tokenOf(tv)
				_, err := tv.Confirm(ctx, *plan)
				if err == nil {
					if token != "" {
						given = append(given, token)
					}
					require.Empty(t, tokenOf(tv), "a confirmed sign-out keeps no token")
				} else {
					require.ErrorIs(t, err, ErrStalePlan)
				}
			case 3:
				net.unplug()
			case 4:
				net.plugIn()
			case 5: // restart the TV from disk
				tv = h.reopen(dir, net)
			case 6: // the phone signs out every device
				if _, err := phone.SignOutAll(ctx, Proof{Password: anaPassword}); err == nil || errors.Is(err, ErrRevoked) {
					phone, _, _ = h.signedIn("Phone")
				}
			case 7: // the TV's saved state is damaged, then the TV restarts
				tv = h.reopenDamaged(dir, net)
			case 8: // time passes; the outbox is retried
				h.clock.Advance(10 * time.Minute)
				tv.Flush(ctx)
			case 9:
				if ps := tv.Profiles(); len(ps) > 0 {
					tv.StartDownload("Title", ps[0].ID, 100)
				}
			case 10: // the TV checks its session
				err := tv.Refresh(ctx)
				if err == nil && tokenOf(tv) != "" {
					require.Nil(t, h.sessionOf(tv).Revoked, "talked to the service with a revoked token and kept it")
				}
			}

			if tv.PendingRevocations() == 0 {
				for _, token := range given {
					s := h.session(token)
					require.NotNil(t, s)
					require.NotNil(t, s.Revoked, "outbox empty but the service never got the revocation")
				}
			}
		}
	})
}
