//go:build js

package wasm

import (
	"context"
	"errors"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/game"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/session"
)

// Run starts the app in the page and returns when the game stops. The device and the
// embedded account service keep their state in the page's localStorage.
func Run(version string) error {
	info := browserReport().DeviceInfo()
	cfg, err := kioskConfig()
	if err != nil {
		js.Global().Set("tenfootKioskError", err.Error()) // the loader shows it
		return err
	}
	if cfg != nil {
		info = session.DeviceInfo{Name: "Shared TV"}
		if cfg.DeviceName != "" {
			info.Name = cfg.DeviceName
		}
	}
	// Served by tenfootd, the page is a device of its households, like any TV.
	var service session.Service
	if client := session.NewClient(js.Global().Get("location").Get("origin").String()); serverAt(client) {
		service = client
	}
	device, kioskState, err := demo.OpenDevice(context.Background(), demo.HostOptions{Server: service, Kiosk: cfg != nil,
		Device: info, Storage: localStorage})
	if device == nil {
		return err
	}
	if err != nil {
		js.Global().Get("console").Call("warn", err.Error()) // set aside and started afresh
	}
	device.CheckAtStart(context.Background())
	// Another tab of the page saved the device's state, as when it signed out:
	// this one takes it up as soon as the browser says so, not at its next change.
	js.Global().Call("addEventListener", "storage", js.FuncOf(func(this js.Value, args []js.Value) any {
		go device.Reload()
		return nil
	}))
	// The network is back, or the page shown again (a TV brings the app back to the
	// front): the device reconnects and sends the sign-outs waiting now, not after
	// the wait that grew meanwhile.
	networkBack := js.FuncOf(func(this js.Value, args []js.Value) any {
		if !js.Global().Get("document").Get("hidden").Truthy() {
			go device.NetworkBack()
		}
		return nil
	})
	js.Global().Call("addEventListener", "online", networkBack)
	for _, shown := range []string{"visibilitychange", "webkitvisibilitychange"} {
		js.Global().Get("document").Call("addEventListener", shown, networkBack)
	}
	platform := currentPlatform()
	// A finger as the primary pointer lays the app out for a phone or tablet; a
	// laptop with a touch screen and a touchpad stays a TV layout, driven by its
	// touchpad and keys.
	touch := watchMedia("(pointer: coarse)")
	// The system's Reduce motion setting, which a TV's browser may carry too; a
	// kiosk's config may ask for reduced motion whatever it says.
	still := watchMedia("(prefers-reduced-motion: reduce)")
	reduced := func() bool { return still.Matches() || cfg != nil && cfg.ReducedMotion }
	opts := app.Options{Version: version, Catalog: demo.Catalog, CanExit: platform.canExit(), Language: browserLanguage(),
		ReducedMotion: reduced()}
	if cfg != nil {
		opts.Kiosk, opts.KioskState, opts.Log, opts.Zone = cfg, kioskState, consoleLog{}, browserZone
	}
	app := app.NewTenfoot(opts, device)
	if storageBlocked() {
		js.Global().Get("console").Call("warn", "tenfoot: site data is blocked; nothing is kept once the page closes")
		app.ShowNothingKept()
	}
	state := js.Global().Get("Object").New()
	state.Set("frames", 0)
	state.Set("reducedMotion", app.ReducedMotion())
	state.Set("focused", "")
	state.Set("screen", "")
	state.Set("title", "")
	state.Set("announced", "")
	state.Set("find", js.FuncOf(func(this js.Value, args []js.Value) any {
		return findOnPage(app, args[0].String())
	}))
	state.Set("shows", js.FuncOf(func(this js.Value, args []js.Value) any {
		label := args[0].String()
		toast := app.Toast()
		return labelled(app.View().Root(), label, false) != nil || toast != nil && toast.Label == label
	}))
	js.Global().Set("tenfoot", state)
	speech := newLiveRegions(js.Global().Get("document"))
	html := js.Global().Get("document").Get("documentElement")
	lang := ""

	var keys remoteKeys
	keys.listen()
	field, hist := newTextInput(app), newHistory(app)
	form := ""
	g, err := game.New(app, game.Options{
		Remote:      keys.poll,
		Touch:       touch.Matches,
		Finger:      newFinger().poll,
		BottomInset: newBottomInset().css,
		Paused:      platform.paused,
		Fonts:       fetchFonts,
		OnUpdate: func() {
			field.deliver()
			hist.sync()
			if on := reduced(); on != app.ReducedMotion() {
				app.SetReducedMotion(on)
				state.Set("reducedMotion", on)
			}
		},
		OnShow: func(screen, title, focused, spoken string) {
			state.Set("screen", screen)
			state.Set("title", title)
			state.Set("focused", focused)
			if l := app.Env().Lang().Tag(); l != lang {
				// A screen reader speaks the live region in the app's language, and
				// the loader, shown again while a language's font is fetched, says
				// its words in it and in its direction.
				lang = l
				state.Set("lang", l)
				html.Set("lang", l)
				html.Set("dir", pageDir(app.Env().Lang()))
				speech.setLang(l)
			}
			if spoken != "" {
				speech.say(spoken)
				state.Set("announced", spoken)
			}
		},
		OnFrame: func(frames int) {
			state.Set("frames", frames)
			if f := app.Env().Form.String(); f != form {
				form = f
				state.Set("form", f)
			}
			field.follow()
		},
	})
	if err != nil {
		return err
	}
	return game.Run(g, false)
}

