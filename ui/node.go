package ui

import (
	"strings"
	"unicode/utf8"
)

// Role says what a node is, which decides how the host draws it and how an assistive
// technology announces it.
type Role uint8

// The roles of nodes.
const (
	RoleBox       Role = iota // a container or plain panel
	RoleText                  // a label
	RoleButton                // an action the user can take
	RoleMenuItem              // an entry of a navigation menu
	RoleTile                  // a poster with a title, in a row or grid
	RoleRow                   // a row of tiles; it scrolls when Scroll is set
	RoleDialog                // a modal layer that traps focus and opens on its default; drawn as a scrim over what is below
	RoleProgress              // a bar filled to Value
	RoleToggle                // a switch with a label, on when Checked
	RoleAvatar                // a profile's picture: a disc of Hue with the first letter of Label
	RoleSpinner               // something is happening; it turns with the ticks
	RoleToast                 // a short message that goes by itself
	RoleTextField             // a field showing Input, or Label when empty; Secret masks it
	RoleKey                   // a key of the on-screen keyboard
	RoleQR                    // a QR code of Input, for a phone's camera
)

// Fill says what a box is filled with.
type Fill uint8

// The fills.
const (
	FillNone       Fill = iota // transparent: only its children show
	FillBackground             // the theme's background, to cover what scrolls beneath
	FillSurface                // a raised panel, such as a dialog
)

// TextStyle picks one of the theme's text sizes.
type TextStyle uint8

// The text styles, from the theme's type scale.
const (
	TextBody TextStyle = iota
	TextTitle
	TextHeadline
	TextCaption
)

// Node is one element of a screen. Screens build nodes when their state changes;
// the focus engine and the host read them every tick and never allocate doing so.
type Node struct {
	// Key identifies the node within its screen across rebuilds ("tile/42",
	// "menu/settings"); focus memory matches on it. Focusable nodes need one.
	Key   string
	Role  Role
	Label string // the text shown, and what is announced when focused unless Name says otherwise
	// Name is what a screen reader says for the node where Label does not say it: a
	// picture swatch that shows a profile's initial is named by its picture, a row
	// by its heading. Empty means Label.
	Name string
	// Live marks text that is announced whenever it appears or changes, such as an
	// error or why the device was signed out, as an ARIA live region would.
	Live bool
	Text TextStyle
	Rect Rect // where the layout put the node, before any scrolling
	Fill Fill
	// Hue tints the node, such as a tile's poster art; 0 uses the theme's colour.
	Hue float64
	// Wrap breaks a label into lines that fit Rect.W instead of cutting it with "…".
	// An avatar's name takes two lines under it with Wrap, one without.
	Wrap bool
	// Cut is the part of a one-line Label that is cut with "…" when the label does
	// not fit, instead of its end: the name of a device in a row that must still
	// say what kind of device it is and when it was last seen. Empty cuts the end.
	Cut string
	// Center centres a label in Rect.W instead of starting it at the left.
	Center bool
	// Value is how full a progress bar is, from 0 to 1.
	Value float64
	// Checked is whether a toggle is on.
	Checked bool
	// Input is what was typed into a text field; Secret shows it as dots.
	Input  string
	Secret bool

	Focusable bool
	Disabled  bool // shown dimmed and skipped by focus
	Selected  bool // the current choice of a menu, such as the section shown
	Hidden    bool // not drawn, skipped by focus, its children too
	// Remember makes the node a focus container that gives focus back to its last
	// focused descendant when focus re-enters it from outside.
	Remember bool
	// EnterNearest makes a container that focus enters land on the child nearest
	// the way focus came, as geometry finds it, instead of the one it remembers or
	// its first: for a grid whose every item is in view, such as a PIN pad.
	EnterNearest bool
	// Keyboard marks an on-screen keyboard, which a touch screen replaces with the
	// device's own.
	Keyboard bool
	// LeftToRight keeps what is under the node in its order when the screen is
	// mirrored for a language written right to left (see Mirror); the whole moves
	// to the mirrored side. A number pad reads 1 2 3 from the left in every
	// language, as a phone's does.
	LeftToRight bool
	// DefaultFocus is the key of the descendant that takes focus when focus enters the
	// container with nothing remembered, such as a menu's current section, or when a
	// screen or dialog opens.
	DefaultFocus string
	// Scroll makes the node scroll its children along one axis to keep the focused
	// one in view. ScrollX and ScrollY are how far the children are shifted left and
	// up now; the View animates them.
	Scroll           ScrollAxis
	ScrollX, ScrollY float64
	// Next overrides geometry for a direction: the key of the node focus moves to,
	// the key of a container to enter (at the child it remembers, else its default),
	// or Stay. On a container it applies only when nothing inside it lies that way:
	// Stay there blocks the exit, as LRUD-spatial's data-block-exit does.
	Next [4]string

	Children []*Node

	parent *Node
	// first and end bound the focusable nodes under this one in the View's list of
	// candidates, which is in tree order: a container's search looks at just those.
	first, end int
}

// Add appends children to n and returns n, so trees read as they nest.
func (n *Node) Add(children ...*Node) *Node {
	n.Children = append(n.Children, children...)
	return n
}

// Parent returns the node n is a child of, once the tree has been indexed by a View.
func (n *Node) Parent() *Node { return n.parent }

// ScreenRect returns where n appears on the canvas, with its ancestors' scrolling applied.
func (n *Node) ScreenRect() Rect {
	r := n.Rect
	for p := n.parent; p != nil; p = p.parent {
		r.X -= p.ScrollX
		r.Y -= p.ScrollY
	}
	return r
}

// canFocus reports whether focus may land on n.
func (n *Node) canFocus() bool {
	return n.Focusable && !n.Disabled && !n.Hidden && n.Key != ""
}

// contains reports whether d is n or below it.
func (n *Node) contains(d *Node) bool {
	for ; d != nil; d = d.parent {
		if d == n {
			return true
		}
	}
	return false
}

// Find returns the node with the given key in the tree under n, or nil.
func (n *Node) Find(key string) *Node {
	if n == nil || key == "" {
		return nil
	}
	if n.Key == key {
		return n
	}
	for _, c := range n.Children {
		if f := c.Find(key); f != nil {
			return f
		}
	}
	return nil
}

// Shown returns the text n shows: for a text field, what was typed (as dots when
// secret) or, when nothing was, its label as a placeholder; otherwise its label.
func (n *Node) Shown() (text string, placeholder bool) {
	switch {
	case n.Role != RoleTextField:
		return n.Label, false
	case n.Input == "":
		return n.Label, true
	case n.Secret:
		return strings.Repeat("•", utf8.RuneCountInString(n.Input)), false
	}
	return n.Input, false
}
