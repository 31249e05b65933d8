package screens

import (
	"context"
	"errors"
	"tenfoot/i18n"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// forgotPIN lets whoever knows the account's password change or remove the PIN of a
// locked profile: first the password, then the choice, then the new PIN, typed twice.
// The service checks the password when the change is saved; a wrong one starts
// again from the password, so nothing is changed on a guess.
type forgotPIN struct {
	env     *Env
	profile session.Profile
	stage   forgotStage
	kb      ui.Keyboard
	newPIN  pinChoice
	busy    bool
	err     string
}

type forgotStage uint8

const (
	forgotPassword forgotStage = iota // the account's password on the keyboard
	forgotChoose                      // a new PIN, or none
	forgotNewPIN                      // the new PIN on the pad, twice
)

// newForgotPIN returns the forgotten-PIN flow of profile p.
func newForgotPIN(env *Env, p session.Profile) *forgotPIN { return &forgotPIN{env: env, profile: p} }

func (f *forgotPIN) Name() string { return "forgot-pin" }

func (f *forgotPIN) Committing() bool { return f.busy }

// StartsFresh opens on the password's keyboard each time, as the flow starts anew.
func (f *forgotPIN) StartsFresh() {}

// pinReset is how saving the new PIN, or its removal, went.
type pinReset struct {
	removed bool
	err     error
}

func (f *forgotPIN) Build() *ui.Node {
	root := box("", ui.Canvas)
	title := text(f.env.t(msgForgotPINFor, i18n.S("name", f.profile.Name)), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)})
	title.Cut = f.profile.Name // too long a name is cut, not the question
	root.Add(title)
	y := safe.Y + 140
	side := box("side", ui.Rect{X: safe.MaxX() - 560, Y: y + 90, W: 560, H: 3*buttonH + 48})
	switch f.stage {
	case forgotPassword:
		root.DefaultFocus = f.env.typeFirst("kb/q", "password")
		root.Add(text(f.env.t(msgForgotPINHint), ui.TextBody, ui.Rect{X: safe.X, Y: y, W: safe.W, H: textHeight(ui.TextBody, 1)}))
		root.Add(&ui.Node{Key: "password", Role: ui.RoleTextField, Label: f.env.t(msgPassword), Input: f.kb.Value, Secret: !f.kb.ShowSecret,
			Focusable: true, Selected: true, Rect: ui.Rect{X: safe.X, Y: y + 90, W: 1150, H: buttonH}})
		f.kb.Words = f.env.Words()
		root.Add(f.kb.Build("kb", safe.X, y+210, true))
		side.Add(button("continue", f.env.t(msgContinue), ui.Rect{}))
	case forgotChoose:
		root.DefaultFocus = "new-pin"
		root.Add(text(f.env.t(msgForgotPINChoice), ui.TextTitle, ui.Rect{X: safe.X, Y: y, W: safe.W, H: headerH}))
		choices := []*ui.Node{button("new-pin", f.env.t(msgNewPIN), ui.Rect{}), button("remove-pin", f.env.t(msgRemovePIN), ui.Rect{})}
		ui.LayoutColumn(safe.X, y+90, 640, buttonH, 24, choices...)
		for _, c := range choices {
			c.Disabled = f.busy
		}
		root.Add(choices...)
	case forgotNewPIN:
		root.DefaultFocus = "pin/1"
		f.newPIN.build(f.env, root, f.profile.Name, safe.X, y)
	}
	side.Add(button("cancel", f.env.t(msgCancel), ui.Rect{}))
	ui.LayoutColumn(side.Rect.X, side.Rect.Y, side.Rect.W, buttonH, 24, side.Children...)
	root.Add(side)
	addStatus(root, safe, f.err, f.busy)
	return root
}

func (f *forgotPIN) Handle(ev Event) Command {
	if f.busy {
		return None
	}
	if f.stage == forgotPassword {
		if typed, finished := typeInto(&f.kb, "password", ev); typed {
			if finished {
				return f.next()
			}
			return Rebuild
		}
	}
	if ev.Action != input.ActionOK {
		return None
	}
	switch ev.Focused {
	case "cancel":
		return Pop
	case "continue":
		return f.next()
	case "new-pin":
		f.stage, f.newPIN, f.err = forgotNewPIN, pinChoice{}, ""
		return RebuildFocus("pin/1")
	case "remove-pin":
		return f.save("")
	}
	if f.stage == forgotNewPIN {
		if pin, chosen := f.newPIN.press(ev.Focused); chosen {
			return f.save(pin)
		}
		return RebuildFocus("pin/1")
	}
	return None
}

// next goes on from the password to the choice.
func (f *forgotPIN) next() Command {
	if f.kb.Value == "" {
		return None
	}
	f.stage, f.err = forgotChoose, ""
	return RebuildFocus("new-pin")
}

// save sets pin, or removes the PIN when pin is "", with the password as proof.
func (f *forgotPIN) save(pin string) Command {
	f.busy, f.err = true, ""
	d := f.env.Device
	change := session.ProfileChange{Profile: f.profile, PIN: &pin, Proof: session.Proof{Password: f.kb.Value}}
	return Run(func(ctx context.Context) pinReset {
		return pinReset{removed: pin == "", err: d.SaveProfile(ctx, change)}
	}, f.saved)
}

// saved closes the flow once the PIN is changed; a wrong password starts it again.
func (f *forgotPIN) saved(r pinReset) Command {
	f.busy = false
	switch {
	case errors.Is(r.err, session.ErrWrongCredentials):
		f.stage, f.kb.Value, f.err = forgotPassword, "", f.env.t(msgWrongAccountPass)
		return RebuildFocus(f.env.typeFirst("kb/q", "password"))
	case errors.Is(r.err, session.ErrNotFound):
		// Deleted on another device meanwhile: there is no PIN left to change.
		return Command{Kind: CommandPop, Text: f.env.msgProfileGone(f.profile.Name)}
	case r.err != nil:
		f.stage, f.err = forgotChoose, f.env.errorText(r.err)
		return RebuildFocus("new-pin")
	}
	return Command{Kind: CommandPop, Text: f.env.msgPINChanged(f.profile.Name, r.removed)}
}
