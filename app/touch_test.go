package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/session"
	"tenfoot/ui"
)

// A phone's viewport, in CSS pixels, as Playwright's iPhone 12 to 15.
const phoneW, phoneH = 390, 844

// onPhone lays a out as on a phone held upright.
func onPhone(a *App) *App {
	a.SetViewport(ui.ChooseForm(phoneW, phoneH, true), ui.CanvasFor(ui.FormPhone, phoneW, phoneH))
	return a
}

// tap puts a finger on the middle of the node with key and lifts it, as a person
// taps what they see: the node must be on screen and not under anything else.
func tap(t *testing.T, a *App, key string) {
	t.Helper()
	n := a.top().view.Root().Find(key)
	require.NotNil(t, n, "no %q on %s", key, a.Screen().Name())
	r := n.ScreenRect()
	x, y := r.CenterX(), r.CenterY()
	require.True(t, a.Canvas().Contains(x, y), "%q is off screen at %v", key, r)
	require.Same(t, n, a.View().At(x, y), "%q is not what a finger at its middle touches", key)
	a.Update(0, input.Pointer{Finger: input.Finger{Down: true, X: x, Y: y}})
	a.Update(0, input.Pointer{})
	a.Settle()
}

// swipe drags a finger from x, y by dx, dy over a few ticks and lifts it.
func swipe(a *App, x, y, dx, dy float64) {
	const steps = 6
	for i := 0; i <= steps; i++ {
		f := float64(i) / steps
		a.Update(0, input.Pointer{Finger: input.Finger{Down: true, X: x + f*dx, Y: y + f*dy}})
	}
	a.Update(0, input.Pointer{})
}

// phoneHome starts the app on a phone and taps Ana's profile.
func phoneHome(t *testing.T, h household) *App {
	t.Helper()
	a := onPhone(NewTenfoot(Options{Catalog: demo.Catalog, Version: "test"}, h.device))
	t.Cleanup(a.Close)
	require.Equal(t, "profiles", a.Screen().Name())
	tap(t, a, "profile/"+h.device.Profiles()[0].ID.String())
	require.Equal(t, "home", a.Screen().Name())
	return a
}

func TestPhoneMoreSignOut(t *testing.T) {
	h := newHousehold(t)
	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	require.Equal(t, "more", a.Screen().Name())
	tap(t, a, "signout")

	require.Equal(t, "signout", a.Screen().Name())
	assert.Equal(t, "Sign out of Ana (a•••@example.com)?", a.Title(), "the dialog names the account")
	assert.True(t, shows(a, "2 downloads in progress will be cancelled."), "it warns what will be lost")
	_, label := focused(t, a)
	assert.Equal(t, "Cancel", label, "Cancel comes first")
	sheet := findRole(a.View().Root(), ui.RoleBox)
	require.NotNil(t, sheet)
	assert.Equal(t, a.Canvas().MaxY(), sheet.Rect.MaxY(), "the dialog is a bottom sheet")
	cancel, confirm := a.View().Root().Find("cancel"), a.View().Root().Find("confirm")
	assert.Less(t, cancel.Rect.X, confirm.Rect.X, "Cancel first, then Sign out")

	tap(t, a, "confirm")
	assert.Equal(t, "signin", a.Screen().Name())
	assert.False(t, isSignedIn(h.device))
	assert.True(t, shows(a, "You signed out of Ana on this device."))
}

func TestPhoneSignOutCancelAndBack(t *testing.T) {
	h := newHousehold(t)
	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	tap(t, a, "signout")
	tap(t, a, "cancel")
	assert.Equal(t, "more", a.Screen().Name())
	assert.True(t, isSignedIn(h.device))

	tap(t, a, "signout")
	pressKeys(a, back) // the browser's Back or the system's back gesture
	assert.Equal(t, "more", a.Screen().Name())
	pressKeys(a, back)
	assert.Equal(t, "home", a.Screen().Name(), "Back from a tab goes Home")
	assert.False(t, a.CanGoBack(), "Back on Home leaves the page")
	assert.True(t, isSignedIn(h.device))
}

