package i18n

import (
	"strconv"
	"strings"
	"unicode"
)

// Key names a message. Keys are written where the message is used, so that a
// catalog missing one fails a test, not a person on a sofa.
type Key string

// Msg is one message in one language: its text for each plural category the
// language uses. A message with no count has only Other. Arguments are written
// {name} where they go, so a translation puts them where its grammar wants them.
type Msg struct {
	Other, Zero, One, Two, Few, Many string
}

// T is a message with one form, for the many that have no count.
func T(s string) Msg { return Msg{Other: s} }

// Form returns the text of form f, falling back to Other when the message does
// not distinguish f (an English message has no Few).
func (m Msg) Form(f Form) string {
	s := [...]string{Other: m.Other, Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many}[f]
	if s == "" {
		return m.Other
	}
	return s
}

// Catalog holds the messages of each language.
type Catalog map[Lang]map[Key]Msg

// Table is one language's messages as a program writes them down: a list, which
// the compiler lays out as data, where a map literal would be code run at start
// (and bytes in a browser's download).
type Table []Entry

// Entry is one message of a Table.
type Entry struct {
	Key Key
	Msg Msg
}

// NewCatalog indexes the tables of each language.
func NewCatalog(tables map[Lang]Table) Catalog {
	c := make(Catalog, len(tables))
	for l, t := range tables {
		m := make(map[Key]Msg, len(t))
		for _, e := range t {
			m[e.Key] = e.Msg
		}
		c[l] = m
	}
	return c
}

// Arg is an argument of a message: a text or a count, with the name it has in the
// message's braces.
type Arg struct {
	Name  string
	Text  string
	N     int
	count bool
}

// S is a text argument. Inside a right-to-left sentence, one that does not start
// right to left itself is isolated (FSI … PDI), so that an email or a name in Latin
// letters keeps its own order and does not pull the words around it out of theirs.
func S(name, text string) Arg { return Arg{Name: name, Text: text} }

// N is a count: the first one of a message picks its plural form.
func N(name string, n int) Arg { return Arg{Name: name, N: n, count: true} }

// Bidi isolates, which tell the bidi algorithm that what lies between them is a
// paragraph of its own direction (Unicode Standard Annex #9, 2.7).
const (
	FSI = "\u2068" // first strong isolate
	PDI = "\u2069" // pop directional isolate
)

// Format returns message k of l with args put in its braces. A message missing in
// l is taken from English, and a key missing there too is returned as it is, so a
// gap shows on screen as the key (and the catalog tests name it).
func (c Catalog) Format(l Lang, k Key, args ...Arg) string {
	m, ok := c[l][k]
	if !ok && l == Pseudo {
		m, ok = c[English][k]
		m = Msg{Other: pseudo(m.Other), One: pseudo(m.One)}
	}
	if !ok {
		if m, ok = c[English][k]; !ok {
			return string(k)
		}
		l = English
	}
	form := Other
	for _, a := range args {
		if a.count {
			form = l.Plural(a.N)
			break
		}
	}
	s := m.Form(form)
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			break
		}
		b.WriteString(s[:open])
		name := s[open+1 : open+end]
		b.WriteString(arg(l, name, args))
		s = s[open+end+1:]
	}
	b.WriteString(s)
	return b.String()
}

func arg(l Lang, name string, args []Arg) string {
	for _, a := range args {
		if a.Name != name {
			continue
		}
		if a.count {
			return strconv.Itoa(a.N)
		}
		if l.RTL() && !rightToLeft(a.Text) {
			return FSI + a.Text + PDI
		}
		return a.Text
	}
	return "{" + name + "}"
}

// rightToLeft reports whether s starts, in its first letter, right to left, as a
// phrase already in the sentence's language does: it needs no isolating.
func rightToLeft(s string) bool {
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana):
			return true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return false
		}
	}
	return s == "" // nothing to isolate
}

// Placeholders returns the names in braces in s, in order.
func Placeholders(s string) []string {
	var names []string
	for {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return names
		}
		end := strings.IndexByte(s[open:], '}')
		if end < 0 {
			return names
		}
		names = append(names, s[open+1:open+end])
		s = s[open+end+1:]
	}
}