// liveRegions are the page's two ARIA live regions, #announcer and #announcer-2,
// which say in turn what a screen reader should say. A screen reader speaks a live
// region when its text changes: the same words set again into one region are no
// change, and a password refused a second time, or any words said twice in a row,
// went unheard. Each message goes into the region that did not say the last one,
// and that one is emptied, which a screen reader does not speak.
type liveRegions struct {
	regions []js.Value
	last    int // the region that said the last message
}

func newLiveRegions(doc js.Value) *liveRegions {
	var l liveRegions
	for _, id := range []string{"announcer", "announcer-2"} {
		if r := doc.Call("getElementById", id); r.Truthy() {
			l.regions = append(l.regions, r)
		}
	}
	return &l
}

// say writes words into the region that did not say the last ones, and empties
// the other.
func (l *liveRegions) say(words string) {
	if len(l.regions) == 0 {
		return
	}
	next := (l.last + 1) % len(l.regions)
	l.regions[l.last].Set("textContent", "")
	l.regions[next].Set("textContent", words)
	l.last = next
}

// setLang makes the regions speak the language tagged l.
func (l *liveRegions) setLang(lang string) {
	for _, r := range l.regions {
		r.Set("lang", lang)
	}
}

// pageDir is the page's direction for a language: "rtl" for Arabic.
func pageDir(l i18n.Lang) string {
	if l.RTL() {
		return "rtl"
	}
	return "ltr"
}

// browserReport reads what the browser says about itself: its user agent, and its
// brands and platform where it has navigator.userAgentData.
func browserReport() BrowserReport {
	nav := js.Global().Get("navigator")
	r := BrowserReport{UserAgent: nav.Get("userAgent").String()}
	if data := nav.Get("userAgentData"); data.Truthy() {
		r.Platform = data.Get("platform").String()
		brands := data.Get("brands")
		for i := range brands.Length() {
			r.Brands = append(r.Brands, brands.Index(i).Get("brand").String())
		}
	}
	return r
}

