package app

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// otherDevice signs another device of the household in to Ana's account.
func otherDevice(t *testing.T, h household, name string, kind session.DeviceKind) *session.Device {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	d, err := session.OpenDevice(store, h.svc, nil, session.DeviceInfo{Name: name, Kind: kind})
	require.NoError(t, err)
	require.NoError(t, d.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	return d
}

// appOn starts the app on h and opens Ana's profile.
func appOn(t *testing.T, h household) *App {
	t.Helper()
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	pressKeys(a, ok)
	require.Equal(t, "home", a.Screen().Name())
	return a
}

// press focuses the node with key, as the d-pad would, and presses OK on it.
func press(t *testing.T, a *App, keys ...string) {
	t.Helper()
	for _, k := range keys {
		require.True(t, a.View().Focus(k), "no %q to press on %s", k, a.Screen().Name())
		pressKeys(a, ok)
	}
}

// openEditor opens the editor of the profile called name from Who's watching, by
// Manage profiles.
func openEditor(t *testing.T, a *App, name string) {
	t.Helper()
	press(t, a, "manage", "profile/"+profileNamed(t, a.Env().Device, name).ID.String())
	require.Equal(t, "edit-profile", a.Screen().Name())
}

// typeText types s on the on-screen keyboard whose keys are prefixed "kb".
func typeText(t *testing.T, a *App, s string) {
	t.Helper()
	for _, r := range s {
		key := string(r)
		if r >= 'A' && r <= 'Z' {
			press(t, a, "kb/"+ui.KeyShift)
			key = strings.ToLower(key)
		}
		press(t, a, "kb/"+key)
	}
}

// shows reports whether any text on screen contains s.
func shows(a *App, s string) bool {
	for _, v := range a.Layers(nil) {
		for _, l := range labels(v.Root()) {
			if strings.Contains(l, s) {
				return true
			}
		}
	}
	return false
}

// waitFor runs the app until cond holds, as time passes for a person watching.
func waitFor(t *testing.T, a *App, what string, cond func() bool) {
	t.Helper()
	waitWithin(t, a, 5*time.Second, what, cond)
}

// waitWithin is waitFor for work known to take longer, failing after limit.
func waitWithin(t *testing.T, a *App, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s; on %s", what, a.Screen().Name())
		}
		a.Update(0, input.Pointer{})
		time.Sleep(time.Millisecond)
	}
}

func isSignedIn(d *session.Device) bool {
	_, ok := d.Account()
	return ok
}

func TestSignOutFromSettings(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, left, down, ok) // Settings
	require.Equal(t, "settings", a.Screen().Name())
	pressKeys(a, down, down, ok) // Sign out
	screen, label := focused(t, a)
	require.Equal(t, "signout", screen)
	assert.Equal(t, "Cancel", label, "Cancel has focus first")
	assert.True(t, shows(a, "Sign out of Ana (a•••@example.com)?"))
	assert.True(t, shows(a, "Profiles on this TV: Ana, Ben, Kids and Grandpa."))
	assert.True(t, shows(a, "2 downloads in progress will be cancelled. 3 downloaded titles will be deleted."))

	pressKeys(a, right)
	_, label = focused(t, a)
	assert.Equal(t, "Sign out", label, "signing out takes a deliberate move")
	pressKeys(a, ok)
	screen, label = focused(t, a)
	assert.Equal(t, "signin", screen)
	assert.Equal(t, "Sign in with your phone", label)
	assert.True(t, shows(a, "You signed out of Ana on this device."))
	assert.False(t, isSignedIn(h.device))
	assert.Empty(t, h.device.Downloads())
	for _, gone := range []string{"Ben", "Grandpa", "Continue watching", "Summit"} {
		assert.False(t, shows(a, gone), "%q is gone from the screen", gone)
	}
	assert.Len(t, a.stack, 1, "nothing of the account is left under the sign-in screen")
}

func TestSignOutFromProfileMenu(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, right, up) // the profile picture
	_, label := focused(t, a)
	require.Equal(t, "Ana", label)
	pressKeys(a, ok)
	require.Equal(t, "profile-menu", a.Screen().Name())
	pressKeys(a, down, down, ok)
	require.Equal(t, "signout", a.Screen().Name())
	pressKeys(a, right, ok)
	assert.Equal(t, "signin", a.Screen().Name())
	assert.False(t, isSignedIn(h.device))
}

