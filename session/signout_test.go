package session

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/internal/testkit"
)

// withDownloads gives d two downloads in progress and three complete.
func withDownloads(t *testing.T, d *Device) {
	t.Helper()
	p := d.Profiles()[0].ID
	for _, title := range []string{"The Long Tide", "Paper Moons", "Atlas of Rain"} {
		_, err := d.StartDownload(title, p, 100)
		require.NoError(t, err)
	}
	_, err := d.AdvanceDownloads(100)
	require.NoError(t, err)
	for _, title := range []string{"Orbit of Small Things", "North Ridge"} {
		_, err := d.StartDownload(title, p, 100)
		require.NoError(t, err)
	}
}

func TestPlanSaysWhatWillHappen(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.signedIn("Living Room TV")
	withDownloads(t, d)
	plan, err := d.Plan()
	require.NoError(t, err)
	assert.Equal(t, "Sign out of Ana (a•••@example.com)?", plan.Title())
	assert.Equal(t, []string{"Ana", "Ben", "Kids", "Grandpa"}, plan.Profiles)
	assert.Equal(t, "2 downloads in progress will be cancelled. 3 downloaded titles will be deleted.", plan.Warning())
	assert.ElementsMatch(t, []string{"Orbit of Small Things", "North Ridge"}, plan.InProgress)
	assert.ElementsMatch(t, []string{"The Long Tide", "Paper Moons", "Atlas of Rain"}, plan.Downloaded)
}

func TestPlanWarningWording(t *testing.T) {
	tests := []struct {
		inProgress, done int
		want             string
	}{
		{0, 0, ""},
		{1, 0, "1 download in progress will be cancelled."},
		{0, 1, "1 downloaded title will be deleted."},
		{2, 1, "2 downloads in progress will be cancelled. 1 downloaded title will be deleted."},
	}
	for _, tt := range tests {
		p := SignOutPlan{InProgress: make([]string, tt.inProgress), Downloaded: make([]string, tt.done)}
		assert.Equal(t, tt.want, p.Warning())
	}
}

func TestPlanNamesTheAccountSignedInNow(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.signedIn("Shared TV")
	plan, err := d.Plan()
	require.NoError(t, err)
	_, err = d.Confirm(ctx, plan)
	require.NoError(t, err)

	require.NoError(t, d.SignIn(ctx, samEmail, samPassword))
	plan, err = d.Plan()
	require.NoError(t, err)
	assert.Equal(t, "Sign out of Sam (s•••@example.com)?", plan.Title(), "the second account, not the first")
	assert.Equal(t, []string{"Sam", "Alex"}, plan.Profiles)
}

func TestConfirmSignsOutAndWipes(t *testing.T) {
	h := newHousehold(t)
	d, _, dir := h.signedIn("Living Room TV")
	withDownloads(t, d)
	token := tokenOf(d)
	plan, err := d.Plan()
	require.NoError(t, err)

	res, err := d.Confirm(ctx, plan)
	require.NoError(t, err)
	assert.True(t, res.Confirmed, "the service has the revocation")
	_, signedIn := d.Account()
	assert.False(t, signedIn)
	assert.Empty(t, d.Profiles())
	assert.Empty(t, d.Downloads())
	assert.Zero(t, d.PendingRevocations())
	assert.NotNil(t, h.session(token).Revoked)
	assert.NotNil(t, h.session(token).Wiped)

	data, err := os.ReadFile(filepath.Join(dir, "device.json"))
	require.NoError(t, err)
	for _, gone := range []string{"Ana", "example.com", "The Long Tide", `"token"`} {
		assert.NotContains(t, string(data), gone, "nothing of the account stays on disk")
	}
}

