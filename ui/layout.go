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

// LayoutGrid places nodes in rows of columns from x, y, each w×h, gapX and gapY apart,
// and returns the y just past the last row.
func LayoutGrid(x, y, w, h, gapX, gapY float64, columns int, nodes ...*Node) float64 {
	if columns < 1 {
		columns = 1
	}
	for i, n := range nodes {
		col, row := i%columns, i/columns
		n.Rect = Rect{X: x + float64(col)*(w+gapX), Y: y + float64(row)*(h+gapY), W: w, H: h}
	}
	rows := (len(nodes) + columns - 1) / columns
	return y + float64(rows)*(h+gapY) - gapY
}
