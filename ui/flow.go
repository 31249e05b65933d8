package ui

import (
	"math"
	"unicode"
)

// Flow lays out again, for a touch screen, a tree built for the TV's canvas: one
// column that scrolls, in the order the tree was built, with everything tapped at
// least MinTouchTarget tall. Keys, roles, focus rules and Next overrides stay as
// they were; only rects change, so a screen's flow is the same on every form and a
// screen need not be written twice.
type Flow struct {
	// Area is the part of the canvas the page fills, between the header and the
	// tab bar.
	Area Rect
	// Lines returns how many lines label takes in style, wrapped to width, set in
	// bold or not; nil estimates from the text size. The host passes its real font.
	Lines func(label string, style TextStyle, width float64, bold bool) int
	// KeepKeyboards keeps on-screen keyboards, as they were laid out, for a TV,
	// which has no keyboard of its own.
	KeepKeyboards bool
	// Bottom is how much of the bottom of Area the device covers, such as an
	// iPhone's home indicator (the page's env(safe-area-inset-bottom)), in canvas
	// pixels. A sheet's panel runs under it to the edge; what is in the panel
	// stays above it, FlowPad clear of it.
	Bottom float64

	centreGrids bool // in a sheet, or a column as wide as the screen
}

// Metrics of a touch layout, in canvas pixels.
const (
	FlowPad      = 32   // between the column and the edges of the screen
	FlowGap      = 24   // between one item and the next
	FlowColumnW  = 1440 // the widest column, 720 CSS px, so that lines stay readable
	flowFieldH   = 112  // a text field, with room for a large caret
	flowLabelPad = 32   // between a button's edge and its label, as the host draws it
	// An avatar this large has its name under it, avatarCaptionGap below, as the
	// host draws it.
	avatarCaptionMin = 120
	avatarCaptionGap = 14
	tileCaptionGap   = 14 // between a tile and its title, as the host draws it
	// lineGap is the line height as a multiple of the text size, as the host sets it.
	lineGap = 1.35
)

// LineHeight returns the height of one line of text in style.
func LineHeight(style TextStyle) float64 { return Dark.TextSizes[style] * lineGap }

// Page lays root out as a page of the touch screen: it fills Area and scrolls
// vertically, its content in a column. A root with no key is keyed "page" so that
// its scrolling is remembered.
func (f Flow) Page(root *Node) {
	if root.Key == "" {
		root.Key = "page"
	}
	root.Rect = f.Area
	root.Scroll = ScrollVertical
	_, w := f.column()
	f.centreGrids = w >= f.Area.W-2*FlowPad                       // on a phone; on a tablet, grids start with the text
	f.place(root.Children, f.Area.X+FlowPad, f.Area.Y+FlowPad, w) // rows start where the text does
}

