package ui

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// row returns a horizontal scroller at y with tiles of the given widths, 30 px apart.
func row(key string, x, y, h float64, widths ...float64) *Node {
	r := &Node{Key: key, Role: RoleRow, Scroll: ScrollHorizontal, Remember: true, Rect: Rect{X: x, Y: y, W: CanvasWidth - x, H: h}}
	for i, w := range widths {
		r.Add(focusable(fmt.Sprintf("%s/%d", key, i), x, y, w, h))
		x += w + 30
	}
	return r
}

func widths(n int, w float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = w
	}
	return out
}

// tallBesideShort is a tall item with four short ones stacked beside it.
func tallBesideShort() *Node {
	root := &Node{Rect: Canvas}
	root.Add(focusable("tall", 100, 100, 300, 700))
	for i := 0; i < 4; i++ {
		root.Add(focusable(fmt.Sprint("short", i), 500, 100+float64(i)*180, 300, 150))
	}
	return root
}

// Layouts that trip other engines, each with a start, the presses and where focus
// must end.
func TestNavigationOnAwkwardLayouts(t *testing.T) {
	tests := []struct {
		name  string
		tree  func() *Node
		start string
		dirs  []Direction
		want  string
	}{
		{
			name: "uneven rows entered by geometry: down from a wide tile lands under its centre",
			tree: func() *Node {
				b := row("b", 100, 400, 200, widths(6, 200)...)
				b.EnterNearest = true
				return (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, 500, 500), b)
			},
			start: "a/1", dirs: []Direction{DirDown}, want: "b/3",
		},
		{
			name: "uneven rows entered by geometry: up from a narrow tile lands on the wide one above it",
			tree: func() *Node {
				a := row("a", 100, 100, 200, 500, 500)
				a.EnterNearest = true
				return (&Node{Rect: Canvas}).Add(a, row("b", 100, 400, 200, widths(6, 200)...))
			},
			start: "b/4", dirs: []Direction{DirUp}, want: "a/1",
		},
		{
			name:  "a tall item beside short ones: right goes to the one level with its centre",
			tree:  tallBesideShort,
			start: "tall", dirs: []Direction{DirRight}, want: "short2",
		},
		{
			name:  "a tall item beside short ones: left from any returns to it",
			tree:  tallBesideShort,
			start: "short3", dirs: []Direction{DirLeft}, want: "tall",
		},
		{
			name: "an empty row is skipped",
			tree: func() *Node {
				return (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(4, 300)...), row("empty", 100, 350, 200), row("c", 100, 600, 200, widths(4, 300)...))
			},
			start: "a/1", dirs: []Direction{DirDown}, want: "c/0",
		},
		{
			name: "a disabled item in the path is skipped",
			tree: func() *Node {
				r := row("a", 100, 100, 200, widths(4, 300)...)
				r.Children[1].Disabled = true
				return (&Node{Rect: Canvas}).Add(r)
			},
			start: "a/0", dirs: []Direction{DirRight}, want: "a/2",
		},
		{
			name: "a row scrolled half out of view: down lands on a tile in view",
			tree: func() *Node {
				b := row("b", 100, 400, 200, widths(12, 300)...)
				b.EnterNearest = true
				return (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(12, 300)...), b)
			},
			start: "a/0", dirs: []Direction{DirRight, DirRight, DirRight, DirRight, DirRight, DirRight, DirDown}, want: "b/4",
		},
		{
			name: "an override beats geometry",
			tree: func() *Node {
				r := row("a", 100, 100, 200, widths(4, 300)...)
				r.Children[3].Next[DirRight] = "a/0" // wrap around
				return (&Node{Rect: Canvas}).Add(r)
			},
			start: "a/3", dirs: []Direction{DirRight}, want: "a/0",
		},
		{
			name: "a container's Stay override blocks a direction",
			tree: func() *Node {
				a := row("a", 100, 100, 200, widths(4, 300)...)
				a.Next[DirDown] = Stay
				return (&Node{Rect: Canvas}).Add(a, row("b", 100, 400, 200, widths(4, 300)...))
			},
			start: "a/2", dirs: []Direction{DirDown}, want: "a/2",
		},
		{
			name: "an override naming a container enters it at the child it remembers",
			tree: func() *Node {
				root := menuAndRows()
				root.Add(focusable("picture", 1700, 10, 80, 80))
				root.Children[len(root.Children)-1].Next[DirDown] = "r0"
				return root
			},
			start: "r0/c", dirs: []Direction{DirUp, DirDown}, want: "r0/c",
		},
		{
			name: "an override naming a container with nothing remembered enters its first node",
			tree: func() *Node {
				root := menuAndRows()
				root.Add(focusable("picture", 1700, 10, 80, 80))
				root.Children[len(root.Children)-1].Next[DirDown] = "r1"
				return root
			},
			start: "picture", dirs: []Direction{DirDown}, want: "r1/a",
		},
		{
			name: "an override naming a container with nothing focusable goes nowhere",
			tree: func() *Node {
				root := (&Node{Rect: Canvas}).Add(row("empty", 100, 400, 200), focusable("picture", 1700, 10, 80, 80))
				root.Children[1].Next[DirDown] = "empty"
				return root
			},
			start: "picture", dirs: []Direction{DirDown}, want: "picture",
		},
		{
			name:  "right from the keyboard's last key stays: the button high above is not to its right",
			tree:  keyboardBelowAButton,
			start: "kb/done", dirs: []Direction{DirRight}, want: "kb/done",
		},
		{
			name:  "right from a key level with a button goes to it",
			tree:  keyboardBelowAButton,
			start: "kb/0", dirs: []Direction{DirRight}, want: "submit",
		},
		{
			name: "right to left: the first tile is on the right and Left moves along the row",
			tree: func() *Node {
				root := (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(10, 300)...))
				Mirror(root)
				return root
			},
			start: "a/0", dirs: []Direction{DirLeft, DirLeft}, want: "a/2",
		},
		{
			name: "right to left: Right from the first tile goes nowhere",
			tree: func() *Node {
				root := (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(10, 300)...))
				Mirror(root)
				return root
			},
			start: "a/0", dirs: []Direction{DirRight}, want: "a/0",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v View
			v.SetRoot(tt.tree())
			require.True(t, v.Focus(tt.start))
			for _, d := range tt.dirs {
				v.Move(d)
			}
			assert.Equal(t, tt.want, v.FocusedKey())
		})
	}
}