func TestProfileMenuOpensOnHover(t *testing.T) {
	a := appOn(t, newHousehold(t))
	pic := a.View().Root().Find("profile").ScreenRect()
	a.Update(0, input.Pointer{X: pic.CenterX(), Y: pic.CenterY(), Moved: true})
	assert.Equal(t, "profile-menu", a.Screen().Name(), "as on the web, hovering the picture opens the menu")
	assert.True(t, shows(a, "Sign out"))
}

func TestCancelAndBackKeepTheAccount(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, down, ok)
	require.Equal(t, "signout", a.Screen().Name())
	pressKeys(a, ok) // Cancel
	assert.Equal(t, "settings", a.Screen().Name())
	pressKeys(a, ok)
	require.Equal(t, "signout", a.Screen().Name())
	pressKeys(a, right, back) // even with Sign out focused, Back cancels
	assert.Equal(t, "settings", a.Screen().Name())
	assert.True(t, isSignedIn(h.device))
	assert.Len(t, h.device.Downloads(), 5)
}

// Ana is signed out and Sam signed in on this TV (from another tab of the page)
// while Ana's sign-out dialog is up, and Sign out is pressed before the app has
// looked: the plan shown for Ana signs nobody out, and the app starts again at
// Sam's Who's watching, since everything it showed was Ana's.
func TestAccountChangedBetweenPlanAndConfirm(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, down, ok)
	require.True(t, shows(a, "Sign out of Ana"))
	pressKeys(a, right)
	require.Equal(t, "confirm", a.View().FocusedKey())

	ctx := context.Background()
	plan, err := h.device.Plan()
	require.NoError(t, err)
	_, err = h.device.Confirm(ctx, plan)
	require.NoError(t, err)
	require.NoError(t, h.device.SignIn(ctx, demo.SamEmail, demo.SamPassword))

	pressKeys(a, ok)
	a.Update(0, input.Pointer{})
	acc, ok := h.device.Account()
	require.True(t, ok, "Sam was not signed out by a dialog shown for Ana")
	assert.Equal(t, "Sam", acc.DisplayName)
	assert.Equal(t, "profiles", a.Screen().Name())
	assert.True(t, shows(a, "Alex"), "Sam's profiles")
	assert.False(t, shows(a, "Ana"), "nothing of Ana's")
}

func TestSignOutOneOtherDevice(t *testing.T) {
	h := newHousehold(t)
	stick := otherDevice(t, h, "Kitchen Stick", session.DeviceKindStick)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, ok) // Settings, Account
	require.Equal(t, "account", a.Screen().Name())
	assert.True(t, shows(a, "Living Room TV  ·  TV  ·  This device"))
	assert.True(t, shows(a, "Bedroom Stick  ·  Streaming stick  ·  Last seen"))
	press(t, a, "device/"+stick.Info().ID.String())
	require.Equal(t, "signout-device", a.Screen().Name())
	assert.True(t, shows(a, "Sign Kitchen Stick out?"))
	pressKeys(a, right, ok)
	assert.Equal(t, "account", a.Screen().Name())
	require.NotNil(t, a.Toast())
	assert.Contains(t, a.Toast().Label, "Kitchen Stick is offline. It is signed out the moment it comes online.")
	assert.False(t, shows(a, "Kitchen Stick"), "the list no longer has it")
	assert.ErrorIs(t, stick.Refresh(context.Background()), session.ErrRevoked)
}

