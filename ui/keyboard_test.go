package ui

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeyboardTypesAnEmail(t *testing.T) {
	var k Keyboard
	for _, key := range []string{KeyShift, "a", "n", "a", "@", "e", "x", KeyDotCom} {
		k.Press(key)
	}
	assert.Equal(t, "Ana@ex.com", k.Value, "shift capitalises one letter")
	k.Press(KeyDelete)
	k.Press(KeyDelete)
	assert.Equal(t, "Ana@ex.c", k.Value)
	assert.True(t, k.Press(KeyDone))
}

func TestKeyboardDeleteOnEmptyAndLimits(t *testing.T) {
	k := Keyboard{MaxLen: 3}
	k.Press(KeyDelete)
	assert.Empty(t, k.Value)
	for _, key := range []string{"a", KeySpace, "b", "c", KeyDotCom} {
		k.Press(key)
	}
	assert.Equal(t, "a b", k.Value, "nothing past the limit")
}

// Driving the keyboard with the d-pad: the keys are laid out so geometry works, and
// the keyboard remembers its last key.
func TestKeyboardWithDPad(t *testing.T) {
	var k Keyboard
	var v View
	build := func() *Node {
		root := &Node{Rect: Canvas}
		root.Add(&Node{Key: "field", Role: RoleTextField, Focusable: true, Rect: Rect{X: 200, Y: 100, W: 900, H: 80}})
		return root.Add(k.Build("kb", 200, 300, true))
	}
	v.SetRoot(build())
	v.Move(DirDown)
	assert.Equal(t, "kb/q", v.FocusedKey(), "entering the keyboard lands on its default")
	press := func(dirs ...Direction) {
		for _, d := range dirs {
			v.Move(d)
		}
		if k.Press(KeyName("kb", v.FocusedKey())) {
			return
		}
		v.SetRoot(build())
	}
	press(DirDown)                    // a
	press(DirDown, DirDown, DirRight) // from a: z, then down to Shift/.com row... then right
	press(DirUp, DirUp, DirUp, DirUp) // back up to the digits
	require.NotEmpty(t, k.Value)
	last := v.FocusedKey()
	v.Focus("field")
	v.Move(DirDown)
	assert.Equal(t, last, v.FocusedKey(), "coming back lands on the last key")

	// Every key is reachable from every other: walk the bottom row to Done.
	v.Focus("kb/z")
	v.Move(DirDown)
	for i := 0; i < 10 && !strings.HasSuffix(v.FocusedKey(), KeyDone); i++ {
		v.Move(DirRight)
	}
	assert.Equal(t, "kb/done", v.FocusedKey())
}

func TestKeyboardShowKeyOnlyForSecrets(t *testing.T) {
	var k Keyboard
	assert.Nil(t, k.Build("kb", 0, 0, false).Find("kb/show"))
	assert.NotNil(t, k.Build("kb", 0, 0, true).Find("kb/show"))
	k.Press(KeyShow)
	assert.Equal(t, "Hide", k.Build("kb", 0, 0, true).Find("kb/show").Label)
}

func TestEmailKeyboardEndings(t *testing.T) {
	k := Keyboard{Email: true}
	for _, c := range "ana" {
		k.Press(string(c))
	}
	k.Press("@yahoo.com")
	assert.Equal(t, "ana@yahoo.com", k.Value)
	k.Press("@gmail.com")
	assert.Equal(t, "ana@gmail.com", k.Value, "an ending replaces the one after the @")
	kb := k.Build("kb", 0, 0, false)
	for _, d := range EmailDomains {
		assert.NotNil(t, kb.Find("kb/"+d), d)
	}
	assert.Nil(t, (&Keyboard{}).Build("kb", 0, 0, true).Find("kb/@gmail.com"), "only email keyboards have endings")

	short := Keyboard{MaxLen: 4}
	short.Set("123456")
	assert.Equal(t, "1234", short.Value, "typed text is cut to MaxLen")
}
