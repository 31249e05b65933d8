//go:build !js

package main

import (
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// buildApp builds the real tenfoot binary once per test run.
func buildApp(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "tenfoot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

func TestBadFlagsSayWhatIsWrong(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildApp(t)
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	unknownKey := filepath.Join(dir, "kiosk.json")
	require.NoError(t, os.WriteFile(unknownKey, []byte(`{"idleTimout": "4h"}`), 0o600))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-keys", "right,rihgt"}, `unknown action "rihgt"`},
		{[]string{"-after", "0", "-screenshot", "x.png"}, "-after must be at least 1"},
		// Added to the ticks of the keys, it wrapped round below zero: the
		// screenshot was never taken, and tenfoot never ended.
		{[]string{"-state", dir, "-after", "9223372036854775807", "-screenshot", "x.png"}, "-after must be at most 216000 ticks (an hour)"},
		{[]string{"-nope"}, "flag provided but not defined: -nope"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-kiosk", "-kiosk-config", missing}, "kiosk config " + missing + ": does not exist"},
		{[]string{"-kiosk", "-kiosk-config", unknownKey}, "kiosk config " + unknownKey + ": idleTimout: unknown key"},
		{[]string{"-kiosk", "-idle-timeout", "-5m"}, `-idle-timeout: kiosk config: idleTimeout "-5m": must be more than zero`},
		{[]string{"-kiosk", "-checkout", "25:00"}, `checkout "25:00": no such time of day`},
		{[]string{"-kiosk", "-warning", "1s"}, `warning "1s": must be from 5s to 10m0s`},
		{[]string{"-checkout", "11:00"}, "-checkout needs -kiosk"},
		{[]string{"-kiosk-config", missing}, "-kiosk-config needs -kiosk"},
		{[]string{"-lang", "fr"}, `-lang must be en, de, ar or ja, not "fr"`},
	}
	for _, tt := range tests {
		out, err := exec.Command(bin, tt.args...).CombinedOutput()
		require.Error(t, err, "%v should fail", tt.args)
		assert.Contains(t, string(out), tt.want)
	}
}

// A device name the account's device list could not show (a control character,
// more than 60 characters, only spaces) stops tenfoot before it opens a window or
// touches the state folder, and says it is -name. Before, a fresh state failed with
// "demo: sign in: …", and a state folder already in use took the name, so that
// every sign-in after failed with "Something went wrong".
func TestABadDeviceNameIsRefusedAtStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildApp(t)
	used := t.TempDir()
	device, _, err := demo.OpenDevice(context.Background(), demo.HostOptions{Storage: stateFolder(used),
		Device: session.DeviceInfo{Name: "Bedroom TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	require.Equal(t, "Bedroom TV", device.Info().Name)
	for _, c := range []struct{ name, want string }{
		{"Living\tRoom", "control character U+0009"},
		{"Living\rRoom", "control character U+000D"},
		{strings.Repeat("x", 61), "at most 60"},
		{"   ", "device name is empty"},
	} {
		for _, state := range []string{t.TempDir(), used} {
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			cmd := exec.CommandContext(ctx, bin, "-state", state, "-name", c.name)
			cmd.Env = append(os.Environ(), "DISPLAY=") // no window, should it get that far
			out, err := cmd.CombinedOutput()
			cancel()
			require.Error(t, err, "%q", c.name)
			assert.Contains(t, string(out), "tenfoot: -name ", "%q", c.name)
			assert.Contains(t, string(out), c.want, "%q", c.name)
		}
		data, err := os.ReadFile(filepath.Join(used, "device.json"))
		require.NoError(t, err)
		assert.True(t, strings.Contains(string(data), `"name":"Bedroom TV"`), "the device keeps its name after %q", c.name)
	}
}

// TestNativeUnderXvfb runs the real app in a real X server and checks the frame it
// draws. make test sets TENFOOT_XVFB=1 after installing Xvfb and Mesa.
func TestNativeUnderXvfb(t *testing.T) {
	bin, shots := underXvfb(t)

	tests := []struct {
		name, keys, screen, focused string
	}{
		{"native-01-whos-watching", "", "profiles", "Ana"},
		{"native-02-home", "ok", "home", "Summit"},
		{"native-03-catalog-row", "ok,down,down,right", "home", "Orbit of Small Things"},
		{"native-04-scrolled", "ok,down,down,right,right,right,right,right,right", "home", "Static Bloom"},
		{"native-05-details", "ok,right,ok", "details", "Play"},
		{"native-06-back", "ok,down,down,right,right,ok,back", "home", "Night Kitchen"},
		{"native-07-back-to-the-menu", "ok,back", "home", "Home"},
		{"native-08-exit-dialog", "ok,back,back", "exit", "Cancel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(shots, tt.name+".png")
			cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", bin, "-state", t.TempDir(), "-keys", tt.keys, "-screenshot", path)
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "tenfoot: %s", out)
			assert.Contains(t, string(out), "screen="+tt.screen+` focused="`+tt.focused+`"`)

			img := readPNG(t, path)
			require.Equal(t, image.Pt(ui.CanvasWidth, ui.CanvasHeight), img.Bounds().Size())
			assert.Greater(t, distinctColours(img), 100, "the frame has real content, not a blank")

			// The same keys in the pure app say where the focused node is; the
			// frame must show the focus outline there, and not around its neighbours.
			focused, other := expectedFocus(t, tt.keys)
			assert.True(t, outlineAbove(img, focused), "focus outline above %v", focused)
			if other != nil {
				assert.False(t, outlineAbove(img, *other), "no outline above an unfocused tile %v", *other)
			}
		})
	}
}

// Keys that leave the app (Exit? → Exit) before the frame -screenshot waits for
// fail: there is no such frame. Before, tenfoot ended with status 0 and printed
// "screenshot=…" for a file it never wrote, or left one from an earlier run there.
func TestNativeExitBeforeTheScreenshotFails(t *testing.T) {
	bin, _ := underXvfb(t)
	path := filepath.Join(t.TempDir(), "never.png")
	cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", bin, "-state", t.TempDir(),
		"-keys", "ok,back,back,right,ok", "-screenshot", path)
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "%s", out)
	assert.Contains(t, string(out), "tenfoot: game: the app was left before the screenshot, after 5 of the 5 keys")
	assert.NotContains(t, string(out), "screenshot="+path)
	assert.NoFileExists(t, path)
}