// keyboardBelowAButton is an on-screen keyboard with a button to its right, level
// with its top row only, as on a sign-in screen.
func keyboardBelowAButton() *Node {
	var kb Keyboard
	root := (&Node{Rect: Canvas}).Add(kb.Build("kb", 100, 300, false))
	return root.Add(focusable("submit", 1400, 300, 400, 80))
}

func TestRightToLeftRowScrollsLeftward(t *testing.T) {
	var v View
	root := (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(10, 300)...))
	Mirror(root)
	v.SetRoot(root)
	r := root.Find("a")
	for i := 0; i < 9; i++ {
		v.Move(DirLeft)
	}
	settle(&v)
	assert.Equal(t, "a/9", v.FocusedKey())
	assert.Negative(t, r.ScrollX, "the content moves right to bring the end into view")
	f := v.Focused().ScreenRect()
	assert.GreaterOrEqual(t, f.X, SafeArea(Canvas).X+ScrollPeek-0.5, "the last tile is inside the safe area")
}

func TestFocusAnimation(t *testing.T) {
	var v View
	root := (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(4, 300)...))
	v.SetRoot(root)
	settle(&v)
	first := v.Focused()
	assert.Equal(t, 1.0, v.FocusAmount(first))
	v.Move(DirRight)
	second := v.Focused()
	assert.Zero(t, v.FocusAmount(second), "the new focus starts at rest")
	assert.Equal(t, 1.0, v.FocusAmount(first), "and the old one starts grown")
	var amounts []float64
	for i := 0; i < FocusTicks; i++ {
		v.Tick()
		amounts = append(amounts, v.FocusAmount(second))
	}
	assert.Equal(t, 1.0, amounts[len(amounts)-1], "grown after FocusTicks")
	assert.Zero(t, v.FocusAmount(first), "the old one is back at rest")
	assert.Greater(t, amounts[0], 1.0/FocusTicks, "eases out: fast at first")
	for i := 1; i < len(amounts); i++ {
		assert.Greater(t, amounts[i], amounts[i-1])
	}
}

