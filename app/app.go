package app

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"tenfoot/catalog"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/screens"
	"tenfoot/session"
	"tenfoot/ui"
)

// Options configure an App for where it runs.
type Options struct {
	// CanExit allows leaving the app: Back on the first screen asks "Exit tenfoot?".
	// It is off in browsers, which have no app to leave, and in kiosks.
	CanExit bool
	// Version is shown in Settings.
	Version string
	// Catalog is the library of titles the screens show; the hosts give them the
	// demo's.
	Catalog catalog.Catalog
	// Kiosk, if set, makes the app a kiosk for a TV that guests share: no way out,
	// idle and checkout sign-outs with a countdown, "Sign out and clear this TV" on
	// Home, a welcome screen after every sign-out, and settings behind the
	// operator's PIN. CanExit is then ignored.
	Kiosk *kiosk.Config
	// KioskState keeps the kiosk's two moments (when the guest signed in, when they
	// last did something) across restarts; nil keeps them in memory only.
	KioskState session.Storage
	// Clock tells the time of the kiosk's sign-outs, and of the screens' countdowns
	// and polls; nil is the system clock.
	Clock session.Clock
	// Zone, if set, returns the time zone the TV is in now, which a kiosk's daily
	// checkout is in (kiosk.Guard.FollowZone); nil is the zone of Clock's times.
	Zone func() *time.Location
	// Log receives a line for each kiosk event, such as an idle sign-out. It never
	// names the guest. Nil discards them.
	Log io.Writer
	// TextLines says how many lines a label takes, wrapped to a width, in the
	// host's font; touch layouts use it to make room. Nil estimates.
	TextLines func(label string, style ui.TextStyle, width float64, bold bool) int
	// Language is the device's language, which a profile that chose none follows:
	// from -lang or ?lang=, else the browser's or the system's languages. A kiosk
	// starts every guest in its config's language instead.
	Language i18n.Lang
	// ReducedMotion makes focus, dialogs and scrolling land at once instead of
	// easing there: from the system's Reduce motion setting (the browser's
	// prefers-reduced-motion) or -reduce-motion. SetReducedMotion changes it.
	ReducedMotion bool
}

// ticksPerSecond is how many ticks App runs a second.
const ticksPerSecond = screens.TicksPerSecond

// Timing of background work, in ticks.
const (
	// downloadEvery is how often downloads in progress advance and are saved.
	downloadEvery = 2 * ticksPerSecond
	// downloadBytes is how much each advances then: a modest 8 MB/s connection.
	downloadBytes = 16 << 20
)

// App is the whole app without a display: a stack of screens, each with its own
// focus and scroll state, driven one tick at a time, over the device's session.
type App struct {
	opts     Options
	env      *screens.Env
	stack    []*entry
	repeater input.Repeater
	presses  []input.Action
	exited   bool
	// memories keep each screen's focus while it is off the stack, so a screen
	// pushed again comes back as it was left; a Reset forgets them all.
	memories map[string]*ui.Memory
	wheel    float64 // wheel movement not yet turned into moves
	gestures input.Gestures
	// fingered is set while the last input was a finger: a touch screen shows no
	// focus ring then, as the web's :focus-visible, until a key is pressed.
	fingered  bool
	toast     *ui.Node
	toastLeft int         // ticks until the toast goes
	toastNext []string    // what to say once it has gone (addToast)
	flushing  atomic.Bool // the outbox is being sent

	ctx        context.Context
	cancel     context.CancelFunc
	results    chan taskResult
	pending    int
	early      []taskResult // finished within the tick they started in (deliver)
	deviceRev  uint64
	profileRev uint64    // deviceRev when the screens last followed the profile
	account    uuid.UUID // the account signed in when the app saw it sign in
	signedIn   bool
	// unsavedSaid is the last spell of changes the device's storage refused to
	// keep that the app said (sayUnsaved).
	unsavedSaid uint64
	stopListen  context.CancelFunc
	listening   sync.WaitGroup
	ticks       int
	// lastHeld is what was held last tick: a key newly held is input, a key
	// stuck down is not.
	lastHeld input.HeldSet
	kiosk    *kioskWatch // nil unless the app is a kiosk
	routes   screens.Routes
	// bottomInset is how much of the bottom of a touch screen the device covers,
	// in canvas pixels; see SetBottomInset.
	bottomInset float64

	// revision counts changes to what is shown, so a host redraws and re-announces
	// only when it moves.
	revision uint64
	// announcer and toastSaid remember what a screen reader was last told.
	announcer ui.Announcer
	toastSaid string
}

