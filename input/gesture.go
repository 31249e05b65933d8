package input

import "math"

// Finger is where the first finger on a touch screen is during one tick, in canvas
// pixels.
type Finger struct {
	Down bool
	X, Y float64
}

// GestureKind says what a finger did.
type GestureKind uint8

// The gestures.
const (
	GestureNone  GestureKind = iota
	GestureTap               // lifted where it went down: OK on what is under it
	GestureDrag              // moving: scroll what is under where it went down
	GestureFling             // lifted while moving: let it glide on
)

// Gesture is what Gestures made of one tick.
type Gesture struct {
	Kind GestureKind
	// X, Y is where the finger went down, which picks what a drag scrolls, or where
	// a tap was.
	X, Y float64
	// Vertical is the axis of a drag or fling, chosen when it starts.
	Vertical bool
	// Delta is how far a drag moved this tick along its axis; Velocity how fast a
	// fling moves, in canvas pixels a tick.
	Delta, Velocity float64
}

// TapSlop is how far a finger may wander, in canvas pixels, and still tap: 10 CSS
// pixels at two canvas pixels each, as on Android.
const TapSlop = 20

// Gestures turns where a finger is each tick into taps, drags and flings. Its zero
// value is ready to use.
type Gestures struct {
	down, dragging, vertical bool
	startX, startY           float64
	lastX, lastY             float64
	velocity                 float64 // smoothed movement a tick along the axis
}

// Update takes where the finger is this tick and returns what it did.
func (g *Gestures) Update(f Finger) Gesture {
	switch {
	case f.Down && !g.down:
		*g = Gestures{down: true, startX: f.X, startY: f.Y, lastX: f.X, lastY: f.Y}
		return Gesture{}
	case f.Down:
		dx, dy := f.X-g.lastX, f.Y-g.lastY
		g.lastX, g.lastY = f.X, f.Y
		if !g.dragging {
			mx, my := f.X-g.startX, f.Y-g.startY
			if math.Hypot(mx, my) <= TapSlop {
				return Gesture{}
			}
			g.dragging, g.vertical = true, math.Abs(my) > math.Abs(mx)
			dx, dy = mx, my // the slop moved the content too
		}
		d := dx
		if g.vertical {
			d = dy
		}
		g.velocity = 0.6*d + 0.4*g.velocity
		return Gesture{Kind: GestureDrag, X: g.startX, Y: g.startY, Vertical: g.vertical, Delta: d}
	case g.down:
		g.down = false
		if g.dragging {
			return Gesture{Kind: GestureFling, X: g.startX, Y: g.startY, Vertical: g.vertical, Velocity: g.velocity}
		}
		return Gesture{Kind: GestureTap, X: g.lastX, Y: g.lastY}
	}
	return Gesture{}
}