// With -reduce-motion the earliest frame -screenshot takes after the last press (13
// ticks after it: keys are played 12 ticks apart, and -after 1 adds one) is the
// settled one, the row scrolled all the way. With motion the row is still easing
// there: a scroll covers a quarter of what is left each tick. A kiosk's config
// ("motion": "reduced") does what the flag does.
func TestNativeReducedMotionUnderXvfb(t *testing.T) {
	bin, shots := underXvfb(t)
	keys := "ok,down,down,right,right,right,right,right,right"
	shot := func(name string, after int, flags ...string) image.Image {
		path := filepath.Join(shots, name+".png")
		args := append([]string{"-s", "-screen 0 1920x1080x24", bin, "-state", t.TempDir(), "-keys", keys,
			"-after", strconv.Itoa(after), "-screenshot", path}, flags...)
		out, err := exec.Command("xvfb-run", append([]string{"-a"}, args...)...).CombinedOutput()
		require.NoError(t, err, "tenfoot: %s", out)
		assert.Contains(t, string(out), `focused="Static Bloom"`)
		return readPNG(t, path)
	}
	settled := shot("native-reduced-motion-settled", 30, "-reduce-motion")
	assert.Nil(t, differing(settled, shot("native-reduced-motion-soon", 1, "-reduce-motion")),
		"with reduced motion the move has landed")
	assert.NotNil(t, differing(settled, shot("native-motion-soon", 1)),
		"with motion the row is still on its way")

	// A kiosk whose config asks for reduced motion.
	config := filepath.Join(t.TempDir(), "kiosk.json")
	require.NoError(t, os.WriteFile(config, []byte(`{"motion": "reduced"}`), 0o600))
	kiosk := []string{"-kiosk", "-kiosk-config", config}
	assert.Nil(t, differing(shot("native-kiosk-reduced-motion-settled", 30, kiosk...), shot("native-kiosk-reduced-motion-soon", 1, kiosk...)),
		"a kiosk's config reduces motion")
}

// differing returns the bounds of the pixels of a and b that differ by more than
// rounding, or nil.
func differing(a, b image.Image) *image.Rectangle {
	var box *image.Rectangle
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) {
				p := image.Rect(x, y, x+1, y+1)
				if box != nil {
					p = box.Union(p)
				}
				box = &p
			}
		}
	}
	return box
}

func far(a, b uint32) bool { return max(a, b)-min(a, b) > 2<<8 }