func TestSignOutOfAllDevicesWithOneOffline(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Tablet", session.DeviceKindPhone)
	listen, stop := context.WithCancel(context.Background())
	listening := make(chan struct{})
	go func() { phone.Listen(listen); close(listening) }() // the tablet is online
	defer func() { stop(); <-listening }()                 // before its folder goes
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, ok) // Settings, Account
	waitFor(t, a, "the tablet is online", func() bool {
		a.Press(input.ActionNone)
		devices, _ := h.device.Devices(context.Background())
		for _, d := range devices {
			if d.ID == phone.Info().ID && d.Online {
				return true
			}
		}
		return false
	})
	press(t, a, "signout-all")
	require.Equal(t, "signout-all", a.Screen().Name())
	assert.True(t, shows(a, "Sign Ana (a•••@example.com) out of all 5 devices?"))
	pressKeys(a, right, ok) // Continue
	_, label := focused(t, a)
	assert.Equal(t, "q", label, "the keyboard is ready for the password")

	typeText(t, a, "wrong")
	press(t, a, "confirm")
	assert.True(t, shows(a, "That email and password do not match. Check them and try again."))
	assert.True(t, isSignedIn(h.device), "a wrong password signs nobody out")

	for range "wrong" {
		press(t, a, "kb/"+ui.KeyDelete)
	}
	typeText(t, a, demo.AnaPassword)
	press(t, a, "confirm")
	assert.False(t, isSignedIn(h.device), "this TV is signed out too")
	assert.True(t, shows(a, "Living Room TV  ·  TV"))
	assert.True(t, shows(a, "Offline, last seen"), "the seeded devices are offline")
	assert.True(t, shows(a, "Offline devices are signed out the moment they come online."))
	waitFor(t, a, "the tablet confirms", func() bool {
		a.Settle()
		return !isSignedIn(phone) && count(allLabels(a), "Signed out") == 2
	})

	press(t, a, "done")
	assert.Equal(t, "signin", a.Screen().Name())
}

// A hotel signs out of all its TVs: the list shows the rows that fit and counts the
// rest, and ticks off those the service did not list as they confirm.
func TestSignOutOfAllDevicesOfAHotel(t *testing.T) {
	h := newHousehold(t)
	const rooms = session.ListedDevices + 4 // more listening than the answer lists
	listen, stop := context.WithCancel(context.Background())
	var listening sync.WaitGroup
	defer func() { stop(); listening.Wait() }() // before their folders go
	var tvs []*session.Device
	for i := range rooms {
		tvs = append(tvs, otherDevice(t, h, fmt.Sprintf("Room %d", 101+i), session.DeviceKindTV))
	}
	a := appOn(t, h)

	// more reads the row that counts the devices the list has no room for.
	more := func() (n, done, pending, offline int) {
		for _, l := range allLabels(a) {
			if _, err := fmt.Sscanf(l, "%d more devices: %d signed out, %d signing out, %d offline", &n, &done, &pending, &offline); err == nil {
				return
			}
		}
		t.Fatal("no row counts the rest")
		return
	}
	// signOutAll signs Ana out of all her devices from Account, with every room's TV
	// listening, and checks the progress until each has confirmed: total devices,
	// offline of them the demo's, which never listen.
	signOutAll := func(total, offline int) {
		t.Helper()
		for _, tv := range tvs {
			listening.Go(func() { tv.Listen(listen) })
		}
		pressKeys(a, left, down, ok, down, ok) // Settings, Account
		waitFor(t, a, "every room's TV is online", func() bool {
			a.Press(input.ActionNone)
			devices, _ := h.device.Devices(context.Background())
			online := 0
			for _, d := range devices {
				if d.Online {
					online++
				}
			}
			return online == rooms+1 // and this TV
		})
		press(t, a, "signout-all")
		assert.True(t, shows(a, fmt.Sprintf("Sign Ana (a•••@example.com) out of all %d devices?", total)))
		press(t, a, "continue", "switch-proof", "pin/1", "pin/2", "pin/3")
		require.True(t, a.View().Focus("pin/4"))
		a.Press(ok) // not settled: the list ticks while the test looks
		waitFor(t, a, "the progress", func() bool { return shows(a, "Living Room TV  ·  TV") })
		assert.False(t, isSignedIn(h.device))

		n, done, pending, unheard := more()
		shown := count(allLabels(a), "Signed out") + count(allLabels(a), "Signing out…")
		assert.Equal(t, total, shown+n, "the rows shown and the rest are every device")
		assert.Equal(t, offline, unheard, "the demo's devices, offline, are listed after the rooms")
		assert.Equal(t, n-offline, done+pending)

		// A hundred wipes, each saved on disk.
		waitWithin(t, a, 30*time.Second, "every room's TV confirms", func() bool {
			_, done, _, _ = more()
			return done == n-offline && !shows(a, "Signing out…")
		})
		for _, tv := range tvs {
			assert.False(t, isSignedIn(tv))
		}
		_, _, pending, unheard = more()
		assert.Equal(t, [2]int{0, offline}, [2]int{pending, unheard}, "the offline ones follow when they come online")

		press(t, a, "done")
		assert.Equal(t, "signin", a.Screen().Name())
	}
	signOutAll(rooms+4, 3) // this TV and the demo's three

	// The hotel's next guest is Ana again: every room and this TV sign in anew, the
	// same devices, and she signs out of all of them once more. Nothing of the first
	// sign-out (the devices it heard, its counts) may count in the second.
	for _, tv := range tvs {
		require.NoError(t, tv.SignIn(context.Background(), demo.AnaEmail, demo.AnaPassword))
	}
	pressKeys(a, down, ok)
	require.Equal(t, "signin-email", a.Screen().Name())
	typeText(t, a, "ana@example")
	press(t, a, "kb/"+ui.KeyDotCom, "kb/"+ui.KeyDone)
	typeText(t, a, demo.AnaPassword)
	press(t, a, "submit")
	require.Equal(t, "profiles", a.Screen().Name())
	pressKeys(a, ok)
	require.Equal(t, "home", a.Screen().Name())
	signOutAll(rooms+1, 0) // the demo's three were signed out the first time
}