func TestPhoneSignOutOfAllDevices(t *testing.T) {
	h := newHousehold(t)
	tablet := otherDevice(t, h, "Ana's Tablet", session.DeviceKindPhone)
	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	tap(t, a, "account")
	require.Equal(t, "account", a.Screen().Name())
	waitFor(t, a, "the devices are listed", func() bool { a.Settle(); return shows(a, "Ana's Tablet") })
	tap(t, a, "signout-all")
	require.Equal(t, "signout-all", a.Screen().Name())
	tap(t, a, "continue")
	require.Equal(t, "password", a.View().FocusedKey(), "the field has focus, for the phone's keyboard")
	require.Same(t, a.Focused(), a.EditingField())
	assert.Nil(t, a.View().Root().Find("kb/q").Parent(), "no TV keyboard on a phone")

	a.Type("password", demo.AnaPassword, true) // typed, then Go
	a.Settle()
	assert.False(t, isSignedIn(h.device))
	assert.True(t, shows(a, "Offline devices are signed out the moment they come online."), "the progress shows")
	assert.True(t, shows(a, "Ana's Tablet  ·  Phone"))
	_, err := tablet.Devices(context.Background())
	assert.ErrorIs(t, err, session.ErrRevoked, "the tablet was signed out")
	tap(t, a, "done")
	assert.Equal(t, "signin", a.Screen().Name())
}

func TestPhoneSignInWithTheDevicesKeyboard(t *testing.T) {
	h := newHousehold(t)
	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	tap(t, a, "signout")
	tap(t, a, "confirm")
	tap(t, a, "email")
	require.Equal(t, "signin-email", a.Screen().Name())
	tap(t, a, "field/email")
	require.NotNil(t, a.EditingField())
	a.Type("field/email", "ana@example.com", true)
	assert.Equal(t, "field/password", a.View().FocusedKey(), "Enter goes on to the password")
	a.Type("field/email", "stale", false) // typed into a field that lost focus: ignored
	a.Type("field/password", demo.AnaPassword, true)
	a.Settle()
	assert.Equal(t, "profiles", a.Screen().Name())
	assert.True(t, isSignedIn(h.device))
}

// TestPhoneTapTargets walks the phone's screens and checks that everything one can
// tap is at least 48 CSS pixels each way and within the screen's width.
func TestPhoneTapTargets(t *testing.T) {
	h := newHousehold(t)
	otherDevice(t, h, "Ana's Tablet", session.DeviceKindPhone)
	a := phoneHome(t, h)
	check := func() {
		t.Helper()
		var walk func(n *ui.Node, inRow bool)
		walk = func(n *ui.Node, inRow bool) {
			if n.Hidden {
				return
			}
			if n.Focusable {
				assert.GreaterOrEqual(t, n.Rect.W, float64(ui.MinTouchTarget), "%s: %q is too narrow", a.Screen().Name(), n.Key)
				assert.GreaterOrEqual(t, n.Rect.H, float64(ui.MinTouchTarget), "%s: %q is too short", a.Screen().Name(), n.Key)
				if !inRow {
					assert.True(t, n.Rect.X >= 0 && n.Rect.MaxX() <= a.Canvas().W, "%s: %q runs off the side", a.Screen().Name(), n.Key)
				}
			}
			for _, c := range n.Children {
				walk(c, inRow || n.Scroll == ui.ScrollHorizontal)
			}
		}
		walk(a.View().Root(), false)
	}
	check() // home
	for _, path := range [][]string{
		{"tab/downloads"},
		{"tab/more"},
		{"tab/more", "account"},
		{"tab/more", "account", "signout-all"},
		{"tab/more", "account", "signout-all", "continue"},
		{"tab/more", "settings"},
		{"tab/more", "signout"},
	} {
		for _, k := range path {
			if k == "account" || k == "signout-all" {
				a.Settle()
			}
			tap(t, a, k)
		}
		a.Settle()
		check()
		for a.CanGoBack() {
			pressKeys(a, back)
		}
	}
	tap(t, a, "tab/more")
	tap(t, a, "signout")
	tap(t, a, "confirm")
	for _, k := range []string{"", "email", "nav/back", "phone"} {
		if k != "" {
			tap(t, a, k)
		}
		check()
	}
}

