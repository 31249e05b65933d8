package game

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"sync/atomic"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/text/language"

	"tenfoot/app"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/input/ebitensrc"
	"tenfoot/ui"
)

// Options configure the host.
type Options struct {
	// Script is played after start, one action every ScriptInterval ticks, for tests
	// and documentation screenshots.
	Script []input.Action
	// Screenshot, if set, is where the frame drawn SettleTicks after the last scripted
	// action is written as PNG; the game then exits. An app left before then
	// (Exit) is an error.
	Screenshot  string
	SettleTicks int
	// Remote returns actions held on devices Ebitengine cannot see, such as a TV
	// remote's Back key in a browser, and those pressed on them since it was last
	// called, oldest first. It may be nil.
	Remote func() (input.HeldSet, []input.Action)
	// OnShow is called from Update whenever the screen, its title or the focused
	// label changes, or there is something new to say, with their new values and
	// what a screen reader should say now (App.Announce); the hosts speak it.
	OnShow func(screen, title, focused, spoken string)
	// OnFrame is called after each frame, with the number of frames so far; a
	// frame that would look as the last one did is not drawn again, but counts.
	OnFrame func(frames int)
	// OnUpdate is called at the start of each tick, on the game's thread, for the
	// host to hand the app what arrived between ticks, such as typed text.
	OnUpdate func()
	// Kiosk keeps the app on screen: closing the window does nothing, and Run
	// fills the screen.
	Kiosk bool
	// Touch reports whether the screen is a touch screen; with it, the app is laid
	// out for a phone or a tablet by the window's shape. Nil means no touch.
	Touch func() bool
	// Finger, if set, says where the first finger is, in the window's pixels, in
	// place of Ebitengine's touches: a browser sees a tap that begins and ends
	// between two ticks, which polling would miss.
	Finger func() input.Finger
	// BottomInset, if set, says how much of the bottom of the window the device
	// covers, such as an iPhone's home indicator, in CSS pixels; touch layouts keep
	// their buttons above it. It is called every tick, so it must be cheap.
	BottomInset func() float64
	// Form, if set, lays the app out for that form whatever the screen, as for
	// screenshots of the phone layout; the window is then a phone's or tablet's.
	Form ui.Form
	// Paused, if set, says the platform has put the app in the background, as a TV
	// does when another app or input takes the screen: while it reports true, no
	// tick runs and what the remote pressed meanwhile is dropped. It is called every
	// tick, so it must be cheap.
	Paused func() bool
	// Fonts finds the font of a language the Go fonts cannot write (Arabic,
	// Japanese) when the app first speaks it, or first shows letters of it, such
	// as a profile named in Arabic on an English screen: read from the system
	// natively, fetched in a browser. Until it arrives the app draws what it can;
	// a font that came with an error is asked for again (fontRetry), and the
	// person is told. Nil draws only what the Go fonts and the embedded fonts
	// have.
	Fonts FontLoader
}

// FontFiles are a language's own font: TrueType, OpenType or a collection (whose
// face for the language is taken), regular and bold. Bold nil draws bold text in
// the regular weight. Err says why there is none.
type FontFiles struct {
	Regular, Bold []byte
	Err           error
}

// FontLoader starts finding the font of l and returns where it will arrive, once,
// or nil when there is none to be had. It is called on the game's thread, only for
// a language that needs a font, and again after a font that came with an error.
type FontLoader func(l i18n.Lang) <-chan FontFiles

// needsFont reports whether l is written in a script the Go fonts lack, and so
// needs a font of its own.
func needsFont(l i18n.Lang) bool { return fontTags[l] != (language.Tag{}) }

// fontTags are the languages whose fonts the game loads, as go-text tags them.
var fontTags = map[i18n.Lang]language.Tag{i18n.Arabic: language.Arabic, i18n.Japanese: language.Japanese}

// The window of a forced phone or tablet layout, in pixels.
var formWindow = map[ui.Form][2]int{ui.FormPhone: {390, 844}, ui.FormTablet: {1180, 820}}

// Timing of scripted input, in ticks.
const (
	// ScriptStart lets the first frames draw before the first scripted press.
	ScriptStart = 30
	// ScriptInterval is the gap between scripted presses: slower than key repeat, as
	// a person would press.
	ScriptInterval = 12
	// DefaultSettleTicks lets animations finish before a screenshot.
	DefaultSettleTicks = 30
)