// count returns how many of labels are exactly s.
func count(labels []string, s string) int {
	n := 0
	for _, l := range labels {
		if l == s {
			n++
		}
	}
	return n
}

func allLabels(a *App) []string {
	var out []string
	for _, v := range a.Layers(nil) {
		out = append(out, labels(v.Root())...)
	}
	return out
}

func TestSignOutOfAllDevicesWithAPIN(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, ok)
	press(t, a, "signout-all", "continue", "switch-proof")
	_, label := focused(t, a)
	assert.Equal(t, "1", label)
	press(t, a, "pin/1", "pin/2", "pin/3", "pin/4")
	assert.False(t, isSignedIn(h.device))
	assert.Equal(t, 1, count(allLabels(a), "Signed out"), "this TV")
}

func TestSignInAgainWithTheKeyboard(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, down, ok, right, ok)
	require.Equal(t, "signin", a.Screen().Name())
	pressKeys(a, down, ok)
	require.Equal(t, "signin-email", a.Screen().Name())

	typeText(t, a, "sam@example")
	press(t, a, "kb/"+ui.KeyDotCom, "kb/"+ui.KeyDone)
	assert.True(t, shows(a, "sam@example.com"))
	typeText(t, a, "nope")
	assert.False(t, shows(a, "nope"), "the password is masked")
	press(t, a, "kb/"+ui.KeyShow)
	assert.True(t, shows(a, "nope"), "until Show is pressed")
	press(t, a, "kb/"+ui.KeyDone)
	assert.True(t, shows(a, "That email and password do not match. Check them and try again."))
	assert.False(t, isSignedIn(h.device))

	for range "nope" {
		press(t, a, "kb/"+ui.KeyDelete)
	}
	typeText(t, a, demo.SamPassword)
	press(t, a, "submit")
	require.Equal(t, "profiles", a.Screen().Name(), "after every sign-in: Who's watching")
	assert.True(t, shows(a, "Alex"))
	assert.False(t, shows(a, "Grandpa"), "nothing of Ana's account")
}

// Done on the email's keyboard goes on to the password, ready to type it, as the
// email used last time does: focus waits on the password keyboard's first letter,
// not on its Done, where the next OK would try to sign in with no password.
func TestDoneOnTheEmailIsReadyForThePassword(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	press(t, a, "menu/settings", "signout", "confirm")
	for round := 1; round <= 2; round++ {
		require.Equal(t, "signin", a.Screen().Name())
		press(t, a, "email")
		require.Equal(t, "signin-email", a.Screen().Name())
		typeText(t, a, "ana@example")
		press(t, a, "kb/"+ui.KeyDotCom, "kb/"+ui.KeyDone)
		require.Equal(t, demo.AnaEmail, fieldText(a, "field/email"))
		require.True(t, a.View().Root().Find("field/password").Selected, "round %d: on to the password", round)
		assert.Equal(t, "kb/q", a.View().FocusedKey(), "round %d: focus waits on the first letter", round)

		pressKeys(a, ok) // the next OK types
		assert.Equal(t, "q", fieldText(a, "field/password"), "round %d", round)
		assert.False(t, shows(a, "That email and password do not match"), "round %d: no sign-in was tried", round)
		assert.Equal(t, "signin-email", a.Screen().Name())

		press(t, a, "kb/"+ui.KeyDelete)
		typeText(t, a, demo.AnaPassword)
		press(t, a, "kb/"+ui.KeyDone)
		require.Equal(t, "profiles", a.Screen().Name(), "round %d: signed in", round)
		pressKeys(a, ok) // Ana
		press(t, a, "menu/settings", "signout", "confirm")
	}
}

