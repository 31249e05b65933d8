package game

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/ui"
)

// inLoop, set to 1, runs the tests inside Ebitengine's game loop: reading back what
// was drawn needs the GPU, which only the loop's thread may use.
const inLoop = "TENFOOT_GAME_LOOP"

func TestMain(m *testing.M) {
	if os.Getenv(inLoop) != "1" {
		os.Exit(m.Run())
	}
	loop := &testLoop{m: m, code: 1}
	ebiten.SetWindowSize(320, 180)
	if err := ebiten.RunGame(loop); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(loop.code)
}

// testLoop runs the tests in its first tick, then ends.
type testLoop struct {
	m    *testing.M
	code int
}

func (l *testLoop) Update() error {
	l.code = l.m.Run()
	return ebiten.Termination
}

func (*testLoop) Draw(*ebiten.Image) {}

func (*testLoop) Layout(int, int) (int, int) { return 320, 180 }

// inXvfb runs the test t again in a process of its own, under Xvfb and in the game
// loop, and reports whether the caller is that process; make test sets TENFOOT_XVFB.
func inXvfb(t *testing.T) bool {
	if os.Getenv(inLoop) == "1" {
		return true
	}
	if os.Getenv("TENFOOT_XVFB") != "1" {
		t.Skip("set TENFOOT_XVFB=1 to draw under Xvfb (make test does)")
	}
	_, err := exec.LookPath("xvfb-run")
	require.NoError(t, err, "xvfb-run is missing: apt-get install xvfb xauth libgl1-mesa-dri")
	cmd := exec.Command("xvfb-run", "-a", "-s", "-screen 0 1280x720x24", os.Args[0], "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), inLoop+"=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), "--- PASS: "+t.Name(), "%s", out)
	return false
}

// Drawing only the damage leaves the screen as drawing it whole would, pixel for
// pixel, every frame: through focus moves along and across rows, a row scrolling,
// the menu, a dialog fading in and out, and a change of language to one written
// right to left; on a screen of the canvas's size, and on a 1280×720 one that the
// canvas is fitted to.
func TestNativeDamageDrawsWhatAWholeFrameWould(t *testing.T) {
	if !inXvfb(t) {
		return
	}
	for _, size := range []image.Point{{ui.CanvasWidth, ui.CanvasHeight}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size.X, size.Y), func(t *testing.T) { damageMatchesWholeFrames(t, size) })
	}
}

func damageMatchesWholeFrames(t *testing.T, size image.Point) {
	app := homeApp(t)
	r, err := newRenderer(ui.Dark)
	require.NoError(t, err)
	screen := ebiten.NewImage(size.X, size.Y)
	reference := ebiten.NewImage(size.X, size.Y)
	got := make([]byte, 4*size.X*size.Y)
	want := make([]byte, len(got))
	revision := ^uint64(0)
	tick, drawn, partial := 0, 0, 0
	// frame runs one tick as Game does, draws the damage on screen and the whole
	// frame on reference, with the same art and glyphs, and compares them.
	frame := func(what string) {
		tick++
		app.Update(0, input.Pointer{})
		if rev := app.Revision(); rev != revision {
			revision = rev
			r.rebuild(app)
		}
		if !r.draw(screen, tick) {
			return
		}
		drawn++
		if r.drawn != screen.Bounds() {
			partial++
		}
		r.paint(reference, reference.Bounds())
		screen.ReadPixels(got)
		reference.ReadPixels(want)
		if bad := differing(got, want, size.X); !bad.Empty() {
			dir := os.Getenv("TENFOOT_SHOTS")
			if dir == "" {
				dir = t.TempDir()
			}
			writeShot(t, filepath.Join(dir, "damage-drawn.png"), got, size)
			writeShot(t, filepath.Join(dir, "damage-whole.png"), want, size)
			t.Fatalf("tick %d (%s): the damaged frame differs from the whole one in %v; both are in %s", tick, what, bad, dir)
		}
	}
	press := func(a input.Action) {
		app.Press(a)
		for i := 0; i < 2*ui.FocusTicks+30; i++ {
			frame(a.String())
		}
	}
	for range 8 {
		frame("start")
	}
	for _, a := range []input.Action{input.ActionRight, input.ActionRight, input.ActionLeft, input.ActionDown, input.ActionRight,
		input.ActionRight, input.ActionRight, input.ActionRight, input.ActionRight, input.ActionDown, input.ActionUp, input.ActionUp,
		input.ActionUp, input.ActionLeft, input.ActionDown, input.ActionDown, input.ActionOK, input.ActionBack, input.ActionBack, input.ActionRight} {
		press(a)
	}
	app.Env().Language = i18n.Arabic
	for range 30 {
		frame("arabic")
	}
	for _, a := range []input.Action{input.ActionLeft, input.ActionLeft, input.ActionRight, input.ActionDown} {
		press(a)
	}
	t.Logf("%d frames drawn over %d ticks, %d of them in part", drawn, tick, partial)
	if dir := os.Getenv("TENFOOT_SHOTS"); dir != "" {
		writeShot(t, filepath.Join(dir, fmt.Sprintf("damage-%dx%d.png", size.X, size.Y)), got, size)
	}
}

// differing returns the bounds of the pixels that differ between two RGBA frames
// by more than rounding: the GPU may filter a source a least step apart when
// Ebitengine has moved it within its atlas between two draws, and what a stale or
// missed part of the screen leaves differs by far more.
func differing(a, b []byte, width int) image.Rectangle {
	var r image.Rectangle
	for i := 0; i < len(a); i++ {
		if d := int(a[i]) - int(b[i]); d < -2 || d > 2 {
			p := i / 4
			x, y := p%width, p/width
			r = r.Union(image.Rect(x, y, x+1, y+1))
		}
	}
	return r
}

func writeShot(t *testing.T, path string, pix []byte, size image.Point) {
	img := &image.RGBA{Pix: pix, Stride: 4 * size.X, Rect: image.Rect(0, 0, size.X, size.Y)}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}
