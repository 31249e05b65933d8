package session

import (
	"fmt"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// benchService returns an embedded service on real files with Ana's account, hashed
// at the production cost unless cost says otherwise.
func benchService(b *testing.B, cost int) *Embedded {
	b.Helper()
	store, err := NewDirStorage(b.TempDir())
	require.NoError(b, err)
	svc, err := OpenEmbedded(EmbeddedOptions{Storage: store, PasswordCost: cost})
	require.NoError(b, err)
	_, err = svc.AddAccount(Account{Email: anaEmail, DisplayName: "Ana"}, anaPassword, []Profile{{Name: "Ana"}}, nil)
	require.NoError(b, err)
	return svc
}

// BenchmarkSignIn is dominated by the bcrypt check at PasswordCost, by design.
func BenchmarkSignIn(b *testing.B) {
	svc := benchService(b, PasswordCost)
	info := NewDeviceIdentity("TV", DeviceKindTV)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := svc.SignIn(ctx, info, anaEmail, anaPassword); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanConfirm signs a device with five downloads out: plan, confirm (one
// atomic write of the device, the revocation at the service), sign in again.
func BenchmarkPlanConfirm(b *testing.B) {
	svc := benchService(b, lowCost)
	store, err := NewDirStorage(b.TempDir())
	require.NoError(b, err)
	d, err := OpenDevice(store, svc, nil, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.NoError(b, err)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		require.NoError(b, d.SignIn(ctx, anaEmail, anaPassword))
		for i := 0; i < 5; i++ {
			d.StartDownload(fmt.Sprint("Title ", i), d.Profiles()[0].ID, 100)
		}
		b.StartTimer()
		plan, err := d.Plan()
		if err != nil {
			b.Fatal(err)
		}
		if res, err := d.Confirm(ctx, plan); err != nil || !res.Confirmed {
			b.Fatal(res, err)
		}
	}
}

// BenchmarkSignOutAll1000 signs out an account with 1,000 devices, 100 of them
// listening for events: one transaction, one event, 1,000 statuses.
func BenchmarkSignOutAll1000(b *testing.B) {
	caller := DeviceInfo{ID: uuid.New(), Name: "TV", Kind: DeviceKindTV}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		svc := benchService(b, lowCost)
		token := seedSessions(b, svc, caller, 1000, 100)
		b.StartTimer()
		res, err := svc.SignOutAll(ctx, token, Proof{Password: anaPassword})
		if err != nil || res.Count.Total() != 1000 {
			b.Fatal(res.Count, err)
		}
	}
}

// seedSessions signs n devices in to Ana's account, the caller among them, and
// subscribes listening of them to events. It returns the caller's token.
func seedSessions(b *testing.B, svc *Embedded, caller DeviceInfo, n, listening int) string {
	var token string
	var tokens []string
	var seq uint64
	require.NoError(b, svc.store.Update(ctx, func(tx Tx) error {
		a, err := tx.AccountByEmail(anaEmail)
		if err != nil {
			return err
		}
		seq = a.Seq
		if token, _, err = svc.newSession(tx, a.ID, caller); err != nil {
			return err
		}
		for i := 1; i < n; i++ {
			t, _, err := svc.newSession(tx, a.ID, DeviceInfo{ID: uuid.New(), Name: fmt.Sprint("Device ", i), Kind: DeviceKindStick})
			if err != nil {
				return err
			}
			tokens = append(tokens, t)
		}
		return nil
	}))
	for _, t := range tokens[:listening] {
		ch, err := svc.Subscribe(ctx, t, seq)
		require.NoError(b, err)
		go func() {
			for range ch {
			}
		}()
	}
	return token
}
