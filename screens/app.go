package screens

import (
	"tenfoot/input"
	"tenfoot/ui"
)

// Options configure an App for where it runs.
type Options struct {
	// CanExit allows leaving the app: Back on the first screen asks "Exit tenfoot?".
	// It is off in browsers, which have no app to leave, and in kiosks.
	CanExit bool
	// Version and DeviceName are shown in Settings.
	Version    string
	DeviceName string
}

// App is the whole app without a display: a stack of screens, each with its own
// focus and scroll state, driven one tick at a time.
type App struct {
	opts     Options
	stack    []*entry
	repeater input.Repeater
	presses  []input.Action
	exited   bool
	// memories keep each screen's focus while it is off the stack, so a screen
	// pushed again comes back as it was left.
	memories map[string]*ui.Memory
	wheel    float64 // wheel movement not yet turned into moves
	toast     *ui.Node
	toastLeft int // ticks until the toast goes
	// revision counts changes to what is shown, so a host redraws and re-announces
	// only when it moves.
	revision uint64
}

type entry struct {
	screen Screen
	view   ui.View
}

// NewApp returns an App showing first.
func NewApp(opts Options, first Screen) *App {
	a := &App{opts: opts, presses: make([]input.Action, 0, 16), memories: make(map[string]*ui.Memory)}
	a.push(first)
	return a
}

// NewTenfoot returns the tenfoot app on its home screen.
func NewTenfoot(opts Options) *App {
	return NewApp(opts, NewHome(opts))
}

// Update runs one tick: the actions held this tick become presses (with repeat),
// pointer movement focuses and clicks, and animations advance.
func (a *App) Update(held input.HeldSet, p input.Pointer) {
	a.presses = a.repeater.Update(held, a.presses[:0])
	for _, act := range a.presses {
		a.Press(act)
	}
	top := a.top()
	if p.Moved && top.view.Hover(p.X, p.Y) {
		a.revision++
	}
	if p.Clicked && top.view.At(p.X, p.Y) != nil {
		top.view.Hover(p.X, p.Y)
		a.Press(input.ActionOK)
	}
	a.scrollWheel(p.WheelY)
	a.tick()
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
	cmd := top.screen.Handle(Event{Action: act, Focused: top.view.FocusedKey()})
	if cmd.Kind == CommandNone {
		switch act {
		case input.ActionBack:
			cmd = a.back()
		case input.ActionHome:
			cmd = Command{Kind: CommandHome}
		}
	}
	a.apply(cmd)
}

// back is what Back does when the screen has nothing of its own to close.
func (a *App) back() Command {
	switch {
	case len(a.stack) > 1:
		return Pop
	case a.opts.CanExit:
		return Push(NewExitDialog())
	}
	return None
}

func (a *App) apply(cmd Command) {
	switch cmd.Kind {
	case CommandNone:
		return
	case CommandRebuild:
		a.rebuild(a.top())
	case CommandPush:
		a.push(cmd.Screen)
	case CommandPop:
		if len(a.stack) > 1 {
			a.stack = a.stack[:len(a.stack)-1]
			a.rebuild(a.top())
		}
	case CommandReplace:
		a.stack = a.stack[:len(a.stack)-1]
		a.push(cmd.Screen)
	case CommandHome:
		if len(a.stack) == 1 {
			return
		}
		a.stack = a.stack[:1]
		a.rebuild(a.top())
	case CommandExit:
		a.exited = true
	case CommandToast:
		a.ShowToast(cmd.Text)
		return
	}
	if cmd.Kind != CommandRebuild {
		a.repeater.Swallow() // a held key must not run on into the next screen
	}
	a.revision++
}

func (a *App) push(s Screen) {
	e := &entry{screen: s}
	key := s.Name()
	if k, ok := s.(interface{ MemoryKey() string }); ok {
		key = k.MemoryKey()
	}
	m := a.memories[key]
	if m == nil {
		m = ui.NewMemory()
		a.memories[key] = m
	}
	e.view.SetMemory(m)
	a.stack = append(a.stack, e)
	a.rebuild(e)
}

func (a *App) rebuild(e *entry) {
	e.view.SetRoot(e.screen.Build())
}

func (a *App) tick() {
	for _, e := range a.stack {
		if t, ok := e.screen.(Ticker); ok && t.Tick() {
			a.rebuild(e)
			a.revision++
		}
	}
	a.top().view.Tick()
	a.tickToast()
}

func (a *App) top() *entry { return a.stack[len(a.stack)-1] }

// Screen returns the screen on top.
func (a *App) Screen() Screen { return a.top().screen }

// View returns the focus and scroll state of the screen on top.
func (a *App) View() *ui.View { return &a.top().view }

// Focused returns the focused node of the screen on top, or nil.
func (a *App) Focused() *ui.Node { return a.top().view.Focused() }

// Exited reports whether the user chose to leave the app.
func (a *App) Exited() bool { return a.exited }

// Revision changes whenever what is shown changes.
func (a *App) Revision() uint64 { return a.revision }

// Layers returns the views to draw, bottom first: the top screen's and, if it is an
// overlay, those of the screens under it down to the first full screen.
func (a *App) Layers(buf []*ui.View) []*ui.View {
	first := len(a.stack) - 1
	for first > 0 {
		if _, ok := a.stack[first].screen.(Overlay); !ok {
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
const (
	toastTicks = 4 * ticksPerSecond
	toastFade  = 12
)

// ShowToast shows a short message over whatever is on screen, for a few seconds. It
// takes no focus, so it never gets in the way.
func (a *App) ShowToast(message string) {
	a.toast = &ui.Node{Role: ui.RoleToast, Label: message, Text: ui.TextBody,
		Rect: ui.Rect{X: (ui.CanvasWidth - toastW) / 2, Y: safe.MaxY() - toastH, W: toastW, H: toastH}}
	a.toastLeft = toastTicks
	a.revision++
}

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
		return
	}
	a.toast.Value = min(1, float64(toastTicks-a.toastLeft)/toastFade, float64(a.toastLeft)/toastFade)
}