func TestConfirmTwiceIsHarmless(t *testing.T) {
	h := newHousehold(t)
	d, net, _ := h.signedIn("TV")
	plan, err := d.Plan()
	require.NoError(t, err)
	_, err = d.Confirm(ctx, plan)
	require.NoError(t, err)
	res, err := d.Confirm(ctx, plan)
	require.NoError(t, err)
	assert.True(t, res.AlreadyDone)
	assert.Equal(t, 1, net.signOuts, "one revocation sent")
	assert.Equal(t, 1, eventsOf(h.svc, EventSignedOut, d.Info().ID))
}

func TestConfirmStalePlanChangesNothing(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, d *Device)
		reason string
	}{
		{"another account signed in", func(t *testing.T, d *Device) {
			plan, _ := d.Plan()
			_, err := d.Confirm(ctx, plan)
			require.NoError(t, err)
			require.NoError(t, d.SignIn(ctx, samEmail, samPassword))
		}, "account changed since it was shown"},
		{"signed out and in again", func(t *testing.T, d *Device) {
			plan, _ := d.Plan()
			_, err := d.Confirm(ctx, plan)
			require.NoError(t, err)
			require.NoError(t, d.SignIn(ctx, anaEmail, anaPassword))
		}, "account changed since it was shown"},
		{"a new download started", func(t *testing.T, d *Device) {
			_, err := d.StartDownload("Summit", d.Profiles()[0].ID, 100)
			require.NoError(t, err)
		}, "downloads changed since it was shown"},
		{"a download finished", func(t *testing.T, d *Device) {
			_, err := d.AdvanceDownloads(1000)
			require.NoError(t, err)
		}, "downloads changed since it was shown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHousehold(t)
			d, _, _ := h.signedIn("TV")
			_, err := d.StartDownload("Ember & Ash", d.Profiles()[0].ID, 100)
			require.NoError(t, err)
			plan, err := d.Plan()
			require.NoError(t, err)

			tt.change(t, d)
			before, _ := d.Account()
			downloads := d.Downloads()
			_, err = d.Confirm(ctx, plan)
			require.ErrorIs(t, err, ErrStalePlan)
			assert.EqualError(t, err, "session: sign-out plan is stale: "+tt.reason)
			after, signedIn := d.Account()
			assert.True(t, signedIn, "still signed in")
			assert.Equal(t, before, after)
			assert.Equal(t, downloads, d.Downloads(), "nothing was deleted")
		})
	}
}

func TestDownloadProgressAloneKeepsThePlan(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.signedIn("TV")
	_, err := d.StartDownload("Summit", d.Profiles()[0].ID, 1000)
	require.NoError(t, err)
	plan, err := d.Plan()
	require.NoError(t, err)
	_, err = d.AdvanceDownloads(10)
	require.NoError(t, err)
	_, err = d.Confirm(ctx, plan)
	assert.NoError(t, err, "the plan still says what will happen")
}

func TestOfflineSignOutDeliversExactlyOneRevocation(t *testing.T) {
	h := newHousehold(t)
	d, net, dir := h.signedIn("TV")
	token := tokenOf(d)
	plan, err := d.Plan()
	require.NoError(t, err)

	net.unplug()
	res, err := d.Confirm(ctx, plan)
	require.NoError(t, err, "signing out never waits for the network")
	assert.False(t, res.Confirmed)
	_, signedIn := d.Account()
	assert.False(t, signedIn, "wiped at once")
	assert.Equal(t, 1, d.PendingRevocations())
	assert.Nil(t, h.session(token).Revoked, "the service has not heard yet")

	// Retries back off while the cable is out.
	for i := 0; i < 10; i++ {
		h.clock.Advance(time.Hour)
		assert.Equal(t, 1, d.Flush(ctx))
	}
	next, ok := d.NextRetry()
	require.True(t, ok)
	assert.Equal(t, retryMax, next.Sub(h.clock.Now()))

	// The app restarts, still offline: the outbox survives.
	d = h.reopen(dir, net)
	assert.Equal(t, 1, d.PendingRevocations())

	net.plugIn()
	assert.Equal(t, 1, d.Flush(ctx), "not due yet")
	h.clock.Advance(retryMax)
	assert.Zero(t, d.Flush(ctx))
	assert.NotNil(t, h.session(token).Revoked)
	assert.Equal(t, 1, eventsOf(h.svc, EventSignedOut, d.Info().ID), "exactly one revocation")
	assert.Zero(t, d.Flush(ctx))
	assert.Equal(t, 1, eventsOf(h.svc, EventSignedOut, d.Info().ID))
}

