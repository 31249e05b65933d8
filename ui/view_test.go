package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func focusable(key string, x, y, w, h float64) *Node {
	return &Node{Key: key, Focusable: true, Rect: Rect{X: x, Y: y, W: w, H: h}}
}

// grid returns a screen with a wide button on top and a row of four posters below.
func buttonOverPosters() *Node {
	root := &Node{Rect: Canvas}
	root.Add(focusable("wide", 450, 100, 900, 80)) // centre x 900, over p2
	for i, key := range []string{"p0", "p1", "p2", "p3"} {
		root.Add(focusable(key, 100+float64(i)*400, 300, 300, 450))
	}
	return root
}

func TestMoveGeometry(t *testing.T) {
	tests := []struct {
		name  string
		start string
		dirs  []Direction
		want  string
	}{
		{"down from a wide button lands on the poster under its centre", "wide", []Direction{DirDown}, "p2"},
		{"right along posters", "p0", []Direction{DirRight, DirRight}, "p2"},
		{"up from a poster to the button above", "p0", []Direction{DirUp}, "wide"},
		{"left at the edge stays", "p0", []Direction{DirLeft}, "p0"},
		{"nothing below the posters", "p1", []Direction{DirDown}, "p1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v View
			v.SetRoot(buttonOverPosters())
			require.True(t, v.Focus(tt.start))
			for _, d := range tt.dirs {
				v.Move(d)
			}
			assert.Equal(t, tt.want, v.FocusedKey())
		})
	}
}

// Sideways, what is level wins over what is nearer, as in Android's FocusFinder and
// the WICG polyfill. Up and Down take the nearer, as LRUD-spatial does: on a screen
// of rows, skipping the next row because it is short is the worse surprise.
func TestSidewaysPrefersLevelAndDownPrefersNearer(t *testing.T) {
	root := &Node{Rect: Canvas}
	root.Add(
		focusable("from", 100, 100, 200, 100),
		focusable("level-far", 900, 150, 200, 100),  // overlaps vertically, far
		focusable("lower-near", 350, 400, 200, 100), // closer, but lower down
		focusable("below-far", 100, 800, 200, 100),  // straight below, far
	)
	var v View
	v.SetRoot(root)
	v.Focus("from")
	v.Move(DirRight)
	assert.Equal(t, "level-far", v.FocusedKey())
	v.Focus("from")
	v.Move(DirDown)
	assert.Equal(t, "lower-near", v.FocusedKey())
}

func TestSkipsDisabledAndHidden(t *testing.T) {
	root := &Node{Rect: Canvas}
	a, b, c, d := focusable("a", 0, 0, 100, 100), focusable("b", 200, 0, 100, 100), focusable("c", 400, 0, 100, 100), focusable("d", 600, 0, 100, 100)
	b.Disabled = true
	hiddenBox := &Node{Hidden: true}
	hiddenBox.Add(c)
	root.Add(a, b, hiddenBox, d)
	var v View
	v.SetRoot(root)
	assert.Equal(t, "a", v.FocusedKey())
	v.Move(DirRight)
	assert.Equal(t, "d", v.FocusedKey())
}

// menuAndRows is a left menu beside two rows, all remembering their focus.
func menuAndRows() *Node {
	root := &Node{Rect: Canvas}
	for r, key := range []string{"r0", "r1"} {
		row := &Node{Key: key, Role: RoleRow, Scroll: ScrollHorizontal, Remember: true, Rect: Rect{X: 400, Y: 100 + float64(r)*300, W: 1400, H: 200}}
		for i := 0; i < 10; i++ {
			row.Add(focusable(key+"/"+string(rune('a'+i)), 400+float64(i)*330, 100+float64(r)*300, 300, 200))
		}
		root.Add(row)
	}
	menu := &Node{Key: "menu", Remember: true, DefaultFocus: "m1"}
	menu.Add(focusable("m0", 100, 100, 200, 60), focusable("m1", 100, 200, 200, 60), focusable("m2", 100, 300, 200, 60))
	return root.Add(menu)
}

func TestMemory(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	require.True(t, v.Focus("r0/a"))

	v.Move(DirLeft)
	assert.Equal(t, "m1", v.FocusedKey(), "entering the menu lands on its default")
	v.Move(DirDown)
	v.Move(DirRight)
	assert.Equal(t, "r0/a", v.FocusedKey(), "back to the tile the rows had")

	v.Move(DirRight)
	v.Move(DirRight)
	v.Move(DirDown)
	assert.Equal(t, "r1/a", v.FocusedKey(), "a row entered with no memory starts at its first tile")
	v.Move(DirRight)
	v.Move(DirUp)
	assert.Equal(t, "r0/c", v.FocusedKey(), "up returns to the tile row 0 had")
	v.Move(DirLeft)
	v.Move(DirLeft)
	v.Move(DirLeft)
	assert.Equal(t, "m2", v.FocusedKey(), "the menu remembers m2")

	// Rebuilt tree: memory and focus are matched by key.
	v.SetRoot(menuAndRows())
	assert.Equal(t, "m2", v.FocusedKey())
	v.Move(DirRight)
	assert.Equal(t, "r0/a", v.FocusedKey())
	v.Move(DirDown)
	assert.Equal(t, "r1/b", v.FocusedKey(), "row 1 still remembers r1/b after the rebuild")
}

