package ui

import "math"

// ScrollAxis says whether and how a node scrolls its children.
type ScrollAxis uint8

// The scroll axes.
const (
	ScrollNone       ScrollAxis = iota
	ScrollHorizontal            // a row of tiles
	ScrollVertical              // a list of rows, a grid or a long menu
)

// ScrollPeek is how much of a scroller's edge stays free when it scrolls a child into
// view, so the focused tile's outline and a hint of the next tile both show.
const ScrollPeek = 48

// scrollEase is the share of the remaining distance a scroll covers each tick: an
// ease-out that settles in about a quarter of a second at 60 ticks a second.
const scrollEase = 0.25

type scrollState struct {
	current, target float64
	// velocity is how far a flung scroller glides each tick; it slows by
	// flingFriction until it stops.
	velocity float64
	node     *Node // the scroller in the current tree, which Tick updates
	// frame is the layout the offsets were worked out for; a tree laid out
	// otherwise (mirrored, or on a screen turned) has them refitted.
	frame scrollFrame
	// refitted is set while SetRoot refits the offsets to a new layout, until
	// applyScroll has brought the child the scroller keeps into view.
	refitted bool
}

// scrollFrame is what a scroller's offsets are valid for: its visible range and how
// far its content lets it scroll, along its axis.
type scrollFrame struct {
	lo, hi, minT, maxT float64
}

// frameOf returns the frame of scroller s in the View's safe area.
func (v *View) frameOf(s *Node) scrollFrame {
	lo, hi := v.visibleRange(s)
	minT, maxT := scrollLimits(s, lo, hi)
	return scrollFrame{lo, hi, minT, maxT}
}

// runsAfter reports whether the content runs on past the end only (to the right, in
// a left-to-right row); runsBefore, past the start only (a mirrored row).
func (f scrollFrame) runsAfter() bool  { return f.maxT > 0 && f.minT == 0 }
func (f scrollFrame) runsBefore() bool { return f.minT < 0 && f.maxT == 0 }

// flingFriction is the share of its speed a flung scroller keeps each tick: a swipe
// glides on for about a second, as on a phone.
const flingFriction = 0.95

// Drag scrolls the innermost scroller along axis under the point x, y by d canvas
// pixels, at once and without easing, as content follows a finger. It reports
// whether a scroller moved.
func (v *View) Drag(x, y float64, axis ScrollAxis, d float64) bool {
	s := v.scrollerAt(v.layer, x, y, axis)
	if s == nil {
		return false
	}
	st := v.scrollState(s)
	st.velocity = 0
	before := st.current
	st.current = v.clampScroll(s, st.current+d)
	st.target = st.current
	s.setScroll(st.current)
	return st.current != before
}

// Fling lets the scroller along axis under x, y glide on at velocity canvas pixels a
// tick after the finger lifts.
func (v *View) Fling(x, y float64, axis ScrollAxis, velocity float64) {
	if s := v.scrollerAt(v.layer, x, y, axis); s != nil {
		v.scrollState(s).velocity = velocity
	}
}

// scrollerAt returns the innermost keyed scroller along axis under n whose visible
// rect holds the point, or nil.
func (v *View) scrollerAt(n *Node, x, y float64, axis ScrollAxis) *Node {
	if n == nil || n.Hidden {
		return nil
	}
	for i := len(n.Children) - 1; i >= 0; i-- {
		if s := v.scrollerAt(n.Children[i], x, y, axis); s != nil {
			return s
		}
	}
	if n.Scroll == axis && n.Key != "" && n.ScreenRect().Contains(x, y) {
		return n
	}
	return nil
}

func (v *View) scrollState(s *Node) *scrollState {
	st := v.mem.scroll[s.Key]
	if st == nil {
		st = &scrollState{frame: v.frameOf(s)}
		v.mem.scroll[s.Key] = st
	}
	st.node = s
	return st
}

// clampScroll keeps an offset of s within its content.
func (v *View) clampScroll(s *Node, offset float64) float64 {
	lo, hi := v.visibleRange(s)
	minT, maxT := scrollLimits(s, lo, hi)
	return math.Max(minT, math.Min(offset, maxT))
}

// span returns r's extent along axis.
func span(r Rect, axis ScrollAxis) (start, end float64) {
	if axis == ScrollVertical {
		return r.Y, r.MaxY()
	}
	return r.X, r.MaxX()
}

// visibleRange returns the part of scroller s, along its axis, where a focused child
// may be: its rect within the View's safe area. Scrollers may run to the canvas edge
// so that the next tile peeks in, but the focused one stays inside the safe area.
func (v *View) visibleRange(s *Node) (lo, hi float64) {
	start, end := span(s.Rect, s.Scroll)
	safeStart, safeEnd := span(v.Safe(), s.Scroll)
	return max(start, safeStart), min(end, safeEnd)
}

