package ui

// LayoutRow places nodes left to right from x, y, each w×h, gap apart, and returns the
// x just past the last one.
func LayoutRow(x, y, w, h, gap float64, nodes ...*Node) float64 {
	for _, n := range nodes {
		n.Rect = Rect{X: x, Y: y, W: w, H: h}
		x += w + gap
	}
	return x - gap
}

// LayoutColumn places nodes top to bottom from x, y, each w×h, gap apart, and returns
// the y just past the last one.
func LayoutColumn(x, y, w, h, gap float64, nodes ...*Node) float64 {
	for _, n := range nodes {
		n.Rect = Rect{X: x, Y: y, W: w, H: h}
		y += h + gap
	}
	return y - gap
}