type entry struct {
	screen screens.Screen
	view   ui.View
}

// taskResult is work done in the background, with what finishes it on the UI tick
// and the screen it finishes for; to is nil for the app's own work that finishes
// nothing on screen.
type taskResult struct {
	to      *entry
	finish  func() screens.Command
	started int // the tick the work started in
}

// New returns an App over device showing the screens of routes.
func New(opts Options, device *session.Device, routes screens.Routes) *App {
	if opts.Clock == nil {
		opts.Clock = session.SystemClock{}
	}
	if opts.Kiosk != nil {
		opts.CanExit = false // a kiosk has no way out
	}
	ctx, cancel := context.WithCancel(context.Background())
	a := &App{
		opts: opts,
		env: &screens.Env{Device: device, Catalog: opts.Catalog, Version: opts.Version, Kiosk: opts.Kiosk,
			Clock: opts.Clock, Canvas: ui.Canvas, Language: opts.Language},
		presses:  make([]input.Action, 0, 16),
		memories: make(map[string]*ui.Memory),
		ctx:      ctx,
		cancel:   cancel,
		results:  make(chan taskResult, 16),
		routes:   routes,
	}
	if opts.Kiosk != nil {
		a.kiosk = newKioskWatch(a, *opts.Kiosk)
		a.env.Guard = a.kiosk.guard
		if opts.Zone != nil {
			a.kiosk.guard.FollowZone(opts.Zone)
		}
	}
	a.env.Start()
	a.push(routes.Start(a.env))
	a.watchDevice()
	a.sayUnsaved() // a device that started on storage that refuses to save
	a.kioskTick()  // a guest whose time ran out while the TV was off goes first
	return a
}

// NewTenfoot returns the tenfoot app: Who's watching when an account is signed in on
// the device, the sign-in screen otherwise.
func NewTenfoot(opts Options, device *session.Device) *App {
	return New(opts, device, screens.Tenfoot())
}

// Close stops the app's background work and waits for it to end, so that nothing
// writes to the device's storage after Close returns.
func (a *App) Close() {
	a.cancel()
	for a.pending > len(a.early) {
		<-a.results
		a.pending--
	}
	a.pending, a.early = 0, nil
	a.listening.Wait()
}

// Update runs one tick: the actions held this tick become presses (with repeat),
// pointer movement focuses and clicks, work finished in the background is delivered,
// and animations advance.
func (a *App) Update(held input.HeldSet, p input.Pointer) {
	if (held&^a.lastHeld) != 0 || p.Moved || p.Clicked || p.WheelY != 0 || p.Finger.Down {
		a.noteInput()
		if fingered := p.Finger.Down; fingered != a.fingered {
			a.fingered = fingered
			a.revision++
		}
	}
	a.lastHeld = held
	a.presses = a.repeater.Update(held, a.presses[:0])
	for _, act := range a.presses {
		a.press(act)
	}
	a.staffHold()
	top := a.top()
	if p.Moved && top.view.Hover(p.X, p.Y) {
		a.revision++
		a.apply(top, top.screen.Handle(screens.Event{Focused: top.view.FocusedKey(), Hovered: true}))
	}
	if p.Clicked && top.view.At(p.X, p.Y) != nil {
		top.view.Hover(p.X, p.Y)
		a.Press(input.ActionOK)
	}
	a.scrollWheel(p.WheelY)
	a.touch(a.gestures.Update(p.Finger))
	a.deliver(false)
	a.watchDevice()
	a.tick()
	a.kioskTick()
}

// scrollWheel turns wheel movement into focus moves, one per notch, as a TV remote's
// scroll wheel or a mouse wheel over the app is expected to move through rows.
func (a *App) scrollWheel(dy float64) {
	a.wheel += dy
	for a.wheel >= 1 {
		a.wheel--
		a.Press(input.ActionDown)
	}
	for a.wheel <= -1 {
		a.wheel++
		a.Press(input.ActionUp)
	}
	if dy == 0 {
		a.wheel = 0 // a part notch left over does not carry into the next spin
	}
}

