package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
)

// backCase is one screen and what Back does on it.
type backCase struct {
	screen string // the screen's Name
	name   string
	// begin starts an app and returns it with open, which goes from the app's first
	// screen to the screen under test the way a person does.
	begin func(t *testing.T) (*App, func())
	// After Back: the screen on top, the focused label, and anything else to check.
	want, focus string
	check       func(t *testing.T, a *App)
}

// backCases covers every screen of the app, on TVs that can leave the app (Back on
// the first screen asks "Exit?"). Browsers and kiosks cannot: there Back on the first
// screen does nothing, which TestBackWhereTheAppCannotBeLeft checks.
func backCases() []backCase {
	return []backCase{
		{screen: "home", name: "from a title goes to the menu", begin: fromHome(func(t *testing.T, a *App) { require.True(t, a.View().Focus("rows")) }),
			want: "home", focus: "Home"},
		{screen: "details", name: "returns to the title", begin: fromHome(func(t *testing.T, a *App) { pressKeys(a, right, ok) }),
			want: "home", focus: "Meridian"},
		{screen: "player", name: "stops playing, back to the title's page", begin: fromHome(func(t *testing.T, a *App) {
			pressKeys(a, right, ok)
			press(t, a, "play")
		}), want: "details", focus: "Play"},
		{screen: "settings", name: "returns Home", begin: fromHome(func(t *testing.T, a *App) { press(t, a, "menu/settings") }),
			want: "home", focus: "Settings"},
		{screen: "account", name: "returns to Settings", begin: fromHome(func(t *testing.T, a *App) { press(t, a, "menu/settings", "account") }),
			want: "settings", focus: "Account"},
		{screen: "signout-device", name: "is Cancel", begin: fromHome(func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "account")
			press(t, a, otherDeviceKey(t, a))
		}), want: "account", check: func(t *testing.T, a *App) {
			assert.True(t, strings.HasPrefix(a.View().FocusedKey(), "device/"), "back on the device")
		}},
		{screen: "signout-all", name: "on the password is Cancel", begin: fromHome(func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "account", "signout-all", "continue")
		}), want: "account", focus: "Sign out of all devices", check: stillSignedIn},
		{screen: "signout", name: "is Cancel", begin: fromHome(func(t *testing.T, a *App) { press(t, a, "menu/settings", "signout") }),
			want: "settings", focus: "Sign out", check: stillSignedIn},
		{screen: "language", name: "returns to Settings, the language unchanged", begin: fromHome(func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "language")
			require.True(t, a.View().Focus("lang/de"))
		}), want: "settings", focus: "Language"},
		{screen: "profile-menu", name: "closes it", begin: fromHome(func(t *testing.T, a *App) { press(t, a, "profile") }),
			want: "home", focus: "Ana"},
		{screen: "profiles", name: "after Switch profile goes back to the profile", begin: fromHome(func(t *testing.T, a *App) {
			press(t, a, "menu/settings", "switch")
		}), want: "home", focus: "Summit", check: func(t *testing.T, a *App) {
			assert.Equal(t, "Ana", a.Env().Profile.Name)
		}},
		{screen: "profiles", name: "on Manage profiles leaves it, as Done does", begin: fromStart(func(t *testing.T, a *App) {
			press(t, a, "manage")
		}), want: "profiles", focus: "Manage profiles", check: func(t *testing.T, a *App) {
			assert.False(t, shows(a, "Choose a profile to edit it."))
		}},
		{screen: "profiles", name: "at the start asks to exit", begin: fromStart(func(*testing.T, *App) {}),
			want: "exit", focus: "Cancel"},
		{screen: "exit", name: "is Cancel", begin: fromStart(func(t *testing.T, a *App) { pressKeys(a, back) }),
			want: "profiles", focus: "Ana", check: func(t *testing.T, a *App) { assert.False(t, a.Exited()) }},
		{screen: "pin", name: "returns to the profiles", begin: fromStart(func(t *testing.T, a *App) {
			pressProfile(t, a, "Grandpa") // locked
		}), want: "profiles", focus: "Grandpa"},
		{screen: "forgot-pin", name: "returns to the profiles, changing nothing", begin: fromStart(func(t *testing.T, a *App) {
			pressProfile(t, a, "Grandpa")
			press(t, a, "forgot")
		}), want: "profiles", focus: "Grandpa", check: func(t *testing.T, a *App) {
			assert.True(t, profileNamed(t, a.Env().Device, "Grandpa").Locked, "still locked")
		}},
		{screen: "edit-profile", name: "leaves it unsaved", begin: fromStart(func(t *testing.T, a *App) {
			press(t, a, "add")
			typeText(t, a, "leo")
		}), want: "profiles", focus: "Add profile", check: func(t *testing.T, a *App) {
			assert.Len(t, a.Env().Device.Profiles(), 4)
		}},
		{screen: "delete-profile", name: "is Cancel", begin: fromStart(func(t *testing.T, a *App) {
			if !shows(a, "Choose a profile to edit it.") {
				press(t, a, "manage")
			}
			pressProfile(t, a, "Ben")
			press(t, a, "delete")
		}), want: "edit-profile", focus: "Delete profile", check: func(t *testing.T, a *App) {
			assert.Len(t, a.Env().Device.Profiles(), 4)
		}},
		{screen: "signin", name: "at the start asks to exit", begin: fromSignIn(func(*testing.T, *App) {}),
			want: "exit", focus: "Cancel"},
		{screen: "signin-code", name: "returns to the choice", begin: fromSignIn(func(t *testing.T, a *App) { press(t, a, "phone") }),
			want: "signin", focus: "Sign in with your phone"},
		{screen: "signin-email", name: "returns to the choice", begin: fromSignIn(func(t *testing.T, a *App) { press(t, a, "email") }),
			want: "signin", focus: "Sign in with email"},
		{screen: "kiosk-welcome", name: "stays: a kiosk has no way out", begin: inKiosk(nil, func(t *testing.T, k *kioskTV) {
			if k.screen() == "home" {
				press(t, k.app, "menu/signout", "confirm")
			}
		}), want: "kiosk-welcome"},
		{screen: "staff-pin", name: "is Cancel", begin: inKiosk(nil, func(t *testing.T, k *kioskTV) {
			k.holdBack(staffHoldTicks)
		}), want: "home", focus: "Home"},
		{screen: "kiosk-settings", name: "closes them", begin: inKiosk(nil, func(t *testing.T, k *kioskTV) {
			k.holdBack(staffHoldTicks)
			press(t, k.app, "pin/2", "pin/4", "pin/6", "pin/8")
		}), want: "home", focus: "Home"},
		{screen: "kiosk-countdown", name: "stays signed in", begin: inKiosk(map[string]string{"idleTimeout": "2m", "warning": "30s"},
			func(t *testing.T, k *kioskTV) {
				k.runUntil(3*60*ticksPerSecond, func() bool { return k.screen() == "kiosk-countdown" })
			}), want: "home", check: stillSignedIn},
		{screen: "more", name: "returns Home", begin: onPhoneHome(func(t *testing.T, a *App) { tap(t, a, "tab/more") }),
			want: "home"},
		{screen: "downloads", name: "returns Home", begin: onPhoneHome(func(t *testing.T, a *App) { tap(t, a, "tab/downloads") }),
			want: "home"},
		{screen: "approve-tv", name: "returns to More", begin: onPhoneHome(func(t *testing.T, a *App) {
			tap(t, a, "tab/more")
			tap(t, a, "approve-tv")
		}), want: "more"},
	}
}

