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
	// Words name the special keys (Shift, Space …) in the app's language, and say
	// whether its screens are mirrored.
	Words Words
	// Layouts are the sets of letters a switch key offers, in turn; none means
	// Latin only, as for emails and passwords. Layout is the one shown.
	Layouts []Layout
	Layout  Layout
}

// Layout is a set of character keys. Latin types emails and passwords; a name
// may be typed in the viewer's own script.
type Layout uint8

// The layouts.
const (
	LayoutLatin  Layout = iota // digits, QWERTY and the characters of email addresses
	LayoutArabic               // the Arabic alphabet in its order, with the hamza's forms
	LayoutKana                 // hiragana in the gojūon table: a column a consonant, a row a vowel; Shift writes katakana
)

// layoutRows are each layout's character keys, row by row, as read: Arabic from
// the right, once its screen is mirrored. Kana's ゛ key voices, half-voices or
// makes small the kana before it, in turn (は → ば → ぱ), as Japanese phone
// keyboards' ゛゜小 key does.
var layoutRows = [...][]string{
	LayoutLatin:  keyboardRows[:],
	LayoutArabic: {"ابتثجحخدذر", "زسشصضطظعغف", "قكلمنهويةى", "ءأإآؤئ"},
	LayoutKana:   {"あかさたなはまやらわ", "いきしちにひみゆりを", "うくすつぬふむよるん", "えけせてねへめーれ・", "おこそとのほも゛ろ"},
}

// layoutNames are what a switch key says for the layout it switches to: a
// sample of its letters, as phone keyboards show.
var layoutNames = [...]string{LayoutLatin: "ABC", LayoutArabic: "أ ب ت", LayoutKana: "あいう"}

// kanaMark is the key of the kana layout that changes the kana before it.
const kanaMark = "゛"

// kanaMarks are the forms each kana takes in turn under the kanaMark key.
var kanaMarks = []string{
	"あぁ", "いぃ", "うぅゔ", "えぇ", "おぉ", "かが", "きぎ", "くぐ", "けげ", "こご",
	"さざ", "しじ", "すず", "せぜ", "そぞ", "ただ", "ちぢ", "つっづ", "てで", "とど",
	"はばぱ", "ひびぴ", "ふぶぷ", "へべぺ", "ほぼぽ", "やゃ", "ゆゅ", "よょ", "わゎ",
}

// OfferLayouts makes the keyboard offer layouts, and shows the one that writes
// the last letter typed, else the first: editing a Latin name stays in Latin.
func (k *Keyboard) OfferLayouts(layouts ...Layout) {
	k.Layouts, k.Layout = layouts, LayoutLatin
	if len(layouts) == 0 {
		return
	}
	k.Layout = layouts[0]
	last, _ := utf8.DecodeLastRuneInString(k.Value)
	for _, l := range layouts {
		if l.writes(last) {
			k.Layout = l
		}
	}
}

// writes reports whether the layout has a key for r, in either case or kana.
func (l Layout) writes(r rune) bool {
	r = unicode.ToLower(r)
	if l == LayoutKana {
		r = hiragana(r)
	}
	for _, row := range layoutRows[l] {
		if strings.ContainsRune(row, r) {
			return true
		}
	}
	return l == LayoutKana && strings.Contains(strings.Join(kanaMarks, ""), string(r))
}

// hiragana returns the hiragana of a katakana, and any other rune as it is.
func hiragana(r rune) rune {
	if r >= 'ァ' && r <= 'ヶ' {
		return r - ('ァ' - 'ぁ')
	}
	return r
}

// katakana returns the katakana of a hiragana, and any other rune as it is.
func katakana(r rune) rune {
	if r >= 'ぁ' && r <= 'ゖ' {
		return r + ('ァ' - 'ぁ')
	}
	return r
}

// markKana gives the last kana of s its next form under the kanaMark key, in its
// own script.
func markKana(s string) string {
	last, size := utf8.DecodeLastRuneInString(s)
	h := hiragana(last)
	for _, forms := range kanaMarks {
		runes := []rune(forms)
		for i, f := range runes {
			if f == h {
				next := runes[(i+1)%len(runes)]
				if last != h {
					next = katakana(next)
				}
				return s[:len(s)-size] + string(next)
			}
		}
	}
	return s
}

