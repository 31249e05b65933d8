package screens

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"tenfoot/input"
	"tenfoot/ui"
)

// Every text and control of every screen lies inside the title-safe area, where no
// TV crops it. Scrolling rows and lists run on past the edge on purpose, to show there
// is more; they keep the focused item inside the safe area themselves (tested in ui).
func TestScreensFitTheSafeArea(t *testing.T) {
	scripts := map[string][]input.Action{
		"profiles":          nil,
		"pin":               {right, right, right, ok},
		"home":              {ok},
		"details":           {ok, right, ok},
		"player":            {ok, right, ok, ok},
		"settings":          {ok, left, down, ok},
		"profile-menu":      {ok, right, up, ok},
		"account":           {ok, left, down, ok, down, ok},
		"signout":           {ok, left, down, ok, down, down, ok},
		"signout-all":       {ok, left, down, ok, down, ok, right, ok},
		"signout-all-proof": {ok, left, down, ok, down, ok, right, ok, right, ok},
		"signin":            {ok, left, down, ok, down, down, ok, right, ok},
		"signin-code":       {ok, left, down, ok, down, down, ok, right, ok, ok},
		"signin-email":      {ok, left, down, ok, down, down, ok, right, ok, down, ok},
		"edit-profile":      {right, right, right, right, ok},
		"exit":              {ok, back},
	}
	for name, keys := range scripts {
		t.Run(name, func(t *testing.T) {
			a := newTestApp(t)
			pressKeys(a, keys...)
			assertInSafeArea(t, a)
		})
	}
}

// assertInSafeArea checks the texts and controls of the screen on top.
func assertInSafeArea(t *testing.T, a *App) {
	t.Helper()
	safe := ui.SafeArea(ui.Canvas)
	var walk func(n *ui.Node)
	walk = func(n *ui.Node) {
		if n.Hidden || n.Scroll != ui.ScrollNone {
			return
		}
		switch n.Role {
		case ui.RoleText, ui.RoleButton, ui.RoleMenuItem, ui.RoleTextField, ui.RoleKey, ui.RoleToggle, ui.RoleAvatar, ui.RoleQR:
			r := n.ScreenRect()
			inside := r.X >= safe.X-1 && r.Y >= safe.Y-1 && r.MaxX() <= safe.MaxX()+1 && r.MaxY() <= safe.MaxY()+1
			assert.True(t, inside, "%q at %+v leaves the safe area %+v on %s", n.Label, r, safe, a.Screen().Name())
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(a.View().Root())
}
