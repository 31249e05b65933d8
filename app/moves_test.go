package app

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// firstTitle returns the label of the first tile on screen: the first of the first row.
func firstTitle(t *testing.T, a *App) string {
	t.Helper()
	tile := findRole(a.View().Root(), ui.RoleTile)
	require.NotNil(t, tile, "no titles on %s", a.Screen().Name())
	return tile.Label
}

// Home starts on the first title whenever a profile is chosen, as Netflix does, not
// where the last person left it: switching profiles from the picture in the upper
// right used to land on that picture, where Down, Right and Back did nothing.
func TestHomeAfterChoosingAProfileStartsOnTheFirstTitle(t *testing.T) {
	h := newHousehold(t)
	a := appOn(t, h)
	for round, who := range []string{"Ben", "Ana", "Ben"} {
		pressKeys(a, right, up) // along the row, then up to the picture
		_, label := focused(t, a)
		require.Equal(t, a.Env().Profile.Name, label, "round %d: on the profile picture", round)
		pressKeys(a, ok)
		require.Equal(t, "profile-menu", a.Screen().Name())
		press(t, a, "switch")
		require.Equal(t, "profiles", a.Screen().Name())
		pressProfile(t, a, who)

		screen, label := focused(t, a)
		require.Equal(t, "home", screen)
		assert.Equal(t, who, a.Env().Profile.Name)
		assert.Equal(t, firstTitle(t, a), label, "round %d: %s starts on the first title, not the picture", round, who)
	}
}

// profileNamed returns the profile of d's account called name.
func profileNamed(t *testing.T, d *session.Device, name string) session.Profile {
	t.Helper()
	for _, p := range d.Profiles() {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no profile called %s", name)
	return session.Profile{}
}

// Each move goes to what lies in that direction, or nowhere: these are the moves that
// surprised people holding a remote. Each case reaches a screen the way a person
// does, focuses where the move starts, presses, and checks where focus went.
func TestMovesGoWhereTheyPoint(t *testing.T) {
	tests := []struct {
		name   string
		reach  func(t *testing.T, a *App)
		from   string
		move   input.Action
		screen string
		want   string // the label focused after the move
	}{
		{
			name:  "down from Settings, the last of Home's menu, stays",
			reach: func(*testing.T, *App) {}, from: "menu/settings", move: down,
			screen: "home", want: "Settings",
		},
		{
			name:  "up from Home, the first of Home's menu, stays: the picture is far to the right",
			reach: func(*testing.T, *App) {}, from: "menu/home", move: up,
			screen: "home", want: "Home",
		},
		{
			name: "up from Done on Manage profiles goes to the profile above it, the middle one",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "switch", "manage")
				require.True(t, shows(a, "Choose a profile to edit it."))
			},
			from: "manage", move: up, screen: "profiles", want: "Kids",
		},
		{
			name: "down from Cancel beside the password stays out of the keyboard",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "account", "signout-all", "continue")
				require.NotNil(t, a.View().Root().Find("kb"))
			},
			from: "cancel", move: down, screen: "signout-all", want: "Cancel",
		},
		{
			name: "down from Cancel beside the PIN pad stays out of it",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
			},
			from: "cancel", move: down, screen: "signout-all", want: "Cancel",
		},
		{
			name: "up from the PIN pad's first row stays: the buttons far beside it are reached with Right",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
			},
			from: "pin/1", move: up, screen: "signout-all", want: "1",
		},
		{
			name: "right from the PIN pad reaches the buttons beside it",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "account", "signout-all", "continue", "switch-proof")
			},
			from: "pin/3", move: right, screen: "signout-all", want: "Cancel",
		},
		{
			name: "right from the keyboard's Done on the email sign-in stays: Sign in is far above",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "signout", "confirm", "email")
			},
			from: "kb/" + ui.KeyDone, move: right, screen: "signin-email", want: "Done",
		},
		{
			name: "down from the keyboard's Shift in a profile's editor stays: the column beside it starts above",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "switch", "manage")
				pressProfile(t, a, "Ben")
			},
			from: "kb/" + ui.KeyShift, move: down, screen: "edit-profile", want: "Shift",
		},
		{
			name: "down from the keyboard's Done in a profile's editor stays",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "switch", "manage")
				pressProfile(t, a, "Ben")
			},
			from: "kb/" + ui.KeyDone, move: down, screen: "edit-profile", want: "Done",
		},
		{
			name: "right from the keyboard's Done beside the password stays",
			reach: func(t *testing.T, a *App) {
				press(t, a, "menu/settings", "account", "signout-all", "continue")
			},
			from: "kb/" + ui.KeyDone, move: right, screen: "signout-all", want: "Done",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := appOn(t, newHousehold(t))
			tt.reach(t, a)
			require.Equal(t, tt.screen, a.Screen().Name())
			for round := range 2 { // and again, from where the first move left focus
				require.True(t, a.View().Focus(tt.from), "no %q on %s", tt.from, tt.screen)
				pressKeys(a, tt.move)
				_, label := focused(t, a)
				assert.Equal(t, tt.want, label, "round %d", round)
			}
		})
	}
}

