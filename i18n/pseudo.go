package i18n

import "strings"

// pseudo turns English into pseudo-English: every letter accented, the text made
// about 40% longer, and bracketed, so that a screen shows at a glance what was
// not translated (plain English) and what is clipped (a missing bracket). The
// names of arguments in braces stay as they are, and a message that is nothing but
// arguments and punctuation ("{name}  ·  {kind}") is left alone.
func pseudo(s string) string {
	var b strings.Builder
	if s == "" {
		return ""
	}
	letters := 0
	inBraces := false // an argument's name stays as it is
	for _, r := range s {
		switch r {
		case '{':
			inBraces = true
		case '}':
			inBraces = false
		}
		if a, ok := accented[r]; ok && !inBraces {
			b.WriteRune(a)
			letters++
			continue
		}
		b.WriteRune(r)
	}
	if letters == 0 {
		return s // only arguments and punctuation: nothing a translator writes
	}
	pad := (letters*2 + 4) / 5 // 40% more
	return "[" + b.String() + " " + strings.Repeat("~", max(pad-1, 0)) + "]"
}

var accented = func() map[rune]rune {
	from := []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
	to := []rune("ȧƀƈḓḗƒɠħīĵķŀḿƞǿƥɋřşŧŭṽẇẋẏẑȦƁƇḒḖƑƓĦĪĴĶĿḾȠǾƤɊŘŞŦŬṼẆẊẎẐ")
	m := make(map[rune]rune, len(from))
	for i, r := range from {
		m[r] = to[i]
	}
	return m
}()