func TestRevokedTokenIsRefusedEverywhere(t *testing.T) {
	h := newHousehold(t)
	d, _, _ := h.signedIn("TV")
	d.mu.Lock()
	token := d.st.Token
	d.mu.Unlock()
	plan, _ := d.Plan()
	_, err := d.Confirm(ctx, plan)
	require.NoError(t, err)

	_, err = h.svc.Check(ctx, token)
	assert.ErrorIs(t, err, ErrRevoked)
	_, err = h.svc.Devices(ctx, token)
	assert.ErrorIs(t, err, ErrRevoked)
	assert.ErrorIs(t, h.svc.ApproveDeviceAuth(ctx, token, "BDFH-JKLM"), ErrRevoked)
	_, err = h.svc.SignOutAll(ctx, token, Proof{Password: anaPassword})
	assert.ErrorIs(t, err, ErrRevoked)
	_, err = h.svc.Subscribe(ctx, token, 0)
	assert.ErrorIs(t, err, ErrRevoked)
	_, err = h.svc.Check(ctx, "made-up")
	assert.ErrorIs(t, err, ErrUnauthorized)
}

func TestSignOutOtherDevice(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")

	res, err := phone.SignOutDevice(ctx, tv.Info().ID)
	require.NoError(t, err)
	assert.Equal(t, SignOutOffline, res.State, "the TV is not listening")
	assert.Equal(t, "TV", res.Device.Name)

	// The TV is refused at its next request and wipes itself.
	assert.ErrorIs(t, tv.Refresh(ctx), ErrRevoked)
	_, signedIn := tv.Account()
	assert.False(t, signedIn)
	assert.Zero(t, tv.PendingRevocations(), "and told the service it did")
	assert.Equal(t, 1, eventsOf(h.svc, EventDeviceWiped, tv.Info().ID))

	_, err = phone.SignOutDevice(ctx, phone.Info().ID)
	assert.ErrorIs(t, err, ErrInvalid, "this device signs out with a plan")
	_, err = phone.SignOutDevice(ctx, tv.Info().ID)
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestAccountCannotTouchAnotherAccountsDevices(t *testing.T) {
	h := newHousehold(t)
	ana, _, _ := h.signedIn("Ana's TV")
	sam, _, _ := h.device("Sam's TV", DeviceKindTV)
	require.NoError(t, sam.SignIn(ctx, samEmail, samPassword))

	_, err := ana.SignOutDevice(ctx, sam.Info().ID)
	assert.ErrorIs(t, err, ErrNotFound)
	devices, err := ana.Devices(ctx)
	require.NoError(t, err)
	for _, dv := range devices {
		assert.NotEqual(t, sam.Info().ID, dv.ID)
	}
	assert.NoError(t, sam.Refresh(ctx), "Sam is still signed in")
}

func TestSignOutAllListsTheFirstDevicesAndCountsThemAll(t *testing.T) {
	h := newHousehold(t)
	ctx, cancel := contextWithCancel()
	defer cancel()
	signIn := func(name string) (Grant, uuid.UUID) {
		d := NewDeviceIdentity(name, DeviceKindTV)
		g, err := h.svc.SignIn(ctx, d, anaEmail, anaPassword)
		require.NoError(t, err)
		return g, d.ID
	}
	caller, _ := signIn("Lobby TV")
	for i := range ListedDevices + 20 {
		signIn(fmt.Sprintf("Room %d", i))
	}
	// The last to sign in listen: they are listed before the offline ones.
	var listening []uuid.UUID
	for i := range 5 {
		g, id := signIn(fmt.Sprintf("Suite %d", i))
		_, err := h.svc.Subscribe(ctx, g.Token, 0)
		require.NoError(t, err)
		listening = append(listening, id)
	}

	res, err := h.svc.SignOutAll(ctx, caller.Token, Proof{Password: anaPassword})
	require.NoError(t, err)
	// The demo household's own devices are offline too.
	total := 1 + ListedDevices + 20 + 5 + 3
	assert.Equal(t, SignOutCount{Pending: 5, Offline: total - 5}, res.Count)
	require.Len(t, res.Devices, ListedDevices)
	assert.Equal(t, "Lobby TV", res.Devices[0].Device.Name)
	for i, id := range listening {
		assert.Equal(t, id, res.Devices[1+i].Device.ID)
		assert.Equal(t, SignOutPending, res.Devices[1+i].State)
	}
	for _, d := range res.Devices[6:] {
		assert.Equal(t, SignOutOffline, d.State)
	}
}

func TestSignOutAllDevices(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("Living Room TV")
	phone, _, _ := h.signedIn("Phone")
	stick, _, _ := h.signedIn("Stick")
	listenCtx, cancel := contextWithCancel()
	defer cancel()
	events, err := h.svc.Subscribe(listenCtx, tokenOf(stick), 0)
	require.NoError(t, err)

	_, err = tv.SignOutAll(ctx, Proof{Password: "wrong"})
	assert.ErrorIs(t, err, ErrWrongCredentials)
	_, err = tv.SignOutAll(ctx, Proof{ProfileID: tv.Profiles()[3].ID, PIN: "0000"})
	assert.ErrorIs(t, err, ErrWrongPIN)
	_, signedIn := tv.Account()
	require.True(t, signedIn, "a failed proof changes nothing")

	res, err := tv.SignOutAll(ctx, Proof{ProfileID: tv.Profiles()[3].ID, PIN: grandpaPIN})
	require.NoError(t, err)
	watch, err := tv.WatchSignOut(listenCtx, res.Watch)
	require.NoError(t, err, "the ticket works although the TV's token does not")
	byName := map[string]SignOutState{}
	for _, s := range res.Devices {
		byName[s.Device.Name] = s.State
	}
	assert.Equal(t, map[string]SignOutState{
		"Living Room TV": SignOutDone, "Phone": SignOutOffline, "Stick": SignOutPending,
		"Ana's Phone": SignOutOffline, "Bedroom Stick": SignOutOffline, "Game Console": SignOutOffline,
	}, byName)
	assert.Equal(t, SignOutCount{SignedOut: 1, Pending: 1, Offline: 4}, res.Count)
	assert.Equal(t, "Living Room TV", res.Devices[0].Device.Name, "the device that asked comes first")
	assert.Equal(t, "Stick", res.Devices[1].Device.Name, "then those being told")
	_, signedIn = tv.Account()
	assert.False(t, signedIn, "this device too")

	// The listening stick hears it at once.
	ev := <-events
	for ev.Kind != EventSignedOut {
		ev = <-events
	}
	assert.True(t, ev.Concerns(stick.Info().ID))
	assert.True(t, stick.HandleEvent(ctx, ev))
	_, signedIn = stick.Account()
	assert.False(t, signedIn)

	// The TV watching the sign-out sees the stick confirm.
	wiped := false
	for ev := range watch {
		if ev.Kind == EventDeviceWiped && ev.Concerns(stick.Info().ID) {
			wiped = true
			break
		}
	}
	assert.True(t, wiped)

	// The phone learns at its next request.
	assert.ErrorIs(t, phone.Refresh(ctx), ErrRevoked)
	_, err = h.svc.WatchSignOut(ctx, "forged")
	assert.ErrorIs(t, err, ErrUnauthorized)
}

// TestAWatchEndsWithItsTicket follows a sign-out of all devices until its ticket
// runs out: the watch ends then, and shows nothing the account does after. Before,
// a watch opened in time went on for as long as its connection, with every later
// sign-in and sign-out of the account.
func TestAWatchEndsWithItsTicket(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	res, err := tv.SignOutAll(ctx, Proof{Password: anaPassword})
	require.NoError(t, err)
	h.clock.Advance(WatchLifetime - 20*time.Millisecond) // opened with 20 ms of its ticket left
	watch, err := h.svc.WatchSignOut(t.Context(), res.Watch)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		select {
		case _, open := <-watch:
			return !open
		default:
			return false
		}
	}, 5*time.Second, time.Millisecond, "the watch outlived its ticket")
}

