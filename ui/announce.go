package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Announcer turns what a View shows into what a screen reader says, so that someone
// who cannot see the screen hears what a sighted person reads on it: the title of a
// screen or dialog that appears, a dialog's whole text (what a sign-out loses), text
// marked Live when it appears (an error, why the device was signed out), and the
// focused node by its name, after the name of the row or group it sits in whenever
// focus enters another one. It is built from the tree, so every screen is announced
// the same way without strings of its own.
//
// An Announcer works from its zero value and keeps what it said last; a host keeps
// one per app and calls Announce whenever what is shown changed.
type Announcer struct {
	view      *View
	layer     string // the key of the dialog shown, or "" for the screen itself
	title     string
	container string          // the key of the named container focus was in
	focused   string          // the focused node's key and what was said of it
	live      map[string]bool // the live texts on screen at the last call
	// fields hold what each text field said at the last call, so that a key
	// typed on the on-screen keyboard, where focus stays, is heard in the field.
	fields map[string]string
	// secret holds the keys of the text fields ever seen masked: a password shown
	// on screen with Show is still said as a count, never aloud in the room.
	secret map[string]bool
	// Words hold the word said after a row's name, in the app's language.
	Words Words
}

// Announce returns what to say about v, whose title is title, since the last call:
// only what changed, so that moving along a row says the new tile and nothing else.
// It returns "" when nothing a listener needs has changed.
func (a *Announcer) Announce(title string, v *View) string {
	var parts []string
	layer := ""
	if v.layer != nil && v.layer != v.root {
		layer = v.layer.Key
	}
	if v != a.view || layer != a.layer {
		// Another screen or dialog: everything on it is new to the listener.
		a.view, a.layer, a.container, a.focused, a.live, a.title, a.fields = v, layer, "", "", nil, "", nil
	}
	if title != "" && title != a.title {
		parts = append(parts, title)
	}
	a.title = title

	// Text marked Live, such as an error, goes first, as an ARIA alert interrupts;
	// then the rest of a dialog's text that is new.
	live := make(map[string]bool)
	for _, alerts := range [2]bool{true, false} {
		if v.layer == nil {
			break
		}
		dialog := v.layer.Role == RoleDialog
		walkShown(v.layer, func(n *Node) {
			said := a.Words.SpokenName(n)
			if n.Role != RoleText || said == "" || said == title || n.Live != alerts || !(n.Live || dialog) {
				return
			}
			live[said] = true
			if !a.live[said] {
				parts = append(parts, said)
			}
		})
	}
	a.live = live
	parts = a.typed(v, parts)

	f := v.focused
	if w := v.layer.Find(v.displaced); w != nil && f != nil {
		// The button pressed, disabled while its change runs: focus stepped aside
		// onto a neighbour, which said alone sounded pressed. Said as unavailable,
		// and once it is back, by its name again.
		if key := w.Key + "\x00" + a.Words.SpokenName(w) + "\x00unavailable"; key != a.focused {
			parts = append(parts, a.Words.SpokenName(w)+or(a.Words.Comma, ", ")+or(a.Words.Unavailable, "unavailable"))
			a.focused = key
		}
		return joinSpoken(parts)
	}
	if f == nil {
		a.focused, a.container = "", ""
		return joinSpoken(parts)
	}
	name, container := a.spokenName(f), namedContainer(f)
	containerKey := ""
	if container != nil {
		containerKey = container.Key
	}
	if key := f.Key + "\x00" + name; key != a.focused || containerKey != a.container {
		said := name
		if container != nil && containerKey != a.container {
			said = a.Words.SpokenName(container) + a.roleWord(container) + ": " + name
		}
		parts = append(parts, said)
		a.focused = key
	}
	a.container = containerKey
	return joinSpoken(parts)
}

// typed appends to parts each text field of v that reads otherwise than at the
// last call, other than the focused one, which is said as focus: what a key of the
// on-screen keyboard typed, where focus stays on the key. A screen's first call
// notes the fields and says none; its title and focus say where the person is.
func (a *Announcer) typed(v *View, parts []string) []string {
	if v.layer == nil {
		return parts
	}
	first := a.fields == nil
	if first {
		a.fields = make(map[string]string)
	}
	walkShown(v.layer, func(n *Node) {
		if n.Role != RoleTextField || n.Key == "" {
			return
		}
		said := a.spokenName(n)
		if old, ok := a.fields[n.Key]; !first && ok && old != said && n != v.focused {
			parts = append(parts, said)
		}
		a.fields[n.Key] = said
	})
	return parts
}

// spokenName is SpokenName, but says a text field ever seen masked as a count of
// its characters, also once Show has unmasked it: a listener's password is not
// read out to the room.
func (a *Announcer) spokenName(n *Node) string {
	if n.Role != RoleTextField {
		return a.Words.SpokenName(n)
	}
	if n.Secret {
		if a.secret == nil {
			a.secret = make(map[string]bool)
		}
		a.secret[n.Key] = true
	} else if a.secret[n.Key] {
		masked := *n
		masked.Secret = true
		return a.Words.SpokenName(&masked)
	}
	return a.Words.SpokenName(n)
}

// SpokenName returns what a screen reader calls n: its Name, else its Label, with
// the state a sighted person sees, such as whether a toggle is on, in w's
// language.
func (w Words) SpokenName(n *Node) string {
	name := n.Name
	if name == "" {
		name = n.Label
	}
	comma := or(w.Comma, ", ")
	switch {
	case n.Role == RoleToggle && n.Checked:
		name += comma + or(w.On, "on")
	case n.Role == RoleToggle:
		name += comma + or(w.Off, "off")
	case n.Role == RoleKey && strings.HasSuffix(n.Key, "/"+KeyShift) && n.Checked:
		name += comma + or(w.On, "on") // capitals next, which the keys' letters show
	case n.Role == RoleKey && strings.HasSuffix(n.Key, "/"+KeyShift):
		name += comma + or(w.Off, "off")
	case n.Role == RoleTextField && n.Secret && n.Input != "":
		count := utf8.RuneCountInString(n.Input)
		if w.Characters != nil {
			name += comma + w.Characters(count)
		} else {
			name += comma + strconv.Itoa(count) + " characters"
		}
	case n.Role == RoleTextField && n.Input != "":
		name += comma + n.Input
	}
	return name
}

// namedContainer returns the nearest ancestor of n with a Name, such as its row.
func namedContainer(n *Node) *Node {
	for p := n.parent; p != nil; p = p.parent {
		if p.Name != "" {
			return p
		}
	}
	return nil
}

// roleWord says what kind of container c is, where a listener needs to know.
func (a *Announcer) roleWord(c *Node) string {
	if c.Role == RoleRow {
		return or(a.Words.Comma, ", ") + or(a.Words.Row, "row")
	}
	return ""
}

// walkShown calls f for n and each descendant that is not hidden, in tree order.
func walkShown(n *Node, f func(*Node)) {
	if n.Hidden {
		return
	}
	f(n)
	for _, c := range n.Children {
		walkShown(c, f)
	}
}

// joinSpoken joins sentences, ending each that has no end of its own with a full
// stop, so that a synthesizer pauses between them.
func joinSpoken(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
		if i < len(parts)-1 && !strings.ContainsAny(p[len(p)-1:], ".?!:…") {
			b.WriteByte('.')
		}
	}
	return b.String()
}
