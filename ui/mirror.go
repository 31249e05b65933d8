package ui

// Mirror flips a laid-out tree left to right, for right-to-left languages: screens lay
// out once, left to right, and mirror the result. Focus needs nothing more, because it
// follows geometry: Right goes to what is now on the right. Left and Right overrides
// swap, and rows scroll toward their content wherever it lies.
func Mirror(n *Node) { MirrorWithin(n, Canvas) }

// MirrorWithin flips a laid-out tree left to right about the middle of area, as a
// touch form's canvas of another width than the TV's.
func MirrorWithin(n *Node, area Rect) {
	n.Rect.X = 2*area.X + area.W - n.Rect.X - n.Rect.W
	n.Next[DirLeft], n.Next[DirRight] = n.Next[DirRight], n.Next[DirLeft]
	for _, c := range n.Children {
		MirrorWithin(c, area)
	}
}
