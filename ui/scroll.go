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
	node            *Node // the scroller in the current tree, which Tick updates
}

// span returns r's extent along axis.
func span(r Rect, axis ScrollAxis) (start, end float64) {
	if axis == ScrollVertical {
		return r.Y, r.MaxY()
	}
	return r.X, r.MaxX()
}

// visibleRange returns the part of scroller s, along its axis, where a focused child
// may be: its rect within the title-safe area. Scrollers may run to the canvas edge so
// that the next tile peeks in, but the focused one stays inside the safe area.
func visibleRange(s *Node) (lo, hi float64) {
	start, end := span(s.Rect, s.Scroll)
	safeStart, safeEnd := span(SafeArea(Canvas), s.Scroll)
	return max(start, safeStart), min(end, safeEnd)
}

// scrollIntoView sets scroller s's target so that child is in its visible range. It
// scrolls only when the child would otherwise leave it, and then just enough, so moving
// within the visible part keeps everything still and moving on past the edge keeps
// the focused child at the same place while the content moves under it.
func (v *View) scrollIntoView(s, child *Node) {
	st := v.mem.scroll[s.Key]
	if st == nil {
		st = &scrollState{}
		v.mem.scroll[s.Key] = st
	}
	st.node = s
	lo, hi := visibleRange(s)
	start, end := span(child.Rect, s.Scroll)
	switch {
	case start-st.target < lo+ScrollPeek:
		st.target = start - lo - ScrollPeek
	case end-st.target > hi-ScrollPeek:
		st.target = end - hi + ScrollPeek
	}
	minT, maxT := scrollLimits(s, lo, hi)
	st.target = math.Max(minT, math.Min(st.target, maxT))
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

// applyScroll copies the current scroll offsets into a newly built tree.
func (v *View) applyScroll(n *Node) {
	if st := v.mem.scroll[n.Key]; st != nil && n.Scroll != ScrollNone {
		n.setScroll(st.current)
		st.node = n
	}
	for _, c := range n.Children {
		v.applyScroll(c)
	}
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
	moved := v.tickFocus()
	if v.mem == nil {
		return moved
	}
	for _, st := range v.mem.scroll {
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

// ScrollSettled reports whether every scroll animation has reached its target.
func (v *View) ScrollSettled() bool {
	if v.mem == nil {
		return true
	}
	for _, st := range v.mem.scroll {
		if st.current != st.target {
			return false
		}
	}
	return true
}