// expectedFocus replays keys through the pure app on a fresh demo household and
// returns where the focused node ends up and an unfocused tile of the same row.
func expectedFocus(t *testing.T, keys string) (ui.Rect, *ui.Rect) {
	script, err := input.ParseScript(keys)
	require.NoError(t, err)
	store, err := session.NewDirStorage(t.TempDir())
	require.NoError(t, err)
	_, device, err := demo.Open(context.Background(), demo.Options{Storage: store, PasswordCost: 4,
		Device: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
	require.NoError(t, err)
	app := app.NewTenfoot(app.Options{Catalog: demo.Catalog, CanExit: true}, device)
	defer app.Close()
	for _, a := range script {
		app.Press(a)
		app.Settle()
	}
	for i := 0; i < 60; i++ {
		app.Update(0, input.Pointer{})
	}
	f := app.Focused()
	require.NotNil(t, f)
	var other *ui.Rect
	if row := f.Parent(); row != nil && row.Role == ui.RoleRow {
		for _, c := range row.Children {
			if r := c.ScreenRect(); c != f && r.X >= row.Rect.X && r.MaxX() < ui.CanvasWidth {
				other = &r
				break
			}
		}
	}
	return f.ScreenRect(), other
}

// outlineAbove reports whether a bright outline crosses the column at the centre of r
// just above the node as drawn when focused (grown by the theme's focus scale).
func outlineAbove(img image.Image, r ui.Rect) bool {
	grown := r.Scale(ui.Dark.FocusScale)
	x := int(grown.CenterX())
	for y := int(grown.Y) - 14; y < int(grown.Y); y++ {
		c := img.At(x, y)
		rr, gg, bb, _ := c.RGBA()
		if rr > 0xe000 && gg > 0xe000 && bb > 0xe000 {
			return true
		}
	}
	return false
}

func readPNG(t *testing.T, path string) image.Image {
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	img, err := png.Decode(f)
	require.NoError(t, err)
	return img
}

func distinctColours(img image.Image) int {
	seen := make(map[uint32]bool)
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bb, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bb>>8] = true
		}
	}
	return len(seen)
}

// TestNativeKioskUnderXvfb runs the real app as a kiosk: the countdown after idle
// time, and the welcome screen after the guest signed out and cleared the TV, whose
// state folder and output then hold nothing of the guest.
func TestNativeKioskUnderXvfb(t *testing.T) {
	bin, shots := underXvfb(t)
	tests := []struct {
		name   string
		args   []string
		screen string
		title  string
	}{
		{"kiosk-countdown", []string{"-idle-timeout", "2s", "-keys", "ok", "-after", "200"}, "kiosk-countdown", "Signing out Ana in"},
		{"kiosk-welcome", []string{"-checkout", "11:00", "-operator-pin", "2468", "-name", "Room 214",
			"-keys", "ok,red,right,ok", "-after", "60"}, "kiosk-welcome", "Welcome"}, // a profile, then the red key: Sign out and clear this TV
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state := t.TempDir()
			if tt.screen == "kiosk-welcome" {
				// What a save cut short on the last run left behind, the
				// guest's token and all (SIGTERM or a power cut mid-save).
				require.NoError(t, os.MkdirAll(filepath.Join(state, "kiosk"), 0o700))
				require.NoError(t, os.WriteFile(filepath.Join(state, "kiosk", "device.1618033988.tmp"),
					[]byte(`{"token":"cW9Bygg3HcLHDfM6qd8FJqtCmQb3VEr2dS93IEEESCU","account":{"email":"`+demo.AnaEmail+`"}}`), 0o600))
			}
			path := filepath.Join(shots, "native-"+tt.name+".png")
			args := append([]string{"-a", "-s", "-screen 0 1920x1080x24", bin, "-kiosk", "-state", state, "-screenshot", path}, tt.args...)
			out, err := exec.Command("xvfb-run", args...).CombinedOutput()
			require.NoError(t, err, "tenfoot: %s", out)
			assert.Contains(t, string(out), "screen="+tt.screen)
			img := readPNG(t, path)
			require.Equal(t, image.Pt(ui.CanvasWidth, ui.CanvasHeight), img.Bounds().Size())
			assert.Greater(t, distinctColours(img), 20, "the frame has real content, not a blank")
			if tt.screen != "kiosk-welcome" {
				return
			}
			assert.Contains(t, string(out), "the guest is signed out and this TV is cleared")
			traces := []string{demo.AnaEmail, "Ana", "Ben", "Grandpa", "a•••@example.com"}
			for _, s := range traces {
				assert.NotContains(t, string(out), s, "the output names the guest")
			}
			dir := filepath.Join(state, "kiosk")
			entries, err := os.ReadDir(dir)
			require.NoError(t, err)
			require.NotEmpty(t, entries)
			for _, e := range entries {
				data, err := os.ReadFile(filepath.Join(dir, e.Name()))
				require.NoError(t, err)
				for _, s := range append(traces, `"token"`, `"profiles"`, `"downloads"`) {
					assert.NotContains(t, string(data), s, "%s keeps a trace of the guest", e.Name())
				}
			}
		})
	}
}

