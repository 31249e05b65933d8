package screens

import (
	"context"
	"crypto/subtle"
	"fmt"

	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/ui"
)

// staffPIN asks for the operator's PIN, entered with the d-pad, before the kiosk
// settings open. Wrong PINs are counted by the kiosk's guard (kiosk.StaffTries), so
// neither closing the dialog nor restarting the TV starts the count again.
type staffPIN struct {
	env *Env
	pin pinEntry
	err string
}

// newStaffPIN returns the staff PIN dialog.
func newStaffPIN(env *Env) *staffPIN {
	return &staffPIN{env: env, pin: pinEntry{length: len(env.Kiosk.OperatorPIN)}}
}

func (s *staffPIN) Name() string { return "staff-pin" }

func (s *staffPIN) IsOverlay() {}

func (s *staffPIN) WorksSignedOut() bool { return true }

func (s *staffPIN) StaffOnly() {}

func (s *staffPIN) Build() *ui.Node {
	scrim := &ui.Node{Key: "dialog/staff-pin", Role: ui.RoleDialog, Rect: ui.Canvas}
	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillSurface, Rect: ui.Rect{X: 560, Y: 130, W: 800, H: 820}}
	panel.Add(centredIn(s.env.t(msgEnterStaffPIN), ui.TextTitle, panel.Rect, 180))
	padX := panel.Rect.CenterX() - (3*pinKey+2*keyGap)/2
	panel.Add(s.pin.build(s.env, padX, 280))
	panel.Add(centredIn(s.err, ui.TextBody, panel.Rect, 860))
	return scrim.Add(panel)
}

func (s *staffPIN) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	guard := s.env.Guard
	now := s.env.Clock.Now()
	if left := guard.StaffLocked(now); left > 0 {
		s.err, s.pin.digits = s.env.msgTooManyAttempts(left), ""
		return Rebuild
	}
	s.err = ""
	if !s.pin.press(ev.Focused) {
		return Rebuild
	}
	if subtle.ConstantTimeCompare([]byte(s.pin.digits), []byte(s.env.Kiosk.OperatorPIN)) == 1 {
		guard.StaffPINRight()
		return Replace(newKioskSettings(s.env))
	}
	s.pin.digits = ""
	s.err = s.env.t(msgWrongPIN)
	if guard.StaffPINWrong(now) {
		s.err = s.env.msgTooManyAttempts(kiosk.StaffLockout)
	}
	return Rebuild
}

// kioskSettings shows staff how the kiosk is configured and lets them sign the
// guest out now or send sign-outs still waiting for the service. The configuration
// itself is changed in its file, where it can be reviewed, not on the TV.
type kioskSettings struct {
	env  *Env
	busy bool
}

// newKioskSettings returns the kiosk settings.
func newKioskSettings(env *Env) *kioskSettings { return &kioskSettings{env: env} }

func (s *kioskSettings) Name() string { return "kiosk-settings" }

func (s *kioskSettings) WorksSignedOut() bool { return true }

func (s *kioskSettings) StaffOnly() {}

func (s *kioskSettings) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(s.env.t(msgKioskSettings), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	list := box("kiosk", ui.Rect{X: safe.X, Y: safe.Y + 160, W: buttonW + 160, H: 3 * (buttonH + 24)})
	list.Remember = true
	_, signedIn := s.env.Device.Account()
	if signedIn {
		list.Add(button("signout", s.env.t(msgKioskSignOutNow), ui.Rect{}))
	}
	send := button("send", s.env.t(msgKioskSendSignOuts), ui.Rect{})
	send.Disabled = s.busy || s.env.Device.PendingRevocations() == 0
	list.Add(send, button("close", s.env.t(msgClose), ui.Rect{}))
	ui.LayoutColumn(list.Rect.X, list.Rect.Y, list.Rect.W, buttonH, 24, list.Children...)
	root.Add(list)

	cfg := s.env.Kiosk
	info := s.env.Device.Info()
	checkout, once, service := s.env.t(msgKioskNotSet), s.env.t(msgKioskNotSet), s.env.t(msgKioskBuiltIn)
	if cfg.Checkout.Set {
		checkout = s.env.t(msgKioskDaily, i18n.S("time", cfg.Checkout.String()))
	}
	if !cfg.SignOutAt.IsZero() {
		once = cfg.SignOutAt.Format("2006-01-02 15:04 MST")
	}
	if cfg.Server != "" {
		service = cfg.Server
	}
	guest := s.env.t(msgKioskNoGuest)
	if signedIn {
		guest = s.env.t(msgKioskSomeGuest) // who it is stays off the screen staff look at
	}
	lines := [][2]string{
		{s.env.t(msgDeviceName), s.env.msgDevice(info)},
		{s.env.t(msgKioskIdleTimeout), s.env.msgKioskIdleLine(cfg.IdleTimeout, cfg.Warning)},
		{s.env.t(msgKioskCheckoutLabel), checkout},
		{s.env.t(msgKioskSignOutAtLabel), once},
		{s.env.t(msgKioskService), service},
		{s.env.t(msgKioskGuest), guest},
		{s.env.t(msgKioskPending), fmt.Sprint(s.env.Device.PendingRevocations())},
	}
	x := list.Rect.MaxX() + 100
	y := list.Rect.Y
	for _, l := range lines {
		root.Add(text(l[0], ui.TextCaption, ui.Rect{X: x, Y: y, W: safe.MaxX() - x, H: textHeight(ui.TextCaption, 1)}))
		root.Add(text(l[1], ui.TextBody, ui.Rect{X: x, Y: y + 36, W: safe.MaxX() - x, H: textHeight(ui.TextBody, 1)}))
		y += 100
	}
	return root
}

// flushed is how sending waiting sign-outs went.
type flushed struct{ left int }

func (s *kioskSettings) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	switch ev.Focused {
	case "signout":
		return Push(newSignOutDialog(s.env))
	case "send":
		s.busy = true
		d := s.env.Device
		return Run(func(ctx context.Context) flushed { return flushed{d.Flush(ctx)} }, s.flushed)
	case "close":
		return Pop
	}
	return None
}

// flushed shows how many sign-outs still wait, once they were sent.
func (s *kioskSettings) flushed(flushed) Command {
	s.busy = false
	return Rebuild
}
