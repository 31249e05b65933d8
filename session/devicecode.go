package session

import (
	"crypto/rand"
	"math/big"
	"strings"
	"unicode"
)

// UserCodeAlphabet is the 20 consonants RFC 8628 §6.1 suggests: no vowels, so no words
// are spelled by accident, and none of the letters that are mistaken for digits or for
// each other when read off a TV from across a room.
const UserCodeAlphabet = "BCDFGHJKLMNPQRSTVWXZ"

// userCodeLen is the number of letters in a user code: 20^8 ≈ 2.6·10^10 codes, which
// with the guessing cap makes a lucky guess practically impossible.
const userCodeLen = 8

// newUserCode returns a random user code, formatted "BDFH-JKLM".
func newUserCode() string {
	var b strings.Builder
	max := big.NewInt(int64(len(UserCodeAlphabet)))
	for i := 0; i < userCodeLen; i++ {
		if i == userCodeLen/2 {
			b.WriteByte('-')
		}
		n, _ := rand.Int(rand.Reader, max) // uniform: rand.Int rejects biased draws
		b.WriteByte(UserCodeAlphabet[n.Int64()])
	}
	return b.String()
}

// NormalizeUserCode turns what a person typed into the canonical "BDFH-JKLM" form.
// Case and width (a Japanese keyboard's Ａ for A) do not matter; dashes and spaces of
// any script (－, ー, the ideographic space) are ignored, and so are the invisible
// marks a phone adds when a code is copied from a message or typed among right-to-
// left text (U+200E, U+200F, U+2066…U+2069, the zero-width space). A Cyrillic or
// Greek letter drawn as one of the alphabet's (С for C, Κ for K), as a keyboard
// left in that script types it, is that letter. Any other character is an error: a
// code with a letter outside the alphabet, or a digit, was misread, and stripping
// it would approve some other TV.
func NormalizeUserCode(typed string) (string, error) {
	var letters []byte
	for _, r := range strings.ToUpper(typed) {
		if r >= 'Ａ' && r <= 'Ｚ' { // full width, as a Japanese phone's keyboard types
			r = r - 'Ａ' + 'A'
		}
		if latin, ok := lookalikes[r]; ok {
			r = latin
		}
		switch {
		case r == '-' || r == ' ' || unicode.Is(unicode.Dash, r) || unicode.IsSpace(r) || r == 'ー' || unicode.Is(unicode.Cf, r):
			continue
		case r < 128 && strings.IndexByte(UserCodeAlphabet, byte(r)) >= 0:
			letters = append(letters, byte(r))
		default:
			return "", ErrInvalidUserCode
		}
	}
	if len(letters) != userCodeLen {
		return "", ErrInvalidUserCode
	}
	return string(letters[:userCodeLen/2]) + "-" + string(letters[userCodeLen/2:]), nil
}

// lookalikes are the capital Cyrillic and Greek letters drawn as letters of
// UserCodeAlphabet.
var lookalikes = map[rune]rune{
	'В': 'B', 'Β': 'B',
	'С': 'C', 'Ϲ': 'C',
	'Н': 'H', 'Η': 'H',
	'К': 'K', 'Κ': 'K',
	'М': 'M', 'Μ': 'M',
	'Р': 'P', 'Ρ': 'P',
	'Т': 'T', 'Τ': 'T',
	'Х': 'X', 'Χ': 'X',
	'Ζ': 'Z',
}
