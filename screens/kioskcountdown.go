package screens

import (
	"time"

	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/ui"
)

// kioskCountdown covers the whole screen before a kiosk signs its guest out: "Signing
// out Ana in 30 s. Press any button to stay signed in." Before an idle sign-out any
// input cancels it; before a checkout nothing does, and no key reaches the screens
// under it. While the sign-out runs it says so.
type kioskCountdown struct {
	env     *Env
	verdict kiosk.Verdict
	shown   int    // seconds left, as last built
	err     string // why the last sign-out failed
	spoken  string // the title as a screen reader last said it
}

// newKioskCountdown returns the countdown for verdict.
func newKioskCountdown(env *Env, v kiosk.Verdict) *kioskCountdown {
	return &kioskCountdown{env: env, verdict: v, shown: -1}
}

// Show makes the countdown show v, and reports whether that changed it.
func (c *kioskCountdown) Show(v kiosk.Verdict) bool {
	if c.verdict == v {
		return false
	}
	c.verdict = v
	return true
}

// Failed shows why the sign-out failed; it is tried again after a while.
func (c *kioskCountdown) Failed(err error) { c.err = c.env.errorText(err) }

func (c *kioskCountdown) Name() string { return "kiosk-countdown" }

// The countdown stays while the sign-out it announces runs.
func (c *kioskCountdown) WorksSignedOut() bool { return true }

// left returns the time until the sign-out.
func (c *kioskCountdown) left() time.Duration {
	return max(c.verdict.Deadline.Sub(c.env.Clock.Now()), 0)
}

func (c *kioskCountdown) signingOut() bool { return c.verdict.Phase == kiosk.PhaseSignOut }

// Title is what a screen reader says: the countdown itself.
func (c *kioskCountdown) Title() string {
	if c.signingOut() {
		return c.env.t(msgKioskSigningOut)
	}
	name := c.env.t(msgKioskGuest)
	if acc, ok := c.env.Device.Account(); ok {
		name = acc.DisplayName
	}
	return c.env.msgKioskCountdown(name, c.left())
}

// SpokenTitle is the countdown as a screen reader says it: at the start, then
// every ten seconds of the last minute (every minute before it) and at five
// seconds, each time true to the second. Said every second, as the title changes,
// it was thirty sentences in thirty seconds, each cutting off the last.
func (c *kioskCountdown) SpokenTitle() string {
	s := int((c.left() + time.Second - 1) / time.Second)
	if c.spoken == "" || c.signingOut() || s == 5 || s%60 == 0 || s <= 60 && s%10 == 0 {
		c.spoken = c.Title()
	}
	return c.spoken
}

// Tick has the countdown built again when its second changes.
func (c *kioskCountdown) Tick() bool {
	s := int((c.left() + time.Second - 1) / time.Second)
	if s == c.shown {
		return false
	}
	c.shown = s
	return true
}

func (c *kioskCountdown) Build() *ui.Node {
	root := &ui.Node{Key: "kiosk-countdown", Role: ui.RoleBox, Fill: ui.FillBackground, Rect: ui.Canvas}
	root.Add(centred(c.Title(), ui.TextHeadline, 360))
	hint := c.env.t(msgKioskStay)
	switch {
	case c.signingOut():
		hint = c.err
		if c.err != "" {
			hint += " " + c.env.t(msgKioskTryingAgain)
		}
		root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: (ui.CanvasWidth - 64) / 2, Y: 640, W: 64, H: 64}})
	case c.verdict.Reason == kiosk.ReasonCheckout:
		hint = c.env.t(msgKioskCheckout)
	}
	if hint != "" {
		h := centred(hint, ui.TextTitle, 500)
		// Live: how to stay signed in, the checkout's notice and why a sign-out
		// failed were only shown, never said.
		h.Wrap, h.Rect.H, h.Live = true, textHeight(ui.TextTitle, 2), true
		root.Add(h)
	}
	if !c.signingOut() {
		warning := c.env.Kiosk.Warning
		root.Add(&ui.Node{Role: ui.RoleProgress, Value: float64(c.left()) / float64(warning),
			Rect: ui.Rect{X: (ui.CanvasWidth - 960) / 2, Y: 680, W: 960, H: progressH}})
	}
	return root
}

// Handle cancels an idle countdown at any press (App has noted the input, so the
// guard agrees); otherwise presses stop here.
func (c *kioskCountdown) Handle(ev Event) Command {
	if ev.Action != input.ActionNone && c.verdict.Phase == kiosk.PhaseIdleWarning {
		return Pop
	}
	return Rebuild // swallowed: Back, Home and the rest do nothing here
}