func TestVerifyPIN(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	grandpa := tv.Profiles()[3]
	require.True(t, grandpa.Locked)
	assert.NoError(t, tv.VerifyPIN(ctx, grandpa.ID, grandpaPIN))
	for i := 0; i < freeFailures; i++ {
		assert.ErrorIs(t, tv.VerifyPIN(ctx, grandpa.ID, "0000"), ErrWrongPIN)
	}
	assert.ErrorIs(t, tv.VerifyPIN(ctx, grandpa.ID, grandpaPIN), ErrRateLimited, "no guessing in a loop")
	phone, _, _ := h.signedIn("Phone")
	assert.NoError(t, phone.VerifyPIN(ctx, grandpa.ID, grandpaPIN), "one device's guesses never slow another's")
	h.clock.Advance(backoffBase)
	assert.ErrorIs(t, tv.VerifyPIN(ctx, tv.Profiles()[0].ID, "1234"), ErrWrongPIN, "a profile without a PIN has none to match")
}

func TestCatchUpAfterReconnect(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	listenCtx, cancel := contextWithCancel()
	events, err := h.svc.Subscribe(listenCtx, tokenOf(tv), 0)
	require.NoError(t, err)
	var last uint64
	for len(events) > 0 {
		last = (<-events).Seq
	}
	cancel() // the connection drops

	other, _, _ := h.signedIn("Other")
	_, err = phone.SignOutDevice(ctx, other.Info().ID)
	require.NoError(t, err)

	events, err = h.svc.Subscribe(ctx, tokenOf(tv), last)
	require.NoError(t, err)
	ev := <-events
	assert.Equal(t, EventSignedOut, ev.Kind, "the missed event is replayed")
	assert.False(t, ev.Concerns(other.Info().ID), "a device hears only of itself")
	assert.Empty(t, ev.Devices)
	assert.Greater(t, ev.Seq, last)
}

