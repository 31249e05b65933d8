package game

import (
	"cmp"
	"image"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"tenfoot/ui"
)

// Drawing only what changed. A focus move changes two tiles, yet a frame that
// repaints the screen costs every pixel of it: on a TV whose browser composites in
// software, pixels are most of a frame's time. So each frame redraws only its damage,
// the part of the screen where an operation changed, came or went, and the screen
// keeps the rest from the frame before (ebiten.SetScreenClearedEveryFrame false).
//
// An operation changed when anything it shows did (opKey), or when it moved in the
// draw order past an operation it overlaps: the focused node is drawn last, so a
// focus move takes one subtree from its place to the end and puts another back.
// Operations drawn in the same relative order as before are those of a longest
// increasing run of their old places; every other one counts as moved.

// mark is what an operation showed when it was last drawn.
type mark struct {
	key    uint64          // opKey
	bounds image.Rectangle // where it drew, in screen pixels
	at     int             // its place in the draw list
}

// damage returns the part of the screen b that the next frame redraws, and keeps
// each operation's mark for the frame after. A screen of another size is redrawn
// whole. It allocates nothing once its slices and maps have grown.
func (r *renderer) damage(b image.Rectangle) image.Rectangle {
	var area image.Rectangle
	if b != r.size {
		area, r.size = b, b
	}
	n := len(r.ops)
	r.bounds = slices.Grow(r.bounds[:0], n)[:n]
	r.keys = slices.Grow(r.keys[:0], n)[:n]
	r.olds = slices.Grow(r.olds[:0], n)[:n]
	for i := range r.ops {
		op := &r.ops[i]
		r.keys[i] = r.opKey(op)
		r.olds[i] = -1
		if m, ok := r.marks[op.node]; ok {
			r.olds[i] = m.at
		}
	}
	kept := r.inOrder(r.olds)
	clear(r.next)
	for i := range r.ops {
		op := &r.ops[i]
		m, seen := r.marks[op.node]
		if !seen || !kept[i] || m.key != r.keys[i] {
			m.key, m.bounds = r.keys[i], r.extent(op)
			area = area.Union(m.bounds)
		}
		m.at = i
		r.next[op.node] = m
		r.bounds[i] = m.bounds
	}
	for node, was := range r.marks {
		if now, still := r.next[node]; !still || !kept[now.at] || now.key != was.key {
			area = area.Union(was.bounds) // gone, moved or changed: clear where it was
		}
	}
	r.marks, r.next = r.next, r.marks
	return area.Intersect(b)
}

// inOrder reports, for each operation, whether it keeps its order relative to the
// others kept: olds[i] is the operation's old place, or -1 if it is new. Those kept
// are a longest increasing run of old places (patience sorting, O(n log n)).
func (r *renderer) inOrder(olds []int) []bool {
	n := len(olds)
	r.kept = slices.Grow(r.kept[:0], n)[:n]
	r.prevInRun = slices.Grow(r.prevInRun[:0], n)[:n]
	r.tails = r.tails[:0] // tails[k]: the index ending the best run of length k+1
	for i, old := range olds {
		r.kept[i] = false
		if old < 0 {
			continue
		}
		lo, _ := slices.BinarySearchFunc(r.tails, old, func(tail, old int) int { return cmp.Compare(olds[tail], old) })
		r.prevInRun[i] = -1
		if lo > 0 {
			r.prevInRun[i] = r.tails[lo-1]
		}
		if lo == len(r.tails) {
			r.tails = append(r.tails, i)
		} else {
			r.tails[lo] = i
		}
	}
	if len(r.tails) > 0 {
		for i := r.tails[len(r.tails)-1]; i >= 0; i = r.prevInRun[i] {
			r.kept[i] = true
		}
	}
	return r.kept
}

// opKey hashes everything op shows: what rebuild laid out (op.content) and what
// changes between rebuilds: its place, value, state, opacity and focus, and what
// turns with the ticks, the spinner and the caret's blink.
func (r *renderer) opKey(op *drawOp) uint64 {
	h := op.content
	mix := func(v uint64) { h = (h ^ v) * 1099511628211 }
	n := op.node
	rect := n.ScreenRect()
	mix(math.Float64bits(rect.X))
	mix(math.Float64bits(rect.Y))
	mix(math.Float64bits(rect.W))
	mix(math.Float64bits(rect.H))
	mix(math.Float64bits(n.Value))
	mix(flag(n.Disabled) | flag(n.Checked)<<1 | flag(n.Selected)<<2 | flag(op.view == r.top)<<3)
	if op.dialog {
		mix(math.Float64bits(op.view.LayerOpacity()))
	}
	if op.view == r.top {
		mix(math.Float64bits(op.view.FocusAmount(n)))
	}
	switch n.Role {
	case ui.RoleSpinner:
		mix(uint64(r.ticks / 5))
	case ui.RoleTextField:
		mix(uint64(r.ticks / 30))
	}
	return h
}