// On Ben's Home the Downloads row holds one title, under the first of his two in
// Continue watching. Down from the second goes to it, the next row, and not past it
// to the catalog two rows down, although that one lies straight below.
func TestDownFromTheEndOfARowReachesTheShortRowBelow(t *testing.T) {
	a := appOn(t, newHousehold(t))
	press(t, a, "menu/settings", "switch")
	pressProfile(t, a, "Ben")
	root := a.View().Root()
	watching, downloads := root.Find("row/continue"), root.Find("row/downloads")
	require.NotNil(t, watching)
	require.NotNil(t, downloads)
	require.Len(t, watching.Children, 2)
	require.Len(t, downloads.Children, 1)
	for round := range 2 {
		require.True(t, a.View().Focus(watching.Children[1].Key))
		pressKeys(a, down)
		assert.Equal(t, downloads.Children[0].Key, a.View().FocusedKey(), "round %d", round)
	}
}

// Switch profile opens Who's watching on the profile that is watching, as Netflix
// does, however often one switches.
func TestSwitchProfileOpensOnTheProfileWatching(t *testing.T) {
	a := newTestApp(t)
	for _, name := range []string{"Ben", "Ana", "Ben"} {
		pressProfile(t, a, name)
		require.Equal(t, "home", a.Screen().Name())
		press(t, a, "menu/settings", "switch")
		require.Equal(t, "profiles", a.Screen().Name())
		assert.Equal(t, name, focusedLabel(t, a), "on the profile that was watching")
	}
}

// Back up a scrolled Home, each row shows its heading, and the first row its own at
// the top, where Home began: going down the rows and back up, twice, leaves Home as
// it was shown first. The list used to scroll only the tiles back into view, leaving
// Continue watching cut under the header.
func TestHomeScrollsBackUpWithTheHeadings(t *testing.T) {
	a := newHomeApp(t)
	settle := func() {
		for i := 0; i < 120 && !a.View().ScrollSettled(); i++ {
			a.Update(0, input.Pointer{})
		}
		require.True(t, a.View().ScrollSettled())
	}
	rows := func() *ui.Node { return a.View().Root().Find("rows") } // of the tree shown now
	settle()
	for round := 0; round < 2; round++ {
		pressKeys(a, down, down, down)
		settle()
		require.Positive(t, rows().ScrollY, "round %d: Home scrolled down", round)
		for i := 0; i < 3; i++ {
			pressKeys(a, up)
			settle()
			row := a.Focused().Parent()
			heading := row.Parent().Children[0]
			require.Equal(t, ui.RoleText, heading.Role)
			assert.GreaterOrEqual(t, heading.ScreenRect().Y, rows().Rect.Y, "round %d: %s shows its heading", round, row.Name)
		}
		assert.Zero(t, rows().ScrollY, "round %d: Home is back at its top", round)
		screen, label := focused(t, a)
		assert.Equal(t, [2]string{"home", "Summit"}, [2]string{screen, label})
	}
}