// Game is the ebiten.Game that runs an App.
type Game struct {
	app  *app.App
	opts Options
	src  ebitensrc.Source
	r    *renderer
	// seq shows keys pressed within one tick, on the keyboard or a remote, one tick
	// after another in the order they were pressed; pressed gathers them.
	seq     input.Sequencer
	pressed []input.Action

	tick   int
	frames int
	// outside is the window's size as Layout last saw it, canvas what the app is
	// laid out on and screen what Layout gave Ebitengine to draw on; Layout and
	// Update may run on different threads.
	outside    atomic.Uint64
	canvas     atomic.Uint64
	screen     atomic.Uint64
	lastScreen uint64 // screen as the last tick saw it
	revision   uint64
	shownKey   string
	shotAtTick int
	shotErr    error
	done       bool
	// fonts is how far each language's own font has got, in fontTags' languages.
	fonts []fontState
}

// fontState is how far the game has got with the font of one language.
type fontState struct {
	lang   i18n.Lang
	loaded bool
	none   bool             // the loader has none: it is not asked again
	coming <-chan FontFiles // asked for, not here yet
	// failed counts the fetches in a row that came with an error since the font
	// was last needed anew; retryAt is the tick from which it is asked again.
	failed  int
	retryAt int
}

// fontRetry is how long the game waits, in ticks, before asking again for a font
// still needed whose fetch failed: twice as long after each failure, up to
// fontRetryMax. A font needed anew, as when the person comes back to a screen in
// its letters, is asked for again at once.
const (
	fontRetry    = 5 * 60
	fontRetryMax = 60 * 60
)

// New returns a Game running app.
func New(app *app.App, opts Options) (*Game, error) {
	r, err := newRenderer(ui.Dark)
	if err != nil {
		return nil, err
	}
	if opts.SettleTicks <= 0 {
		opts.SettleTicks = DefaultSettleTicks
	}
	g := &Game{app: app, opts: opts, r: r, shotAtTick: -1}
	for _, l := range i18n.Langs {
		if needsFont(l) {
			g.fonts = append(g.fonts, fontState{lang: l})
		}
	}
	g.loadFonts() // the language's font, before anything is laid out without it
	app.SetTextLines(r.lines)
	g.canvas.Store(pack(ui.CanvasWidth, ui.CanvasHeight))
	if opts.Screenshot != "" {
		g.shotAtTick = ScriptStart + len(opts.Script)*ScriptInterval + opts.SettleTicks
	}
	g.r.rebuild(app)
	if g.loadFonts() { // names in the letters of another language, found by laying out
		g.r.rebuild(app)
	}
	g.revision = app.Revision()
	g.notifyShow() // announce the first screen, not only later changes
	return g, nil
}

// Update implements ebiten.Game: it runs one tick of the app.
func (g *Game) Update() error {
	if g.done {
		if g.shotErr != nil {
			return g.shotErr
		}
		return ebiten.Termination
	}
	if g.opts.Paused != nil && g.opts.Paused() {
		if g.opts.Remote != nil {
			g.opts.Remote() // presses seen in the background are not for the app
		}
		g.src.Discard()
		g.seq.Reset()
		return nil
	}
	g.tick++
	g.fitViewport()
	if g.opts.OnUpdate != nil {
		g.opts.OnUpdate()
	}
	g.src.Typing = g.app.TakesTyping()
	held, pressed, pointer := g.src.Poll()
	g.pressed = append(g.pressed[:0], pressed...)
	if g.opts.Remote != nil {
		remote, pressed := g.opts.Remote()
		held |= remote
		g.pressed = append(g.pressed, pressed...)
	}
	held = g.seq.Update(held, g.pressed)
	pointer = g.fromScreen(pointer)
	if g.opts.Finger != nil {
		pointer.Finger = g.toCanvas(g.opts.Finger())
	}
	if i := g.tick - ScriptStart; i >= 0 && i%ScriptInterval == 0 && i/ScriptInterval < len(g.opts.Script) {
		g.app.Press(g.opts.Script[i/ScriptInterval])
	}
	if g.src.Typing {
		g.app.TypeKeys(g.src.Typed())
	}
	g.app.Update(held, pointer)
	if g.app.Exited() {
		if g.shotAtTick >= 0 && !g.done {
			// The frame to write will never be drawn: say so, rather than end
			// as if it had been written, or leave an older file there to be
			// taken for it.
			return fmt.Errorf("game: the app was left before the screenshot, after %d of the %d keys", g.played(), len(g.opts.Script))
		}
		return ebiten.Termination
	}
	g.show()
	return nil
}