// Press delivers one action as if it had just been pressed. Directions move focus;
// everything else goes to the top screen.
func (a *App) Press(act input.Action) {
	a.noteInput()
	a.press(act)
}

// press delivers one action; Update calls it for keys held, which were noted as
// input when they went down.
func (a *App) press(act input.Action) {
	if a.exited {
		return
	}
	top := a.top()
	if dir, ok := direction(act); ok {
		if top.view.Move(dir) {
			a.revision++
			return
		}
	}
	if a.touchPress(act, top.view.FocusedKey()) {
		return
	}
	cmd := top.screen.Handle(screens.Event{Action: act, Focused: top.view.FocusedKey()})
	if cmd.Kind == screens.CommandNone && !a.committing() {
		switch act {
		case input.ActionBack:
			cmd = a.back()
		case input.ActionHome:
			cmd = screens.Command{Kind: screens.CommandHome}
		}
	}
	a.apply(top, cmd)
}

// direction maps a d-pad action to the focus engine's direction.
func direction(a input.Action) (ui.Direction, bool) {
	switch a {
	case input.ActionUp:
		return ui.DirUp, true
	case input.ActionDown:
		return ui.DirDown, true
	case input.ActionLeft:
		return ui.DirLeft, true
	case input.ActionRight:
		return ui.DirRight, true
	}
	return 0, false
}

// committing reports whether the top screen sends a change the person confirmed,
// whose outcome Back, Home and the tab bar wait for.
func (a *App) committing() bool {
	c, ok := a.top().screen.(screens.Committer)
	return ok && c.Committing()
}

// back is what Back does when the screen has nothing of its own to close.
func (a *App) back() screens.Command {
	switch {
	case len(a.stack) > 1:
		return screens.Pop
	case a.opts.CanExit:
		return screens.Push(a.routes.Exit(a.env))
	}
	return screens.None
}

// apply carries out what the screen of e asked. Only the top screen may change the
// stack; a screen below can still rebuild itself or start work.
func (a *App) apply(e *entry, cmd screens.Command) {
	if cmd.Kind == screens.CommandNone {
		return
	}
	if e != a.top() && cmd.Kind != screens.CommandRebuild && cmd.Kind != screens.CommandRun && cmd.Kind != screens.CommandToast {
		return
	}
	switch cmd.Kind {
	case screens.CommandRebuild:
		a.rebuild(e)
		if cmd.Focus != "" {
			e.view.Focus(cmd.Focus)
		}
		a.revision++
		return
	case screens.CommandRun:
		a.run(e, cmd.Task.Do)
		a.rebuild(e) // the screen shows that it is busy
		a.revision++
		return
	case screens.CommandToast:
		a.ShowToast(cmd.Text)
		return
	case screens.CommandPush:
		a.push(cmd.Screen)
	case screens.CommandPop:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
			if a.resetIfSignedOut() {
				return // the screen below was an account's, signed out meanwhile
			}
			a.rebuild(a.top())
			if r, ok := a.top().screen.(screens.Resumer); ok {
				defer a.apply(a.top(), r.Resume())
			}
		}
	case screens.CommandReplace:
		a.stack = a.stack[:len(a.stack)-1]
		a.push(cmd.Screen)
	case screens.CommandReset:
		// A reset follows a sign-in, a sign-out, a profile chosen or deleted: the
		// person starts afresh, and no focus remembered from before may wait for
		// them, least of all on a Sign out or Delete.
		a.stack = a.stack[:0]
		a.memories = make(map[string]*ui.Memory)
		a.push(cmd.Screen)
	case screens.CommandHome:
		if len(a.stack) == 1 {
			return
		}
		a.stack = a.stack[:1]
		a.rebuild(a.top())
	case screens.CommandExit:
		a.exited = true
		a.cancel()
	}
	if cmd.Text != "" {
		a.ShowToast(cmd.Text)
	}
	a.repeater.Swallow() // a held key must not run on into the next screen
	a.revision++
}