// HasCase reports whether the layout has capitals, and so a Shift key.
func (l Layout) HasCase() bool { return l != LayoutArabic }

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
	// KeyLayout switches to the next of the keyboard's layouts.
	KeyLayout = "layout"
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
	case KeyLayout:
		k.nextLayout()
	case kanaMark:
		if k.Layout == LayoutKana {
			k.Value = markKana(k.Value)
			break
		}
		k.append(name, limit)
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
		switch {
		case k.Shift && k.Layout == LayoutKana:
			name = strings.Map(katakana, name) // until Shift is pressed again
		case k.Shift:
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

// nextLayout shows the layout after the one shown, lower case.
func (k *Keyboard) nextLayout() {
	for i, l := range k.Layouts {
		if l == k.Layout {
			k.Layout, k.Shift = k.Layouts[(i+1)%len(k.Layouts)], false
			return
		}
	}
	if len(k.Layouts) > 0 {
		k.Layout, k.Shift = k.Layouts[0], false
	}
}

// DefaultKey returns the key focus starts on in the layout shown: the first
// letter (q on QWERTY).
func (k *Keyboard) DefaultKey(prefix string) string {
	if k.Layout == LayoutLatin {
		return prefix + "/" + string(keyboardRows[1][0])
	}
	first, _ := utf8.DecodeRuneInString(layoutRows[k.Layout][0])
	return prefix + "/" + string(first)
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
//
// In a right-to-left language the app mirrors the whole screen, the keyboard with
// it: Arabic letters then start at the right, and the bottom row ends with Done
// on the left. Latin letters and digits are laid out backwards here, so that once
// mirrored they read left to right, as on every keyboard for Latin letters.
func (k *Keyboard) Build(prefix string, x, y float64, secret bool) *Node {
	rows := layoutRows[k.Layout]
	cols := len(keyboardRows[0])
	w := float64(cols)*KeyboardKeySize + float64(cols-1)*KeyboardGap
	n := len(rows) + 1
	if k.Email {
		n++
	}
	h := float64(n)*KeyboardKeySize + float64(n-1)*KeyboardGap
	kb := &Node{Key: prefix, Remember: true, Keyboard: true, Rect: Rect{X: x, Y: y, W: w, H: h}}
	kb.DefaultFocus = k.DefaultKey(prefix)
	backwards := k.Words.RTL && k.Layout == LayoutLatin
	for r, chars := range rows {
		for c, ch := range []rune(chars) {
			if backwards {
				c = cols - 1 - c
			}
			kb.Add(k.charKey(prefix, ch, Rect{X: x + float64(c)*(KeyboardKeySize+KeyboardGap),
				Y: y + float64(r)*(KeyboardKeySize+KeyboardGap), W: KeyboardKeySize, H: KeyboardKeySize}))
		}
	}
	kx, ky := x, y+float64(len(rows))*(KeyboardKeySize+KeyboardGap)
	for _, s := range keyboardSpecials {
		name, width := s.name, s.width
		switch {
		case name == KeyShow && !secret:
			continue // nothing to show: Done takes its place
		case name == KeyShift && !k.Layout.HasCase():
			continue // Space takes its place
		case name == KeyDotCom && len(k.Layouts) > 1:
			name = KeyLayout // a name has no .com, and more than one script
		case name == KeyDone && !secret:
			width++
		case name == KeySpace && !k.Layout.HasCase():
			width += 2
		}
		kw := float64(width)*KeyboardKeySize + float64(width-1)*KeyboardGap
		n := &Node{Key: prefix + "/" + name, Role: RoleKey, Label: k.specialLabel(name), Focusable: true,
			Rect: Rect{X: kx, Y: ky, W: kw, H: KeyboardKeySize}}
		if width == 1 {
			n.Text = TextCaption // a word on a one-letter key
		}
		n.Checked = (name == KeyShift && k.Shift) || (name == KeyShow && k.ShowSecret)
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

// charKey returns the key that types ch, labelled as it types now.
func (k *Keyboard) charKey(prefix string, ch rune, r Rect) *Node {
	n := &Node{Key: prefix + "/" + string(ch), Role: RoleKey, Label: string(ch), Focusable: true, Rect: r}
	switch {
	case ch == []rune(kanaMark)[0] && k.Layout == LayoutKana:
		n.Label, n.Text = "゛゜小", TextCaption
	case k.Shift && k.Layout == LayoutKana:
		n.Label = string(katakana(ch))
	case k.Shift:
		n.Label = string(unicode.ToUpper(ch))
	}
	return n
}

func (k *Keyboard) specialLabel(name string) string {
	switch name {
	case KeyShift:
		if k.Layout == LayoutKana {
			return "カナ" // on while it writes katakana
		}
		return or(k.Words.Shift, "Shift")
	case KeyLayout:
		next := *k
		next.nextLayout()
		return layoutNames[next.Layout]
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