// A tree built again with focus on the same node, as a screen is whenever the
// device's state changes (a download's progress saved every two seconds), leaves
// the focused node as grown as it was: it shrank to rest and grew again, a pulse
// of the focused tile every two seconds on any Home of a TV with a download in
// progress. Twice, and once in the middle of its growing, which goes on.
func TestRebuildingKeepsTheFocusAsItWas(t *testing.T) {
	var v View
	build := func() *Node { return (&Node{Rect: Canvas}).Add(row("a", 100, 100, 200, widths(4, 300)...)) }
	v.SetRoot(build())
	v.Move(DirRight)
	settle(&v)
	for round := 1; round <= 2; round++ {
		v.SetRoot(build())
		assert.Equal(t, "a/1", v.FocusedKey())
		assert.Equal(t, 1.0, v.FocusAmount(v.Focused()), "round %d: still grown", round)
		assert.False(t, v.Tick(), "round %d: nothing to animate", round)
	}
	v.Move(DirRight)
	v.Tick()
	growing, shrinking := v.FocusAmount(v.Focused()), v.FocusAmount(v.Previous())
	v.SetRoot(build())
	assert.Equal(t, growing, v.FocusAmount(v.Focused()), "half grown goes on from where it was")
	require.NotNil(t, v.Previous(), "and the tile focus left goes on shrinking")
	assert.Equal(t, "a/1", v.Previous().Key)
	assert.Equal(t, shrinking, v.FocusAmount(v.Previous()))
}

func TestDialogFadesIn(t *testing.T) {
	var v View
	root := (&Node{Rect: Canvas}).Add(focusable("x", 0, 0, 100, 100))
	v.SetRoot(root)
	assert.Equal(t, 1.0, v.LayerOpacity())
	withDialog := (&Node{Rect: Canvas}).Add(focusable("x", 0, 0, 100, 100), (&Node{Key: "d", Role: RoleDialog}).Add(focusable("ok", 500, 500, 100, 50)))
	v.SetRoot(withDialog)
	assert.Zero(t, v.LayerOpacity())
	for i := 0; i < DialogTicks; i++ {
		v.Tick()
	}
	assert.Equal(t, 1.0, v.LayerOpacity())
}

// With reduced motion every move lands in the frame that shows it: focus grown,
// the row scrolled, the dialog opaque, and no tick after moves anything.
func TestReducedMotionLandsAtOnce(t *testing.T) {
	var v View
	v.SetReducedMotion(true)
	root := menuAndRows()
	v.SetRoot(root)
	v.Focus("r0/a")
	first := v.Focused()
	row := root.Find("r0")
	for range 4 {
		v.Move(DirRight)
	}
	require.Equal(t, "r0/e", v.FocusedKey())
	assert.Equal(t, 1.0, v.FocusAmount(v.Focused()), "the new focus is grown at once")
	assert.Zero(t, v.FocusAmount(first), "and the old one at rest")
	assert.Nil(t, v.Previous())
	assert.InDelta(t, row.Rect.MaxX()-ScrollPeek, v.Focused().ScreenRect().MaxX(), 0.5, "the row scrolled all the way at once")
	assert.True(t, v.ScrollSettled())
	assert.False(t, v.Tick(), "nothing is left to animate")

	withDialog := menuAndRows()
	withDialog.Add((&Node{Key: "d", Role: RoleDialog}).Add(focusable("ok", 500, 500, 100, 50)))
	v.SetRoot(withDialog)
	assert.Equal(t, 1.0, v.LayerOpacity(), "a dialog opens opaque")
	assert.False(t, v.Tick())

	// The same screen again, after the dialog: focus comes back grown, the row
	// where it was.
	root = menuAndRows()
	v.SetRoot(root)
	assert.Equal(t, "r0/e", v.FocusedKey())
	assert.Equal(t, 1.0, v.FocusAmount(v.Focused()))
	assert.Equal(t, row.ScrollX, root.Find("r0").ScrollX)
	assert.False(t, v.Tick())

	// And the dialog a second time: opaque at once again.
	v.SetRoot(withDialog)
	assert.Equal(t, 1.0, v.LayerOpacity())
	assert.Equal(t, 1.0, v.FocusAmount(v.Focused()))
	assert.False(t, v.Tick())
}

