package ui

import "math"

// Direction is a d-pad direction for moving focus.
type Direction uint8

// The four directions.
const (
	DirUp Direction = iota
	DirDown
	DirLeft
	DirRight
)

// Stay, as a node's Next override, keeps focus where it is when moving that way.
const Stay = "\x00stay"

// Memory is what a screen remembers about focus while it is off the stack: the node
// that had focus, what each Remember container last focused, and how far each scroller
// was scrolled. App keeps one per screen, so a screen popped and pushed again comes
// back as it was left.
type Memory struct {
	focused    string
	containers map[string]string // container key -> key of its last focused descendant
	scroll     map[string]*scrollState
}

// NewMemory returns an empty memory.
func NewMemory() *Memory {
	return &Memory{containers: make(map[string]string), scroll: make(map[string]*scrollState)}
}

// View is the live state of one screen's tree: which node has focus, how far each
// scroller has scrolled and where the focus and dialog animations are. A screen keeps
// its View for as long as it is on the stack, and gives it a new tree with SetRoot
// whenever it rebuilds, so focus and scrolling carry over by key.
type View struct {
	mem        *Memory
	root       *Node
	layer      *Node   // the topmost dialog, or root
	candidates []*Node // focusable nodes of the active layer, in tree order
	focused    *Node
	lastRect   Rect     // where the focused node was, to recover if it goes
	lastParent string   // key of the focused node's nearest keyed ancestor
	returnTo   []string // focus to give back when each open dialog closes

	focusIn  int   // ticks since focus arrived at focused
	previous *Node // the node focus just left, still animating back
	prevOut  int   // ticks since focus left previous
	layerIn  int   // ticks since the active dialog appeared

	safe Rect // where focused nodes are kept; zero means the TV's title-safe area
}

// SetSafe sets the part of the canvas that scrollers keep focused nodes in: the TV's
// title-safe area by default, the whole canvas on a touch screen.
func (v *View) SetSafe(r Rect) { v.safe = r }

// Safe returns the part of the canvas that scrollers keep focused nodes in.
func (v *View) Safe() Rect {
	if v.safe == (Rect{}) {
		return SafeArea(Canvas)
	}
	return v.safe
}

// SetMemory makes the View remember into m, and start from what m remembers. Call it
// before the first SetRoot.
func (v *View) SetMemory(m *Memory) { v.mem = m }

// Root returns the tree the View was last given.
func (v *View) Root() *Node { return v.root }

// Focused returns the focused node, or nil when the active layer has nothing focusable.
func (v *View) Focused() *Node { return v.focused }

// FocusedKey returns the focused node's key, or "".
func (v *View) FocusedKey() string {
	if v.focused == nil {
		return ""
	}
	return v.focused.Key
}

// SetRoot gives the View a newly built tree. Focus stays on the node with the same
// key; if that node is gone or can no longer take focus, it moves to the nearest node
// of the same container, else to that container's default, else to the nearest node,
// so focus is never lost. A dialog that appears takes focus and gives it back when it
// goes. A dialog opens on its DefaultFocus, else its first focusable node, every
// time, whatever was focused in it before: dialogs are where people confirm and
// destroy things, and memory must never carry a press onto the button that does.
func (v *View) SetRoot(root *Node) {
	if v.mem == nil {
		v.mem = NewMemory()
	}
	first := v.root == nil
	prevKey := v.FocusedKey()
	if first {
		prevKey = v.mem.focused
	}
	prevLayerKey := ""
	if v.layer != nil && v.layer != v.root {
		prevLayerKey = v.layer.Key
	}
	v.root = root
	v.layer = root
	v.candidates = v.candidates[:0]
	v.index(root, nil)
	v.collect(v.layer)

	layerKey := ""
	if v.layer != root {
		layerKey = v.layer.Key
	}
	switch {
	case layerKey != "" && layerKey != prevLayerKey:
		v.returnTo = append(v.returnTo, prevKey)
		v.layerIn = 0
	case layerKey == "" && prevLayerKey != "" && len(v.returnTo) > 0:
		prevKey = v.returnTo[len(v.returnTo)-1]
		v.returnTo = v.returnTo[:len(v.returnTo)-1]
	}
	if v.layer.Role == RoleDialog && (first || layerKey != prevLayerKey) {
		// A dialog opens on its default every time: what was focused in it last
		// time, such as the button that signs out, must never be waiting there.
		prevKey = ""
		v.forget(v.layer)
	}

	old := v.focused
	v.focused = nil
	switch n := v.candidate(prevKey); {
	case n != nil:
		v.setFocus(n)
	case len(v.candidates) == 0:
	case prevKey != "" && v.lastParent != "":
		v.setFocus(v.replacement())
	default:
		v.setFocus(v.defaultFocus(v.layer))
	}
	if old != nil && v.focused != nil && old.Key == v.focused.Key {
		v.previous = nil // the same node, rebuilt: no animation
	} else if v.previous == old {
		v.previous = nil
	}
	v.applyScroll(root)
}

