package input

// maxQueued bounds the presses waiting to be shown. Eight is more than anyone
// types within one slow frame; a backlog beyond it would only replay mashing
// long after the person stopped.
const maxQueued = 8

// Sequencer keeps presses that came within one tick apart and in order. The app
// sees held actions once per tick, so two keys pressed within one tick (fast typing
// on a slow frame: OK on a digit, then Right) would read as pressed together and
// run in the order actions are numbered, and one key pressed twice would read as
// one press. The Sequencer shows them one tick after another instead, in the order
// they were pressed, with a tick between two presses of the same action. Its zero
// value is ready to use; it allocates nothing.
type Sequencer struct {
	queue [maxQueued]Action
	n     int
	shown HeldSet
}

// Update takes the actions held during this tick and those pressed since the last
// tick, oldest first, and returns the actions to act on this tick: everything held
// that is not waiting in line, and the oldest press waiting.
func (s *Sequencer) Update(held HeldSet, pressed []Action) HeldSet {
	for _, a := range pressed {
		if s.n < maxQueued && a > ActionNone && a < actionCount {
			s.queue[s.n] = a
			s.n++
		}
	}
	var waiting HeldSet
	for _, a := range s.queue[:s.n] {
		waiting = waiting.Add(a)
	}
	out := held &^ waiting
	if s.n > 0 {
		if next := s.queue[0]; !s.shown.Has(next) {
			out = out.Add(next)
			copy(s.queue[:], s.queue[1:s.n])
			s.n--
		}
		// else: the action was shown last tick; leaving it out this tick lets it go
		// up, so that it goes down again as a press of its own on the next one.
	}
	s.shown = out
	return out
}

// Reset forgets the presses waiting, for when the app stops listening.
func (s *Sequencer) Reset() {
	s.n = 0
	s.shown = 0
}