// Turning reduced motion on finishes what is animating; turning it off lets the
// next move ease again. A fling, which follows a finger, glides either way.
func TestReducedMotionTurnedOnMidAnimation(t *testing.T) {
	var v View
	root := menuAndRows()
	v.SetRoot(root)
	v.Focus("r0/j")
	v.Tick()
	require.False(t, v.ScrollSettled())
	v.SetReducedMotion(true)
	assert.True(t, v.ScrollSettled())
	assert.Equal(t, 1.0, v.FocusAmount(v.Focused()))
	assert.False(t, v.Tick())

	v.Fling(1000, 200, ScrollHorizontal, -40)
	assert.True(t, v.Tick(), "a flung row glides")

	v.SetReducedMotion(false)
	settle(&v)
	v.Move(DirDown)
	assert.Less(t, v.FocusAmount(v.Focused()), 1.0, "motion is back")
	assert.True(t, v.Tick())
}

func TestMemorySurvivesANewView(t *testing.T) {
	m := NewMemory()
	var v View
	v.SetMemory(m)
	v.SetRoot(menuAndRows())
	v.Focus("r1/e")
	settle(&v)

	var again View // the screen was popped and pushed again
	again.SetMemory(m)
	root := menuAndRows()
	again.SetRoot(root)
	assert.Equal(t, "r1/e", again.FocusedKey())
	assert.Positive(t, root.Find("r1").ScrollX, "scrolled as it was left, with no jump")
}

// grid6x20 is the busiest screen the budget speaks of: 6 rows of 20 tiles.
func grid6x20() *Node {
	root := &Node{Rect: Canvas}
	list := &Node{Key: "rows", Scroll: ScrollVertical, Remember: true, Rect: Rect{X: 400, Y: 0, W: CanvasWidth - 400, H: CanvasHeight}}
	for r := 0; r < 6; r++ {
		list.Add(row(fmt.Sprint("r", r), 400, 100+float64(r)*300, 180, widths(20, 320)...))
	}
	return root.Add(list)
}

func TestMoveOnBusyScreenAllocatesNothing(t *testing.T) {
	var v View
	v.SetRoot(grid6x20())
	dirs := [...]Direction{DirRight, DirRight, DirDown, DirRight, DirUp, DirLeft}
	i := 0
	allocs := testing.AllocsPerRun(500, func() {
		v.Move(dirs[i%len(dirs)])
		v.Tick()
		i++
	})
	assert.Zero(t, allocs)
}

func BenchmarkMove6x20(b *testing.B) {
	var v View
	v.SetRoot(grid6x20())
	dirs := [...]Direction{DirRight, DirRight, DirDown, DirRight, DirUp, DirLeft, DirDown, DirDown}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v.Move(dirs[i%len(dirs)])
		v.Tick()
		i++
	}
}

// A row comes back into view with its heading, which the list holds with it as one
// item: going down the list and back up, twice, leaves it as it began, and each row
// reached shows its heading whole.
func TestRowsComeIntoViewWithTheirHeadings(t *testing.T) {
	root := &Node{Rect: Canvas}
	list := &Node{Key: "rows", Scroll: ScrollVertical, Rect: Rect{X: 400, Y: 150, W: CanvasWidth - 400, H: CanvasHeight - 150}}
	for r := 0; r < 6; r++ {
		y := 150 + float64(r)*360
		heading := &Node{Role: RoleText, Label: fmt.Sprint("Row ", r), Rect: Rect{X: 400, Y: y, W: 800, H: 56}}
		tiles := row(fmt.Sprint("r", r), 400, y+76, 180, widths(5, 320)...)
		list.Add((&Node{Rect: Rect{X: 400, Y: y, W: CanvasWidth - 400, H: 76 + 180}}).Add(heading, tiles))
	}
	root.Add(list)
	var v View
	v.SetRoot(root)
	headingInView := func() {
		t.Helper()
		h := v.Focused().Parent().Parent().Children[0].ScreenRect()
		assert.GreaterOrEqual(t, h.Y, list.Rect.Y, "the heading of %s is in view", v.FocusedKey())
	}
	for round := 0; round < 2; round++ {
		for i := 0; i < 5; i++ {
			v.Move(DirDown)
			settle(&v)
			headingInView()
		}
		for i := 0; i < 5; i++ {
			v.Move(DirUp)
			settle(&v)
			headingInView()
		}
		assert.Equal(t, "r0/0", v.FocusedKey())
		assert.Zero(t, list.ScrollY, "round %d ends at the top", round)
	}
}

