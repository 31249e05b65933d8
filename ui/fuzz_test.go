package ui

import (
	"fmt"
	"testing"
)

// bytesReader hands out fuzz bytes, then zeros.
type bytesReader struct {
	b []byte
	i int
}

func (r *bytesReader) next() int {
	if r.i >= len(r.b) {
		return 0
	}
	r.i++
	return int(r.b[r.i-1])
}

// randomTree builds up to 4 rows of up to 6 tiles, some disabled or hidden, rows
// entered by geometry, with blocked exits or with defaults, maybe a
// vertical scroller around them and maybe a dialog, all from the fuzz bytes. Keys are
// drawn from a small set so rebuilt trees share keys with earlier ones.
func randomTree(r *bytesReader) *Node {
	root := &Node{Rect: Canvas}
	parent := root
	if r.next()%2 == 0 {
		parent = &Node{Key: "list", Scroll: ScrollVertical, Remember: true, Rect: Rect{Y: 0, W: CanvasWidth, H: CanvasHeight}}
		root.Add(parent)
	}
	for ri, rows := 0, r.next()%5; ri < rows; ri++ {
		rw := &Node{Key: fmt.Sprint("row", ri), Role: RoleRow, Remember: r.next()%2 == 0,
			Rect: Rect{X: float64(r.next() % 400), Y: 100 + float64(ri)*float64(150+r.next()%300), W: CanvasWidth, H: 200}}
		if r.next()%2 == 0 {
			rw.Scroll = ScrollHorizontal
		}
		x := rw.Rect.X
		for ti, tiles := 0, r.next()%7; ti < tiles; ti++ {
			w := float64(100 + r.next()*3)
			t := focusable(fmt.Sprintf("t%d-%d", ri, r.next()%8), x, rw.Rect.Y, w, float64(80+r.next()))
			t.Disabled = r.next()%7 == 0
			t.Hidden = r.next()%9 == 0
			if r.next()%11 == 0 {
				t.Next[r.next()%4] = fmt.Sprintf("t%d-%d", r.next()%4, r.next()%8)
			}
			rw.Add(t)
			x += w + float64(r.next()%60)
		}
		rw.Hidden = r.next()%13 == 0
		rw.EnterNearest = r.next()%5 == 0
		if r.next()%6 == 0 {
			rw.Next[r.next()%4] = Stay // a blocked exit
		}
		if r.next()%6 == 0 {
			rw.DefaultFocus = fmt.Sprintf("t%d-%d", ri, r.next()%8)
		}
		parent.Add(rw)
	}
	if r.next()%4 == 0 {
		d := &Node{Key: "dialog", Role: RoleDialog, Rect: Canvas}
		for i, n := 0, r.next()%3; i < n; i++ {
			d.Add(focusable(fmt.Sprint("d", i), 600+float64(i)*250, 500, 200, 80))
		}
		root.Add(d)
	}
	return root
}

// checkFocus fails unless exactly one visible, enabled node of the active layer is
// focused whenever that layer has one.
func checkFocus(t *testing.T, v *View) {
	t.Helper()
	f := v.Focused()
	if len(v.candidates) == 0 {
		if f != nil {
			t.Fatalf("focused %q with nothing focusable", f.Key)
		}
		return
	}
	if f == nil {
		t.Fatalf("nothing focused among %d candidates", len(v.candidates))
	}
	if !v.root.contains(f) || !v.layer.contains(f) {
		t.Fatalf("focused %q is not in the active layer of the current tree", f.Key)
	}
	if !f.canFocus() {
		t.Fatalf("focused %q cannot take focus", f.Key)
	}
	for p := f; p != nil; p = p.parent {
		if p.Hidden {
			t.Fatalf("focused %q is hidden", f.Key)
		}
	}
}

func FuzzFocusNeverLost(f *testing.F) {
	f.Add([]byte{1, 3, 0, 1, 5, 2, 200, 40, 9, 9, 9, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte{0, 4, 1, 50, 1, 4, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 0, 0, 4, 4})
	f.Add([]byte{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &bytesReader{b: data}
		var v View
		v.SetRoot(randomTree(r))
		checkFocus(t, &v)
		for step := 0; step < 60 && r.i < len(r.b); step++ {
			switch op := r.next() % 8; op {
			case 0, 1, 2, 3:
				v.Move(Direction(op))
			case 4:
				v.SetRoot(randomTree(r))
			case 5:
				v.Hover(float64(r.next()*8), float64(r.next()*5))
			case 6:
				v.Focus(fmt.Sprintf("t%d-%d", r.next()%4, r.next()%8))
			case 7:
				v.Tick()
			}
			checkFocus(t, &v)
		}
	})
}
