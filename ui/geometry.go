package ui

// Canvas size: every screen is laid out on this logical canvas and the host scales it
// to the window or TV, so layouts never deal with resolutions.
const (
	CanvasWidth  = 1920
	CanvasHeight = 1080
)

// Canvas is the whole logical screen.
var Canvas = Rect{W: CanvasWidth, H: CanvasHeight}

// SafeMargin is the share of each edge kept free of text and focusable items: the
// 5% title-safe margin TVs may crop or hide behind a bezel.
const SafeMargin = 0.05

// SafeArea returns the part of r inside the title-safe margins.
func SafeArea(r Rect) Rect {
	return r.Inset(r.W*SafeMargin, r.H*SafeMargin)
}

// Rect is an axis-aligned rectangle in canvas pixels.
type Rect struct {
	X, Y, W, H float64
}

// MaxX returns the right edge.
func (r Rect) MaxX() float64 { return r.X + r.W }

// MaxY returns the bottom edge.
func (r Rect) MaxY() float64 { return r.Y + r.H }

// CenterX returns the horizontal centre.
func (r Rect) CenterX() float64 { return r.X + r.W/2 }

// CenterY returns the vertical centre.
func (r Rect) CenterY() float64 { return r.Y + r.H/2 }

// Inset returns r shrunk by dx on the left and right and dy on the top and bottom.
func (r Rect) Inset(dx, dy float64) Rect {
	return Rect{X: r.X + dx, Y: r.Y + dy, W: r.W - 2*dx, H: r.H - 2*dy}
}

// Offset returns r moved by dx, dy.
func (r Rect) Offset(dx, dy float64) Rect {
	return Rect{X: r.X + dx, Y: r.Y + dy, W: r.W, H: r.H}
}

// Scale returns r scaled by s about its centre, as a focused tile grows.
func (r Rect) Scale(s float64) Rect {
	w, h := r.W*s, r.H*s
	return Rect{X: r.CenterX() - w/2, Y: r.CenterY() - h/2, W: w, H: h}
}

// GrowWithin returns r scaled by s about its centre, as a focused node grows, then
// moved as little as it takes to stay inside within with margin to spare for its
// outline: a button at the edge of the title-safe area grows inward, never into the
// margin a TV may crop.
func (r Rect) GrowWithin(s float64, within Rect, margin float64) Rect {
	g := r.Scale(s)
	g.X = max(min(g.X, within.MaxX()-margin-g.W), within.X+margin)
	g.Y = max(min(g.Y, within.MaxY()-margin-g.H), within.Y+margin)
	return g
}

// Contains reports whether the point x, y lies inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.MaxX() && y >= r.Y && y < r.MaxY()
}