func TestVerticalScrollerKeepsFocusedRowInView(t *testing.T) {
	var v View
	root := grid6x20()
	v.SetRoot(root)
	for i := 0; i < 5; i++ {
		v.Move(DirDown)
	}
	settle(&v)
	assert.Equal(t, "r5/0", v.FocusedKey())
	f := v.Focused().ScreenRect()
	assert.LessOrEqual(t, f.MaxY(), SafeArea(Canvas).MaxY()-ScrollPeek+0.5)
	assert.Positive(t, root.Find("rows").ScrollY)
}

// A screen pushed again whose list is still loading, with nothing to focus yet, opens
// where it was left once the list is in, every time it comes back.
func TestMemoryWaitsForAListStillLoading(t *testing.T) {
	m := NewMemory()
	loading := func() *Node { return &Node{Rect: Canvas} }
	var v View
	v.SetMemory(m)
	v.SetRoot(loading())
	v.SetRoot(menuAndRows())
	require.Equal(t, "r0/a", v.FocusedKey(), "the first time, the first tile")
	require.True(t, v.Focus("r1/e"))
	for range 2 {
		var again View // the screen popped and pushed again
		again.SetMemory(m)
		again.SetRoot(loading())
		require.Nil(t, again.Focused())
		again.SetRoot(menuAndRows())
		assert.Equal(t, "r1/e", again.FocusedKey())
	}
}

// twoRows is two rows of ten tiles across a screen w wide, laid out right to left
// when mirrored.
func twoRows(w float64, mirrored bool) *Node {
	area := Rect{W: w, H: CanvasHeight}
	root := &Node{Rect: area}
	for i, key := range []string{"r0", "r1"} {
		r := row(key, 0, 100+float64(i)*300, 180, widths(10, 300)...)
		r.Rect.W = w
		root.Add(r)
	}
	if mirrored {
		MirrorWithin(root, area)
	}
	return root
}

// A row scrolled along, left so while focus went elsewhere, still shows its tiles
// when the screen is laid out again, mirrored for a right-to-left language or wider
// for a turned phone: it is not left scrolled past its content, and the tile it
// remembers is in view, there at once.
func TestScrolledRowFitsANewLayout(t *testing.T) {
	tests := []struct {
		name     string
		width    float64
		mirrored bool
	}{
		{"mirrored for a right-to-left language", 1600, true},
		{"on a screen turned wider", 1700, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v View
			v.SetSafe(Rect{W: 800, H: CanvasHeight})
			v.SetRoot(twoRows(800, false))
			require.True(t, v.Focus("r0/0"))
			for range 9 {
				v.Move(DirRight)
			}
			v.Move(DirDown) // r0 stays scrolled to its end
			settle(&v)
			require.Equal(t, "r1/0", v.FocusedKey())
			require.Positive(t, v.Root().Find("r0").ScrollX)

			for range 2 { // there and back, twice
				for _, layout := range []struct {
					w        float64
					mirrored bool
				}{{tt.width, tt.mirrored}, {800, false}} {
					v.SetSafe(Rect{W: layout.w, H: CanvasHeight})
					v.SetRoot(twoRows(layout.w, layout.mirrored))
					assert.True(t, v.ScrollSettled(), "the row lands at once")
					r0 := v.Root().Find("r0")
					lo, hi := v.visibleRange(r0)
					var start, end float64 = CanvasWidth, 0
					for _, c := range r0.Children {
						start, end = min(start, c.ScreenRect().X), max(end, c.ScreenRect().MaxX())
					}
					assert.LessOrEqual(t, start, lo+ScrollPeek+0.5, "%v wide: no empty stretch before the tiles", layout.w)
					assert.GreaterOrEqual(t, end, hi-ScrollPeek-0.5, "%v wide: no empty stretch after the tiles", layout.w)
					kept := r0.Find("r0/9").ScreenRect()
					assert.True(t, kept.X >= lo && kept.MaxX() <= hi, "%v wide: the tile the row remembers is in view at %v", layout.w, kept)
					assert.Equal(t, "r1/0", v.FocusedKey())
				}
			}
		})
	}
}

