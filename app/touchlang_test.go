package app

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/session"
	"tenfoot/ui"
)

// The phone and tablet layouts in every language, and in pseudo-English: every
// screen's texts and controls lie within the screen's width (a row of titles runs
// on past the edge on purpose, and scrolls), every text has the room it needs, and
// in Arabic the chrome is mirrored: the Back button on the right, the tabs starting
// at the right. The TV's own check is TestScreensFitTheSafeArea.
func TestTouchScreensFitInEveryLanguage(t *testing.T) {
	forms := []struct {
		name string
		w, h float64
	}{{"phone", phoneW, phoneH}, {"tablet", 1180, 820}}
	// Each path is pressed from Home, then undone with Back.
	paths := [][]string{
		{},
		{"tab/downloads"},
		{"tab/more"},
		{"tab/more", "account"},
		{"tab/more", "account", "signout-all"},
		{"tab/more", "account", "signout-all", "continue"},
		{"tab/more", "settings"},
		{"tab/more", "settings", "language"},
		{"tab/more", "signout"},
	}
	for _, f := range forms {
		for _, lang := range append(i18n.Langs, i18n.Pseudo) {
			t.Run(f.name+"/"+lang.Tag(), func(t *testing.T) {
				h := newHousehold(t)
				otherDevice(t, h, "Ana's Tablet", session.DeviceKindPhone)
				opts := testOptions
				opts.Language = lang
				a := NewTenfoot(opts, h.device)
				t.Cleanup(a.Close)
				form := ui.ChooseForm(f.w, f.h, true)
				a.SetViewport(form, ui.CanvasFor(form, f.w, f.h))
				require.Equal(t, f.name, a.Env().Form.String())
				assertTouchFits(t, a) // Who's watching
				press(t, a, "profile/"+h.device.Profiles()[0].ID.String())
				require.Equal(t, "home", a.Screen().Name())
				for _, path := range paths {
					press(t, a, path...)
					a.Settle()
					assertTouchFits(t, a)
					for a.CanGoBack() {
						pressKeys(a, back)
					}
				}
				// Signed out: the sign-in screen, and signing in with email.
				press(t, a, "tab/more", "signout", "confirm")
				require.Equal(t, "signin", a.Screen().Name())
				assertTouchFits(t, a)
				press(t, a, "email")
				require.Equal(t, "signin-email", a.Screen().Name())
				assertTouchFits(t, a)
			})
		}
	}
}

// assertTouchFits checks the screen on top of a touch layout: texts and controls
// within the screen's width, texts with room, and the chrome on the side the
// language reads from.
func assertTouchFits(t *testing.T, a *App) {
	t.Helper()
	canvas := a.Canvas()
	var walk func(n *ui.Node, inRow bool)
	walk = func(n *ui.Node, inRow bool) {
		if n.Hidden {
			return
		}
		switch n.Role {
		case ui.RoleText, ui.RoleButton, ui.RoleMenuItem, ui.RoleTextField, ui.RoleKey, ui.RoleToggle, ui.RoleAvatar, ui.RoleQR, ui.RoleTile:
			r := n.ScreenRect()
			if !inRow {
				assert.True(t, r.X >= -1 && r.MaxX() <= canvas.W+1, "%q at %+v leaves the %v-wide screen on %s",
					n.Label, r, canvas.W, a.Screen().Name())
			}
		}
		for _, c := range n.Children {
			walk(c, inRow || n.Scroll == ui.ScrollHorizontal)
		}
	}
	walk(a.View().Root(), false)
	assertTextFits(t, a)

	rtl := a.Env().Lang().RTL()
	if back := a.View().Root().Find(backKey); back != nil {
		assert.Equal(t, rtl, back.ScreenRect().CenterX() > canvas.W/2, "Back is on the %s on %s", startSide(rtl), a.Screen().Name())
	}
	if home, more := a.View().Root().Find("tab/home"), a.View().Root().Find("tab/more"); home != nil && more != nil {
		assert.Equal(t, rtl, home.ScreenRect().X > more.ScreenRect().X, "the tabs start on the %s", startSide(rtl))
	}
}

// startSide names the side a language's lines start on.
func startSide(rtl bool) string {
	if rtl {
		return "right"
	}
	return "left"
}