// scrollIntoView sets scroller s's target so that child is in its visible range, with
// the rest of the item of s that holds it when that fits too: a row of tiles comes
// into view with its heading, whichever way focus reached it. It scrolls only when
// the child would otherwise leave it, and then just enough, so moving within the
// visible part keeps everything still and moving on past the edge keeps the focused
// child at the same place while the content moves under it.
func (v *View) scrollIntoView(s, child *Node) {
	st := v.scrollState(s)
	st.velocity = 0 // focus moving by d-pad takes over from a fling
	lo, hi := v.visibleRange(s)
	start, end := span(child.Rect, s.Scroll)
	item := child
	for item.parent != nil && item.parent != s {
		item = item.parent
	}
	if a, b := span(item.Rect, s.Scroll); b-a <= hi-lo-2*ScrollPeek {
		start, end = min(start, a), max(end, b)
	}
	target := st.target
	switch {
	case start-target < lo+ScrollPeek:
		target = start - lo - ScrollPeek
	case end-target > hi-ScrollPeek:
		target = end - hi + ScrollPeek
	}
	minT, maxT := scrollLimits(s, lo, hi)
	target = math.Max(minT, math.Min(target, maxT))
	if ahead := target - st.target; ahead*(st.target-st.current) > 0 {
		// Still easing the same way from the last press: that scroll lands
		// first. Otherwise the easing falls further behind with each press of a
		// held key, until the focused child is drawn off the screen.
		st.current = st.target
		s.setScroll(st.current)
	}
	st.target = target
}

// scrollLimits returns how far s may scroll: not past its content, which may run past
// either edge (to the right in left-to-right rows, to the left when mirrored).
func scrollLimits(s *Node, lo, hi float64) (minT, maxT float64) {
	contentStart, contentEnd := math.Inf(1), math.Inf(-1)
	for _, c := range s.Children {
		if c.Hidden {
			continue
		}
		a, b := span(c.Rect, s.Scroll)
		contentStart, contentEnd = min(contentStart, a), max(contentEnd, b)
	}
	if contentStart < lo {
		minT = contentStart - ScrollPeek - lo
	}
	if contentEnd > hi {
		maxT = contentEnd + ScrollPeek - hi
	}
	return minT, maxT
}

// refitScroll makes the remembered offsets of the scrollers in a newly built tree
// valid for it, before focus is placed in it. A scroller laid out as before keeps
// its offsets. One laid out otherwise, as when the language turns the screen right to
// left or a phone is turned, has them turned round if its content now runs the other
// way, and kept within its content; applyScroll then brings the child it keeps into
// view.
func (v *View) refitScroll(n *Node) {
	if st := v.mem.scroll[n.Key]; st != nil && n.Scroll != ScrollNone && n.Key != "" {
		v.refit(n, st)
	}
	for _, c := range n.Children {
		v.refitScroll(c)
	}
}

func (v *View) refit(s *Node, st *scrollState) {
	old, f := st.frame, v.frameOf(s)
	st.refitted = false
	if f == old {
		return
	}
	st.frame = f
	mirrored := old.runsAfter() && f.runsBefore() || old.runsBefore() && f.runsAfter()
	if mirrored {
		st.current, st.target = -st.current, -st.target
	}
	current := math.Max(f.minT, math.Min(st.current, f.maxT))
	target := math.Max(f.minT, math.Min(st.target, f.maxT))
	st.refitted = mirrored || old.lo != f.lo || old.hi != f.hi || current != st.current || target != st.target
	st.current, st.target = current, target
}

// applyScroll copies the scroll offsets into a newly built tree. A scroller refitted
// to a new layout lands at once with the child it keeps in view: the focused node
// if it is in it, else the child it remembers.
func (v *View) applyScroll(n *Node) {
	if st := v.mem.scroll[n.Key]; st != nil && n.Scroll != ScrollNone {
		st.node = n
		if st.refitted {
			if c := v.kept(n); c != nil {
				v.scrollIntoView(n, c)
			}
			st.current, st.velocity, st.refitted = st.target, 0, false
		}
		n.setScroll(st.current)
	}
	for _, c := range n.Children {
		v.applyScroll(c)
	}
}

// kept returns the child that scroller s keeps in view: the focused node if it lies
// in s, else the child s remembers, or nil.
func (v *View) kept(s *Node) *Node {
	if v.focused != nil && s.contains(v.focused) {
		return v.focused
	}
	if !s.Remember {
		return nil
	}
	if c := s.Find(v.mem.containers[s.Key]); c != nil && c != s && !c.Hidden {
		return c
	}
	return nil
}

func (n *Node) setScroll(offset float64) {
	if n.Scroll == ScrollVertical {
		n.ScrollY = offset
	} else {
		n.ScrollX = offset
	}
}

// Tick advances the scroll, focus and dialog animations by one tick and reports
// whether anything moved, so the host knows the frame changed.
func (v *View) Tick() bool {
	if v.still {
		v.finishAnimations()
	}
	moved := v.tickFocus()
	if v.mem == nil {
		return moved
	}
	for _, st := range v.mem.scroll {
		if st.velocity != 0 && st.node != nil {
			v.glide(st)
			moved = true
			continue
		}
		if st.current == st.target {
			continue
		}
		d := st.target - st.current
		if math.Abs(d) < 0.5 {
			st.current = st.target
		} else {
			st.current += d * scrollEase
		}
		if st.node != nil {
			st.node.setScroll(st.current)
		}
		moved = true
	}
	return moved
}

// glide moves a flung scroller on by its velocity, slowing it, and stops it at the
// end of its content.
func (v *View) glide(st *scrollState) {
	next := v.clampScroll(st.node, st.current+st.velocity)
	st.velocity *= flingFriction
	if next == st.current || math.Abs(st.velocity) < 0.5 {
		st.velocity = 0
	}
	st.current, st.target = next, next
	st.node.setScroll(next)
}

// ScrollSettled reports whether every scroll animation has reached its target.
func (v *View) ScrollSettled() bool {
	if v.mem == nil {
		return true
	}
	for _, st := range v.mem.scroll {
		if st.current != st.target || st.velocity != 0 {
			return false
		}
	}
	return true
}
