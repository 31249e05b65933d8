package app

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
	"tenfoot/ui"
)

// longestNames are a profile name and a device name of the longest lengths
// allowed, in each language's letters.
var longestNames = map[i18n.Lang][2]string{
	i18n.English:  {"Maximilian Alexander", "Living room TV upstairs by the big window, left of the shelf"},
	i18n.German:   {"Maximilian Alexander", "Wohnzimmer-Fernseher im Erdgeschoss bei Oma und Opa Schröder"},
	i18n.Arabic:   {"عبدالرحمن بن عبدالله", "تلفزيون غرفة المعيشة في الطابق الأرضي عند الجدة والجد الكبير"},
	i18n.Japanese: {"山田アレクサンドラ花子マリア・ローズさん", "一階のリビングルームにある大きなテレビ（おばあちゃんとおじいちゃんの家の窓の左側、白い本棚の上にある古いもの）ですよね。"},
}

// A line that names a profile or a device of the longest name allowed, in each
// language's own letters, is cut in the name when it does not fit, never in the
// words around it: "Enter the PIN for" a twenty-letter Japanese name lost "のPINを
// 入力してください", all that said what the pad is for, and Settings lost the
// device's kind after a sixty-letter name (Account's list already cut the name).
func TestLongestNamesAreCutNotTheWordsAroundThem(t *testing.T) {
	for _, l := range i18n.Langs {
		names := longestNames[l]
		require.Equal(t, session.FieldProfileName.MaxLength(), utf8.RuneCountInString(names[0]), l)
		require.Equal(t, session.FieldDeviceName.MaxLength(), utf8.RuneCountInString(names[1]), l)
		for _, script := range []struct {
			name string
			open func(t *testing.T, a *App)
		}{
			{"pin", func(t *testing.T, a *App) { pressProfile(t, a, names[0]) }},
			{"forgot-pin", func(t *testing.T, a *App) { pressProfile(t, a, names[0]); press(t, a, "forgot") }},
			{"choose-pin", func(t *testing.T, a *App) {
				press(t, a, "manage")
				pressProfile(t, a, names[0])
				typePIN(t, a, demo.GrandpaPIN)
				press(t, a, "pin", "pin") // off, then on: choosing a new one
			}},
			{"settings", func(t *testing.T, a *App) { pressProfile(t, a, "Ana"); press(t, a, "menu/settings") }},
		} {
			t.Run(l.Tag()+"/"+script.name, func(t *testing.T) {
				h := householdOfDevice(t, names[1])
				grandpa := profileNamed(t, h.device, "Grandpa")
				grandpa.Name = names[0]
				require.NoError(t, h.device.SaveProfile(context.Background(), session.ProfileChange{Profile: grandpa, Proof: session.Proof{Password: demo.AnaPassword}}))
				opts := testOptions
				opts.Language = l
				a := NewTenfoot(opts, h.device)
				t.Cleanup(a.Close)
				script.open(t, a)
				assertNamesCutFirst(t, a, names[:])
			})
		}
	}
}

// assertNamesCutFirst checks that each line of the screen on top that holds one
// of names and does not fit on its line is cut in the name (Node.Cut), so that
// what is left of it fits with "…".
func assertNamesCutFirst(t *testing.T, a *App, names []string) {
	t.Helper()
	var walk func(n *ui.Node)
	walk = func(n *ui.Node) {
		if n.Hidden {
			return
		}
		for _, c := range n.Children {
			walk(c)
		}
		if n.Wrap || (n.Role != ui.RoleText && n.Role != ui.RoleButton) {
			return
		}
		width := n.Rect.W - labelInset(n)
		for _, name := range names {
			if !strings.Contains(n.Label, name) || ui.EstimateLines(n.Label, n.Text, width) == 1 {
				continue
			}
			if assert.Equal(t, name, n.Cut, "%q does not fit in %+v on %s, and not its name is cut", n.Label, n.Rect, a.Screen().Name()) {
				rest := strings.Replace(n.Label, name, "…", 1)
				assert.Equal(t, 1, ui.EstimateLines(rest, n.Text, width), "%q has no room for its name on %s", rest, a.Screen().Name())
			}
		}
	}
	walk(a.View().Root())
}

// householdOfDevice is the demo household on a device called name.
func householdOfDevice(t *testing.T, name string) household {
	t.Helper()
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	svc, dev, err := demo.Open(context.Background(), demo.Options{
		Storage: store, PasswordCost: testCost,
		Device: session.DeviceInfo{Name: name, Kind: session.DeviceKindTV},
	})
	require.NoError(t, err)
	return household{svc, dev}
}
