package demo

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// lowCost keeps bcrypt fast in tests; the cost does not change behaviour.
const lowCost = 4

func newClock() *testkit.Clock {
	return testkit.NewClock(time.Date(2026, 11, 25, 20, 0, 0, 0, time.UTC))
}

func TestHousehold(t *testing.T) {
	ctx := context.Background()
	store := &session.MemStorage{}
	clock := newClock()
	info := session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV}
	_, d, err := Open(ctx, Options{Storage: store, Clock: clock, Device: info, PasswordCost: lowCost})
	require.NoError(t, err)
	acc, ok := d.Account()
	require.True(t, ok)
	assert.Equal(t, "Ana", acc.DisplayName)
	plan, err := d.Plan()
	require.NoError(t, err)
	assert.Equal(t, "2 downloads in progress will be cancelled. 3 downloaded titles will be deleted.", plan.Warning())
	var progress []float64
	for _, dl := range d.Downloads() {
		progress = append(progress, dl.Progress())
	}
	assert.InDeltaSlice(t, []float64{1, 1, 1, 0.4, 0.15}, progress, 0.001, "The Long Tide, Atlas of Rain, Paper Moons, Orbit of Small Things, North Ridge")
	devices, err := d.Devices(ctx)
	require.NoError(t, err)
	assert.Len(t, devices, 4, "this TV and three others")
	locked := 0
	for _, p := range d.Profiles() {
		if p.Locked {
			locked++
		}
	}
	assert.Equal(t, 1, locked, "Grandpa has a PIN")

	// A second start opens the same household instead of seeding again.
	_, d2, err := Open(ctx, Options{Storage: store, Clock: clock, Device: info, PasswordCost: lowCost})
	require.NoError(t, err)
	assert.Equal(t, d.Info().ID, d2.Info().ID)
	devices, err = d2.Devices(ctx)
	require.NoError(t, err)
	assert.Len(t, devices, 4)
	assert.Len(t, d2.Downloads(), 5)
}

// A kiosk TV keeps the service apart and starts with the guest's two downloads.
func TestKioskHousehold(t *testing.T) {
	tv, svc := &session.MemStorage{}, &session.MemStorage{}
	info := session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk}
	_, d, err := Open(context.Background(), Options{Storage: tv, ServiceStorage: svc, Clock: newClock(), Device: info, PasswordCost: lowCost})
	require.NoError(t, err)
	plan, err := d.Plan()
	require.NoError(t, err)
	assert.Equal(t, []string{"The Long Tide", "North Ridge"}, plan.InProgress)
	_, err = tv.Load("service")
	assert.Error(t, err, "the accounts are not in the TV's state")
	_, err = svc.Load("service")
	assert.NoError(t, err)
}

// The household's own profiles have watched a little, renamed or not; a profile
// added to it has watched nothing.
func TestStartedIsTheSeededProfilesOnly(t *testing.T) {
	ctx := context.Background()
	_, d, err := Open(ctx, Options{Storage: &session.MemStorage{}, Clock: newClock(),
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}, PasswordCost: lowCost})
	require.NoError(t, err)
	ana := d.Profiles()[0]
	ana.Name = "Ana M"
	require.NoError(t, d.SaveProfile(ctx, session.ProfileChange{Profile: ana}))
	require.NoError(t, d.SaveProfile(ctx, session.ProfileChange{Profile: session.Profile{Name: "Leo", Avatar: "cat"}}))
	started := map[string]map[string]float64{}
	for _, p := range d.Profiles() {
		started[p.Name] = Catalog.Started(p)
	}
	grown, kids := map[string]float64{"summit": 0.35, "meridian": 0.7}, map[string]float64{"paper": 0.5, "garden": 0.2}
	assert.Equal(t, map[string]map[string]float64{"Ana M": grown, "Ben": grown, "Kids": kids, "Grandpa": grown, "Leo": nil}, started)
}

