package ui

// Mirror flips a laid-out tree left to right, for right-to-left languages: screens lay
// out once, left to right, and mirror the result. Focus needs nothing more, because it
// follows geometry: Right goes to what is now on the right. Left and Right overrides
// swap, and rows scroll toward their content wherever it lies.
func Mirror(n *Node) {
	n.Rect.X = CanvasWidth - n.Rect.X - n.Rect.W
	n.Next[DirLeft], n.Next[DirRight] = n.Next[DirRight], n.Next[DirLeft]
	for _, c := range n.Children {
		Mirror(c)
	}
}
