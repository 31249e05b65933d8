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
// Case and width (a Japanese keyboard's Ａ for A) do not matter and dashes and spaces,
// of any script (－, ー, the ideographic space), are ignored, but any other character is
// an error: a code with a letter outside the alphabet was misread, and stripping it
// would approve some other TV.
func NormalizeUserCode(typed string) (string, error) {
	var letters []byte
	for _, r := range strings.ToUpper(typed) {
		if r >= 'Ａ' && r <= 'Ｚ' { // full width, as a Japanese phone's keyboard types
			r = r - 'Ａ' + 'A'
		}
		switch {
		case r == '-' || r == ' ' || unicode.Is(unicode.Dash, r) || unicode.IsSpace(r) || r == 'ー':
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