func TestPhoneSwipeScrollsARowWithMomentum(t *testing.T) {
	a := phoneHome(t, newHousehold(t))
	row := a.View().Root().Find("row/popular")
	require.NotNil(t, row)
	r := row.ScreenRect()
	for r.MaxY() > a.Canvas().MaxY()-tabBarH { // the row is below: swipe the page up
		swipe(a, 300, 900, 0, -400)
		r = row.ScreenRect()
	}
	assert.Zero(t, row.ScrollX)
	swipe(a, 600, r.CenterY(), -300, 0)
	moved := row.ScrollX
	assert.Greater(t, moved, 250.0, "the row follows the finger")
	for range 10 {
		a.Update(0, input.Pointer{})
	}
	assert.Greater(t, row.ScrollX, moved, "and glides on after it lifts")
	before := a.View().FocusedKey()
	assert.NotEqual(t, "", before)
	assert.Equal(t, "home", a.Screen().Name(), "a swipe is not a tap")
}

func TestPhoneKeysAndTouchMix(t *testing.T) {
	a := phoneHome(t, newHousehold(t))
	tap(t, a, "tab/more")
	tap(t, a, "account")
	assert.False(t, a.FocusVisible(), "no focus ring under a finger")
	pressKeys(a, back)
	assert.Equal(t, "account", a.View().FocusedKey(), "focus is where the finger left it")
	a.Update(input.HeldSet(0).Add(down), input.Pointer{})
	a.Update(0, input.Pointer{})
	assert.True(t, a.FocusVisible(), "a key shows it again")
	assert.Equal(t, "settings", a.View().FocusedKey(), "the d-pad goes on from there")

	// Turning the phone to landscape lays it out again and keeps focus.
	a.SetViewport(ui.ChooseForm(phoneH, phoneW, true), ui.CanvasFor(ui.FormPhone, phoneH, phoneW))
	assert.Equal(t, "settings", a.View().FocusedKey())
	a.SetViewport(ui.FormTV, ui.Canvas)
	assert.Equal(t, "settings", a.View().FocusedKey(), "and so does a TV layout")
}

// Turning a phone keeps every row filled: a row scrolled to its end upright is not
// left scrolled past its last title once the screen is wider, nor short of it once
// it is upright again, and its last title stays on screen.
func TestTurningThePhoneLeavesNoRowScrolledPastItsEnd(t *testing.T) {
	a := phoneHome(t, newHousehold(t))
	row := func() *ui.Node { return a.View().Root().Find("row/popular") }
	require.NotNil(t, row())
	require.True(t, a.View().Focus(row().Children[0].Key))
	pressKeys(a, repeat(right, len(row().Children))...)
	settle(a)
	last := row().Children[len(row().Children)-1]
	require.Equal(t, last.Key, a.View().FocusedKey())
	require.Positive(t, row().ScrollX)
	pressKeys(a, up) // another row takes focus; this one stays at its end
	settle(a)

	for range 2 {
		for _, upright := range []bool{false, true} {
			w, h := float64(phoneH), float64(phoneW)
			if upright {
				w, h = phoneW, phoneH
			}
			a.SetViewport(ui.ChooseForm(w, h, true), ui.CanvasFor(ui.FormPhone, w, h))
			settle(a)
			end := row().Find(last.Key).ScreenRect()
			canvas := a.Canvas()
			assert.GreaterOrEqual(t, end.MaxX(), canvas.MaxX()-ui.ScrollPeek-1, "upright %v: no empty stretch after the last title", upright)
			assert.LessOrEqual(t, end.MaxX(), canvas.MaxX(), "upright %v: the last title is on screen", upright)
			assert.GreaterOrEqual(t, end.X, canvas.X, "upright %v: the last title is on screen", upright)
		}
	}
}

