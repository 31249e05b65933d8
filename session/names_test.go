package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestANameNeedsACharacterThatIsDrawn: a name is empty unless it holds a character
// drawn on its own. Blanks of every kind, and accents with nothing to sit on, are
// no name; an accent on a letter, an emoji alone, a name in any script, and a
// character newer than this Go's Unicode tables, are.
func TestANameNeedsACharacterThatIsDrawn(t *testing.T) {
	for name, blank := range map[string]string{
		"spaces":                       " \u3000 ",
		"zero-width space and joiner":  "\u200B\u200D",
		"Hangul fillers":               "\u3164\uFFA0",
		"Braille pattern blanks":       "\u2800\u2800\u2800",
		"lone combining acute accents": "\u0301\u0301",
		"an enclosing circle":          "\u20DD",
		"a combining grapheme joiner":  "\u034F",
		"a spacing mark alone":         "\u093E",
	} {
		_, err := CleanName(FieldProfileName, blank)
		assert.ErrorIs(t, err, ErrInvalid, name)
		assert.ErrorContains(t, err, "profile name is empty", name)
	}
	for name, drawn := range map[string]string{
		"an accent on a letter":   "Ame\u0301lie",
		"an emoji":                "\U0001F98A",
		"a flag":                  "\U0001F1EF\U0001F1F5",
		"Arabic":                  "\u0639\u0644\u064A",
		"Hindi, marks on letters": "\u0905\u0928\u0940\u0924\u093E",
		"one dot of Braille":      "\u2801",
		"a character yet unknown": "\U0001FAEA",
	} {
		got, err := CleanName(FieldProfileName, drawn)
		require.NoError(t, err, name)
		assert.NotEmpty(t, got, name)
	}
}