func TestSignInAgainWithACode(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, down, ok, right, ok)
	require.Equal(t, "signin", a.Screen().Name())
	pressKeys(a, ok)
	require.Equal(t, "signin-code", a.Screen().Name())
	code := shownCode(a)
	require.NotEmpty(t, code)
	assert.True(t, shows(a, code))
	assert.True(t, shows(a, "go to https://tenfoot.example/activate and enter this code"))
	qr := findRole(a.View().Root(), ui.RoleQR)
	require.NotNil(t, qr)
	assert.Equal(t, "https://tenfoot.example/activate?code="+code, qr.Input)

	require.NoError(t, phone.ApproveCode(context.Background(), code))
	waitFor(t, a, "the TV signs itself in", func() bool {
		for i := 0; i < ticksPerSecond; i++ {
			a.Update(0, input.Pointer{})
		}
		a.Settle()
		return a.Screen().Name() == "profiles"
	})
	assert.True(t, isSignedIn(h.device))
}

func TestACodeRefusedOnThePhoneGivesANewOne(t *testing.T) {
	h := newHousehold(t)
	phone, err := h.svc.SignIn(context.Background(), session.NewDeviceIdentity("Ana's Phone", session.DeviceKindPhone),
		demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	a := appOn(t, h)
	pressKeys(a, left, down, ok, down, down, ok, right, ok)
	pressKeys(a, ok)
	require.Equal(t, "signin-code", a.Screen().Name())
	refused := shownCode(a)
	require.NotEmpty(t, refused)

	require.NoError(t, h.svc.DenyDeviceAuth(context.Background(), phone.Token, refused))
	waitFor(t, a, "the TV hears it was refused and shows a new code", func() bool {
		for i := 0; i < ticksPerSecond; i++ {
			a.Update(0, input.Pointer{})
		}
		a.Settle()
		code := shownCode(a)
		return code != "" && code != refused
	})
	assert.True(t, shows(a, "The sign-in was refused on your phone or computer, so here is a new code."))
	assert.False(t, shows(a, refused), "the refused code is gone")
	assert.Equal(t, "signin-code", a.Screen().Name())
	assert.False(t, isSignedIn(h.device))
}

func findRole(n *ui.Node, r ui.Role) *ui.Node {
	if n.Role == r {
		return n
	}
	for _, c := range n.Children {
		if f := findRole(c, r); f != nil {
			return f
		}
	}
	return nil
}

func TestPINLockedProfile(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	pressKeys(a, right, right, right)
	_, label := focused(t, a)
	require.Equal(t, "Grandpa", label)
	pressKeys(a, ok)
	require.Equal(t, "pin", a.Screen().Name())
	assert.True(t, shows(a, "Enter the PIN for Grandpa"))
	press(t, a, "pin/9", "pin/9", "pin/9", "pin/9")
	assert.Equal(t, "pin", a.Screen().Name())
	assert.True(t, shows(a, "That PIN is not right."))
	press(t, a, "pin/1", "pin/2", "pin/3", "pin/4")
	assert.Equal(t, "home", a.Screen().Name())
	assert.Equal(t, "Grandpa", a.Env().Profile.Name)
}

func TestSignedOutFromElsewhere(t *testing.T) {
	h := newHousehold(t)
	phone := otherDevice(t, h, "Ana's Phone", session.DeviceKindPhone)
	a := appOn(t, h)
	waitFor(t, a, "the TV listens", func() bool {
		devices, _ := phone.Devices(context.Background())
		for _, d := range devices {
			if d.ID == h.device.Info().ID && d.Online {
				return true
			}
		}
		return false
	})
	_, err := phone.SignOutDevice(context.Background(), h.device.Info().ID)
	require.NoError(t, err)
	waitFor(t, a, "the TV shows the sign-in screen", func() bool { return a.Screen().Name() == "signin" })
	assert.True(t, shows(a, "This device was signed out. Sign in to continue."))
	assert.False(t, isSignedIn(h.device))
}

func TestKidsProfileSeesOnlyTitlesForKids(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)
	pressKeys(a, right, right, ok) // Kids
	require.Equal(t, "home", a.Screen().Name())
	assert.True(t, shows(a, "Paper Moons"))
	assert.True(t, shows(a, "The Glass Garden"))
	assert.False(t, shows(a, "Circuit Breaker"), "an action film is not on a kids profile")
	assert.False(t, shows(a, "North Ridge"), "nor Ana's downloads")
}