// Every title the household has started is in the catalog.
func TestStartedTitlesAreInTheCatalog(t *testing.T) {
	for _, kids := range []bool{false, true} {
		for id := range Catalog.Started(profile("Ana", "fox", kids)) {
			_, ok := Catalog.ByID(id)
			assert.True(t, ok, id)
		}
	}
}

func TestOpenDeviceKeepsEachPartApart(t *testing.T) {
	tests := []struct {
		name   string
		server bool
		kiosk  bool
		parts  []string
	}{
		{"demo", false, false, []string{""}},
		{"server", true, false, []string{"server"}},
		{"kiosk on the demo", false, true, []string{"kiosk", "kiosk-demo-service"}},
		{"kiosk on a server", true, true, []string{"kiosk-server"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var parts []string
			stores := map[string]*session.MemStorage{}
			opts := HostOptions{Kiosk: tt.kiosk, Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV},
				Storage: func(part string) (session.Storage, error) {
					parts = append(parts, part)
					stores[part] = &session.MemStorage{}
					return stores[part], nil
				}}
			if tt.server {
				opts.Server = unreachable{}
			}
			d, kioskState, err := OpenDevice(context.Background(), opts)
			require.NoError(t, err)
			assert.Equal(t, tt.parts, parts)
			if tt.kiosk {
				assert.Equal(t, session.DeviceKindKiosk, d.Info().Kind)
				assert.Same(t, stores[tt.parts[0]], kioskState, "the kiosk's state is kept with the TV's")
			} else {
				assert.Equal(t, session.DeviceKindTV, d.Info().Kind)
				assert.Nil(t, kioskState)
			}
			_, signedIn := d.Account()
			assert.Equal(t, !tt.server, signedIn, "a demo device starts signed in to Ana's account")
		})
	}
}

// unreachable is a tenfootd that cannot be reached: a server device opens on it
// all the same, signed out.
type unreachable struct{ session.Service }

// Two tabs of the demo open one household in one localStorage, each with its own
// service over it. Ana signs out of all devices in the first; Sam then signs in in
// the second, whose service still held the household as it was: its save must not
// bring back the sessions the first tab ended, nor may the wrong passwords tried in
// one tab start again in another.
func TestTwoTabsKeepEachOthersSignOuts(t *testing.T) {
	ctx := context.Background()
	storage, clock := &session.MemStorage{}, newClock()
	info := session.DeviceInfo{Name: "Living Room TV", Kind: session.DeviceKindTV}
	open := func() *session.Device {
		_, d, err := Open(ctx, Options{Storage: storage, Clock: clock, Device: info, PasswordCost: lowCost})
		require.NoError(t, err)
		return d
	}
	first, second := open(), open()
	devices, err := second.Devices(ctx)
	require.NoError(t, err)
	require.Len(t, devices, 4, "the second tab's service has read the household")

	_, err = first.SignOutAll(ctx, session.Proof{Password: AnaPassword})
	require.NoError(t, err)
	second.Reload() // the page's storage event
	_, signedIn := second.Account()
	require.False(t, signedIn, "the second tab reads the device's state as the first left it")
	require.NoError(t, second.SignIn(ctx, SamEmail, SamPassword))

	third := open() // a tab opened now reads what the others left
	plan, err := third.Plan()
	require.NoError(t, err)
	_, err = third.Confirm(ctx, plan) // Sam's
	require.NoError(t, err)
	require.NoError(t, third.SignIn(ctx, AnaEmail, AnaPassword))
	devices, err = third.Devices(ctx)
	require.NoError(t, err)
	assert.Len(t, devices, 1, "Ana's other three devices stay signed out")

	tabs := []*session.Device{first, second, third}
	for _, tab := range tabs {
		tab.Reload()
	}
	for i := range 5 {
		_, err := tabs[i%3].SignOutAll(ctx, session.Proof{Password: "not it"})
		require.ErrorIs(t, err, session.ErrWrongCredentials)
	}
	_, err = second.SignOutAll(ctx, session.Proof{Password: AnaPassword})
	assert.ErrorIs(t, err, session.ErrRateLimited, "the wrong passwords of all tabs count as one")
}
