package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/input"
)

// A profile's name the service would refuse says why in the viewer's words, in
// every language, the first time and the second: a name pasted on a phone with the
// invisible marks that embed right-to-left text (as copied from a chat), and one
// typed on a keyboard in letters that Unicode spells with two characters once saved
// (क़, which Devanagari text may hold as one), so that twenty of them are forty. Both
// said "Something went wrong: session: invalid request: profile name holds the
// bidirectional control U+202B, which can disguise text" or "…is 40 characters long;
// at most 20 fit", in English inside a German, Arabic or Japanese sentence.
func TestAProfileNameRefusedSaysWhyInWords(t *testing.T) {
	for _, l := range append(i18n.Langs, i18n.Pseudo) {
		t.Run(l.Tag(), func(t *testing.T) {
			h := newHousehold(t)
			opts := Options{Catalog: demo.Catalog, Version: "test", Language: l}
			phone := onPhone(NewTenfoot(opts, h.device))
			t.Cleanup(phone.Close)
			tap(t, phone, "add")
			tap(t, phone, "field/name")
			phone.Type("field/name", "\u202bمريم\u202c", false)
			hidden := phone.Env().Say("nameHiddenCharacter")
			for try := 1; try <= 2; try++ {
				tap(t, phone, "save")
				require.Equal(t, "edit-profile", phone.Screen().Name())
				assert.False(t, shows(phone, "session:"), "try %d: said in words", try)
				assert.True(t, shows(phone, hidden), "try %d", try)
				assertTextFits(t, phone)
			}
			assert.Len(t, h.device.Profiles(), 4, "nothing was added")

			a, h := appIn(t, l)
			press(t, a, "add")
			typeKeys(t, a, typed(strings.Repeat("\u0958", 20)))
			long := a.Env().Say("nameTooLong", i18n.N("n", 20))
			for try := 1; try <= 2; try++ {
				press(t, a, "save")
				require.Equal(t, "edit-profile", a.Screen().Name())
				assert.False(t, shows(a, "session:"), "try %d: said in words", try)
				assert.True(t, shows(a, long), "try %d", try)
				assertTextFits(t, a)
				assert.Equal(t, "save", a.View().FocusedKey(), "try %d", try)
			}
			assert.Len(t, h.device.Profiles(), 4, "nothing was added")

			typeKeys(t, a, input.Typed{Backspaces: 20}, typed("\u202bمريم\u202c"))
			press(t, a, "save")
			assert.True(t, shows(a, hidden), "on a TV too")
			assertTextFits(t, a)
		})
	}
}