func TestListenSignsOutAtOnceAndCatchesUp(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	listenCtx, cancel := contextWithCancel()
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- tv.Listen(listenCtx) }()
	require.Eventually(t, func() bool {
		devices, _ := phone.Devices(ctx)
		for _, d := range devices {
			if d.ID == tv.Info().ID && d.Online {
				return true
			}
		}
		return false
	}, 5*time.Second, 5*time.Millisecond, "the TV is online")

	res, err := phone.SignOutDevice(ctx, tv.Info().ID)
	require.NoError(t, err)
	assert.Equal(t, SignOutPending, res.State, "an online device is told at once")
	select {
	case err := <-done:
		assert.ErrorIs(t, err, ErrRevoked)
	case <-time.After(5 * time.Second):
		t.Fatal("the TV did not hear it was signed out")
	}
	_, signedIn := tv.Account()
	assert.False(t, signedIn)
	assert.Equal(t, 1, eventsOf(h.svc, EventDeviceWiped, tv.Info().ID), "and said it wiped itself")
}

// A device that hears it is signed out hangs up its event stream itself: the
// service need not close ten thousand connections in the instant it tells them.
func TestListenHangsUpOnceSignedOut(t *testing.T) {
	h := newHousehold(t)
	tv, net, _ := h.signedIn("TV")
	phone, _, _ := h.signedIn("Phone")
	done := make(chan error, 1)
	go func() { done <- tv.Listen(ctx) }()
	require.Eventually(t, func() bool {
		net.mu.Lock()
		defer net.mu.Unlock()
		return len(net.streams) > 0
	}, 5*time.Second, 5*time.Millisecond, "the TV listens")

	_, err := phone.SignOutDevice(ctx, tv.Info().ID)
	require.NoError(t, err)
	select {
	case err := <-done:
		assert.ErrorIs(t, err, ErrRevoked)
	case <-time.After(5 * time.Second):
		t.Fatal("the TV did not hear it was signed out")
	}
	net.mu.Lock()
	defer net.mu.Unlock()
	for i, stream := range net.streams {
		assert.Error(t, stream.Err(), "stream %d is hung up", i)
	}
}

