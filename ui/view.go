package ui

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
	lastRect   Rect // where the focused node was, to recover if it goes
	// siblings are the keys of the focusable nodes in the focused node's container,
	// in tree order, as the last tree had them, and siblingAt the focused one's
	// place among them: where focus goes if the focused node goes.
	siblings  []string
	siblingAt int
	returnTo  []string // focus to give back when each open dialog closes
	// cameFrom is the key of the node the last move left, and backDir the
	// direction that leads back to it: a press straight back returns there (see
	// best). Focus moved any other way forgets it.
	cameFrom string
	backDir  Direction
	// displaced is the key of the node that had focus until it was disabled, such
	// as Save while it saves, to give focus back to once it is enabled again if
	// focus has not been moved meanwhile; "" when there is none.
	displaced string

	focusIn  int   // ticks since focus arrived at focused
	previous *Node // the node focus just left, still animating back
	prevOut  int   // ticks since focus left previous
	layerIn  int   // ticks since the active dialog appeared

	safe Rect // where focused nodes are kept; zero means the TV's title-safe area

	still bool // reduced motion: see SetReducedMotion
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
// so focus is never lost. While nothing is focused, as when a screen pushed again
// shows its list loading, focus goes to what the memory holds as soon as a tree has
// it. A dialog that appears takes focus and gives it back when it goes. A dialog
// opens on its DefaultFocus, else its first focusable node, every time, whatever was
// focused in it before: dialogs are where people confirm and destroy things, and
// memory must never carry a press onto the button that does. Outside dialogs, a
// node that lost focus only because it was disabled gets it back once it is enabled,
// unless focus was moved meanwhile.
func (v *View) SetRoot(root *Node) {
	if v.mem == nil {
		v.mem = NewMemory()
	}
	first := v.root == nil
	prevKey := v.FocusedKey()
	stays, cameFrom, backDir := prevKey, v.cameFrom, v.backDir
	if v.focused == nil && (v.layer == nil || v.layer.Role != RoleDialog) {
		// Nothing focused yet, as in a screen's first tree or one whose list is
		// still loading: start where the memory says, once there is something to
		// focus. A dialog's memory is never used: it opens on its default.
		prevKey = v.mem.focused
	}
	prevLayerKey := ""
	if v.layer != nil && v.layer != v.root {
		prevLayerKey = v.layer.Key
	}
	v.noteSiblings()
	v.root = root
	v.layer = root
	v.candidates = v.candidates[:0]
	v.index(root, nil)
	v.collect(v.layer)
	v.refitScroll(root)

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

	// A node that lost focus only because it was disabled gets it back once it is
	// enabled, if focus stayed where it went meanwhile: Save, disabled while it
	// saves, is where the next OK goes after it fails, not Cancel beside it. Not in
	// a dialog, where focus never comes back to a button that confirms.
	waiting := ""
	if layerKey == prevLayerKey && v.layer.Role != RoleDialog {
		waiting = v.displaced
	}
	if v.candidate(waiting) != nil {
		prevKey, waiting = waiting, ""
	}
	old, focusIn, prev, prevOut := v.focused, v.focusIn, v.previous, v.prevOut
	v.focused = nil
	switch n := v.candidate(prevKey); {
	case n != nil:
		v.setFocus(n)
	case len(v.candidates) == 0:
	case prevKey != "" && len(v.siblings) > 0 && layerKey == prevLayerKey:
		v.setFocus(v.replacement())
		if waiting == "" && v.layer.Role != RoleDialog {
			waiting = prevKey
		}
	default:
		v.setFocus(v.defaultFocus(v.layer))
	}
	v.displaced = ""
	if n := v.layer.Find(waiting); n != nil && n.Focusable && n.Disabled && !n.Hidden && v.focused != nil {
		v.displaced = waiting
	}
	if old != nil && v.focused != nil && old.Key == v.focused.Key {
		// The same node, rebuilt: no animation. Its focus stays as grown as it
		// was; from nothing, the focused tile pulsed each time the device's
		// state changed, every two seconds while a download went on.
		v.previous, v.focusIn = nil, focusIn
		if prev != nil && prev.Key != "" {
			// And the one focus left goes on shrinking, in its new tree.
			if n := root.Find(prev.Key); n != nil {
				v.previous, v.prevOut = n, prevOut
			}
		}
	} else if v.previous == old {
		v.previous = nil
	}
	if v.focused != nil && v.focused.Key == stays && layerKey == prevLayerKey {
		// The same node, rebuilt: a press straight back still returns to where
		// the last move came from, however often a download rebuilt the screen.
		v.cameFrom, v.backDir = cameFrom, backDir
	}
	v.applyScroll(root)
	if v.still {
		v.finishAnimations()
	}
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
	n.first = len(v.candidates)
	defer func() { n.end = len(v.candidates) }()
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

// under returns the focusable nodes of the active layer under n, in tree order.
func (v *View) under(n *Node) []*Node {
	if n.end > len(v.candidates) || n.first > n.end {
		return nil
	}
	return v.candidates[n.first:n.end]
}

// holds reports whether c, a focusable node of the active layer, lies under n, a
// node of that layer.
func (v *View) holds(n, c *Node) bool {
	return n.first <= c.first && c.first < n.end
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
	if c := v.candidate(n.DefaultFocus); c != nil && v.holds(n, c) {
		return c
	}
	if under := v.under(n); len(under) > 0 {
		return under[0]
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
		if m := v.candidate(k); m != nil && v.holds(c, m) {
			return m
		}
	}
	if under := v.under(c); len(under) > 0 {
		return under[0]
	}
	return nil
}

func (v *View) setFocus(n *Node) {
	v.displaced = "" // focus moved: what it was displaced from waits no more
	v.cameFrom = ""  // Move notes where it came from once it has moved
	if n != v.focused {
		v.previous, v.prevOut = v.focused, 0
		v.focusIn = 0
	}
	v.focused = n
	v.mem.focused = n.Key
	v.lastRect = v.settledRect(n)
	for p := n.parent; p != nil; p = p.parent {
		if p.Remember && p.Key != "" {
			v.mem.containers[p.Key] = n.Key
		}
		if p.Scroll != ScrollNone && p.Key != "" {
			v.scrollIntoView(p, n)
		}
	}
	if v.still {
		v.finishAnimations()
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

// settledRect returns where n will be once every scroll animation has settled. Focus
// moves by these positions, so pressing faster than a row scrolls never picks a node
// that is only passing by.
func (v *View) settledRect(n *Node) Rect {
	dx, dy := v.settledScroll(n.parent)
	return n.Rect.Offset(-dx, -dy)
}

// settledScroll returns how far n and its ancestors will have scrolled their
// children once every scroll animation has settled.
func (v *View) settledScroll(n *Node) (dx, dy float64) {
	for p := n; p != nil; p = p.parent {
		if p.Scroll == ScrollNone {
			continue
		}
		if st := v.mem.scroll[p.Key]; st != nil {
			if p.Scroll == ScrollHorizontal {
				dx += st.target
			} else {
				dy += st.target
			}
		}
	}
	return dx, dy
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
