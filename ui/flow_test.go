package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChooseForm(t *testing.T) {
	for _, c := range []struct {
		w, h  float64
		touch bool
		want  Form
	}{
		{390, 844, true, FormPhone},    // a phone upright
		{844, 390, true, FormPhone},    // and on its side
		{768, 1024, true, FormPhone},   // a tablet upright is narrow
		{1180, 820, true, FormTablet},  // a tablet on its side
		{1920, 1080, false, FormTV},    // a TV
		{390, 844, false, FormTV},      // a narrow window with a mouse is still a TV layout
		{0, 0, true, FormTV},           // nothing measured yet
		{1366, 1024, true, FormTablet}, // a large tablet
	} {
		assert.Equal(t, c.want, ChooseForm(c.w, c.h, c.touch), "%v×%v touch=%v", c.w, c.h, c.touch)
	}
	assert.Equal(t, Rect{W: 780, H: 1688}, CanvasFor(FormPhone, 390, 844))
	assert.Equal(t, Canvas, CanvasFor(FormTV, 390, 844))
	for _, f := range []Form{FormTV, FormPhone, FormTablet} {
		g, ok := ParseForm(f.String())
		assert.True(t, ok)
		assert.Equal(t, f, g)
	}
	_, ok := ParseForm("watch")
	assert.False(t, ok)
}

// tvScreen is a screen built for the TV: a title, a line, a row of tiles, a list of
// buttons in a scroller, a keyboard and two buttons side by side.
func tvScreen() *Node {
	root := &Node{Rect: Canvas}
	title := &Node{Role: RoleText, Text: TextHeadline, Label: "Account", Rect: Rect{X: 96, Y: 54, W: 1700, H: 97}}
	line := &Node{Role: RoleText, Text: TextBody, Label: "A long line that a phone must wrap over several lines because it is narrow", Rect: Rect{X: 96, Y: 160, W: 1700, H: 43}}
	row := &Node{Key: "row", Role: RoleRow, Scroll: ScrollHorizontal, Rect: Rect{X: 420, Y: 240, W: 1500, H: 180}}
	for _, k := range []string{"a", "b", "c", "d"} {
		row.Add(&Node{Key: "tile/" + k, Role: RoleTile, Focusable: true})
	}
	LayoutRow(420, 240, 320, 180, 32, row.Children...)
	list := &Node{Key: "list", Scroll: ScrollVertical, Rect: Rect{X: 96, Y: 460, W: 1100, H: 400}}
	list.Add(&Node{Key: "one", Role: RoleButton, Label: "One", Focusable: true}, &Node{Key: "two", Role: RoleButton, Label: "Two", Focusable: true})
	LayoutColumn(96, 460, 1100, 80, 12, list.Children...)
	kb := (&Keyboard{}).Build("kb", 96, 600, false)
	cancel := &Node{Key: "cancel", Role: RoleButton, Label: "Cancel", Focusable: true}
	confirm := &Node{Key: "confirm", Role: RoleButton, Label: "Sign out", Focusable: true}
	LayoutRow(96, 960, 320, 80, 32, cancel, confirm)
	return root.Add(title, line, row, list, kb, cancel, confirm)
}

func TestFlowPageIsOneColumnForAThumb(t *testing.T) {
	root := tvScreen()
	area := Rect{Y: 128, W: 780, H: 1424}
	Flow{Area: area}.Page(root)

	assert.Equal(t, "page", root.Key)
	assert.Equal(t, ScrollVertical, root.Scroll, "the page scrolls")
	title, line := root.Children[0], root.Children[1]
	assert.Equal(t, float64(area.Y+FlowPad), title.Rect.Y)
	assert.True(t, line.Wrap)
	assert.Greater(t, line.Rect.H, LineHeight(TextBody), "a long line wraps")
	assert.GreaterOrEqual(t, line.Rect.Y, title.Rect.MaxY()+FlowGap, "in the order built, without overlap")

	row := root.Find("row")
	assert.Equal(t, Rect{X: 0, Y: row.Rect.Y, W: 780, H: 180}, row.Rect, "a row runs edge to edge")
	assert.Equal(t, ScrollHorizontal, row.Scroll, "and still scrolls sideways")
	assert.Equal(t, 320.0, root.Find("tile/a").Rect.W)

	list := root.Find("list")
	assert.Equal(t, ScrollNone, list.Scroll, "a list within the page does not scroll by itself")
	one := root.Find("one")
	assert.Equal(t, float64(MinTouchTarget), one.Rect.H)
	assert.Equal(t, 780-2.0*FlowPad, one.Rect.W)
	assert.True(t, root.Find("kb").Hidden, "the device's own keyboard replaces the TV's")

	cancel, confirm := root.Find("cancel"), root.Find("confirm")
	assert.Equal(t, cancel.Rect.Y, confirm.Rect.Y, "buttons side by side stay so")
	assert.Less(t, cancel.Rect.X, confirm.Rect.X)
	assert.GreaterOrEqual(t, cancel.Rect.Y, one.Rect.MaxY()+FlowGap)
}

