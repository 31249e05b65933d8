package input

// Hysteresis of a held stick, as shares of its full lean. A thumb never holds a stick
// still: it wobbles by a hundredth or two toward a corner or across the edge of the
// dead zone, and without these each wobble would let the direction go and press it,
// or the other, again, sending focus racing across the screen.
const (
	// StickRelease is how far a held stick may come back toward the centre and
	// still hold its direction: below StickDeadZone, which it must pass to press.
	StickRelease = 0.35
	// StickLead is how much further the other axis must lean than the held one
	// before a held stick turns to it.
	StickLead = 0.2
)

// Stick turns a stick's position, read each tick, into the direction it is held in,
// with hysteresis: a direction pressed by leaning past StickDeadZone stays held while
// the stick leans that way by StickRelease or more, until the other axis leans
// StickLead further. Its zero value is a stick at rest; it allocates nothing.
type Stick struct {
	held Action
}

// Direction takes the stick's position this tick (x right, y down, each in [-1, 1])
// and returns the direction held, or ActionNone.
func (s *Stick) Direction(x, y float64) Action {
	if s.held != ActionNone {
		along, across := x, abs(y) // along is the lean toward the held direction
		switch s.held {
		case ActionLeft:
			along = -x
		case ActionUp:
			along, across = -y, abs(x)
		case ActionDown:
			along, across = y, abs(x)
		}
		if along >= StickRelease && across < along+StickLead {
			return s.held
		}
	}
	s.held = StickDirection(x, y)
	return s.held
}