func TestProfilesAreValidated(t *testing.T) {
	h := newHousehold(t)
	_, err := h.svc.AddAccount(Account{Email: "x@example.com"}, "pw", []Profile{{Name: "A"}, {Name: "B"}, {Name: "C"}, {Name: "D"}, {Name: "E"}, {Name: "F"}}, nil)
	assert.ErrorIs(t, err, ErrTooManyProfiles)
	_, err = h.svc.AddAccount(Account{Email: "x@example.com"}, "pw", []Profile{{Name: "A"}}, map[string]string{"A": "12a4"})
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = h.svc.AddAccount(Account{Email: "x@example.com"}, "pw", []Profile{{Name: " "}}, nil)
	assert.ErrorIs(t, err, ErrInvalid)
	_, err = h.svc.AddAccount(Account{Email: anaEmail}, "pw", nil, nil)
	assert.ErrorIs(t, err, ErrInvalid, "one account per email")
}

func TestManageProfiles(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("TV")
	other, _, _ := h.signedIn("Other TV")
	pin := "4321"
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: Profile{Name: " Cleo ", Avatar: "cat", Kids: true}, PIN: &pin}))
	ps := tv.Profiles()
	require.Len(t, ps, 5)
	cleo := ps[4]
	assert.Equal(t, "Cleo", cleo.Name)
	assert.True(t, cleo.Kids)
	assert.True(t, cleo.Locked)
	assert.NoError(t, tv.VerifyPIN(ctx, cleo.ID, pin))

	assert.ErrorIs(t, tv.SaveProfile(ctx, ProfileChange{Profile: Profile{Name: "Sixth"}}), ErrTooManyProfiles)
	bad := "12"
	assert.ErrorIs(t, tv.SaveProfile(ctx, ProfileChange{Profile: Profile{Name: "X"}, PIN: &bad}), ErrInvalid)

	// Rename, keep the PIN; then remove the PIN: the profile is locked, so both
	// take its PIN.
	cleo.Name = "Cleo B"
	unlock := Proof{ProfileID: cleo.ID, PIN: pin}
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: cleo, Proof: unlock}))
	assert.True(t, tv.Profiles()[4].Locked, "a nil PIN keeps the PIN")
	none := ""
	require.NoError(t, tv.SaveProfile(ctx, ProfileChange{Profile: tv.Profiles()[4], PIN: &none, Proof: unlock}))
	assert.False(t, tv.Profiles()[4].Locked)

	dl, err := tv.StartDownload("Summit", cleo.ID, 100)
	require.NoError(t, err)
	require.NoError(t, tv.DeleteProfile(ctx, cleo.ID, Proof{}), "no longer locked: no proof needed")
	assert.Len(t, tv.Profiles(), 4)
	for _, d := range tv.Downloads() {
		assert.NotEqual(t, dl.ID, d.ID, "the profile's downloads go with it")
	}
	require.NoError(t, other.Refresh(ctx))
	assert.Len(t, other.Profiles(), 4, "other devices see the change")
}

