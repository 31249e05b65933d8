package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Keyboard is an on-screen keyboard for typing an email address or a password with a
// d-pad. It keeps what was typed and its shift and show-password state; Build lays its
// keys out as nodes whose container remembers the last key, so coming back to the
// keyboard lands where one left it. Its zero value is an empty lower-case keyboard.
type Keyboard struct {
	Value      string
	Shift      bool
	ShowSecret bool
	// MaxLen bounds what can be typed; 0 means 254, the longest email address.
	MaxLen int
	// Email adds a row of the address endings people type most, as TV keyboards
	// have: one press for "@gmail.com" instead of ten.
	Email bool
	// Words name the special keys (Shift, Space …) in the app's language.
	Words Words
}

// EmailDomains are the keys of an Email keyboard's last row, each one press for an
// address's ending. ".com" has its own key on every keyboard.
var EmailDomains = [...]string{"@gmail.com", "@outlook.com", "@yahoo.com"}

// The special keys of the keyboard, by key suffix.
const (
	KeyShift  = "shift"
	KeyDotCom = ".com"
	KeySpace  = "space"
	KeyDelete = "delete"
	KeyShow   = "show"
	KeyDone   = "done"
)

// keyboardRows are the character keys, row by row: digits on top, letters as on a
// QWERTY keyboard, and the characters of email addresses within reach.
var keyboardRows = [4]string{
	"1234567890",
	"qwertyuiop",
	"asdfghjkl@",
	"zxcvbnm.-_",
}

// keyboardSpecials is the bottom row, with the width of each key in character keys.
var keyboardSpecials = [...]struct {
	name  string
	width int
}{{KeyShift, 2}, {KeyDotCom, 2}, {KeySpace, 2}, {KeyDelete, 2}, {KeyShow, 1}, {KeyDone, 1}}

// KeyboardKeySize and KeyboardGap are the size of a character key and the space
// between keys: large enough to aim at with a d-pad from across a room.
const (
	KeyboardKeySize = 84
	KeyboardGap     = 12
)

// Press applies the key with the given name (a character, or one of the Key…
// constants) and reports whether Done was pressed.
func (k *Keyboard) Press(name string) (done bool) {
	limit := k.limit()
	switch name {
	case KeyShift:
		k.Shift = !k.Shift
	case KeyShow:
		k.ShowSecret = !k.ShowSecret
	case KeyDelete:
		if _, size := utf8.DecodeLastRuneInString(k.Value); size > 0 {
			k.Value = k.Value[:len(k.Value)-size]
		}
	case KeyDone:
		return true
	case EmailDomains[0], EmailDomains[1], EmailDomains[2]:
		// An ending replaces whatever follows an "@" already typed, so that
		// "ana@" and "@gmail.com" make one address, not "ana@@gmail.com".
		if at := strings.IndexByte(k.Value, '@'); at >= 0 {
			k.Value = k.Value[:at]
		}
		k.Shift = false
		k.append(name, limit)
	case KeySpace:
		name = " "
		fallthrough
	default:
		if k.Shift {
			name = strings.ToUpper(name)
			k.Shift = false // one capital, as phones do
		}
		k.append(name, limit)
	}
	return false
}

// append adds s to the value if it fits within limit characters.
func (k *Keyboard) append(s string, limit int) {
	if utf8.RuneCountInString(k.Value)+utf8.RuneCountInString(s) <= limit {
		k.Value += s
	}
}

// Set replaces the value with text typed on the device's own keyboard, cut to
// MaxLen characters.
func (k *Keyboard) Set(text string) {
	if limit := k.limit(); utf8.RuneCountInString(text) > limit {
		text = string([]rune(text)[:limit])
	}
	k.Value = text
}

func (k *Keyboard) limit() int {
	if k.MaxLen == 0 {
		return 254
	}
	return k.MaxLen
}

// Build returns the keyboard laid out from x, y. Keys are keyed prefix+"/"+name, so
// Handle can tell them apart from the rest of a screen; secret says whether the Show
// key is offered.
func (k *Keyboard) Build(prefix string, x, y float64, secret bool) *Node {
	cols := len(keyboardRows[0])
	w := float64(cols)*KeyboardKeySize + float64(cols-1)*KeyboardGap
	rows := 5
	if k.Email {
		rows++
	}
	h := float64(rows)*KeyboardKeySize + float64(rows-1)*KeyboardGap
	kb := &Node{Key: prefix, Remember: true, Keyboard: true, Rect: Rect{X: x, Y: y, W: w, H: h}}
	kb.DefaultFocus = prefix + "/" + string(keyboardRows[1][0])
	for r, chars := range keyboardRows {
		for c, ch := range chars {
			label := string(ch)
			if k.Shift {
				label = string(unicode.ToUpper(ch))
			}
			kb.Add(&Node{Key: prefix + "/" + string(ch), Role: RoleKey, Label: label, Focusable: true,
				Rect: Rect{X: x + float64(c)*(KeyboardKeySize+KeyboardGap), Y: y + float64(r)*(KeyboardKeySize+KeyboardGap), W: KeyboardKeySize, H: KeyboardKeySize}})
		}
	}
	kx, ky := x, y+4*(KeyboardKeySize+KeyboardGap)
	for _, s := range keyboardSpecials {
		width := s.width
		if s.name == KeyShow && !secret {
			continue // nothing to show: Done takes its place
		}
		if s.name == KeyDone && !secret {
			width++
		}
		kw := float64(width)*KeyboardKeySize + float64(width-1)*KeyboardGap
		n := &Node{Key: prefix + "/" + s.name, Role: RoleKey, Label: k.specialLabel(s.name), Focusable: true,
			Rect: Rect{X: kx, Y: ky, W: kw, H: KeyboardKeySize}}
		if width == 1 {
			n.Text = TextCaption // a word on a one-letter key
		}
		n.Checked = (s.name == KeyShift && k.Shift) || (s.name == KeyShow && k.ShowSecret)
		kb.Add(n)
		kx += kw + KeyboardGap
	}
	if k.Email {
		ky += KeyboardKeySize + KeyboardGap
		kw := (w - float64(len(EmailDomains)-1)*KeyboardGap) / float64(len(EmailDomains))
		for i, d := range EmailDomains {
			kb.Add(&Node{Key: prefix + "/" + d, Role: RoleKey, Label: d, Focusable: true,
				Rect: Rect{X: x + float64(i)*(kw+KeyboardGap), Y: ky, W: kw, H: KeyboardKeySize}})
		}
	}
	return kb
}

func (k *Keyboard) specialLabel(name string) string {
	switch name {
	case KeyShift:
		return or(k.Words.Shift, "Shift")
	case KeySpace:
		return or(k.Words.Space, "Space")
	case KeyDelete:
		return or(k.Words.Delete, "Delete")
	case KeyShow:
		if k.ShowSecret {
			return or(k.Words.Hide, "Hide")
		}
		return or(k.Words.Show, "Show")
	case KeyDone:
		return or(k.Words.Done, "Done")
	}
	return name
}

// KeyName returns the keyboard key named by a node key built with prefix, or "" if
// the node is not one of its keys.
func KeyName(prefix, nodeKey string) string {
	name, ok := strings.CutPrefix(nodeKey, prefix+"/")
	if !ok {
		return ""
	}
	return name
}
