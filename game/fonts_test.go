package game

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/session"
	"tenfoot/ui"
)

// notoFiles are the fonts of Debian's Noto packages that cmd/tenfoot reads, by
// language; read once for all the tests.
var notoFiles = map[i18n.Lang]string{
	i18n.Arabic:   "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
	i18n.Japanese: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}

var (
	notoMu   sync.Mutex
	notoRead = map[i18n.Lang][]byte{}
)

// fontShelf is a FontLoader over Debian's Noto fonts, as the native app's, that
// notes each language it is asked for. While down is above zero, each fetch fails,
// as a browser's does with the network down, and counts it down.
type fontShelf struct {
	t     *testing.T
	asked []i18n.Lang
	down  int
}

func (s *fontShelf) load(l i18n.Lang) <-chan FontFiles {
	s.asked = append(s.asked, l)
	ch := make(chan FontFiles, 1)
	if s.down > 0 {
		s.down--
		ch <- FontFiles{Err: errors.New("fetch fonts/" + l.Tag() + "-regular: network down")}
		return ch
	}
	notoMu.Lock()
	data, ok := notoRead[l]
	notoMu.Unlock()
	if !ok {
		data = systemFont(s.t, notoFiles[l])
		notoMu.Lock()
		notoRead[l] = data
		notoMu.Unlock()
	}
	ch <- FontFiles{Regular: data}
	return ch
}

// householdNamed opens the demo household on a TV in lang, with its profiles
// after Ana renamed to names, as they were typed on the Arabic or kana keyboard.
func householdNamed(t *testing.T, lang i18n.Lang, names ...string) *app.App {
	return householdWith(t, lang, "", names...)
}

// householdWith is householdNamed with, if other is not empty, a streaming stick
// of the account called other, last seen 26 hours ago.
func householdWith(t *testing.T, lang i18n.Lang, other string, names ...string) *app.App {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: 4,
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	if other != "" {
		acc, _ := dev.Account()
		require.NoError(t, svc.AddSignedInDevice(acc.ID, session.NewDeviceIdentity(other, session.DeviceKindStick), 26*time.Hour))
	}
	profiles := dev.Profiles()
	require.Greater(t, len(profiles), len(names))
	for i, name := range names {
		p := profiles[1+i]
		p.Name = name
		require.NoError(t, dev.SaveProfile(context.Background(), session.ProfileChange{Profile: p}))
	}
	a := app.NewTenfoot(app.Options{Catalog: demo.Catalog, Language: lang}, dev)
	t.Cleanup(a.Close)
	return a
}

// step runs the part of a tick that does not need Ebitengine's input: the app's
// tick, then the draw list and the fonts, as Update does.
func step(g *Game) {
	g.tick++
	g.app.Update(0, input.Pointer{})
	g.show()
}

// pressOn presses actions on g's app, one a tick, each finished before the next.
func pressOn(g *Game, actions ...input.Action) {
	for _, a := range actions {
		g.app.Press(a)
		g.app.Settle()
		step(g)
	}
}

// pressKeyed focuses the node with each key, as the d-pad would, and presses OK.
func pressKeyed(t *testing.T, g *Game, keys ...string) {
	t.Helper()
	for _, k := range keys {
		require.True(t, g.app.View().Focus(k), "no %q on %s", k, g.app.Screen().Name())
		pressOn(g, input.ActionOK)
	}
}

// missingGlyphs returns the characters drawn that no loaded font has, each with the
// line it is in: those are drawn as empty boxes.
func missingGlyphs(g *Game) []string { return missingGlyphsOf(g, nil) }

// missingGlyphsOf is missingGlyphs of node n alone, or of all nodes when n is nil.
func missingGlyphsOf(g *Game, n *ui.Node) []string {
	var missing []string
	check := func(line *textLine) {
		for _, c := range line.chunks {
			for _, r := range c.s {
				if unicode.IsSpace(r) || isBidiControl(r) {
					continue
				}
				if _, ok := g.r.type_.sourceFor(r); !ok {
					missing = append(missing, string(r)+" in "+line.text)
					break
				}
			}
		}
	}
	for i := range g.r.ops {
		op := &g.r.ops[i]
		if n != nil && op.node != n {
			continue
		}
		for j := range op.lines {
			check(&op.lines[j])
		}
		check(&op.initial)
	}
	return missing
}