// A device that signs out and in again must not hear the revocation of its earlier
// session as if it were about the new one.
func TestNewSessionIgnoresTheOldRevocation(t *testing.T) {
	h := newHousehold(t)
	store, err := NewDirStorage(t.TempDir())
	require.NoError(t, err)
	watch := &streamWatch{Service: h.svc, heard: make(chan struct{})}
	tv, err := OpenDevice(store, watch, h.clock, DeviceInfo{Name: "TV", Kind: DeviceKindTV})
	require.NoError(t, err)
	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))
	plan, err := tv.Plan()
	require.NoError(t, err)
	_, err = tv.Confirm(ctx, plan)
	require.NoError(t, err)
	require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))

	listenCtx, cancel := contextWithCancel()
	done := make(chan error, 1)
	go func() { done <- tv.Listen(listenCtx) }()
	testkit.AwaitOpen(t, "the device heard its stream's backlog", watch.heard, done)
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled, "Listen ended only because it was told to")
	_, signedIn := tv.Account()
	assert.True(t, signedIn, "the old revocation was not replayed onto the new session")
}

// A screen stops listening the moment it sees its device signed out, cancelling
// what the listener started; the device's word that it wiped itself must reach the
// service all the same, or the screen that signed every device out waits forever.
func TestWipeIsConfirmedWhenTheListenerStops(t *testing.T) {
	h := newHousehold(t)
	tv, _, _ := h.signedIn("Living Room TV")
	phone, _, _ := h.signedIn("Phone")
	_, err := phone.SignOutDevice(ctx, tv.Info().ID)
	require.NoError(t, err)
	acc, _ := tv.Account()

	stopped, stop := context.WithCancel(ctx)
	stop()
	assert.True(t, tv.HandleEvent(stopped, Event{Seq: 100, AccountID: acc.ID, Kind: EventSignedOut, Devices: []uuid.UUID{tv.Info().ID}}))
	assert.Zero(t, tv.PendingRevocations(), "confirmed, not left in the outbox")
	assert.Equal(t, 1, eventsOf(h.svc, EventDeviceWiped, tv.Info().ID))
}

// A guest signs out while the TV is offline and the next signs in as soon as it is
// back: the first session's revocation is still on its way, on the first session's
// stream. It is about that session, and must not wipe the one just begun.
func TestAnEarlierSessionsSignOutWipesNotTheNext(t *testing.T) {
	h := newHousehold(t)
	tv, net, _ := h.signedIn("Hotel TV")
	acc, _ := tv.Account()
	for guest := range 2 {
		net.unplug()
		plan, err := tv.Plan()
		require.NoError(t, err)
		_, err = tv.Confirm(ctx, plan)
		require.NoError(t, err)
		require.Equal(t, 1, tv.PendingRevocations(), "guest %d: the revocation waits in the outbox", guest)
		net.plugIn()
		require.NoError(t, tv.SignIn(ctx, anaEmail, anaPassword))

		var old Event
		require.NoError(t, h.svc.store.View(ctx, func(tx Tx) error {
			events, err := tx.Events(acc.ID, 0)
			for _, ev := range events {
				if ev.Kind == EventSignedOut && ev.Concerns(tv.Info().ID) {
					old = ev // the last: the earlier session's end
				}
			}
			return err
		}))
		require.NotZero(t, old.Seq, "the earlier session was ended, and its account told")
		assert.False(t, tv.HandleEvent(ctx, old), "guest %d: the earlier session's end, heard late", guest)
		assert.False(t, tv.handleEvent(ctx, Event{Seq: old.Seq + 1000, AccountID: acc.ID, Kind: EventSignedOut, Devices: []uuid.UUID{tv.Info().ID}}, "a token of an earlier session"),
			"guest %d: anything heard on an earlier session's stream", guest)
		_, signedIn := tv.Account()
		assert.True(t, signedIn, "guest %d: the new guest stays signed in", guest)
		assert.NoError(t, tv.Refresh(ctx))
		h.clock.Advance(retryMax) // its next try is due
		assert.Zero(t, tv.Flush(ctx), "guest %d: the earlier revocation delivered at last", guest)
		_, signedIn = tv.Account()
		assert.True(t, signedIn, "guest %d: and still signed in after it", guest)
	}
}