// played returns how many of the scripted actions have been pressed.
func (g *Game) played() int {
	if g.tick < ScriptStart {
		return 0
	}
	return min(len(g.opts.Script), (g.tick-ScriptStart)/ScriptInterval+1)
}

// show makes the draw list again when what the app shows changed or a font
// arrived, and asks for the fonts it needs.
func (g *Game) show() {
	fonts := g.loadFonts()
	if rev := g.app.Revision(); rev != g.revision || fonts {
		g.revision = rev
		g.r.rebuild(g.app)
		g.notifyShow()
	}
}

// loadFonts asks for the fonts that what is shown needs and no loaded font has: the
// font of the language the app speaks, and of letters the last draw list has no
// glyphs for, such as a name in Arabic on an English screen (renderer.lacks). It
// takes the fonts that have arrived, and reports whether one did, so that what is
// shown is laid out again in it. It runs every tick and costs a few comparisons:
// what is needed was found when the draw list was made.
func (g *Game) loadFonts() bool {
	need := g.r.lacks
	if l := g.app.Env().Lang(); needsFont(l) {
		need.add(l)
	}
	arrived := false
	for i := range g.fonts {
		f := &g.fonts[i]
		switch {
		case f.loaded || f.none || f.coming != nil || g.opts.Fonts == nil:
		case !need.has(f.lang):
			f.failed, f.retryAt = 0, 0 // needed anew, it is asked for at once
		case g.tick >= f.retryAt:
			f.coming = g.opts.Fonts(f.lang)
			f.none = f.coming == nil
		}
		if f.coming == nil {
			continue
		}
		select {
		case files := <-f.coming: // at once, natively: read before anything is drawn
			f.coming = nil
			g.takeFont(f, files)
			arrived = true
		default:
		}
	}
	return arrived
}

// takeFont adds the font that arrived for f or, when it came with an error, waits
// to ask again and tells the person: the first failure since the font was needed
// anew shows a toast, the retries after it do not.
func (g *Game) takeFont(f *fontState, files FontFiles) {
	err := g.addFont(f.lang, files)
	if err == nil {
		f.loaded = true
		return
	}
	fmt.Fprintln(os.Stderr, "tenfoot:", err) // the app goes on without it
	f.failed++
	f.retryAt = g.tick + min(fontRetry<<min(f.failed-1, 8), fontRetryMax)
	if f.failed == 1 {
		g.app.ShowFontFailed()
	}
}

func (g *Game) addFont(l i18n.Lang, f FontFiles) error {
	if f.Err != nil {
		return fmt.Errorf("font for %s: %w", l.Name(), f.Err)
	}
	name := map[i18n.Lang]string{i18n.Arabic: "Arabic", i18n.Japanese: "Japanese"}[l]
	return g.r.type_.addFont(name, [2][]byte{f.Regular, f.Bold}, fontTags[l])
}

// notifyShow tells OnShow about a new screen or focused label.
func (g *Game) notifyShow() {
	if g.opts.OnShow == nil {
		return
	}
	screen, title, label := g.app.Screen().Name(), g.app.Title(), ""
	if f := g.app.Focused(); f != nil {
		label = f.Label
	}
	spoken := g.app.Announce()
	if key := screen + "\x00" + title + "\x00" + label; key != g.shownKey || spoken != "" {
		g.shownKey = key
		g.opts.OnShow(screen, title, label, spoken)
	}
}

// Draw implements ebiten.Game.
func (g *Game) Draw(screen *ebiten.Image) {
	g.r.draw(screen, g.tick)
	g.frames++
	if g.opts.OnFrame != nil {
		g.opts.OnFrame(g.frames)
	}
	if g.shotAtTick >= 0 && g.tick >= g.shotAtTick && !g.done {
		g.shotErr = writePNG(screen, g.opts.Screenshot)
		g.done = true
	}
}

// Layout implements ebiten.Game. On a TV the canvas is always 1920×1080; on a phone or
// tablet it is the window at ui.UnitsPerCSSPixel. The window is drawn on at its own
// pixels, the renderer fitting the canvas to it, text in faces of the screen's size:
// a 1280×720 browser draws no more pixels than it shows (every pixel drawn costs,
// most of all where the browser composites in software, as TVs' do), and a larger
// one, such as a 4K screen at 150 % or a window a pixel wider than the canvas at a
// device scale of 1.5, is not drawn at the canvas's size and scaled up, which
// blurred its text. Its pixels are the window's size times the device scale,
// rounded down as Ebitengine sizes the browser's drawing buffer. Screenshots are
// drawn at the canvas's size.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	g.outside.Store(pack(outsideWidth, outsideHeight))
	w, h := unpack(g.canvas.Load())
	if g.opts.Screenshot == "" {
		scale := ebiten.Monitor().DeviceScaleFactor()
		if pw, ph := int(float64(outsideWidth)*scale), int(float64(outsideHeight)*scale); pw > 0 && ph > 0 {
			w, h = pw, ph
		}
	}
	g.screen.Store(pack(w, h))
	return w, h
}