// run does work in the background for the screen of e, or for the app when e is
// nil; what work returns finishes it on the UI tick.
func (a *App) run(e *entry, work func(ctx context.Context) (finish func() screens.Command)) {
	a.pending++
	started := a.ticks
	go func() {
		a.results <- taskResult{to: e, finish: work(a.ctx), started: started}
	}()
}

// deliver hands finished work to the screens that asked for it; with wait, it waits
// until no work is pending. Without wait, work that finished within the tick it
// started in waits for the next tick: what the screen shows while it works (a
// button unavailable, an error taken away) is shown and said for a tick first, so
// that an outcome the same as the last one, such as a password refused again, is
// said again, however fast the answer came.
func (a *App) deliver(wait bool) {
	early := a.early[:0]
	for _, r := range a.early {
		if wait || r.started < a.ticks {
			a.finish(r)
		} else {
			early = append(early, r)
		}
	}
	a.early = early
	for a.pending > len(a.early) {
		var r taskResult
		if wait {
			r = <-a.results
		} else {
			select {
			case r = <-a.results:
			default:
				return
			}
		}
		if !wait && r.started == a.ticks {
			a.early = append(a.early, r)
			continue
		}
		a.finish(r)
	}
}

// finish hands the finished work r to the screen that asked for it.
func (a *App) finish(r taskResult) {
	a.pending--
	if r.to == nil || !a.onStack(r.to) {
		return // the app's own work, or the screen that asked has gone
	}
	a.apply(r.to, r.finish())
	a.watchDevice()
	a.followProfile()    // a change under way when the profiles changed is done
	a.sayUnsaved()       // and said, if the storage refused to keep it
	a.resetIfSignedOut() // the work may have ended on a signed-out device's behalf
}

// Settle waits for all background work and delivers it, for tests and scripted runs
// that must see its outcome before the next press.
func (a *App) Settle() { a.deliver(true) }

func (a *App) onStack(e *entry) bool {
	for _, s := range a.stack {
		if s == e {
			return true
		}
	}
	return false
}

// watchDevice reacts to changes of the device's session: a device signed out from
// elsewhere, or whose session the service refused, goes to the sign-in screen, and
// every screen is rebuilt to show the device as it is now.
func (a *App) watchDevice() {
	rev := a.env.Device.Revision()
	if rev == a.deviceRev {
		return
	}
	a.deviceRev = rev
	acc, signedIn := a.env.Device.Account()
	switch {
	case signedIn && !a.signedIn:
		a.signedIn = true
		a.account = acc.ID
		a.listen()
		a.kioskSignedIn()
	case signedIn && acc.ID != a.account:
		// Another account signed in since the app last looked, with no sign-out
		// seen between: another tab of the page signed one out and the next in
		// while this one was in the background. Everything shown is the other
		// account's, its profile watching included: start again as after a
		// sign-in.
		a.stopListen()
		a.env.ForgetAccount()
		a.kioskSignedOut()
		a.account = acc.ID
		a.listen()
		a.kioskSignedIn()
		a.apply(a.top(), screens.Reset(a.routes.Start(a.env)))
		return
	case !signedIn && a.signedIn:
		a.signedIn = false
		a.stopListen()
		a.env.ForgetAccount()
		a.kioskSignedOut()
		if a.resetIfSignedOut() {
			return
		}
	case !signedIn && a.kiosk != nil:
		a.kioskSignedOut() // nobody signed in at start: no guest to resume
	}
	a.followProfile()
	a.sayUnsaved()
	for _, e := range a.stack {
		a.rebuild(e)
	}
	a.revision++
}

// sayUnsaved says in a toast, in the viewer's language, that the device shows
// changes its storage refused to keep (a full disk, a read-only card), once each
// time it comes to that: the change shows, and is kept only until the device is
// switched off, unless there is room before. It waits while a change made here is
// under way, to be said once it is done, in the language it may have chosen, and
// after what was said of the change itself (a profile made a kids profile), not
// over it.
func (a *App) sayUnsaved() {
	if a.committing() {
		return
	}
	if unsaved, spell := a.env.Device.Unsaved(); unsaved && spell != a.unsavedSaid {
		a.unsavedSaid = spell
		a.addToast(a.env.Say(screens.MsgNotKept))
	}
}