// Profiles named in Arabic or Japanese letters, typed on the Arabic or kana
// keyboard by a profile that speaks it, are shown on Who's watching to everyone:
// on a TV in English or German their letters get their font too, fetched once.
func TestNamesInAnotherScriptHaveTheirFont(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.English, i18n.German} {
		t.Run(lang.Tag(), func(t *testing.T) {
			a := householdNamed(t, lang, "سارة", "さくら")
			require.Equal(t, "profiles", a.Screen().Name())
			shelf := &fontShelf{t: t}
			g, err := New(a, Options{Fonts: shelf.load})
			require.NoError(t, err)
			assert.Empty(t, missingGlyphs(g), "Who's watching, from the first frame")
			assert.ElementsMatch(t, []i18n.Lang{i18n.Arabic, i18n.Japanese}, shelf.asked)

			// Ana watches, then switches profile: the names are there again, and
			// nothing is fetched a second time.
			pressOn(g, input.ActionOK)
			require.Equal(t, "home", a.Screen().Name())
			pressKeyed(t, g, "profile", "switch")
			require.Equal(t, "profiles", a.Screen().Name())
			assert.Empty(t, missingGlyphs(g))
			assert.Len(t, shelf.asked, 2, "each font fetched once: %v", shelf.asked)
		})
	}
}

// A font is fetched only for letters on screen: the demo household, all Latin
// names, fetches nothing, not even on the language menu, whose "العربية" and
// "日本語" are in the fonts the app embeds; a name in kana fetches Japanese alone.
func TestFontsAreFetchedOnlyForLettersShown(t *testing.T) {
	a := householdNamed(t, i18n.English)
	shelf := &fontShelf{t: t}
	g, err := New(a, Options{Fonts: shelf.load})
	require.NoError(t, err)
	pressOn(g, input.ActionOK)
	pressKeyed(t, g, "menu/settings", "language")
	require.Equal(t, "language", a.Screen().Name())
	assert.Empty(t, missingGlyphs(g))
	assert.Empty(t, shelf.asked, "no letters of another language shown")

	b := householdNamed(t, i18n.English, "さくら")
	shelf = &fontShelf{t: t}
	_, err = New(b, Options{Fonts: shelf.load})
	require.NoError(t, err)
	assert.Equal(t, []i18n.Lang{i18n.Japanese}, shelf.asked)
}

// In a browser the Arabic font is fetched when the app first speaks Arabic. When
// that fetch fails (the network is down), the person is told, in Arabic written by
// the fonts the app embeds, and the font is fetched again a little later, not
// every tick; once it comes, the screen has its letters.
func TestAFailedFontFetchIsTriedAgain(t *testing.T) {
	a := householdNamed(t, i18n.Arabic)
	shelf := &fontShelf{t: t, down: 2}
	g, err := New(a, Options{Fonts: shelf.load})
	require.NoError(t, err)
	require.Equal(t, []i18n.Lang{i18n.Arabic}, shelf.asked)
	assert.NotEmpty(t, missingGlyphs(g), "without its font the Arabic screen lacks letters")
	if assert.NotNil(t, a.Toast(), "the person is told") {
		assert.Equal(t, a.Env().Say(screens.MsgFontFailed), a.Toast().Label)
		assert.Empty(t, missingGlyphsOf(g, a.Toast()), "the message needs no font that did not come")
	}

	for range fontRetry - 1 {
		step(g)
	}
	assert.Len(t, shelf.asked, 1, "not asked again at once: the network needs a moment")
	step(g)
	assert.Len(t, shelf.asked, 2, "asked again after %d ticks", fontRetry)
	assert.NotEmpty(t, missingGlyphs(g), "the second fetch failed too")
	for range 2*fontRetry - 1 {
		step(g)
	}
	assert.Len(t, shelf.asked, 2, "then after twice as long")
	step(g)
	assert.Len(t, shelf.asked, 3)
	assert.Empty(t, missingGlyphs(g), "the network is back: Arabic letters")
}

// A font whose fetch failed is fetched again as soon as its letters are shown
// anew: Who's watching with a profile called さくら, Home, and Who's watching again.
// The person is told in the language shown, each time it fails anew.
func TestAFailedFontIsFetchedAgainWhenItsLettersAreShownAgain(t *testing.T) {
	a := householdNamed(t, i18n.German, "さくら")
	shelf := &fontShelf{t: t, down: 1}
	g, err := New(a, Options{Fonts: shelf.load})
	require.NoError(t, err)
	require.Equal(t, []i18n.Lang{i18n.Japanese}, shelf.asked)
	if assert.NotNil(t, a.Toast(), "the person is told") {
		assert.Equal(t, "Manche Zeichen fehlen: Die Schrift dafür wurde nicht geladen. Gleich kommt ein neuer Versuch.", a.Toast().Label)
	}
	assert.NotEmpty(t, missingGlyphs(g))

	pressOn(g, input.ActionOK)
	require.Equal(t, "home", a.Screen().Name())
	assert.Len(t, shelf.asked, 1, "nothing in kana on Home")
	pressKeyed(t, g, "profile", "switch")
	require.Equal(t, "profiles", a.Screen().Name())
	step(g) // the tick after the names are laid out
	assert.Equal(t, []i18n.Lang{i18n.Japanese, i18n.Japanese}, shelf.asked, "fetched again, at once")
	assert.Empty(t, missingGlyphs(g))
}
