package ui

import "math"

// The focus search: where a press of the d-pad takes focus. The rules, their sources
// and the tests that pin them are listed in the package doc.

// isContainer reports whether n is a focus container: a node that remembers focus,
// scrolls, or is a row of tiles, an on-screen keyboard or a dialog. A move searches
// the container focus is in before anything outside it, and entering a container
// lands where the container says rather than on the nearest of its children.
func (n *Node) isContainer() bool {
	return n.Remember || n.Scroll != ScrollNone || n.Role == RoleRow || n.Role == RoleDialog || n.Keyboard
}

// Move moves focus one step in dir and reports whether it moved.
//
// A Next override on the focused node decides first. Otherwise the search starts in
// the innermost container around the focused node and widens one container at a
// time, up to the active layer: focus leaves a container only when nothing inside it
// lies that way, and a container's own Next override (Stay blocks the exit) applies
// only then. Within one container the candidate nearest the exit edge's midpoint
// wins, as LRUD-spatial measures it, with a small bonus for lying straight ahead;
// straight back the way the last move came, the node it came from wins when it lies
// as near, so that Down and Up return to the same place without a container.
// A candidate in a container that focus is entering hands over to that container's
// remembered child, else its DefaultFocus, else its first; EnterNearest opts out.
//
// Left and Right prefer what is level with the focused node, as Android and the WICG
// polyfill do: lines and rows run across, and a sideways press that lands on
// another line feels like a diagonal jump. From a tile in a row they reach tiles of
// other rows only when level, and from a key of a keyboard only what is level with
// it: at the end, focus stays. Up and Down take the nearest, as LRUD-spatial does,
// so that a short row below is the next row and is not skipped.
func (v *View) Move(dir Direction) bool {
	if v.focused == nil {
		if len(v.candidates) == 0 {
			return false
		}
		v.setFocus(v.defaultFocus(v.layer))
		return true
	}
	left := v.focused.Key
	defer func() {
		if v.focused != nil && v.focused.Key != left {
			v.cameFrom, v.backDir = left, opposite(dir)
		}
	}()
	if key := v.focused.Next[dir]; key != "" {
		return v.follow(key)
	}
	from := v.settledRect(v.focused)
	scope := v.focused.parent
	if scope == nil || !v.layer.contains(scope) {
		scope = v.layer
	}
	for ; ; scope = scope.parent {
		last := scope == v.layer
		override := scope.Next[dir]
		if last || override != "" || scope.isContainer() {
			if best := v.best(scope, from, dir); best != nil {
				v.setFocus(v.entered(best))
				return true
			}
		}
		if override != "" {
			return v.follow(override)
		}
		if last {
			break
		}
	}
	return false
}

// best returns the candidate inside scope that a move from the rect from in dir
// lands on, before any container hands it over, or nil.
func (v *View) best(scope *Node, from Rect, dir Direction) *Node {
	sideways := dir == DirLeft || dir == DirRight
	fromRow := sideways && inRow(v.focused)
	fromKey := sideways && v.focused.Role == RoleKey
	var best, parent, back *Node
	var dx, dy float64 // how far parent's content will have scrolled
	bestLevel, backLevel := false, false
	bestScore, bestCentre := math.Inf(1), math.Inf(1)
	bestGap, backGap := math.Inf(1), math.Inf(1)
	for _, c := range v.under(scope) {
		if c == v.focused {
			continue
		}
		if c.parent != parent { // siblings, such as a row's tiles, come together
			parent = c.parent
			dx, dy = v.settledScroll(parent)
		}
		to := c.Rect.Offset(-dx, -dy)
		if !ahead(from, to, dir) || !v.reachable(c, to) {
			continue
		}
		level := sideways && overlapsAcross(from, to, dir)
		if (fromKey || fromRow && inRow(c)) && !level {
			continue // at the end of a row or keyboard, focus stays rather than jump
		}
		score, centre := distance(from, to, dir)
		if dir == v.backDir && c.Key == v.cameFrom && c.Key != "" {
			back, backLevel, backGap = c, level, gap(from, to, dir)
		}
		if level != bestLevel {
			if level {
				best, bestLevel, bestScore, bestCentre, bestGap = c, level, score, centre, gap(from, to, dir)
			}
			continue
		}
		if score < bestScore || score == bestScore && centre < bestCentre {
			best, bestScore, bestCentre, bestGap = c, score, centre, gap(from, to, dir)
		}
	}
	// Straight back the way focus came, it returns where it came from when that
	// lies as near as what geometry picks: Down from the last profile to the
	// button centred under the row, and Up, is that profile again.
	if back != nil && (backLevel || !bestLevel) && backGap <= bestGap+edgeTolerance {
		return back
	}
	return best
}