// A press straight back the way focus came returns to where it came from, when
// that lies as near as anything that way, as on Netflix and YouTube: Down from
// Grandpa to Manage profiles and Up again is Grandpa, not Kids, which stands
// nearer the middle; from x down to Shift and up again is x, not z; from 9 down
// to 0 and up is 9. What lies between still comes first: from the password down
// into the keyboard lands on q, and Up from there is the row of digits above it.
// In English and mirrored in Arabic, each pair of presses twice.
func TestAPressStraightBackReturnsWhereFocusCameFrom(t *testing.T) {
	tests := []struct {
		name  string
		reach func(t *testing.T, a *App, h household)
		from  string
		there input.Action
		want  [2]string // where the press back goes each round; "" is from
	}{
		{"Ana to Manage profiles", func(*testing.T, *App, household) {}, "profile/ana", down, [2]string{}},
		{"Grandpa to Manage profiles", func(*testing.T, *App, household) {}, "profile/grandpa", down, [2]string{}},
		{"Add profile to Manage profiles", func(*testing.T, *App, household) {}, "add", down, [2]string{}},
		{"a key to the wide Shift", func(t *testing.T, a *App, h household) {
			press(t, a, "profile/"+profileNamed(t, h.device, "Ana").ID.String(), "menu/settings", "account", "signout-all", "continue")
		}, "kb/x", down, [2]string{}},
		{"a key to the wide .com", func(t *testing.T, a *App, h household) {
			press(t, a, "profile/"+profileNamed(t, h.device, "Ana").ID.String(), "menu/settings", "account", "signout-all", "continue")
		}, "kb/v", down, [2]string{}},
		{"9 to 0 on a PIN pad", func(t *testing.T, a *App, h household) {
			press(t, a, "profile/"+profileNamed(t, h.device, "Grandpa").ID.String())
		}, "pin/9", down, [2]string{}},
		{"a picture to Kids profile, in a profile's editor", func(t *testing.T, a *App, h household) {
			press(t, a, "manage", "profile/"+profileNamed(t, h.device, "Ben").ID.String())
		}, "avatar/cat", down, [2]string{}},
		{"the password into the keyboard, and up to the digits above q", func(t *testing.T, a *App, h household) {
			press(t, a, "profile/"+profileNamed(t, h.device, "Ana").ID.String(), "menu/settings", "account", "signout-all", "continue")
		}, "password", down, [2]string{"kb/1", "password"}}, // the keyboard remembers 1 the second time
	}
	for _, l := range []i18n.Lang{i18n.English, i18n.Arabic} {
		for _, tt := range tests {
			t.Run(l.Tag()+"/"+tt.name, func(t *testing.T) {
				a, h := appIn(t, l)
				tt.reach(t, a, h)
				from := tt.from
				for _, name := range []string{"ana", "grandpa"} {
					if from == "profile/"+name {
						from = "profile/" + profileNamed(t, h.device, strings.ToUpper(name[:1])+name[1:]).ID.String()
					}
				}
				back := map[input.Action]input.Action{down: up, up: down}[tt.there]
				for round := range 2 {
					require.True(t, a.View().Focus(from), "round %d: no %s", round, from)
					pressKeys(a, tt.there)
					require.NotEqual(t, from, a.View().FocusedKey(), "round %d: the first press moves", round)
					pressKeys(a, back)
					want := tt.want[round]
					if want == "" {
						want = from
					}
					assert.Equal(t, want, a.View().FocusedKey(), "round %d", round)
				}
			})
		}
	}
}