// listen follows the signed-in account's events until stopListen.
func (a *App) listen() {
	ctx, cancel := context.WithCancel(a.ctx)
	a.stopListen = cancel
	a.listening.Go(func() { a.env.Device.Listen(ctx) })
}

// followProfile has the screens follow the profile watching as the account's
// profiles change (screens.Env.FollowProfile), once they changed and no change
// made here is under way, whose outcome a reset would drop. Another account
// signed in since is not a change of this account's profiles: what the screens
// do then is theirs.
func (a *App) followProfile() {
	if !a.signedIn || a.committing() || a.profileRev == a.deviceRev {
		return
	}
	if acc, _ := a.env.Device.Account(); acc.ID != a.account {
		return
	}
	a.profileRev = a.deviceRev
	a.apply(a.top(), a.env.FollowProfile(a.stack[0].screen))
}

// resetIfSignedOut shows Routes.SignedOut alone when the device is signed out and
// the top screen belongs to a signed-in one, and reports whether it did: a device
// signed out from elsewhere, a dialog that ended without signing out itself after
// that, or Back to a screen of the account from one that works signed out.
func (a *App) resetIfSignedOut() bool {
	if a.signedIn {
		return false
	}
	if s, ok := a.top().screen.(screens.SignedOutScreen); ok && s.WorksSignedOut() {
		return false
	}
	a.apply(a.top(), screens.Reset(a.routes.SignedOut(a.env)))
	return true
}

func (a *App) push(s screens.Screen) {
	e := &entry{screen: s}
	key := s.Name()
	if k, ok := s.(screens.MemoryKeyed); ok {
		key = k.MemoryKey()
	}
	m := a.memories[key]
	if _, fresh := s.(screens.Fresh); m == nil || fresh {
		m = ui.NewMemory()
		a.memories[key] = m
	}
	e.view.SetMemory(m)
	e.view.SetSafe(a.safeArea())
	e.view.SetReducedMotion(a.opts.ReducedMotion)
	a.stack = append(a.stack, e)
	a.rebuild(e)
	if s, ok := s.(screens.Starter); ok {
		a.apply(e, s.Start())
	}
}

// SetReducedMotion turns reduced motion on or off, as the system's setting changes;
// turning it on finishes what is animating.
func (a *App) SetReducedMotion(on bool) {
	if on == a.opts.ReducedMotion {
		return
	}
	a.opts.ReducedMotion = on
	for _, e := range a.stack {
		e.view.SetReducedMotion(on)
	}
	a.revision++
}

// ReducedMotion reports whether focus, dialogs and scrolling land without animating.
func (a *App) ReducedMotion() bool { return a.opts.ReducedMotion }

func (a *App) rebuild(e *entry) {
	root := e.screen.Build()
	if a.env.Form.Touch() {
		root = a.touchLayout(e, root)
	}
	if a.env.Lang().RTL() {
		// Laid out left to right, shown right to left: rows start at the right,
		// Right moves right, and a dialog's Cancel is the rightmost button.
		ui.MirrorWithin(root, a.env.Canvas)
	}
	e.view.SetRoot(root)
}

func (a *App) tick() {
	a.ticks++
	for _, e := range a.stack {
		if t, ok := e.screen.(screens.Ticker); ok && t.Tick() {
			a.rebuild(e)
			a.revision++
		}
	}
	top := a.top()
	top.view.Tick()
	if p, ok := top.screen.(screens.Poller); ok {
		a.apply(top, p.Poll())
	}
	a.tickToast()
	if a.ticks%ticksPerSecond == 0 {
		a.flushOutbox()
	}
	if a.ticks%downloadEvery == 0 && a.signedIn {
		d := a.env.Device
		a.run(nil, func(context.Context) func() screens.Command {
			d.AdvanceDownloads(downloadBytes)
			return nil
		})
	}
}

func (a *App) top() *entry { return a.stack[len(a.stack)-1] }

// Screen returns the screen on top.
func (a *App) Screen() screens.Screen { return a.top().screen }

// View returns the focus and scroll state of the screen on top.
func (a *App) View() *ui.View { return &a.top().view }