func TestManageProfiles(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(testOptions, h.device)
	t.Cleanup(a.Close)

	// Add a kids profile with a PIN.
	press(t, a, "add")
	require.Equal(t, "edit-profile", a.Screen().Name())
	_, label := focused(t, a)
	assert.Equal(t, "Q", label, "ready to type the name, starting with a capital")
	typeText(t, a, "leo") // the first letter comes out a capital by itself
	press(t, a, "avatar/cat", "kids", "pin")
	_, label = focused(t, a)
	assert.Equal(t, "1", label, "the number pad is up to choose a PIN")
	press(t, a, "pin/4", "pin/3", "pin/2", "pin/1")
	assert.True(t, shows(a, "Enter the same PIN again"), "a new PIN is typed twice")
	press(t, a, "pin/4", "pin/3", "pin/2", "pin/1", "save")
	require.Equal(t, "profiles", a.Screen().Name())
	ps := h.device.Profiles()
	require.Len(t, ps, 5)
	cleo := ps[4]
	assert.Equal(t, session.Profile{ID: cleo.ID, Name: "Leo", Avatar: "cat", Kids: true, Locked: true}, cleo)
	assert.Nil(t, a.View().Root().Find("add"), "five profiles: no room for more")

	// Rename it through Manage profiles, after its PIN: it is locked.
	press(t, a, "manage")
	assert.True(t, shows(a, "Choose a profile to edit it."))
	press(t, a, "profile/"+cleo.ID.String())
	require.Equal(t, "pin", a.Screen().Name())
	press(t, a, "pin/4", "pin/3", "pin/2", "pin/1")
	require.Equal(t, "edit-profile", a.Screen().Name())
	press(t, a, "kb/"+ui.KeyDelete, "kb/"+ui.KeyDelete, "kb/o", "save")
	assert.Equal(t, "Lo", h.device.Profiles()[4].Name)

	// Delete it, after its PIN and a confirmation that says what goes with it.
	press(t, a, "profile/"+cleo.ID.String(), "pin/4", "pin/3", "pin/2", "pin/1", "delete")
	require.Equal(t, "delete-profile", a.Screen().Name())
	assert.True(t, shows(a, "Delete Lo's profile?"))
	_, label = focused(t, a)
	assert.Equal(t, "Cancel", label)
	pressKeys(a, right, ok)
	assert.Equal(t, "profiles", a.Screen().Name())
	assert.Len(t, h.device.Profiles(), 4)
	assert.NotNil(t, a.View().Root().Find("add"))
}

// With reduced motion the sign-out dialog opens opaque, its Cancel focused and grown,
// the first time and the second, and nothing is left to animate after either.
func TestSignOutDialogWithReducedMotion(t *testing.T) {
	opts := testOptions
	opts.ReducedMotion = true
	a := NewTenfoot(opts, newHousehold(t).device)
	t.Cleanup(a.Close)
	pressKeys(a, ok, left, down, ok) // Ana's Home, its menu, Settings
	require.Equal(t, "settings", a.Screen().Name())
	pressKeys(a, down, down) // Sign out
	for round := range 2 {
		pressKeys(a, ok)
		screen, label := focused(t, a)
		require.Equal(t, "signout", screen, "round %d", round)
		assert.Equal(t, "Cancel", label)
		v := a.View()
		assert.Equal(t, 1.0, v.LayerOpacity(), "round %d: the dialog is opaque at once", round)
		assert.Equal(t, 1.0, v.FocusAmount(v.Focused()), "round %d", round)
		assert.False(t, v.Tick(), "round %d: nothing left to animate", round)
		pressKeys(a, back)
		screen, label = focused(t, a)
		require.Equal(t, "settings", screen)
		assert.Equal(t, "Sign out", label, "round %d: back on the button that opened it", round)
		assert.Equal(t, 1.0, a.View().FocusAmount(a.Focused()))
	}
}
