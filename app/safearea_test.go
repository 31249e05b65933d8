package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
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
		"signout-all":       {ok, left, down, ok, down, ok, up, ok},
		"signout-all-proof": {ok, left, down, ok, down, ok, up, ok, right, ok},
		"signout-all-pin":   nil, // opened below, as a person does
		"signout-all-list":  nil,
		"signin":            {ok, left, down, ok, down, down, ok, right, ok},
		"signin-code":       {ok, left, down, ok, down, down, ok, right, ok, ok},
		"signin-email":      {ok, left, down, ok, down, down, ok, right, ok, down, ok},
		"edit-profile":      {right, right, right, right, ok},
		"exit":              {ok, back, back},
		"delete-profile":    nil, // opened below, as a person does
	}
	// In every language, and in pseudo-English: accented, 40% longer and bracketed,
	// as the longest translation to come might be. Arabic mirrors, so Left and Right
	// swap in the scripts.
	for _, lang := range append(i18n.Langs, i18n.Pseudo) {
		for name, keys := range scripts {
			t.Run(lang.Tag()+"/"+name, func(t *testing.T) {
				opts := testOptions
				opts.Language = lang
				a := NewTenfoot(opts, newHousehold(t).device)
				t.Cleanup(a.Close)
				pressKeys(a, mirrored(lang, keys)...)
				switch name {
				case "delete-profile":
					press(t, a, "manage", "profile/"+profileNamed(t, a.Env().Device, "Ben").ID.String(), "delete")
				case "signout-all-pin", "signout-all-list":
					pressKeys(a, ok)
					press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
					if name == "signout-all-list" {
						typePIN(t, a, "1234")
					}
				}
				// Each script must reach the screen it is named after: one that
				// went astray checked another screen, and left its own unchecked.
				screen, _, _ := strings.Cut(strings.TrimSuffix(strings.TrimSuffix(name, "-proof"), "-list"), "-pin")
				require.Equal(t, screen, a.Screen().Name())
				assertInSafeArea(t, a)
				assertTextFits(t, a)
			})
		}
	}
}

// mirrored swaps Left and Right in keys for a language written right to left.
func mirrored(l i18n.Lang, keys []input.Action) []input.Action {
	if !l.RTL() {
		return keys
	}
	out := make([]input.Action, len(keys))
	for i, k := range keys {
		switch k {
		case left:
			k = right
		case right:
			k = left
		}
		out[i] = k
	}
	return out
}

// assertInSafeArea checks the texts and controls of the screen on top. The focused
// one is checked as it is drawn: grown by the theme's focus scale, with its outline.
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
			if n == a.Focused() {
				r = drawnFocused(r)
			}
			inside := r.X >= safe.X-1 && r.Y >= safe.Y-1 && r.MaxX() <= safe.MaxX()+1 && r.MaxY() <= safe.MaxY()+1
			assert.True(t, inside, "%q at %+v leaves the safe area %+v on %s", n.Label, r, safe, a.Screen().Name())
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(a.View().Root())
}

// drawnFocused returns where the host draws a focused control at r: grown by the
// theme's focus scale within the safe area, and ringed by its outline.
func drawnFocused(r ui.Rect) ui.Rect {
	th := ui.Dark
	g := r.GrowWithin(th.FocusScale, ui.SafeArea(ui.Canvas), th.FocusOutline)
	return ui.Rect{X: g.X - th.FocusOutline, Y: g.Y - th.FocusOutline, W: g.W + 2*th.FocusOutline, H: g.H + 2*th.FocusOutline}
}

// assertTextFits checks that the texts of the screen on top have room: a label cut
// with "…" fits on its line as the generous estimate of ui.Flow measures it (so a real
// font fits too), a wrapped one has the height its lines need, and no text runs into
// a control.
func assertTextFits(t *testing.T, a *App) {
	t.Helper()
	var texts, controls []*ui.Node
	var walk func(n *ui.Node)
	walk = func(n *ui.Node) {
		if n.Hidden {
			return
		}
		switch n.Role {
		case ui.RoleText:
			texts = append(texts, n)
		case ui.RoleButton, ui.RoleMenuItem, ui.RoleTextField, ui.RoleToggle:
			controls = append(controls, n)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(a.View().Root())
	for _, n := range append(texts, controls...) {
		if n.Label == "" || n.Role == ui.RoleTextField {
			continue
		}
		lines := ui.EstimateLines(n.Label, n.Text, n.Rect.W-labelInset(n))
		if n.Wrap {
			assert.LessOrEqual(t, float64(lines)*ui.LineHeight(n.Text), n.Rect.H+1, "%q needs %d lines, more than %+v holds on %s", n.Label, lines, n.Rect, a.Screen().Name())
		} else {
			assert.Equal(t, 1, lines, "%q is cut off in %+v on %s", n.Label, n.Rect, a.Screen().Name())
		}
	}
	for _, tx := range texts {
		for _, c := range controls {
			assert.False(t, overlap(tx.ScreenRect(), c.ScreenRect()), "%q at %+v runs into %q at %+v on %s", tx.Label, tx.ScreenRect(), c.Label, c.ScreenRect(), a.Screen().Name())
		}
	}
}

// labelInset is how much of a node's width its label cannot use, as the host draws
// it: a button's padding on both sides, and a toggle's switch.
func labelInset(n *ui.Node) float64 {
	const pad, switchW = 32, 88
	switch n.Role {
	case ui.RoleButton, ui.RoleMenuItem:
		return 2 * pad
	case ui.RoleToggle:
		return 3*pad + switchW
	}
	return 0
}

// overlap reports whether two rectangles share any area.
func overlap(a, b ui.Rect) bool {
	return a.X < b.MaxX() && b.X < a.MaxX() && a.Y < b.MaxY() && b.Y < a.MaxY()
}
