package ui

import "math"

// RowPeek is how much of the row's edge stays free when a row scrolls a tile into
// view, so the focused tile's outline and the hint of the next tile both show.
const RowPeek = 48

// scrollEase is the share of the remaining distance a scroll covers each tick: an
// ease-out that settles in about a quarter of a second at 60 ticks a second.
const scrollEase = 0.25

// scrollIntoView sets row's scroll target so that child is inside the row's visible
// rect. A row scrolls only when the child would otherwise leave it, so moving within
// the visible part keeps everything still.
func (v *View) scrollIntoView(row, child *Node) {
	st := v.scroll[row.Key]
	if st == nil {
		st = &scrollState{}
		v.scroll[row.Key] = st
	}
	st.node = row
	contentMax := row.Rect.MaxX()
	for _, c := range row.Children {
		contentMax = max(contentMax, c.Rect.MaxX()+RowPeek)
	}
	visibleLeft := row.Rect.X + st.target + RowPeek
	visibleRight := rowVisibleRight(row) + st.target - RowPeek
	switch {
	case child.Rect.X < visibleLeft:
		st.target -= visibleLeft - child.Rect.X
	case child.Rect.MaxX() > visibleRight:
		st.target += child.Rect.MaxX() - visibleRight
	}
	st.target = math.Max(0, math.Min(st.target, contentMax-rowVisibleRight(row)))
}

// rowVisibleRight returns the right edge of the part of row where a focused tile may
// be. Rows may run to the canvas edge so that the next tile peeks in, but the focused
// tile stays inside the title-safe area.
func rowVisibleRight(row *Node) float64 {
	return min(row.Rect.MaxX(), SafeArea(Canvas).MaxX())
}

// applyScroll copies the current scroll offsets into a newly built tree.
func (v *View) applyScroll(n *Node) {
	if st := v.scroll[n.Key]; st != nil && n.Role == RoleRow {
		n.ScrollX = st.current
		st.node = n
	}
	for _, c := range n.Children {
		v.applyScroll(c)
	}
}

// Tick advances scroll animations by one tick and reports whether anything moved,
// so the host knows the tree must be redrawn.
func (v *View) Tick() bool {
	moved := false
	for _, st := range v.scroll {
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
			st.node.ScrollX = st.current
		}
		moved = true
	}
	return moved
}

// ScrollSettled reports whether every scroll animation has reached its target.
func (v *View) ScrollSettled() bool {
	for _, st := range v.scroll {
		if st.current != st.target {
			return false
		}
	}
	return true
}