// gap returns how far to lies ahead of from's far edge in dir; less than zero
// where they overlap.
func gap(from, to Rect, dir Direction) float64 {
	switch dir {
	case DirRight:
		return to.X - from.MaxX()
	case DirLeft:
		return from.X - to.MaxX()
	case DirDown:
		return to.Y - from.MaxY()
	default:
		return from.Y - to.MaxY()
	}
}

// opposite returns the direction that undoes a move in dir.
func opposite(dir Direction) Direction {
	switch dir {
	case DirUp:
		return DirDown
	case DirDown:
		return DirUp
	case DirLeft:
		return DirRight
	default:
		return DirLeft
	}
}

// follow moves focus as an override says: to the node with key, into the container
// with key as Focus enters it, or nowhere for Stay or a key that cannot take focus.
func (v *View) follow(key string) bool {
	if key == Stay {
		return false
	}
	t := v.target(key)
	if t == nil {
		return false
	}
	v.setFocus(v.entered(t))
	return true
}

// inRow reports whether n sits in a row of tiles.
func inRow(n *Node) bool {
	for p := n.parent; p != nil; p = p.parent {
		if p.Role == RoleRow || p.Scroll == ScrollHorizontal {
			return true
		}
	}
	return false
}

// entered returns the node a move to target lands on. If target lies in containers
// that focus is entering from outside, the outermost of them that does not opt out
// with EnterNearest decides: its remembered child, else its DefaultFocus, else its
// first focusable node. Otherwise target itself.
func (v *View) entered(target *Node) *Node {
	var entered *Node
	for p := target.parent; p != nil && p != v.layer; p = p.parent {
		if p.isContainer() && !p.EnterNearest && !v.holds(p, v.focused) {
			entered = p // keep going: the outermost container entered decides
		}
	}
	if entered == nil {
		return target
	}
	keys := [2]string{"", entered.DefaultFocus}
	if entered.Remember && entered.Key != "" {
		keys[0] = v.mem.containers[entered.Key]
	}
	for _, key := range keys {
		if n := v.candidate(key); n != nil && v.holds(entered, n) {
			return n
		}
	}
	return v.under(entered)[0] // target, at least, is under it
}

// reachable reports whether a move may land on c, settled at rect r: a node that is
// not wholly in view in its scroller is reached only by moving within that scroller,
// never from outside it, so focus never jumps to a tile that merely peeks in.
func (v *View) reachable(c *Node, r Rect) bool {
	for p := c.parent; p != nil && p != v.layer.parent; p = p.parent {
		if p.Scroll == ScrollNone || v.holds(p, v.focused) {
			continue
		}
		lo, hi := v.visibleRange(p)
		start, end := span(r, p.Scroll)
		if start < lo-edgeTolerance || end > hi+edgeTolerance {
			return false
		}
	}
	return true
}

// edgeTolerance absorbs rounding where two nodes touch.
const edgeTolerance = 1

// overlapAllowance is how much of a candidate, as a share of its length along the
// move, may lie behind the focused node's far edge and still count as ahead of it:
// LRUD-spatial's 30%. Tiles that overlap while they grow or stand staggered stay in
// reach, while a node mostly beside the focused one is not "below" it.
const overlapAllowance = 0.3

// ahead reports whether to lies in direction dir of from: the point overlapAllowance
// into it along dir is beyond from's far edge.
func ahead(from, to Rect, dir Direction) bool {
	if to.W == 0 && to.H == 0 {
		return false
	}
	switch dir {
	case DirRight:
		return to.X+overlapAllowance*to.W > from.MaxX()
	case DirLeft:
		return to.MaxX()-overlapAllowance*to.W < from.X
	case DirDown:
		return to.Y+overlapAllowance*to.H > from.MaxY()
	default:
		return to.MaxY()-overlapAllowance*to.H < from.Y
	}
}

