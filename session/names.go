package session

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Field names a name that people give and others read: on a TV's profile picker,
// in an account's device list, in the dialog that asks which device to sign out.
type Field string

// The fields CleanName checks, with what errors call them.
const (
	FieldProfileName Field = "profile name"
	FieldDeviceName  Field = "device name"
)

// MaxLength is how many characters (code points, after NFC) a name of the field may
// have: a profile name fits under its avatar, a device name on one line of the device
// list.
func (f Field) MaxLength() int {
	if f == FieldProfileName {
		return 20
	}
	return 60
}

// Device secrets are made by the device (newToken: 43 characters); these bounds only
// keep out what no device makes.
const (
	minDeviceSecret = 32
	maxDeviceSecret = 128
)

// CleanName returns name trimmed and in Unicode normal form C, so that the same name
// typed on two keyboards is one name, or an ErrInvalid that names the field and says
// what is wrong: empty, too long, not UTF-8, or holding a control character or a
// bidirectional override. Those last could hide or reorder what the name shows, and
// a device list or a sign-out dialog must show exactly which device is meant.
func CleanName(field Field, name string) (string, error) {
	if !utf8.ValidString(name) {
		return "", fmt.Errorf("%w: %s is not valid UTF-8", ErrInvalid, field)
	}
	name = norm.NFC.String(strings.TrimSpace(name))
	if !strings.ContainsFunc(name, shows) {
		return "", fmt.Errorf("%w: %s is empty", ErrInvalid, field)
	}
	if n, most := utf8.RuneCountInString(name), field.MaxLength(); n > most {
		return "", fmt.Errorf("%w: %s is %d characters long; at most %d fit", ErrInvalid, field, n, most)
	}
	for _, r := range name {
		switch {
		case unicode.IsControl(r):
			return "", fmt.Errorf("%w: %s holds the control character %U", ErrInvalid, field, r)
		case bidiControl(r):
			return "", fmt.Errorf("%w: %s holds the bidirectional control %U, which can disguise text", ErrInvalid, field, r)
		case r == utf8.RuneError || unicode.Is(unicode.Noncharacter_Code_Point, r):
			return "", fmt.Errorf("%w: %s holds %U, which is not a character", ErrInvalid, field, r)
		}
	}
	return name, nil
}

// shows reports whether r is drawn as something a person sees on its own, which a
// name needs one of to be a name: not a space; not one of the characters Unicode has
// fonts draw as nothing (Default_Ignorable_Code_Point: zero-width spaces and joiners,
// the byte order mark, the soft hyphen, the Hangul fillers); not the Braille pattern
// blank (U+2800), a symbol of no dots that every font draws empty; and not a
// combining mark (an accent, an enclosing circle), which is drawn only on the
// character before it, and alone on nothing. A name of those alone passed for a
// name, and a profile picker or a device list showed a blank where it was. Marks
// stay allowed beside a character that shows ("Ame\u0301lie"). Characters this Go's
// Unicode tables do not know yet, such as the newest emoji, count as drawn: a font
// that knows them draws them, and one that does not draws a box.
func shows(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) && !unicode.Is(unicode.Variation_Selector, r) &&
		!unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r) && !unicode.Is(unicode.M, r) && r != brailleBlank
}

// brailleBlank is the Braille pattern with no dots raised.
const brailleBlank = '\u2800'

// bidiControl reports whether r is a bidirectional embedding, override or isolate
// (Unicode's Bidi_Control, but for the marks LRM, RLM and ALM, which only nudge
// neutral characters and which Arabic and Hebrew names may need).
func bidiControl(r rune) bool {
	return unicode.Is(unicode.Bidi_Control, r) && r != '\u200E' && r != '\u200F' && r != '\u061C'
}

// maxEmail is the longest email address there is: RFC 5321's path, less its
// angle brackets.
const maxEmail = 254

// cleanEmail returns email as accounts are found by it: trimmed, in lower case. An
// address no account can have (longer than any, not UTF-8, holding a control
// character) is an ErrInvalid that says why, and is never put to the store, whose
// database would refuse it with an error of its own, not a wrong password.
func cleanEmail(email string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	switch {
	case len(email) > maxEmail:
		return "", fmt.Errorf("%w: email is %d bytes long; no address is longer than %d", ErrInvalid, len(email), maxEmail)
	case !utf8.ValidString(email):
		return "", fmt.Errorf("%w: email is not valid UTF-8", ErrInvalid)
	case strings.ContainsFunc(email, unicode.IsControl):
		return "", fmt.Errorf("%w: email holds a control character", ErrInvalid)
	}
	return email, nil
}

// validLanguage reports whether l is "" (the device's language) or looks like a
// BCP 47 tag: letters, digits and hyphens, at most 35 of them, as RFC 5646 bounds a
// tag worth keeping. The service keeps languages it has never heard of, for the
// devices that speak them.
func validLanguage(l string) bool {
	if len(l) > 35 {
		return false
	}
	for _, c := range l {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// languageOnly reports whether change would change nothing of the profile was but
// its language. A profile's language is no secret, and the PIN guards who watches,
// not which words they read: whoever watches as a locked profile changes its
// language without typing its PIN again.
func languageOnly(was, now Profile, change ProfileChange) bool {
	now.Language, now.Locked = was.Language, was.Locked
	return now == was && change.PIN == nil
}

// validAvatar reports whether a is an avatar name: a few lower-case letters, digits
// or dashes, or empty for the default.
func validAvatar(a string) bool {
	if len(a) > 32 {
		return false
	}
	for _, c := range a {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
