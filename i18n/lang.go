package i18n

import (
	"strconv"
	"strings"
)

// Lang is a language tenfoot speaks. Its zero value is English, the language of a
// device that has been told nothing else.
type Lang uint8

// The languages. Pseudo is not one a person chooses: it is English made longer,
// accented and bracketed, for finding text that overflows or was never translated.
const (
	English Lang = iota
	German
	Arabic
	Japanese
	Pseudo
)

// Langs are the languages a person can choose, in the order Settings lists them.
var Langs = []Lang{English, German, Arabic, Japanese}

var langInfo = [...]struct {
	tag, name string
	rtl       bool
}{
	English:  {"en", "English", false},
	German:   {"de", "Deutsch", false},
	Arabic:   {"ar", "العربية", true},
	Japanese: {"ja", "日本語", false},
	Pseudo:   {"qps", "[Ƥşḗŭḓǿ]", false},
}

// Tag returns l's BCP 47 tag: "en", "de", "ar", "ja" (and "qps" for Pseudo, from
// the range BCP 47 keeps for private use, as Windows' pseudo-locales do).
func (l Lang) Tag() string { return langInfo[l.valid()].tag }

// Name returns l's name in l itself, as a language menu lists it: people look for
// their own language by how they write it.
func (l Lang) Name() string { return langInfo[l.valid()].name }

// RTL reports whether l is written right to left, so that its layouts mirror.
func (l Lang) RTL() bool { return langInfo[l.valid()].rtl }

// String returns l's tag.
func (l Lang) String() string { return l.Tag() }

func (l Lang) valid() Lang {
	if int(l) >= len(langInfo) {
		return English
	}
	return l
}

// Parse returns the language of a BCP 47 tag, such as "de", "de-AT", "ja_JP.UTF-8"
// (a POSIX locale) or "AR"; only the primary subtag counts. It reports false for a
// language tenfoot does not speak.
func Parse(tag string) (Lang, bool) {
	primary := strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(primary, "-_.@"); i >= 0 {
		primary = primary[:i]
	}
	for l, info := range langInfo {
		if info.tag == primary {
			return Lang(l), true
		}
	}
	return English, false
}

// Match returns the first of prefs, a person's languages in the order they prefer
// them (navigator.languages, or LANGUAGE and LANG on a POSIX system), that tenfoot
// speaks, and false when it speaks none of them.
func Match(prefs ...string) (Lang, bool) {
	for _, p := range prefs {
		if l, ok := Parse(p); ok {
			return l, true
		}
	}
	return English, false
}

// MatchAcceptLanguage returns the language an HTTP Accept-Language header asks for
// most ("de-CH, ja;q=0.9, en;q=0.5"), among those tenfoot speaks, and false when it
// speaks none of them. Equal weights keep the header's order. A weight is read as
// RFC 9110 §12.4.2 writes it, "q" in either case and a number from 0 to 1; an entry
// with any other weight ("q=2", "q=NaN") is ignored.
func MatchAcceptLanguage(header string) (Lang, bool) {
	best, bestQ, found := English, 0.0, false
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(part, ";")
		q := 1.0
		if name, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(name), "q") {
			f, ok := parseWeight(strings.TrimSpace(v))
			if !ok {
				continue
			}
			q = f
		}
		l, ok := Parse(tag)
		if !ok || q <= 0 || l == Pseudo {
			continue
		}
		if q > bestQ {
			best, bestQ, found = l, q, true
		}
	}
	return best, found
}

// parseWeight reads an Accept-Language weight: digits with at most one point, from
// 0 to 1. Go's float syntax beyond that (signs, exponents, "Inf", "NaN") is no
// weight.
func parseWeight(s string) (float64, bool) {
	if s == "" || strings.Trim(s, "0123456789.") != "" {
		return 0, false
	}
	q, err := strconv.ParseFloat(s, 64)
	if err != nil || q < 0 || q > 1 {
		return 0, false
	}
	return q, true
}