func TestNeverLost(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	v.Focus("r0/c")

	root := menuAndRows()
	row := root.Find("r0")
	row.Children = append(row.Children[:2], row.Children[3:]...) // r0/c disappears
	v.SetRoot(root)
	assert.Equal(t, "r0/d", v.FocusedKey(), "focus goes to the node nearest to where it was")

	v.SetRoot(&Node{Rect: Canvas})
	assert.Nil(t, v.Focused(), "an empty tree focuses nothing")
	assert.False(t, v.Move(DirRight))
}

func TestDialogTrapsFocusAndGivesItBack(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	v.Focus("r1/b")

	withDialog := menuAndRows()
	dialog := &Node{Key: "dialog", Role: RoleDialog, Rect: Canvas}
	dialog.Add(focusable("cancel", 700, 500, 200, 80), focusable("ok", 950, 500, 200, 80))
	withDialog.Add(dialog)
	v.SetRoot(withDialog)
	assert.Equal(t, "cancel", v.FocusedKey(), "the dialog takes focus on its first button")
	for _, d := range []Direction{DirUp, DirLeft, DirDown} {
		v.Move(d)
		assert.Equal(t, "cancel", v.FocusedKey(), "focus cannot leave the dialog")
	}
	v.Move(DirRight)
	assert.Equal(t, "ok", v.FocusedKey())
	assert.False(t, v.Focus("r0/a"), "nodes under the dialog cannot be focused")

	v.SetRoot(menuAndRows())
	assert.Equal(t, "r1/b", v.FocusedKey(), "closing the dialog gives focus back")
}

func TestRowScrollsOnlyWhenFocusWouldLeave(t *testing.T) {
	var v View
	root := menuAndRows()
	v.SetRoot(root)
	v.Focus("r0/a")
	row := root.Find("r0")
	for i := 0; i < 3; i++ {
		v.Move(DirRight)
	}
	settle(&v)
	assert.Zero(t, row.ScrollX, "r0/d is still in view")
	v.Move(DirRight)
	settle(&v)
	assert.Positive(t, row.ScrollX)
	assert.InDelta(t, row.Rect.MaxX()-ScrollPeek, v.Focused().ScreenRect().MaxX(), 0.5, "scrolled just enough")
	scrolled := row.ScrollX
	v.Move(DirLeft)
	settle(&v)
	assert.Equal(t, scrolled, row.ScrollX, "moving back within view keeps the row still")
}

func TestScrollAnimatesSmoothly(t *testing.T) {
	var v View
	root := menuAndRows()
	v.SetRoot(root)
	v.Focus("r0/j")
	row := root.Find("r0")
	var steps []float64
	for v.Tick() {
		steps = append(steps, row.ScrollX)
	}
	require.Greater(t, len(steps), 5, "the scroll takes several frames")
	assert.Less(t, len(steps), 40, "and settles within about half a second")
	for i := 1; i < len(steps); i++ {
		assert.Greater(t, steps[i], steps[i-1], "monotonic, no overshoot")
	}
	assert.True(t, v.ScrollSettled())
}

func TestHoverAndAt(t *testing.T) {
	var v View
	root := menuAndRows()
	v.SetRoot(root)
	assert.True(t, v.Hover(150, 330))
	assert.Equal(t, "m2", v.FocusedKey())
	assert.False(t, v.Hover(150, 330), "hovering the focused node changes nothing")
	assert.Nil(t, v.At(50, 50))
	v.Move(DirRight)
	assert.Equal(t, "r0/a", v.FocusedKey(), "arrows continue from the hovered node")
}

func settle(v *View) {
	for v.Tick() {
	}
}

func TestSafeArea(t *testing.T) {
	assert.Equal(t, Rect{X: 96, Y: 54, W: 1728, H: 972}, SafeArea(Canvas))
}

func TestMoveAllocatesNothing(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	v.Focus("r0/a")
	dirs := [...]Direction{DirRight, DirDown, DirLeft, DirUp}
	i := 0
	allocs := testing.AllocsPerRun(200, func() {
		v.Move(dirs[i%4])
		v.Tick()
		i++
	})
	assert.Zero(t, allocs)
}

func TestFocusAContainer(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	v.Focus("r1/d")
	v.Focus("m0")
	assert.True(t, v.Focus("r1"))
	assert.Equal(t, "r1/d", v.FocusedKey(), "the child it remembers")
	assert.True(t, v.Focus("menu"))
	assert.Equal(t, "m0", v.FocusedKey())
	assert.False(t, v.Focus("nothing"))
}