// kioskConfig returns the kiosk config the loader fetched, when the page was opened
// with ?kiosk, or nil. The page's own origin is its account service, so the file may
// not name another; fetched from that server, where anyone can fetch it, it may not
// hold the staff PIN either (kiosk.Config.CheckForBrowser).
func kioskConfig() (*kiosk.Config, error) {
	v := js.Global().Get("tenfootKioskConfig")
	if v.Type() != js.TypeString {
		return nil, nil
	}
	c, err := kiosk.Parse([]byte(v.String()))
	if err == nil {
		err = c.CheckForBrowser(js.Global().Get("location").Get("protocol").String() != "file:")
	}
	var ce *kiosk.ConfigError
	if errors.As(err, &ce) {
		ce.Source = "kiosk.json"
	}
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// localStorage keeps each part of the state (demo.HostOptions.Storage) under a
// prefix of its own: "tenfoot." for the demo device, "tenfoot.server." and so on
// for the others.
func localStorage(part string) (session.Storage, error) {
	if storageBlocked() {
		if kept[part] == nil {
			kept[part] = &session.MemStorage{}
		}
		return kept[part], nil
	}
	if part == "" {
		return session.LocalStorage{Prefix: "tenfoot."}, nil
	}
	return session.LocalStorage{Prefix: "tenfoot." + part + "."}, nil
}

// kept holds the state in memory, by part, when the browser keeps no data for the
// site.
var kept = map[string]*session.MemStorage{}

// storageBlocked reports whether the browser refuses the page localStorage, as a
// kiosk's policy or a privacy setting that blocks site data does; the loader found
// out, since reading it then throws.
func storageBlocked() bool { return js.Global().Get("tenfootNoStorage").Truthy() }

// consoleLog writes the kiosk's log lines to the browser's console.
type consoleLog struct{}

func (consoleLog) Write(p []byte) (int, error) {
	js.Global().Get("console").Call("info", strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// serverAt reports whether a tenfootd answers for client; the page is then one of
// its devices, and otherwise runs on the embedded demo. The loader asked already,
// while the app downloaded (tenfootEngine.served), so the answer is usually here
// when the app starts; without its question (a page loaded another way) the app
// asks itself. A page with no tenfootd behind it hears so at once (404, or no
// fetch from file:), so the wait is long: a slow TV still starting the app took
// more than 2 s to hear its answer, and ran the demo household instead of its
// service's.
func serverAt(client *session.Client) bool {
	const wait = 15 * time.Second
	asked := js.Global().Get("tenfootEngine")
	if asked.Truthy() {
		asked = asked.Get("served")
	}
	if asked.Type() != js.TypeObject || asked.Get("then").Type() != js.TypeFunction {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		return client.Reachable(ctx)
	}
	answer := make(chan bool, 1)
	heard := js.FuncOf(func(this js.Value, args []js.Value) any {
		answer <- len(args) > 0 && args[0].Equal(js.ValueOf(true))
		return nil
	})
	asked.Call("then", heard)
	select {
	case ok := <-answer:
		heard.Release()
		return ok
	case <-time.After(wait):
		return false // heard is kept: the answer may still come, and must find it
	}
}

// remoteKeys tracks TV remote keys that are down, and the order they went down in:
// two presses of Back within one slow frame are two steps back. A key pressed and
// released between two ticks still counts as held for one tick.
type remoteKeys struct {
	mu      sync.Mutex // the listeners and the tick run on one thread, but Go may yield between them
	down    input.HeldSet
	tapped  input.HeldSet // pressed since the last poll
	pressed []input.Action
	out     []input.Action
	funcs   []js.Func
}

// maxRemotePresses bounds the presses kept between two ticks; the Sequencer takes
// fewer.
const maxRemotePresses = 16

func (k *remoteKeys) listen() {
	handle := func(pressed bool) js.Func {
		return js.FuncOf(func(this js.Value, args []js.Value) any {
			ev := args[0]
			a := input.RemoteKeyAction(ev.Get("keyCode").Int())
			if a == input.ActionNone {
				return nil
			}
			ev.Call("preventDefault") // Back must not leave the page
			k.mu.Lock()
			defer k.mu.Unlock()
			switch {
			case !pressed:
				k.down &^= input.HeldSet(0).Add(a)
			case k.down.Has(a) || ev.Get("repeat").Bool():
				// Held on: some remotes send a held key's keydown again without
				// marking it a repeat; the app makes the repeats.
			default:
				k.down = k.down.Add(a)
				k.tapped = k.tapped.Add(a)
				if len(k.pressed) < maxRemotePresses {
					k.pressed = append(k.pressed, a)
				}
			}
			return nil
		})
	}
	blur := js.FuncOf(func(this js.Value, args []js.Value) any {
		k.mu.Lock()
		k.down = 0 // a key released while the page had no focus never says so
		k.mu.Unlock()
		return nil
	})
	k.funcs = []js.Func{handle(true), handle(false), blur}
	win := js.Global().Get("window")
	win.Call("addEventListener", "keydown", k.funcs[0])
	win.Call("addEventListener", "keyup", k.funcs[1])
	win.Call("addEventListener", "blur", k.funcs[2])
}

// poll returns the remote actions held during this tick, and those pressed since
// the last poll, oldest first, in a slice the next poll reuses.
func (k *remoteKeys) poll() (input.HeldSet, []input.Action) {
	k.mu.Lock()
	defer k.mu.Unlock()
	held := k.down | k.tapped
	k.tapped = 0
	k.out = append(k.out[:0], k.pressed...)
	k.pressed = k.pressed[:0]
	return held, k.out
}
