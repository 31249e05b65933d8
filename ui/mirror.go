package ui

// Mirror flips a laid-out tree left to right, for right-to-left languages: screens lay
// out once, left to right, and mirror the result. Focus needs nothing more, because it
// follows geometry: Right goes to what is now on the right. Left and Right overrides
// swap, and rows scroll toward their content wherever it lies.
func Mirror(n *Node) { MirrorWithin(n, Canvas) }

// MirrorWithin flips a laid-out tree left to right about the middle of area, as a
// touch form's canvas of another width than the TV's. What is under a LeftToRight
// node moves across as a block, in its order.
func MirrorWithin(n *Node, area Rect) {
	n.Rect.X = mirroredX(n.Rect, area)
	n.Next[DirLeft], n.Next[DirRight] = n.Next[DirRight], n.Next[DirLeft]
	if n.LeftToRight {
		if lo, hi, ok := across(n.Children); ok {
			b := Rect{X: lo, W: hi - lo}
			shift(n.Children, mirroredX(b, area)-lo, 0)
		}
		return
	}
	for _, c := range n.Children {
		MirrorWithin(c, area)
	}
}

// mirroredX returns where r starts once flipped about the middle of area.
func mirroredX(r, area Rect) float64 { return 2*area.X + area.W - r.X - r.W }

// across returns the left and right edges of the nodes and everything under them
// together, and false when there are none.
func across(nodes []*Node) (lo, hi float64, ok bool) {
	for _, n := range nodes {
		l, h := n.Rect.X, n.Rect.MaxX()
		if cl, ch, has := across(n.Children); has {
			l, h = min(l, cl), max(h, ch)
		}
		if !ok || l < lo {
			lo = l
		}
		if !ok || h > hi {
			hi = h
		}
		ok = true
	}
	return lo, hi, ok
}