// A key held down along a row of forty titles, and down a list of twenty rows,
// moves one item a press, at the fastest repeat (a press every 3 ticks, 50 ms),
// and the content keeps up: the focused item is never drawn further past the edge
// than it is by presses one at a time, each let settle, where it peeks in and eases
// into view. The easing used to fall further behind with each press, until the
// focused title was drawn wholly off the screen while the key was held. There and
// back, twice.
func TestHeldKeyKeepsTheFocusOnScreen(t *testing.T) {
	tests := []struct {
		name        string
		tree        func() *Node
		there, back Direction
		n           int
		key         func(i int) string
		// past returns how far r lies past the canvas's edges, or the list's top.
		past func(r Rect) float64
	}{
		{"along a row", func() *Node { return (&Node{Rect: Canvas}).Add(row("r", 500, 400, 180, widths(40, 320)...)) },
			DirRight, DirLeft, 40, func(i int) string { return fmt.Sprint("r/", i) },
			func(r Rect) float64 { return max(r.MaxX()-CanvasWidth, -r.X) }},
		{"down a list", func() *Node {
			list := &Node{Key: "rows", Scroll: ScrollVertical, Rect: Rect{X: 400, Y: 150, W: CanvasWidth - 400, H: CanvasHeight - 150}}
			for r := 0; r < 20; r++ {
				list.Add(row(fmt.Sprint("r", r), 400, 150+float64(r)*300, 200, widths(3, 320)...))
			}
			return (&Node{Rect: Canvas}).Add(list)
		}, DirDown, DirUp, 20, func(i int) string { return fmt.Sprint("r", i, "/0") },
			func(r Rect) float64 { return max(r.MaxY()-CanvasHeight, 150-r.Y) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// walk presses dir until the end, ticks between presses (0: until
			// settled), and returns how far past the edge an item was drawn at most.
			walk := func(v *View, round int, dir Direction, ticks int) (worst float64) {
				from, step := 0, 1
				if dir == tt.back {
					from, step = tt.n-1, -1
				}
				for i := 1; i < tt.n; i++ {
					require.True(t, v.Move(dir), "round %d: a press moves", round)
					require.Equal(t, tt.key(from+i*step), v.FocusedKey(), "round %d: one item a press", round)
					for k := 0; k < ticks || ticks == 0 && !v.ScrollSettled(); k++ {
						worst = max(worst, tt.past(v.Focused().ScreenRect()))
						v.Tick()
					}
				}
				assert.False(t, v.Move(dir), "round %d: at the end, the end", round)
				return worst
			}
			var slow View
			slow.SetRoot(tt.tree())
			bound := map[Direction]float64{tt.there: walk(&slow, 0, tt.there, 0), tt.back: walk(&slow, 0, tt.back, 0)}

			var held View
			held.SetRoot(tt.tree())
			for round := range 2 {
				for _, dir := range []Direction{tt.there, tt.back} {
					worst := walk(&held, round, dir, 3) // the fastest repeat: input.RepeatFastestInterval
					assert.LessOrEqual(t, worst, bound[dir]+0.5, "round %d: drawn %.0f px past the edge, one press at a time %.0f", round, worst, bound[dir])
				}
			}
		})
	}
}

// A press straight back returns where focus came from also after the screen was
// rebuilt between the presses, as Home is every two seconds while a download goes
// on; focus put somewhere by other means, a pointer or the screen, forgets it.
func TestAPressStraightBackSurvivesARebuild(t *testing.T) {
	s := sketch{draw: "AA  BB  CC  DD\n\n    MMMM"}
	v := s.view(t, "D")
	for round := range 2 {
		require.True(t, v.Move(DirDown))
		require.Equal(t, "M", v.FocusedKey())
		v.SetRoot(s.build(t))
		v.Move(DirUp)
		assert.Equal(t, "D", v.FocusedKey(), "round %d: back to D", round)
	}
	require.True(t, v.Move(DirDown))
	require.True(t, v.Focus("M"))
	v.Move(DirUp)
	assert.Equal(t, "B", v.FocusedKey(), "focused otherwise, Up goes to what is over M's middle")
}