// Focused returns the focused node of the screen on top, or nil.
func (a *App) Focused() *ui.Node { return a.top().view.Focused() }

// Title returns what the screen on top is about, as a screen reader should say it:
// the screen's own Title if it has one, else its first title or its dialog's question.
func (a *App) Title() string {
	if t, ok := a.top().screen.(screens.Titled); ok {
		return t.Title()
	}
	return a.top().view.Title()
}

// Env returns what the screens share.
func (a *App) Env() *screens.Env { return a.env }

// Exited reports whether the user chose to leave the app.
func (a *App) Exited() bool { return a.exited }

// Revision changes whenever what is shown changes.
func (a *App) Revision() uint64 { return a.revision }

// Layers returns the views to draw, bottom first: the top screen's and, if it is an
// overlay, those of the screens under it down to the first full screen.
func (a *App) Layers(buf []*ui.View) []*ui.View {
	first := len(a.stack) - 1
	for first > 0 {
		if _, ok := a.stack[first].screen.(screens.Overlay); !ok {
			break
		}
		first--
	}
	for _, e := range a.stack[first:] {
		buf = append(buf, &e.view)
	}
	return buf
}

// Toast timing in ticks: a toast shows for about four seconds, fading in and out.
// Its size, in canvas pixels.
const (
	toastTicks = 4 * ticksPerSecond
	toastFade  = 12
	toastW     = 1200.0
	toastH     = 150.0
)

// ShowToast shows a short message over whatever is on screen, for a few seconds. It
// takes no focus, so it never gets in the way.
func (a *App) ShowToast(message string) {
	a.toast = &ui.Node{Role: ui.RoleToast, Label: message, Text: ui.TextBody, Wrap: true,
		Rect: ui.Rect{X: (ui.CanvasWidth - toastW) / 2, Y: ui.SafeArea(ui.Canvas).MaxY() - toastH, W: toastW, H: toastH}}
	a.toastLeft = toastTicks
	a.revision++
}

// addToast shows message in a toast once the toast on screen, if any, has gone,
// so that neither covers the other before it could be read.
func (a *App) addToast(message string) {
	if a.toast != nil {
		a.toastNext = append(a.toastNext, message)
		return
	}
	a.ShowToast(message)
}

// ShowFontFailed says in a toast, in the language shown, that some letters on
// screen cannot be shown yet: the font that writes them did not arrive, as when a
// browser fetches it with the network down. The host tries it again.
func (a *App) ShowFontFailed() { a.ShowToast(a.env.Say(screens.MsgFontFailed)) }

// ShowNothingKept says in a toast, in the language shown, that this browser keeps
// no data for the site, so nothing here outlives the page: a kiosk's policy or a
// privacy setting that blocks site data.
func (a *App) ShowNothingKept() { a.ShowToast(a.env.Say(screens.MsgNoStorage)) }

// Toast returns the toast on screen, whose Value is its opacity, or nil.
func (a *App) Toast() *ui.Node { return a.toast }

func (a *App) tickToast() {
	if a.toast == nil {
		return
	}
	a.toastLeft--
	if a.toastLeft <= 0 {
		a.toast = nil
		a.revision++
		if len(a.toastNext) > 0 {
			a.ShowToast(a.toastNext[0])
			a.toastNext = a.toastNext[1:]
		}
		return
	}
	a.toast.Value = min(1, float64(toastTicks-a.toastLeft)/toastFade, float64(a.toastLeft)/toastFade)
}

// flushOutbox sends the sign-outs the service has not confirmed yet, when they are
// due: a device signed out while the network was down is signed out at the service
// as soon as it can be reached, not at the app's next start.
func (a *App) flushOutbox() {
	next, pending := a.env.Device.NextRetry()
	if !pending || a.env.Clock.Now().Before(next) || !a.flushing.CompareAndSwap(false, true) {
		return
	}
	d, k := a.env.Device, a.kiosk
	a.run(nil, func(ctx context.Context) func() screens.Command {
		left := d.Flush(ctx)
		a.flushing.Store(false)
		if left == 0 && k != nil {
			k.logf("kiosk: the service confirmed the sign-out")
		}
		return nil
	})
}