func TestPhoneSignsInATV(t *testing.T) {
	h := newHousehold(t)
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	tv, err := session.OpenDevice(store, h.svc, nil, session.DeviceInfo{Name: "Bedroom TV", Kind: session.DeviceKindTV})
	require.NoError(t, err)
	auth, err := tv.StartCodeSignIn(context.Background())
	require.NoError(t, err)

	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	tap(t, a, "approve-tv")
	require.Equal(t, "approve-tv", a.Screen().Name())
	require.NotNil(t, a.EditingField(), "the code field is ready for the phone's keyboard")
	a.Type("field/code", "bdfh jk", true)
	assert.True(t, shows(a, "That code is not right, or it expired. Check the code on the TV and try again."), "a code too short is refused here, not sent")

	a.Type("field/code", strings.ToLower(auth.UserCode), true) // as typed, in lower case
	a.Settle()
	assert.True(t, shows(a, "Done: the TV showing "+auth.UserCode+" is signing in."))
	require.NoError(t, tv.PollCodeSignIn(context.Background(), auth))
	assert.True(t, isSignedIn(tv), "the TV signed in to Ana's account")

	// Sent again, as a phone whose answer was lost does: the approval it was, which
	// signs nothing more in; any other device is told the code is no good.
	a.Type("field/code", auth.UserCode, true)
	a.Settle()
	assert.True(t, shows(a, "Done: the TV showing "+auth.UserCode+" is signing in."), "the same approval again")
	other := otherDevice(t, h, "Ana's Tablet", session.DeviceKindPhone)
	assert.ErrorIs(t, other.ApproveCode(context.Background(), auth.UserCode), session.ErrUserCodeApproved, "a code is good once")
}

