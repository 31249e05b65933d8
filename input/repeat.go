package input

// Repeat timing in ticks of the 60 Hz update loop. Ticks rather than wall-clock time
// keep scenario tests deterministic and make a slow frame never cause a burst of moves.
const (
	// RepeatDelay is how long a direction must be held before it repeats (~400 ms),
	// long enough that a deliberate single press never moves twice.
	RepeatDelay = 24
	// RepeatFirstInterval is the gap between the first repeats (~150 ms).
	RepeatFirstInterval = 9
	// RepeatFastestInterval is the gap once the repeat has sped up (~50 ms), fast
	// enough to cross a long row, slow enough to stop on the tile one wants.
	RepeatFastestInterval = 3
	// repeatsPerSpeedup is how many repeats pass before the interval shrinks a tick.
	repeatsPerSpeedup = 2
)

// Repeater turns held actions into presses: one press when an action goes down and,
// for directions, repeats while it stays down. Only the direction that went down
// last repeats, as a keyboard's own repeat does: with Right held on the keyboard
// and Left pressed on a gamepad, focus goes left and on left, rather than back and
// forth between two tiles for as long as both are held; a direction held from
// before stays quiet until it is pressed again. Its zero value is ready to use.
type Repeater struct {
	held      HeldSet
	swallow   HeldSet
	repeating Action // the direction that went down last
	heldFor   [actionCount]int
	nextAt    [actionCount]int
	repeated  [actionCount]int
}

// Update takes the actions held during this tick and appends the presses they make
// to presses, returning the extended slice. It allocates nothing when presses has room.
func (r *Repeater) Update(held HeldSet, presses []Action) []Action {
	r.swallow &= held // a swallowed action is free again once released
	for a := ActionUp; a < actionCount; a++ {
		if !held.Has(a) {
			r.heldFor[a] = 0
			continue
		}
		r.heldFor[a]++
		if r.swallow.Has(a) {
			continue
		}
		switch {
		case r.heldFor[a] == 1:
			presses = append(presses, a)
			r.nextAt[a] = RepeatDelay + 1
			r.repeated[a] = 0
			if a.IsDirection() {
				r.repeating = a
			}
		case a == r.repeating && r.heldFor[a] == r.nextAt[a]:
			presses = append(presses, a)
			r.repeated[a]++
			r.nextAt[a] += repeatInterval(r.repeated[a])
		}
	}
	r.held = held
	return presses
}

// HeldFor returns how many ticks a has been held without a break, 0 when it is up,
// so that a screen can tell a long press from a short one by ticks, not by the clock.
func (r *Repeater) HeldFor(a Action) int {
	if a < ActionUp || a >= actionCount {
		return 0
	}
	return r.heldFor[a]
}

// Swallow ignores every action held now until it is released, so that a key held
// while a screen changes does not run on into the new screen.
func (r *Repeater) Swallow() {
	r.swallow = r.held
}

// repeatInterval returns the ticks until the next repeat after n repeats so far.
func repeatInterval(n int) int {
	iv := RepeatFirstInterval - n/repeatsPerSpeedup
	if iv < RepeatFastestInterval {
		return RepeatFastestInterval
	}
	return iv
}