// Sheet lays a dialog out as a bottom sheet: a panel across the bottom of Area, where
// a thumb reaches, over a scrim that covers the whole canvas, with its buttons clear
// of the Bottom the device covers. The dialog's panel is its first child with a fill.
func (f Flow) Sheet(d *Node) {
	d.Rect = Rect{W: f.Area.MaxX(), H: f.Area.MaxY()}
	x, w := f.column()
	f.centreGrids = true
	for _, panel := range d.Children {
		if panel.Fill == FillNone {
			f.place([]*Node{panel}, x, f.Area.Y, w)
			continue
		}
		inner := w - 2*FlowPad
		h := f.place(panel.Children, x+FlowPad, 0, inner) + 2*FlowPad + max(f.Bottom, 0)
		top := max(f.Area.Y, f.Area.MaxY()-h)
		shift(panel.Children, 0, top+FlowPad)
		panel.Rect = Rect{X: x - FlowPad, Y: top, W: w + 2*FlowPad, H: f.Area.MaxY() - top}
		if h > f.Area.H {
			panel.Scroll, panel.Key = ScrollVertical, orDefault(panel.Key, d.Key+"/sheet")
		}
		break
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// column returns where a centred column starts and how wide it is.
func (f Flow) column() (x, w float64) {
	w = min(f.Area.W-2*FlowPad, FlowColumnW)
	return f.Area.X + (f.Area.W-w)/2, w
}

// place lays nodes out top to bottom from y in a column from x, w wide, and returns
// the y below the last one placed.
func (f Flow) place(nodes []*Node, x, y, w float64) float64 {
	bottom := y
	for i := 0; i < len(nodes); {
		n := nodes[i]
		if n.Hidden || n.Keyboard && !f.KeepKeyboards || n.Fill == FillBackground && len(n.Children) == 0 {
			n.Hidden = true // a TV keyboard gives way to the device's own; a bare panel to nothing
			i++
			continue
		}
		if bottom > y {
			y = bottom + FlowGap
		}
		if k := sameLine(nodes[i:]); k > 1 && nodes[i].Role != RoleButton {
			bottom = y + f.gridOf(nodes[i:i+k], x, y, w).H // avatars to choose from stay a grid
			i += k
			continue
		}
		if k := sameLine(nodes[i:]); k > 1 && (w-FlowGap*float64(k-1))/float64(k) >= 2*MinTouchTarget {
			bw := (w - FlowGap*float64(k-1)) / float64(k)
			h := 0.0
			for _, b := range nodes[i : i+k] {
				h = max(h, f.buttonHeight(b, bw))
			}
			LayoutRow(x, y, bw, h, FlowGap, nodes[i:i+k]...)
			bottom = y + h
			i += k
			continue
		}
		bottom = f.placeOne(n, x, y, w)
		i++
	}
	return bottom
}

// sameLine returns how many focusable nodes of one role and height at the start of
// nodes stood side by side on the TV, such as a dialog's Cancel and Sign out: they
// stay side by side, in that order.
func sameLine(nodes []*Node) int {
	first := nodes[0]
	if !first.Focusable || first.Rect.H == 0 || len(first.Children) > 0 || first.Role == RoleTextField {
		return 0
	}
	k := 1
	for k < len(nodes) && nodes[k].Role == first.Role && !nodes[k].Hidden && len(nodes[k].Children) == 0 &&
		nodes[k].Rect.Y == first.Rect.Y && nodes[k].Rect.H == first.Rect.H && nodes[k].Rect.X > nodes[k-1].Rect.X {
		k++
	}
	return k
}

// placeOne lays n out at y and returns the y below it.
func (f Flow) placeOne(n *Node, x, y, w float64) float64 {
	switch {
	case n.Role == RoleDialog:
		f.Sheet(n)
		return y
	case n.Role == RoleRow || n.Scroll == ScrollHorizontal:
		return f.row(n, y)
	case n.Keyboard:
		shift([]*Node{n}, x-n.Rect.X, y-n.Rect.Y) // kept whole
		return n.Rect.MaxY()
	case len(n.Children) == 0:
		return f.leaf(n, x, y, w)
	case isGrid(n):
		n.Rect = f.gridOf(n.Children, x, y, w)
		return n.Rect.MaxY()
	}
	bottom := f.place(n.Children, x, y, w)
	n.Rect = Rect{X: x, Y: y, W: w, H: bottom - y}
	if n.Scroll == ScrollVertical {
		n.Scroll = ScrollNone // the page scrolls, not a list within it
	}
	return bottom
}

// leaf lays out a node with no children.
func (f Flow) leaf(n *Node, x, y, w float64) float64 {
	h := n.Rect.H
	switch n.Role {
	case RoleText:
		n.Wrap = true
		h = float64(f.lines(n.Label, n.Text, w, false)) * LineHeight(n.Text)
	case RoleButton, RoleMenuItem, RoleToggle:
		h = f.buttonHeight(n, w)
	case RoleTextField:
		h = flowFieldH
	case RoleProgress:
		h = max(h, 8)
	case RoleQR:
		side := min(w, 480)
		n.Rect = Rect{X: x + (w-side)/2, Y: y, W: side, H: side}
		return y + side
	default: // spinners, avatars, tiles and keys keep their size, within the column
		cw := min(n.Rect.W, w)
		if n.Rect.W > 0 {
			h *= cw / n.Rect.W
		}
		if n.Focusable {
			cw, h = max(cw, MinTouchTarget), max(h, MinTouchTarget)
		}
		n.Rect = Rect{X: x, Y: y, W: cw, H: h}
		return y + h
	}
	n.Rect = Rect{X: x, Y: y, W: w, H: h}
	return y + h
}

// buttonHeight is how tall a button w wide must be for a thumb and for its label.
func (f Flow) buttonHeight(n *Node, w float64) float64 {
	inner := w - 2*flowLabelPad
	if n.Role == RoleToggle {
		inner -= 88 + flowLabelPad // the switch
	}
	n.Wrap = true
	lines := f.lines(n.Label, n.Text, inner, true)
	return max(MinTouchTarget, float64(lines)*LineHeight(n.Text)+flowLabelPad)
}

// lines returns how many lines label takes at width.
func (f Flow) lines(label string, style TextStyle, width float64, bold bool) int {
	if f.Lines != nil {
		return max(1, f.Lines(label, style, width, bold))
	}
	return EstimateLines(label, style, width)
}

// EstimateLines returns how many lines label takes in style at width, by an estimate
// generous enough that a real font never needs more room than is made: glyphs
// average under 0.6 em. Flow uses it when it is given no Lines.
func EstimateLines(label string, style TextStyle, width float64) int {
	perLine := max(1, math.Floor(width/(0.6*Dark.TextSizes[style])))
	// A Japanese character is a square, as wide as 1/0.6 Latin letters.
	n := 0.0
	for _, r := range label {
		if r == 0x200E || r == 0x200F || (r >= 0x2066 && r <= 0x2069) {
			continue // bidi controls take no room
		}
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) {
			n += 1 / 0.6
		} else {
			n++
		}
	}
	return max(1, int(math.Ceil(n/perLine)))
}

// row lays a row of tiles across the whole width at y, so that the next tile peeks
// in at the edge and a swipe scrolls it.
func (f Flow) row(n *Node, y float64) float64 {
	h, caption := 0.0, 0.0
	for _, c := range n.Children {
		h = max(h, c.Rect.H)
		if c.Role == RoleTile && c.Label != "" {
			caption = tileCaptionGap + LineHeight(c.Text) // the title under the poster
		}
	}
	x := f.Area.X + FlowPad
	n.Rect = Rect{X: f.Area.X, Y: y, W: f.Area.W, H: h}
	for _, c := range n.Children {
		if c.Hidden {
			continue
		}
		c.Rect.X, c.Rect.Y = x, y
		x += c.Rect.W + FlowGap
	}
	return y + h + caption
}

// isGrid reports whether n holds only focusable nodes of one size that stood more
// than one to a line, such as avatars or a PIN pad: they stay a grid.
func isGrid(n *Node) bool {
	first := n.Children[0]
	if first.Rect.W == 0 || first.Rect.H == 0 {
		return false // not laid out yet: a plain list
	}
	xs := 0
	for _, c := range n.Children {
		if len(c.Children) > 0 || !c.Focusable || c.Rect.W != first.Rect.W || c.Rect.H != first.Rect.H {
			return false
		}
		if c.Rect.Y == first.Rect.Y {
			xs++
		}
	}
	return xs > 1
}

// gridOf lays nodes out in as many columns as fit in w, as many as stood on one line
// on the TV at most, each at least MinTouchTarget; it returns the rect they fill.
func (f Flow) gridOf(nodes []*Node, x, y, w float64) Rect {
	cw, ch := nodes[0].Rect.W, nodes[0].Rect.H
	perLine := 0
	for _, c := range nodes {
		if c.Rect.Y == nodes[0].Rect.Y {
			perLine++
		}
	}
	gap := float64(FlowGap)
	cw, ch = max(cw, MinTouchTarget), max(ch, MinTouchTarget)
	cols := min(perLine, max(1, int((w+gap)/(cw+gap))))
	if cw > w { // one is wider than the column: shrink to fit
		cw, ch = w, max(ch*w/cw, MinTouchTarget)
	}
	for _, c := range nodes {
		if c.Role == RoleButton {
			ch = max(ch, f.buttonHeight(c, cw)) // a longer word wraps, in a taller row
		}
	}
	rowW := float64(cols)*(cw+gap) - gap
	left := x
	if f.centreGrids {
		left += (w - rowW) / 2
	}
	caption := 0.0
	if nodes[0].Role == RoleAvatar && cw >= avatarCaptionMin {
		lines := 1.0
		if nodes[0].Wrap {
			lines = 2 // the longest name allowed takes two
		}
		caption = avatarCaptionGap + lines*LineHeight(nodes[0].Text) // the name under each
	}
	bottom := LayoutGrid(left, y, cw, ch, gap, gap+caption, cols, nodes...)
	return Rect{X: left, Y: y, W: rowW, H: bottom + caption - y}
}

// shift moves nodes and everything under them by dx, dy.
func shift(nodes []*Node, dx, dy float64) {
	for _, n := range nodes {
		n.Rect = n.Rect.Offset(dx, dy)
		shift(n.Children, dx, dy)
	}
}