// fromScreen maps what Ebitengine read of the mouse and touch screen from screen
// pixels to canvas pixels, where the screen is not the canvas (Layout).
func (g *Game) fromScreen(p input.Pointer) input.Pointer {
	sw, sh := unpack(g.screen.Load())
	cw, ch := unpack(g.canvas.Load())
	if sw <= 0 || sh <= 0 || sw == cw && sh == ch {
		return p
	}
	scale := min(float64(sw)/float64(cw), float64(sh)/float64(ch))
	ox, oy := math.Round((float64(sw)-float64(cw)*scale)/2), math.Round((float64(sh)-float64(ch)*scale)/2)
	p.X, p.Y = (p.X-ox)/scale, (p.Y-oy)/scale
	if p.Finger.Down {
		p.Finger.X, p.Finger.Y = (p.Finger.X-ox)/scale, (p.Finger.Y-oy)/scale
	}
	return p
}

// fitViewport lays the app out for the window, when its size or the form changed.
func (g *Game) fitViewport() {
	w, h := unpack(g.outside.Load())
	touch := g.opts.Touch != nil && g.opts.Touch()
	form := ui.ChooseForm(float64(w), float64(h), touch)
	if g.opts.Form != ui.FormTV {
		form = g.opts.Form
	}
	g.app.SetViewport(form, ui.CanvasFor(form, float64(w), float64(h)))
	if g.opts.BottomInset != nil {
		g.app.SetBottomInset(g.opts.BottomInset())
	}
	c := g.app.Canvas()
	screen := g.screen.Load()
	if old := g.canvas.Swap(pack(int(c.W), int(c.H))); old != g.canvas.Load() || screen != g.lastScreen {
		g.src.Rebase() // the pointer's canvas position moved under a still mouse
	}
	g.lastScreen = screen
}

// toCanvas maps a finger from window pixels to canvas pixels, as Ebitengine maps the
// cursor: the canvas is scaled to fit the window and centred.
func (g *Game) toCanvas(f input.Finger) input.Finger {
	ow, oh := unpack(g.outside.Load())
	cw, ch := unpack(g.canvas.Load())
	if ow <= 0 || oh <= 0 {
		return input.Finger{}
	}
	scale := min(float64(ow)/float64(cw), float64(oh)/float64(ch))
	f.X = (f.X - (float64(ow)-float64(cw)*scale)/2) / scale
	f.Y = (f.Y - (float64(oh)-float64(ch)*scale)/2) / scale
	return f
}

func pack(w, h int) uint64 { return uint64(uint32(w))<<32 | uint64(uint32(h)) }

func unpack(v uint64) (w, h int) { return int(int32(v >> 32)), int(int32(v)) }

// writePNG writes what screen shows to path.
func writePNG(screen *ebiten.Image, path string) error {
	b := screen.Bounds()
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	// Pixels come premultiplied; the screen is opaque, so they are plain RGBA.
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("game: encode screenshot: %w", err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("game: write screenshot: %w", err)
	}
	return nil
}

// Run opens the window (or full screen) and runs g until the user exits.
func Run(g *Game, fullscreen bool) error {
	if g.opts.Kiosk {
		// A kiosk has no way out: the window manager's close button is ignored.
		ebiten.SetWindowClosingHandled(true)
		fullscreen = true
	}
	ebiten.SetWindowTitle("tenfoot")
	ebiten.SetWindowSize(1280, 720)
	if size, ok := formWindow[g.opts.Form]; ok {
		ebiten.SetWindowSize(size[0], size[1])
	}
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	// Draw paints the whole screen when it paints, and leaves it as it is when
	// nothing changed: Ebitengine then skips presenting it too.
	ebiten.SetScreenClearedEveryFrame(false)
	ebiten.SetFullscreen(fullscreen)
	err := ebiten.RunGame(g)
	if errors.Is(err, ebiten.Termination) {
		return nil
	}
	return err
}