// index links parents and finds the active layer: the last visible dialog in tree order.
func (v *View) index(n, parent *Node) {
	n.parent = parent
	if n.Hidden {
		return
	}
	if n.Role == RoleDialog {
		v.layer = n
	}
	for _, c := range n.Children {
		v.index(c, n)
	}
}

func (v *View) collect(n *Node) {
	if n.Hidden {
		return
	}
	if n.canFocus() {
		v.candidates = append(v.candidates, n)
	}
	for _, c := range n.Children {
		v.collect(c)
	}
}

// candidate returns the focusable node of the active layer with the given key.
func (v *View) candidate(key string) *Node {
	if key == "" {
		return nil
	}
	for _, c := range v.candidates {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// defaultFocus returns where focus goes in n when nothing else decides: n's
// DefaultFocus, else its first focusable node.
func (v *View) defaultFocus(n *Node) *Node {
	if c := v.candidate(n.DefaultFocus); c != nil && n.contains(c) {
		return c
	}
	for _, c := range v.candidates {
		if n.contains(c) {
			return c
		}
	}
	return v.candidates[0]
}

// Title returns the first title or headline of the active layer: a dialog's question,
// or a screen's name. Screen readers say it when it changes.
func (v *View) Title() string {
	if v.layer == nil {
		return ""
	}
	return firstTitle(v.layer)
}

func firstTitle(n *Node) string {
	if n.Hidden {
		return ""
	}
	if n.Role == RoleText && (n.Text == TextTitle || n.Text == TextHeadline) && n.Label != "" {
		return n.Label
	}
	for _, c := range n.Children {
		if t := firstTitle(c); t != "" {
			return t
		}
	}
	return ""
}

// Focus moves focus to the node with the given key, if it can take focus; a
// container's key focuses the child it remembers, else its default.
func (v *View) Focus(key string) bool {
	n := v.target(key)
	if n == nil {
		return false
	}
	v.setFocus(n)
	return true
}

// target returns the node that focusing key lands on: the node itself if it can take
// focus; for a container, the child it remembers, else its default, else its first
// focusable node; nil if key names nothing that can take focus.
func (v *View) target(key string) *Node {
	if n := v.candidate(key); n != nil {
		return n
	}
	c := v.layer.Find(key)
	if c == nil {
		return nil
	}
	for _, k := range [2]string{v.mem.containers[key], c.DefaultFocus} {
		if m := v.candidate(k); m != nil && c.contains(m) {
			return m
		}
	}
	for _, m := range v.candidates {
		if c.contains(m) {
			return m
		}
	}
	return nil
}

func (v *View) setFocus(n *Node) {
	if n != v.focused {
		v.previous, v.prevOut = v.focused, 0
		v.focusIn = 0
	}
	v.focused = n
	v.mem.focused = n.Key
	v.lastRect = v.settledRect(n)
	v.lastParent = ""
	for p := n.parent; p != nil; p = p.parent {
		if v.lastParent == "" {
			v.lastParent = p.Key
		}
		if p.Remember && p.Key != "" {
			v.mem.containers[p.Key] = n.Key
		}
		if p.Scroll != ScrollNone && p.Key != "" {
			v.scrollIntoView(p, n)
		}
	}
}

// forget drops what the memory holds about the containers and scrollers under n, so
// that n shows as if for the first time.
func (v *View) forget(n *Node) {
	if n.Key != "" {
		delete(v.mem.containers, n.Key)
		delete(v.mem.scroll, n.Key)
	}
	for _, c := range n.Children {
		v.forget(c)
	}
}

// Move moves focus one step in dir and reports whether it moved. A Next override on
// the focused node decides first, and one on a container when focus would leave it;
// otherwise the target is the
// nearest focusable node in that direction, preferring nodes that overlap the focused
// one across the direction of travel, and entering a Remember container lands on the
// child it last had focused. From a tile in a row, Left and Right go to tiles of other
// rows only when they are level with it: a diagonal jump into the next row at the end
// of a row loses people, while the menu beside the rows stays in reach. From a key of
// an on-screen keyboard, Left and Right go only to what is level with the key: a
// button high above the keyboard's edge is not "to the right" of its bottom row.
func (v *View) Move(dir Direction) bool {
	if v.focused == nil {
		if len(v.candidates) == 0 {
			return false
		}
		v.setFocus(v.defaultFocus(v.layer))
		return true
	}
	if key := v.focused.Next[dir]; key != "" {
		return v.follow(key)
	}
	from := v.settledRect(v.focused)
	sideways := dir == DirLeft || dir == DirRight
	fromRow := sideways && inRow(v.focused)
	fromKey := sideways && v.focused.Role == RoleKey
	var best *Node
	bestBeam, bestScore, bestCentre := false, math.Inf(1), math.Inf(1)
	for _, c := range v.candidates {
		if c == v.focused {
			continue
		}
		to := v.settledRect(c)
		if !inDirection(from, to, dir) || !v.reachable(c, to) {
			continue
		}
		beam := overlapsAcross(from, to, dir)
		if !beam && (fromKey || fromRow && inRow(c)) {
			continue // at the end of a row or keyboard, focus stays rather than jump
		}
		major, minor, centre := distances(from, to, dir)
		score := 13*major*major + minor*minor // Android FocusFinder's weighting
		better := score < bestScore || (score == bestScore && centre < bestCentre)
		if (beam && !bestBeam) || (beam == bestBeam && better) {
			best, bestBeam, bestScore, bestCentre = c, beam, score, centre
		}
	}
	// A container's override applies when focus would leave it that way.
	for p := v.focused.parent; p != nil; p = p.parent {
		if key := p.Next[dir]; key != "" && (best == nil || !p.contains(best)) {
			return v.follow(key)
		}
	}
	if best == nil {
		return false
	}
	v.setFocus(v.remembered(best))
	return true
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
	v.setFocus(v.remembered(t))
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

// remembered returns the node to land on when moving to target: if target lies in a
// Remember container that focus is entering from outside, the child that container
// last had focused or else its DefaultFocus; otherwise target itself.
func (v *View) remembered(target *Node) *Node {
	var entered *Node
	for p := target.parent; p != nil; p = p.parent {
		if p.Remember && p.Key != "" && !p.contains(v.focused) {
			entered = p // keep going: the outermost container entered decides
		}
	}
	if entered == nil {
		return target
	}
	for _, key := range [2]string{v.mem.containers[entered.Key], entered.DefaultFocus} {
		if n := v.candidate(key); n != nil && entered.contains(n) {
			return n
		}
	}
	return target
}

// replacement picks where focus goes when the focused node has gone: the nearest
// node in the same container, else that container's default; if the container went
// too, the layer's default, else the nearest node.
func (v *View) replacement() *Node {
	if parent := v.layer.Find(v.lastParent); parent != nil {
		if n := v.nearest(v.lastRect, parent); n != nil {
			return n
		}
		if n := v.candidate(parent.DefaultFocus); n != nil {
			return n
		}
	}
	if n := v.candidate(v.layer.DefaultFocus); n != nil {
		return n
	}
	return v.nearest(v.lastRect, v.layer)
}

// nearest returns the focusable node under within whose centre is closest to r's. Of
// two as close, the later wins: when an item of a list goes, the one that moves up into
// its place takes focus.
func (v *View) nearest(r Rect, within *Node) *Node {
	var best *Node
	bestD := math.Inf(1)
	for _, c := range v.candidates {
		if !within.contains(c) {
			continue
		}
		s := v.settledRect(c)
		dx, dy := s.CenterX()-r.CenterX(), s.CenterY()-r.CenterY()
		if d := dx*dx + dy*dy; d <= bestD {
			best, bestD = c, d
		}
	}
	return best
}

// reachable reports whether a move may land on c, settled at rect r: a node that is
// not wholly in view in its scroller is reached only by moving within that scroller,
// never from outside it, so focus never jumps to a tile that merely peeks in.
func (v *View) reachable(c *Node, r Rect) bool {
	for p := c.parent; p != nil; p = p.parent {
		if p.Scroll == ScrollNone || p.contains(v.focused) {
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

// settledRect returns where n will be once every scroll animation has settled. Focus
// moves by these positions, so pressing faster than a row scrolls never picks a node
// that is only passing by.
func (v *View) settledRect(n *Node) Rect {
	r := n.Rect
	for p := n.parent; p != nil; p = p.parent {
		if st := v.mem.scroll[p.Key]; st != nil && p.Scroll != ScrollNone {
			if p.Scroll == ScrollHorizontal {
				r.X -= st.target
			} else {
				r.Y -= st.target
			}
		}
	}
	return r
}

// At returns the focusable node of the active layer under the point, or nil. Nodes
// scrolled out of their scroller cannot be hit, even where they are still drawn.
func (v *View) At(x, y float64) *Node {
	for i := len(v.candidates) - 1; i >= 0; i-- { // later nodes draw on top
		if n := v.candidates[i]; n.ScreenRect().Contains(x, y) && v.insideScrollers(n, x, y) {
			return n
		}
	}
	return nil
}

// insideScrollers reports whether x, y lies within the visible part of every
// scroller that n sits in.
func (v *View) insideScrollers(n *Node, x, y float64) bool {
	for p := n.parent; p != nil; p = p.parent {
		if p.Scroll == ScrollNone {
			continue
		}
		lo, hi := v.visibleRange(p)
		at := x
		if p.Scroll == ScrollVertical {
			at = y
		}
		if at < lo || at >= hi {
			return false
		}
	}
	return true
}

// Hover focuses the node under the pointer and reports whether focus changed.
// Arrow keys then continue from that node, so pointer and d-pad never fight.
func (v *View) Hover(x, y float64) bool {
	n := v.At(x, y)
	if n == nil || n == v.focused {
		return false
	}
	v.setFocus(n)
	return true
}

// edgeTolerance absorbs rounding where two nodes touch.
const edgeTolerance = 1

// inDirection reports whether to lies wholly in direction dir of from: its near edge
// is at or beyond from's far edge. Nodes only partly beyond, such as the next row's
// tile that sits a little to the right, are not "to the right"; moving there would
// feel like a diagonal jump.
func inDirection(from, to Rect, dir Direction) bool {
	switch dir {
	case DirRight:
		return to.X >= from.MaxX()-edgeTolerance
	case DirLeft:
		return to.MaxX() <= from.X+edgeTolerance
	case DirDown:
		return to.Y >= from.MaxY()-edgeTolerance
	default:
		return to.MaxY() <= from.Y+edgeTolerance
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

// distances returns the gap between the facing edges along dir (zero when they
// overlap), how far from's centre lies outside to's extent across dir (zero when to is
// right under or beside it), and the distance between centres across dir, which breaks
// ties.
func distances(from, to Rect, dir Direction) (major, minor, centre float64) {
	var c, lo, hi float64
	switch dir {
	case DirRight:
		major, c, lo, hi = to.X-from.MaxX(), from.CenterY(), to.Y, to.MaxY()
	case DirLeft:
		major, c, lo, hi = from.X-to.MaxX(), from.CenterY(), to.Y, to.MaxY()
	case DirDown:
		major, c, lo, hi = to.Y-from.MaxY(), from.CenterX(), to.X, to.MaxX()
	default:
		major, c, lo, hi = from.Y-to.MaxY(), from.CenterX(), to.X, to.MaxX()
	}
	switch {
	case c < lo:
		minor = lo - c
	case c > hi:
		minor = c - hi
	}
	return max(major, 0), minor, math.Abs((lo+hi)/2 - c)
}