// Approve TV on a phone says why a code no longer works, as the activation page
// does: approved already on another device, refused already, or expired because
// its TV shows a new one. Before, each said "not right, or it expired". Twice.
func TestApproveTVSaysWhyACodeNoLongerWorks(t *testing.T) {
	h := newHousehold(t)
	ctx := context.Background()
	showing := func(name string) (*session.Device, session.DeviceAuth) {
		t.Helper()
		store, err := session.NewDirStorage(t.TempDir())
		require.NoError(t, err)
		tv, err := session.OpenDevice(store, h.svc, nil, session.DeviceInfo{Name: name, Kind: session.DeviceKindTV})
		require.NoError(t, err)
		auth, err := tv.StartCodeSignIn(ctx)
		require.NoError(t, err)
		return tv, auth
	}
	tablet, err := h.svc.SignIn(ctx, session.NewDeviceIdentity("Ana's Tablet", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
	require.NoError(t, err)
	a := phoneHome(t, h)
	tap(t, a, "tab/more")
	tap(t, a, "approve-tv")
	for round := range 2 {
		_, approved := showing(fmt.Sprint("Bedroom TV ", round))
		require.NoError(t, h.svc.ApproveDeviceAuth(ctx, tablet.Token, approved.UserCode))
		_, refused := showing(fmt.Sprint("Kitchen TV ", round))
		require.NoError(t, h.svc.DenyDeviceAuth(ctx, tablet.Token, refused.UserCode))
		tv, old := showing(fmt.Sprint("Hall TV ", round))
		_, err := tv.StartCodeSignIn(ctx) // shown again: the code before expires
		require.NoError(t, err)
		for code, want := range map[string]string{
			approved.UserCode: "That code was approved already: the TV is signing in, or has.",
			refused.UserCode:  "That code was refused already, so the TV was not signed in.",
			old.UserCode:      "That code has expired. The TV shows a new one now: enter that one.",
		} {
			a.Type("field/code", code, true)
			a.Settle()
			assert.True(t, shows(a, want), "round %d: %q", round, allLabels(a))
		}
	}
}

func TestApproveTVWorksWithTheTVKeyboard(t *testing.T) {
	// A TV has no More tab to open Approve TV from: the app starts on the screen
	// that More opens.
	routes := screens.Tenfoot()
	more := routes.Tabs[slices.IndexFunc(routes.Tabs, func(r screens.TabRoute) bool { return r.Tab == screens.TabMore })]
	routes.Start = func(env *screens.Env) screens.Screen {
		return more.Open(env).Handle(screens.Event{Action: ok, Focused: "approve-tv"}).Screen
	}
	a := New(testOptions, newHousehold(t).device, routes)
	t.Cleanup(a.Close)
	_, label := focused(t, a)
	assert.Equal(t, "q", label, "on a TV, the on-screen keyboard types the code")
	typeText(t, a, "bd")
	assert.Equal(t, "BD", strings.ToUpper(a.View().Root().Find("field/code").Input))
}

func TestTabletSignOutFromMore(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(Options{Catalog: demo.Catalog, Version: "test"}, h.device)
	t.Cleanup(a.Close)
	a.SetViewport(ui.ChooseForm(1180, 820, true), ui.CanvasFor(ui.FormTablet, 1180, 820))
	require.Equal(t, ui.FormTablet, a.Env().Form)
	tap(t, a, "profile/"+h.device.Profiles()[0].ID.String())
	tap(t, a, "tab/more")
	tap(t, a, "signout")
	assert.Equal(t, "Sign out of Ana (a•••@example.com)?", a.Title())
	cancel := a.View().Root().Find("cancel")
	assert.LessOrEqual(t, cancel.Rect.W, float64(ui.FlowColumnW)/2, "the sheet keeps a readable width on a wide screen")
	tap(t, a, "confirm")
	assert.Equal(t, "signin", a.Screen().Name())
	assert.False(t, isSignedIn(h.device))
}

func TestPhoneSignInAfterSignOutOffersEmailFirst(t *testing.T) {
	h := newHousehold(t)
	a := phoneHome(t, h)
	for range 2 {
		tap(t, a, "tab/more")
		tap(t, a, "signout")
		tap(t, a, "confirm")
		require.Equal(t, "signin", a.Screen().Name())
		email, other := a.View().Root().Find("email"), a.View().Root().Find("phone")
		assert.Less(t, email.ScreenRect().Y, other.ScreenRect().Y, "email first: this phone is the person's own")
		assert.Equal(t, "email", a.View().FocusedKey())
		assert.Equal(t, "Sign in with another device", other.Label, "the code is for signing in with another device")
		assert.True(t, shows(a, "Your password manager on this phone can fill them in."))
		assert.False(t, shows(a, "this TV"), "the words fit a phone")

		tap(t, a, "email")
		require.Equal(t, "signin-email", a.Screen().Name())
		tap(t, a, "field/email")
		a.Type("field/email", demo.AnaEmail, true)
		a.Type("field/password", demo.AnaPassword, true)
		a.Settle()
		require.Equal(t, "profiles", a.Screen().Name())
		tap(t, a, "profile/"+h.device.Profiles()[0].ID.String())
		require.Equal(t, "home", a.Screen().Name())
	}
}

func TestTVSignInStillOffersThePhoneFirst(t *testing.T) {
	a := newHomeApp(t)
	press(t, a, "menu/settings", "signout", "confirm")
	require.Equal(t, "signin", a.Screen().Name())
	assert.Equal(t, "Sign in with your phone", focusedLabel(t, a))
	assert.True(t, shows(a, "Use a phone or computer that is signed in. It is quicker, and nobody sees your password on this TV."))
}

func TestPhoneSignOutSheetSitsAboveTheHomeIndicator(t *testing.T) {
	h := newHousehold(t)
	a := phoneHome(t, h)
	a.SetBottomInset(34) // an iPhone's env(safe-area-inset-bottom), in CSS pixels
	for range 2 {
		tap(t, a, "tab/more")
		tap(t, a, "signout")
		require.Equal(t, "signout", a.Screen().Name())
		cancel := a.View().Root().Find("cancel")
		assert.Equal(t, a.Canvas().MaxY()-(34+16)*ui.UnitsPerCSSPixel, cancel.ScreenRect().MaxY(),
			"16 CSS px above the indicator, not 16 px from the edge")
		tap(t, a, "cancel") // the button is where a finger finds it
		require.Equal(t, "more", a.Screen().Name())
		pressKeys(a, back)
	}
}
