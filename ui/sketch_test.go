package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A sketch draws a layout in ASCII, so that a test shows the screen it moves on.
//
// Each character is a cell, cellW by cellH canvas pixels. An upper-case letter or a
// digit is a focusable node keyed by that character, covering the box of every cell
// that holds it. Anything else is empty.
//
// The tree says how the nodes nest, as groups: `name:flags(children)`, where the
// children are items and groups separated by spaces, and the flags are
//
//	r  Remember          n  EnterNearest
//	x  scrolls across    y  scrolls down
//	<  >  ^  v           the container's exit that way is blocked (Next = Stay)
//	=K                   DefaultFocus is item K
//	h  Hidden            d  its items are Disabled
//
// Items the tree does not name are children of the root.
type sketch struct {
	draw string
	tree string
	// screen, in cells, is the part of the canvas in view; zero means the canvas.
	screenW, screenH int
	// cell is the side of a cell in canvas pixels; zero means 40.
	cell float64
	// nudge moves items by a few pixels, less than a cell, where a test needs it.
	nudge map[string]Rect
	// mirror lays the sketch out right to left.
	mirror bool
}

func (s sketch) side() float64 {
	if s.cell == 0 {
		return 40
	}
	return s.cell
}

// build returns the root of the sketch's tree.
func (s sketch) build(t testing.TB) *Node {
	t.Helper()
	rects := map[string]*Rect{}
	var order []string
	for row, line := range strings.Split(strings.Trim(s.draw, "\n"), "\n") {
		for col, ch := range line {
			if !(ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
				continue
			}
			side := s.side()
			cell := Rect{X: float64(col) * side, Y: float64(row) * side, W: side, H: side}
			key := string(ch)
			r := rects[key]
			if r == nil {
				rects[key] = &cell
				order = append(order, key)
				continue
			}
			x0, y0 := min(r.X, cell.X), min(r.Y, cell.Y)
			*r = Rect{X: x0, Y: y0, W: max(r.MaxX(), cell.MaxX()) - x0, H: max(r.MaxY(), cell.MaxY()) - y0}
		}
	}
	for key, d := range s.nudge {
		r := rects[key]
		require.NotNil(t, r, "nudge names %s, which is not drawn", key)
		*r = Rect{X: r.X + d.X, Y: r.Y + d.Y, W: r.W + d.W, H: r.H + d.H}
	}
	root := &Node{Key: "root", Rect: Canvas}
	placed := map[string]bool{}
	p := &treeParser{t: t, src: s.tree, rects: rects, placed: placed}
	p.children(root)
	require.Equal(t, len(s.tree), p.at, "sketch tree: unexpected %q", s.tree[min(p.at, len(s.tree)):])
	for _, key := range order {
		if !placed[key] {
			root.Add(&Node{Key: key, Focusable: true, Rect: *rects[key]})
		}
	}
	if s.mirror {
		Mirror(root)
	}
	return root
}

// view returns a View on the sketch, focused on start.
func (s sketch) view(t testing.TB, start string) *View {
	t.Helper()
	var v View
	screen := Canvas
	if s.screenW > 0 {
		screen.W = float64(s.screenW) * s.side()
	}
	if s.screenH > 0 {
		screen.H = float64(s.screenH) * s.side()
	}
	v.SetSafe(screen)
	root := s.build(t)
	root.DefaultFocus = start // so that no container remembers a node focus passed by
	v.SetRoot(root)
	require.Equal(t, start, v.FocusedKey(), "no %s in the sketch", start)
	return &v
}

type treeParser struct {
	t      testing.TB
	src    string
	at     int
	rects  map[string]*Rect
	placed map[string]bool
}

// children parses items and groups into parent until a ')' or the end.
func (p *treeParser) children(parent *Node) {
	for p.at < len(p.src) && p.src[p.at] != ')' {
		c := p.src[p.at]
		switch {
		case c == ' ':
			p.at++
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			key := string(c)
			r := p.rects[key]
			require.NotNil(p.t, r, "sketch tree names %s, which is not drawn", key)
			parent.Add(&Node{Key: key, Focusable: true, Rect: *r})
			p.placed[key] = true
			p.at++
		default:
			parent.Add(p.group())
		}
	}
}

// group parses `name:flags(children)`.
func (p *treeParser) group() *Node {
	open := strings.IndexByte(p.src[p.at:], '(')
	require.Positive(p.t, open, "sketch tree: a group needs a name and '(' at %q", p.src[p.at:])
	name, flags, _ := strings.Cut(p.src[p.at:p.at+open], ":")
	g := &Node{Key: name}
	for i := 0; i < len(flags); i++ {
		switch flags[i] {
		case 'r':
			g.Remember = true
		case 'n':
			g.EnterNearest = true
		case 'x':
			g.Scroll = ScrollHorizontal
		case 'y':
			g.Scroll = ScrollVertical
		case '<':
			g.Next[DirLeft] = Stay
		case '>':
			g.Next[DirRight] = Stay
		case '^':
			g.Next[DirUp] = Stay
		case 'v':
			g.Next[DirDown] = Stay
		case 'h':
			g.Hidden = true
		case 'd':
			defer disable(g)
		case '=':
			i++
			g.DefaultFocus = flags[i : i+1]
		default:
			p.t.Fatalf("sketch tree: unknown flag %q on %s", flags[i], name)
		}
	}
	p.at += open + 1
	p.children(g)
	require.Less(p.t, p.at, len(p.src), "sketch tree: %s is not closed", name)
	p.at++ // ')'
	g.Rect = bounds(g.Children)
	return g
}

func disable(g *Node) {
	for _, c := range g.Children {
		c.Disabled = true
	}
}

// bounds returns the box around nodes.
func bounds(nodes []*Node) Rect {
	if len(nodes) == 0 {
		return Rect{}
	}
	b := nodes[0].Rect
	for _, n := range nodes[1:] {
		x0, y0 := min(b.X, n.Rect.X), min(b.Y, n.Rect.Y)
		b = Rect{X: x0, Y: y0, W: max(b.MaxX(), n.Rect.MaxX()) - x0, H: max(b.MaxY(), n.Rect.MaxY()) - y0}
	}
	return b
}

// walk presses the moves of path on v and checks each: "A v C > D" starts on A,
// presses Down and expects C, then Right and expects D.
func walk(t *testing.T, v *View, path string) {
	t.Helper()
	steps := strings.Fields(path)
	require.Equal(t, steps[0], v.FocusedKey(), "the walk starts where focus is")
	for i := 1; i+1 < len(steps); i += 2 {
		dir, ok := map[string]Direction{"<": DirLeft, ">": DirRight, "^": DirUp, "v": DirDown}[steps[i]]
		require.True(t, ok, "unknown move %q", steps[i])
		v.Move(dir)
		if v.FocusedKey() != steps[i+1] {
			t.Fatalf("%s: after %s expected %s, focus is on %s", path, strings.Join(steps[:i+1], " "), steps[i+1], v.FocusedKey())
		}
	}
}

func (s sketch) String() string { return fmt.Sprintf("%s / %s", s.draw, s.tree) }
