package input

// PadStick is where one gamepad's left stick leans during a tick, as the host read it.
type PadStick struct {
	// Pad is the host's number for the gamepad. A host may give the number of a
	// gamepad that went to the next one that comes, as Ebitengine does.
	Pad int
	// Model names the kind of gamepad, such as Ebitengine's SDL ID: another kind
	// under the same number is another gamepad, even when the swap fell between
	// two ticks.
	Model string
	// X and Y are the stick's lean, x right and y down, each in [-1, 1].
	X, Y float64
}

// Sticks keeps the left stick of each connected gamepad from one tick to the next,
// each through a Stick of its own, and forgets it once the gamepad is gone: a
// gamepad that comes under a number freed by another starts at rest, and a
// direction the other held does not hold on (and repeat) through its stick. Its
// zero value is ready to use.
type Sticks struct {
	pads []padStick
}

// padStick is the stick of one connected gamepad, as it was held.
type padStick struct {
	pad   int
	model string
	stick Stick
}

// Held takes the sticks of the gamepads connected during this tick and returns the
// directions they hold. It allocates only when more gamepads are connected at once
// than it has seen before.
func (s *Sticks) Held(pads []PadStick) HeldSet {
	kept := s.pads[:0]
	for _, p := range s.pads {
		if connected(pads, p) {
			kept = append(kept, p)
		}
	}
	s.pads = kept
	var held HeldSet
	for _, p := range pads {
		if a := s.stick(p).Direction(p.X, p.Y); a != ActionNone {
			held = held.Add(a)
		}
	}
	return held
}

// connected reports whether the gamepad whose stick p is is among pads.
func connected(pads []PadStick, p padStick) bool {
	for _, q := range pads {
		if q.Pad == p.pad && q.Model == p.model {
			return true
		}
	}
	return false
}

// stick returns the Stick of the gamepad p, at rest for one not seen before.
func (s *Sticks) stick(p PadStick) *Stick {
	for i := range s.pads {
		if s.pads[i].pad == p.Pad {
			return &s.pads[i].stick
		}
	}
	s.pads = append(s.pads, padStick{pad: p.Pad, model: p.Model})
	return &s.pads[len(s.pads)-1].stick
}