// Back does what a person holding a remote expects on every screen: it goes back the
// way they came, closes a menu, cancels a dialog, and never does nothing where there
// is somewhere to go. Each case is run twice in the same app: state left behind by
// the first Back is where such bugs hide.
func TestBackOnEveryScreen(t *testing.T) {
	for _, tt := range backCases() {
		t.Run(tt.screen+" "+tt.name, func(t *testing.T) {
			a, open := tt.begin(t)
			for round := range 2 {
				pressKeys(a, home) // from the app's first screen, each round
				open()
				require.Equal(t, tt.screen, a.Screen().Name(), "round %d", round)
				pressKeys(a, back)
				screen, label := focused(t, a)
				assert.Equal(t, tt.want, screen, "round %d", round)
				if tt.focus != "" {
					assert.Equal(t, tt.focus, label, "round %d", round)
				}
				if tt.check != nil {
					tt.check(t, a)
				}
			}
		})
	}
}

// Every screen of the package is in backCases, so a new screen without a sensible
// Back fails here until someone decides what Back does on it.
func TestBackCasesCoverEveryScreen(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range backCases() {
		covered[c.screen] = true
	}
	names := screenNames(t)
	require.NotEmpty(t, names)
	for _, name := range names {
		assert.True(t, covered[name], "no Back case for the screen %q", name)
	}
}