func TestFlowSheetSitsAtTheBottom(t *testing.T) {
	d := &Node{Key: "dialog/x", Role: RoleDialog, Rect: Canvas}
	panel := &Node{Fill: FillSurface, Rect: Rect{X: 510, Y: 300, W: 900, H: 400}}
	cancel := &Node{Key: "cancel", Role: RoleButton, Label: "Cancel", Focusable: true}
	ok := &Node{Key: "ok", Role: RoleButton, Label: "Sign out", Focusable: true}
	LayoutRow(566, 600, 380, 80, 32, cancel, ok)
	panel.Add(&Node{Role: RoleText, Text: TextTitle, Label: "Sign out of Ana?", Rect: Rect{H: 130}}, cancel, ok)
	d.Add(panel)
	area := Rect{W: 780, H: 1688}
	Flow{Area: area}.Sheet(d)

	assert.Equal(t, area, d.Rect, "the scrim covers the screen")
	assert.Equal(t, area.MaxY(), panel.Rect.MaxY(), "the panel meets the bottom edge")
	assert.Greater(t, panel.Rect.Y, area.H/2, "within a thumb's reach")
	assert.Equal(t, cancel.Rect.Y, ok.Rect.Y)
	assert.True(t, panel.Rect.Inset(1, 1).Contains(ok.Rect.CenterX(), ok.Rect.CenterY()))
}

func TestFlowSheetKeepsItsButtonsAboveTheHomeIndicator(t *testing.T) {
	sheet := func(bottom float64) (panel, cancel *Node) {
		d := &Node{Key: "dialog/x", Role: RoleDialog, Rect: Canvas}
		panel = &Node{Fill: FillSurface, Rect: Rect{X: 510, Y: 300, W: 900, H: 400}}
		cancel = &Node{Key: "cancel", Role: RoleButton, Label: "Cancel", Focusable: true}
		ok := &Node{Key: "ok", Role: RoleButton, Label: "Sign out", Focusable: true}
		LayoutRow(566, 600, 380, 80, 32, cancel, ok)
		d.Add(panel.Add(&Node{Role: RoleText, Text: TextTitle, Label: "Sign out of Ana?", Rect: Rect{H: 130}}, cancel, ok))
		Flow{Area: Rect{W: 780, H: 1688}, Bottom: bottom}.Sheet(d)
		return panel, cancel
	}
	_, flat := sheet(0)
	assert.Equal(t, 1688.0-FlowPad, flat.Rect.MaxY(), "with nothing covering the bottom, FlowPad from the edge")
	const indicator = 34 * UnitsPerCSSPixel // an iPhone's env(safe-area-inset-bottom)
	for range 2 {
		panel, cancel := sheet(indicator)
		assert.Equal(t, 1688.0, panel.Rect.MaxY(), "the panel still meets the edge, under the indicator")
		assert.Equal(t, 1688.0-indicator-FlowPad, cancel.Rect.MaxY(), "the buttons sit above the indicator, FlowPad clear of it")
	}
}

func TestFlowKeepsGridsAndUsesTheHostsLines(t *testing.T) {
	root := &Node{}
	pad := &Node{Key: "pin"}
	for _, k := range []string{"1", "2", "3", "4", "5", "6"} {
		pad.Add(&Node{Key: "pin/" + k, Role: RoleKey, Label: k, Focusable: true})
	}
	LayoutGrid(0, 0, 120, 96, 12, 12, 3, pad.Children...)
	long := &Node{Role: RoleText, Label: "measured by the host"}
	root.Add(pad, long)
	Flow{Area: Rect{W: 780, H: 1688}, Lines: func(string, TextStyle, float64, bool) int { return 3 }}.Page(root)

	assert.Equal(t, root.Find("pin/1").Rect.Y, root.Find("pin/3").Rect.Y, "three keys to a line, as on the TV")
	assert.Greater(t, root.Find("pin/4").Rect.Y, root.Find("pin/1").Rect.Y)
	require.Equal(t, float64(MinTouchTarget), root.Find("pin/1").Rect.H)
	assert.InDelta(t, 3*LineHeight(TextBody), long.Rect.H, 0.01)
}

func TestDragAndFlingScrollARow(t *testing.T) {
	root := &Node{Rect: Canvas}
	row := &Node{Key: "row", Role: RoleRow, Scroll: ScrollHorizontal, Rect: Rect{X: 0, Y: 100, W: 1920, H: 180}}
	for i := range 12 {
		row.Add(&Node{Key: string(rune('a' + i)), Role: RoleTile, Focusable: true})
	}
	LayoutRow(96, 100, 320, 180, 32, row.Children...)
	root.Add(row)
	var v View
	v.SetRoot(root)

	assert.False(t, v.Drag(500, 500, ScrollHorizontal, 100), "nothing scrolls under an empty spot")
	assert.True(t, v.Drag(500, 150, ScrollHorizontal, 100))
	assert.Equal(t, 100.0, row.ScrollX, "at once, following the finger")
	v.Drag(500, 150, ScrollHorizontal, -1000)
	assert.Zero(t, row.ScrollX, "not before the start")
	assert.False(t, v.Drag(500, 150, ScrollHorizontal, -10), "which stops it")

	v.Fling(500, 150, ScrollHorizontal, 40)
	v.Tick()
	first := row.ScrollX
	assert.InDelta(t, 40, first, 1)
	for range 300 {
		v.Tick()
	}
	assert.True(t, v.ScrollSettled(), "a fling comes to rest")
	assert.Greater(t, row.ScrollX, 10*first, "after gliding on")
	lo, hi := v.visibleRange(row)
	_, maxT := scrollLimits(row, lo, hi)
	assert.LessOrEqual(t, row.ScrollX, maxT, "and never past the last tile")
}
