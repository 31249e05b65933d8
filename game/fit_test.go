package game

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// drawnText returns what the draw list shows of node n, line by line.
func drawnText(g *Game, n *ui.Node) []string {
	for i := range g.r.ops {
		if op := &g.r.ops[i]; op.node == n {
			var lines []string
			for _, l := range op.lines {
				lines = append(lines, l.text)
			}
			return lines
		}
	}
	return nil
}

// cutLabels returns the labels of the given roles that the draw list cuts with "…".
func cutLabels(g *Game, roles ...ui.Role) []string {
	var cut []string
	for i := range g.r.ops {
		op := &g.r.ops[i]
		if !op.text || len(op.lines) == 0 || !containsRole(roles, op.node.Role) {
			continue
		}
		if last := op.lines[len(op.lines)-1].text; strings.Contains(last, "…") && !strings.Contains(op.node.Label, "…") {
			cut = append(cut, fmt.Sprintf("%q drawn as %q", op.node.Label, last))
		}
	}
	return cut
}

func containsRole(roles []ui.Role, r ui.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// A profile name may have 20 characters, which session.Field.MaxLength promises fit
// under its avatar: on Who's watching such a name takes two lines, in every language
// the screen speaks, and the note under it (PIN, Kids) moves below them.
func TestLongestProfileNameFitsUnderItsAvatar(t *testing.T) {
	name := "Maximilian Alexander"
	require.Len(t, []rune(name), session.FieldProfileName.MaxLength())
	for _, lang := range i18n.Langs {
		t.Run(lang.Tag(), func(t *testing.T) {
			a := householdNamed(t, lang, name) // Ben's profile, now Maximilian's
			require.Equal(t, "profiles", a.Screen().Name())
			shelf := &fontShelf{t: t}
			g, err := New(a, Options{Fonts: shelf.load})
			require.NoError(t, err)
			assert.Empty(t, cutLabels(g, ui.RoleAvatar))
			avatar := a.View().Root().Find("profile/" + profileID(t, a, name))
			require.NotNil(t, avatar)
			assert.Equal(t, []string{"Maximilian", "Alexander"}, drawnText(g, avatar))
			assert.Equal(t, []string{"Ana"}, drawnText(g, a.View().Root().Find("profile/"+profileID(t, a, "Ana"))), "a short name keeps one line")
		})
	}
}

func profileID(t *testing.T, a *app.App, name string) string {
	t.Helper()
	for _, p := range a.Env().Device.Profiles() {
		if p.Name == name {
			return p.ID.String()
		}
	}
	t.Fatalf("no profile %s", name)
	return ""
}

// A device name may have 60 characters. In Settings → Account the device list cuts
// such a name, and only the name: the device's kind and when it was last seen stay
// whole, in every language.
func TestLongDeviceNameIsCutBeforeItsKindAndLastSeen(t *testing.T) {
	long := "Wohnzimmer-Fernseher im Erdgeschoss bei Oma und Opa Schröder"
	require.Len(t, []rune(long), session.FieldDeviceName.MaxLength())
	for _, lang := range i18n.Langs {
		t.Run(lang.Tag(), func(t *testing.T) {
			a := householdWith(t, lang, long)
			shelf := &fontShelf{t: t}
			g, err := New(a, Options{Fonts: shelf.load})
			require.NoError(t, err)
			pressOn(g, input.ActionOK) // Ana
			pressKeyed(t, g, "menu/settings", "account")
			require.Equal(t, "account", a.Screen().Name())
			a.Settle()
			step(g)

			rows := a.View().Root().Find("devices").Children
			cut := 0
			for _, row := range rows {
				drawn := drawnText(g, row)
				require.Len(t, drawn, 1)
				i := strings.Index(row.Label, row.Cut)
				require.GreaterOrEqual(t, i, 0, "the row names the device: %q", row.Label)
				assert.True(t, strings.HasSuffix(drawn[0], row.Label[i+len(row.Cut):]), "kind and last seen whole: %q drawn as %q", row.Label, drawn[0])
				assert.True(t, strings.HasPrefix(drawn[0], row.Label[:i]), "%q drawn as %q", row.Label, drawn[0])
				if row.Cut == long {
					cut++
					assert.Contains(t, drawn[0], "Wohnzimmer-Fernseher", "as much of the name as fits")
					if lang == i18n.English || lang == i18n.German { // Arabic's words are narrower: it fits
						assert.Contains(t, drawn[0], "…", "the name is cut")
					}
				} else {
					assert.Equal(t, row.Label, drawn[0], "a short name is drawn whole")
				}
			}
			assert.Equal(t, 1, cut, "the device with the long name is listed")
		})
	}
}

// TestNativeLongNamesShots draws Who's watching with a profile name of the longest
// length allowed, Settings → Account with a device name of the longest, and a
// phone's More with that profile name, in each language, to $TENFOOT_SHOTS
// (names-LANG.png, devices-LANG.png, more-phone-LANG.png).
func TestNativeLongNamesShots(t *testing.T) {
	if !inXvfb(t) {
		return
	}
	dir := os.Getenv("TENFOOT_SHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	shot := func(g *Game, name string) {
		size := image.Pt(ui.CanvasWidth, ui.CanvasHeight)
		dst := ebiten.NewImage(size.X, size.Y)
		g.r.draw(dst, g.tick)
		pix := make([]byte, 4*size.X*size.Y)
		dst.ReadPixels(pix)
		writeShot(t, filepath.Join(dir, name), pix, size)
	}
	for _, lang := range i18n.Langs {
		a := householdWith(t, lang, "Wohnzimmer-Fernseher im Erdgeschoss bei Oma und Opa Schröder", "Maximilian Alexander", "さくら")
		g, err := New(a, Options{Fonts: (&fontShelf{t: t}).load})
		require.NoError(t, err)
		assert.Empty(t, cutLabels(g, ui.RoleAvatar), lang)
		shot(g, "names-"+lang.Tag()+".png")
		pressOn(g, input.ActionOK)
		pressKeyed(t, g, "menu/settings", "account")
		a.Settle()
		step(g)
		shot(g, "devices-"+lang.Tag()+".png")

		phone := householdWith(t, lang, "", "Maximilian Alexander", "さくら")
		shape := ui.ChooseForm(390, 844, true)
		phone.SetViewport(shape, ui.CanvasFor(shape, 390, 844))
		g, err = New(phone, Options{Fonts: (&fontShelf{t: t}).load})
		require.NoError(t, err)
		pressOn(g, input.ActionOK)
		pressKeyed(t, g, "tab/more")
		step(g)
		shot(g, "more-phone-"+lang.Tag()+".png")
	}
}

// On a phone or a tablet, More shows the profiles too: the longest name allowed
// takes two lines under its picture there as well, in every language.
func TestLongestProfileNameFitsOnMore(t *testing.T) {
	name := "Maximilian Alexander"
	for _, form := range []struct {
		name string
		w, h float64
	}{{"phone", 390, 844}, {"tablet", 1180, 820}} {
		for _, lang := range i18n.Langs {
			t.Run(form.name+"/"+lang.Tag(), func(t *testing.T) {
				a := householdNamed(t, lang, name)
				shape := ui.ChooseForm(form.w, form.h, true)
				a.SetViewport(shape, ui.CanvasFor(shape, form.w, form.h))
				g, err := New(a, Options{Fonts: (&fontShelf{t: t}).load})
				require.NoError(t, err)
				pressOn(g, input.ActionOK) // Ana
				pressKeyed(t, g, "tab/more")
				require.Equal(t, "more", a.Screen().Name())
				step(g)
				assert.Empty(t, cutLabels(g, ui.RoleAvatar))
				avatar := a.View().Root().Find("profile/" + profileID(t, a, name))
				require.NotNil(t, avatar)
				assert.Equal(t, []string{"Maximilian", "Alexander"}, drawnText(g, avatar))
			})
		}
	}
}