// TestBackWhereTheAppCannotBeLeft: in a browser, Back on the first screen is left to
// the browser, and in-app it does nothing rather than ask to exit.
func TestBackWhereTheAppCannotBeLeft(t *testing.T) {
	h := newHousehold(t)
	a := NewTenfoot(Options{Catalog: demo.Catalog, Version: "test"}, h.device)
	t.Cleanup(a.Close)
	for range 2 {
		pressKeys(a, back)
		screen, label := focused(t, a)
		assert.Equal(t, "profiles", screen)
		assert.Equal(t, "Ana", label)
		assert.Len(t, a.Layers(nil), 1, "no dialog asks to exit")
	}
}

// screenNames returns the Name of every screen type in package screens, read from
// its source: each `func (…) Name() string { return "…" }`.
func screenNames(t *testing.T) []string {
	t.Helper()
	const dir = "../screens"
	files, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	fset := token.NewFileSet()
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, f.Name()), nil, 0)
		require.NoError(t, err)
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "Name" || len(fn.Body.List) != 1 {
				continue
			}
			ret, ok := fn.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			if lit, ok := ret.Results[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				name, err := strconv.Unquote(lit.Value)
				require.NoError(t, err)
				names = append(names, name)
			}
		}
	}
	return names
}

// pressProfile presses the avatar of the profile called name on Who's watching.
func pressProfile(t *testing.T, a *App, name string) {
	t.Helper()
	press(t, a, "profile/"+profileNamed(t, a.Env().Device, name).ID.String())
}

func stillSignedIn(t *testing.T, a *App) {
	t.Helper()
	assert.True(t, isSignedIn(a.Env().Device), "nothing was signed out")
}

// otherDeviceKey returns the key of a device of the account list other than this one.
func otherDeviceKey(t *testing.T, a *App) string {
	t.Helper()
	self := "device/" + a.Env().Device.Info().ID.String()
	for _, n := range a.View().Root().Find("devices").Children {
		if strings.HasPrefix(n.Key, "device/") && n.Key != self {
			return n.Key
		}
	}
	t.Fatal("no other device in the list")
	return ""
}

// fromHome begins on Ana's Home.
func fromHome(open func(*testing.T, *App)) func(*testing.T) (*App, func()) {
	return func(t *testing.T) (*App, func()) {
		a := appOn(t, newHousehold(t))
		return a, func() { open(t, a) }
	}
}

// fromStart begins on Who's watching, as the app starts.
func fromStart(open func(*testing.T, *App)) func(*testing.T) (*App, func()) {
	return func(t *testing.T) (*App, func()) {
		a := NewTenfoot(testOptions, newHousehold(t).device)
		t.Cleanup(a.Close)
		return a, func() { open(t, a) }
	}
}

// fromSignIn begins on the sign-in screen, after signing out.
func fromSignIn(open func(*testing.T, *App)) func(*testing.T) (*App, func()) {
	return func(t *testing.T) (*App, func()) {
		a := appOn(t, newHousehold(t))
		press(t, a, "menu/settings", "signout", "confirm")
		require.Equal(t, "signin", a.Screen().Name())
		return a, func() { open(t, a) }
	}
}

// inKiosk begins on a hotel TV's Home, with the operator PIN 2468 and the settings
// given.
func inKiosk(settings map[string]string, open func(*testing.T, *kioskTV)) func(*testing.T) (*App, func()) {
	return func(t *testing.T) (*App, func()) {
		cfg := map[string]string{"operatorPin": "2468"}
		for k, v := range settings {
			cfg[k] = v
		}
		k := newKioskTV(t, kioskConfig(t, cfg), checkIn)
		pressKeys(k.app, ok) // the guest's profile
		require.Equal(t, "home", k.screen())
		return k.app, func() { open(t, k) }
	}
}

// onPhoneHome begins on Ana's Home on a phone.
func onPhoneHome(open func(*testing.T, *App)) func(*testing.T) (*App, func()) {
	return func(t *testing.T) (*App, func()) {
		a := phoneHome(t, newHousehold(t))
		return a, func() { open(t, a) }
	}
}