// TestNativeAnnounceUnderXvfb: -announce says what a sighted person reads, one line
// a change, its last column what a screen reader says: Home's first row by name, and
// the whole sign-out dialog, whose account and what it loses. Twice, each on a new
// demo household: downloads advance with the clock, and the dialog says how many.
func TestNativeAnnounceUnderXvfb(t *testing.T) {
	bin, shots := underXvfb(t)
	for round := 1; round <= 2; round++ {
		cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", bin, "-state", t.TempDir(), "-announce",
			"-keys", "ok,left,down,ok,down,down,ok", "-screenshot", filepath.Join(shots, "native-announce.png"))
		out, err := cmd.Output()
		require.NoError(t, err, "tenfoot: %s", out)
		var said []string
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if cols := strings.Split(line, "\t"); len(cols) == 5 {
				said = append(said, cols[3])
				assert.Equal(t, "en", cols[4], "the language it speaks, for the synthesizer")
			}
		}
		assert.Equal(t, "Who's watching? Ana", said[0], "round %d", round)
		assert.Contains(t, said, "Home. Continue watching, row: Summit", "round %d", round)
		assert.Equal(t, "Sign out of Ana (a•••@example.com)? Profiles on this TV: Ana, Ben, Kids and Grandpa. "+
			"2 downloads in progress will be cancelled. 3 downloaded titles will be deleted. Cancel", said[len(said)-1], "round %d", round)
	}
}

// Each change is one line of five tab-separated columns, whatever the names in it
// hold: a profile may be named with a line or paragraph separator (U+2028, U+2029,
// which a name may hold), an error may carry a service's carriage return or a
// terminal's escape. Before, only tabs and newlines were replaced: a reader of lines
// (Python's splitlines, a terminal) got the line in pieces, or the screen cleared.
func TestAnnounceLineIsOneLine(t *testing.T) {
	var out strings.Builder
	announceLine(&out, "home", "Ana\u2028Ben", "Zoë\u2029X\u0085Y", "Something went wrong: a\rb\x1b[2J\vc\fd\te\nf", "en")
	line := out.String()
	require.True(t, strings.HasSuffix(line, "\n"))
	line = strings.TrimSuffix(line, "\n")
	assert.Equal(t, []string{"home", "Ana Ben", "Zoë X Y", "Something went wrong: a b [2J c d e f", "en"}, strings.Split(line, "\t"))
}

func TestDeviceName(t *testing.T) {
	assert.Equal(t, "kitchen-tv", deviceName("kitchen-tv"))
	assert.True(t, strings.HasPrefix(deviceName(""), "This"))
	assert.Equal(t, "This computer", deviceName(strings.Repeat("h", 64)), "a host name longer than a device name may be")
}

// underXvfb skips t unless TENFOOT_XVFB=1, and returns the app built for it and the
// folder its screenshots go to.
func underXvfb(t *testing.T) (bin, shots string) {
	t.Helper()
	if os.Getenv("TENFOOT_XVFB") != "1" {
		t.Skip("set TENFOOT_XVFB=1 to run the app under Xvfb (make test does)")
	}
	_, err := exec.LookPath("xvfb-run")
	require.NoError(t, err, "xvfb-run is missing: apt-get install xvfb xauth libgl1-mesa-dri")
	bin = buildApp(t)
	shots = os.Getenv("TENFOOT_SHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	require.NoError(t, os.MkdirAll(shots, 0o755))
	return bin, shots
}

// TestNativeSignOutInEveryLanguage draws the sign-out dialog in each language,
// reached the way a person does (in Arabic the menu is on the right), and says it
// in that language. The PNGs are the ones in docs/.
func TestNativeSignOutInEveryLanguage(t *testing.T) {
	bin, shots := underXvfb(t)
	for _, c := range []struct {
		lang, keys, title string
	}{
		{"en", "ok,left,down,ok,down,down,ok", "Sign out of Ana (a•••@example.com)?"},
		{"de", "ok,left,down,ok,down,down,ok", "Von Ana (a•••@example.com) abmelden?"},
		{"ar", "ok,right,down,ok,down,down,ok", "هل تريد تسجيل الخروج من حساب \u2068Ana\u2069 (\u2068a•••@example.com\u2069)؟"},
		{"ja", "ok,left,down,ok,down,down,ok", "Ana（a•••@example.com）からログアウトしますか？"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			shot := filepath.Join(shots, "signout-"+c.lang+".png")
			cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", bin, "-state", t.TempDir(), "-lang", c.lang,
				"-announce", "-keys", c.keys, "-screenshot", shot)
			out, err := cmd.Output()
			require.NoError(t, err, "tenfoot: %s", out)
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			last := strings.Split(lines[len(lines)-2], "\t")
			require.Len(t, last, 5, "%q", lines[len(lines)-2])
			assert.Equal(t, "signout", last[0])
			assert.Equal(t, c.lang, last[4])
			assert.True(t, strings.HasPrefix(last[3], c.title), "%q", last[3])
			f, err := os.Open(shot)
			require.NoError(t, err)
			defer f.Close()
			_, err = png.Decode(f)
			require.NoError(t, err)
		})
	}
}