// overlapsAcross reports whether to overlaps from on the axis across dir, that is,
// whether to is in the "beam" that from casts in that direction.
func overlapsAcross(from, to Rect, dir Direction) bool {
	if dir == DirLeft || dir == DirRight {
		return to.Y < from.MaxY() && from.Y < to.MaxY()
	}
	return to.X < from.MaxX() && from.X < to.MaxX()
}

// alignWeight is how many canvas pixels of distance lying wholly straight ahead is
// worth: the WICG spatial navigation polyfill's weight of 5. A tile a pixel nearer
// but off to one side does not beat the one straight ahead.
const alignWeight = 5

// distance measures a move from from to to in dir: the length from the midpoint of
// from's exit edge to the nearest point of to's entry edge (LRUD-spatial), less
// alignWeight times the share of from's width across dir that to covers (the WICG
// polyfill's alignment). centre, the distance between centres across dir, breaks
// ties.
func distance(from, to Rect, dir Direction) (score, centre float64) {
	var along, across, lo, hi, fromLo, fromHi float64
	switch dir {
	case DirRight:
		along, across, lo, hi = to.X-from.MaxX(), from.CenterY(), to.Y, to.MaxY()
	case DirLeft:
		along, across, lo, hi = from.X-to.MaxX(), from.CenterY(), to.Y, to.MaxY()
	case DirDown:
		along, across, lo, hi = to.Y-from.MaxY(), from.CenterX(), to.X, to.MaxX()
	default:
		along, across, lo, hi = from.Y-to.MaxY(), from.CenterX(), to.X, to.MaxX()
	}
	if dir == DirLeft || dir == DirRight {
		fromLo, fromHi = from.Y, from.MaxY()
	} else {
		fromLo, fromHi = from.X, from.MaxX()
	}
	side := across - min(max(across, lo), hi) // zero when to lies straight ahead of the midpoint
	score = math.Sqrt(along*along + side*side)
	if fromHi > fromLo {
		score -= alignWeight * min(max(0, min(hi, fromHi)-max(lo, fromLo))/(fromHi-fromLo), 1)
	}
	return score, math.Abs((lo+hi)/2 - across)
}

// noteSiblings records, from the tree about to be replaced, the focusable nodes of
// the focused node's container in tree order, for replacement.
func (v *View) noteSiblings() {
	v.siblings, v.siblingAt = v.siblings[:0], 0
	if v.focused == nil {
		return
	}
	container := v.layer
	for p := v.focused.parent; p != nil && p != v.layer; p = p.parent {
		if p.isContainer() {
			container = p
			break
		}
	}
	for _, c := range v.under(container) {
		if c == v.focused {
			v.siblingAt = len(v.siblings)
		}
		v.siblings = append(v.siblings, c.Key)
	}
}

// replacement picks where focus goes when the focused node has gone, or can no
// longer take focus: the next node of its container in reading order, the one that
// moves up into its place, else the one before it; if none of them is left, the
// layer's default, else the node nearest to where it was. The next press moves on
// from the node that took focus.
func (v *View) replacement() *Node {
	for i := v.siblingAt + 1; i < len(v.siblings); i++ {
		if n := v.candidate(v.siblings[i]); n != nil {
			return n
		}
	}
	for i := v.siblingAt - 1; i >= 0; i-- {
		if n := v.candidate(v.siblings[i]); n != nil {
			return n
		}
	}
	if n := v.candidate(v.layer.DefaultFocus); n != nil {
		return n
	}
	return v.nearest(v.lastRect, v.layer)
}

// nearest returns the focusable node under within whose centre is closest to r's.
func (v *View) nearest(r Rect, within *Node) *Node {
	var best *Node
	bestD := math.Inf(1)
	for _, c := range v.under(within) {
		s := v.settledRect(c)
		dx, dy := s.CenterX()-r.CenterX(), s.CenterY()-r.CenterY()
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