// contentKey hashes what rebuild resolved for op, which no frame changes: the node's
// kind and look, what picks its art, its laid-out text and the fonts there are.
func (r *renderer) contentKey(op *drawOp) uint64 {
	h := uint64(14695981039346656037)
	mix := func(v uint64) { h = (h ^ v) * 1099511628211 }
	text := func(s string) {
		for i := 0; i < len(s); i++ {
			mix(uint64(s[i]))
		}
		mix(0xff) // ends the string, so that "ab","c" and "a","bc" differ
	}
	n := op.node
	mix(uint64(n.Role) | uint64(n.Fill)<<8 | uint64(n.Text)<<16 | flag(n.Center)<<24 | flag(n.Wrap)<<25 |
		flag(op.dialog)<<26 | flag(r.rtl)<<27 | flag(op.text)<<28)
	mix(math.Float64bits(n.Hue))
	mix(math.Float64bits(op.lineTop))
	mix(uint64(len(r.type_.sources))) // a font that arrives may draw text already shown
	text(n.Input)                     // a QR code's
	for _, line := range op.lines {
		text(line.text)
		for _, c := range line.chunks {
			mix(math.Float64bits(c.x))
			mix(math.Float64bits(c.dy))
			mix(math.Float64bits(c.face.Size))
		}
	}
	text(op.initial.text)
	return h
}

// extent returns where op draws now, in whole screen pixels, found by running its
// drawing without drawing, with a pixel of margin for filtering at its edges.
func (r *renderer) extent(op *drawOp) image.Rectangle {
	r.measuring, r.measured = true, ui.Rect{}
	r.drawOp(nil, op)
	r.measuring = false
	e := r.measured
	if e.W <= 0 || e.H <= 0 {
		return image.Rectangle{}
	}
	return image.Rect(int(math.Floor(e.X))-1, int(math.Floor(e.Y))-1, int(math.Ceil(e.MaxX()))+1, int(math.Ceil(e.MaxY()))+1)
}

// measure adds rect to what the operation being measured draws.
func (r *renderer) measure(rect ui.Rect) {
	if rect.W <= 0 || rect.H <= 0 {
		return
	}
	m := &r.measured
	if m.W <= 0 || m.H <= 0 {
		*m = rect
		return
	}
	x, y := min(m.X, rect.X), min(m.Y, rect.Y)
	*m = ui.Rect{X: x, Y: y, W: max(m.MaxX(), rect.MaxX()) - x, H: max(m.MaxY(), rect.MaxY()) - y}
}

// put draws img on dst as o says, in canvas units, or, while measuring, adds where
// it would land.
func (r *renderer) put(dst, img *ebiten.Image, o *ebiten.DrawImageOptions) {
	o.GeoM.Concat(r.view)
	if !r.measuring {
		dst.DrawImage(img, o)
		return
	}
	b := img.Bounds()
	x0, y0 := o.GeoM.Apply(0, 0)
	x1, y1 := o.GeoM.Apply(float64(b.Dx()), float64(b.Dy()))
	r.measure(ui.Rect{X: min(x0, x1), Y: min(y0, y1), W: math.Abs(x1 - x0), H: math.Abs(y1 - y0)})
}

// patch draws a nine-patch on dst at x, y, w, h in canvas units, or, while measuring,
// adds where it would land.
func (r *renderer) patch(dst *ebiten.Image, p *ninePatch, x, y, w, h float64, cs ebiten.ColorScale) {
	s := r.toScreen(ui.Rect{X: x, Y: y, W: w, H: h})
	if r.measuring {
		r.measure(s)
		return
	}
	p.draw(dst, s.X, s.Y, s.W, s.H, r.view.Element(0, 0), cs)
}

// setView fits the canvas to the screen b, centred: a screen of another size than
// the canvas, such as a 1280×720 browser or a 4K one, is drawn at its own size
// rather than drawn at the canvas's and scaled, which costs every pixel twice and
// blurs text. It reports whether the view changed, which redraws the whole screen.
func (r *renderer) setView(b image.Rectangle) bool {
	s := min(float64(b.Dx())/r.canvas.W, float64(b.Dy())/r.canvas.H)
	if r.canvas.W <= 0 || r.canvas.H <= 0 {
		s = 1
	}
	var m ebiten.GeoM
	m.Scale(s, s)
	m.Translate(math.Round((float64(b.Dx())-r.canvas.W*s)/2), math.Round((float64(b.Dy())-r.canvas.H*s)/2))
	changed := m != r.view
	r.view = m
	return changed
}

// toScreen returns where rect, in canvas units, lies on the screen.
func (r *renderer) toScreen(rect ui.Rect) ui.Rect {
	x, y := r.view.Apply(rect.X, rect.Y)
	s := r.view.Element(0, 0)
	return ui.Rect{X: x, Y: y, W: rect.W * s, H: rect.H * s}
}
