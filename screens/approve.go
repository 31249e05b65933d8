package screens

import (
	"context"
	"errors"
	"tenfoot/i18n"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// approveTV signs a TV in to this device's account: the person types the code the TV
// shows, as on the activation page, without a password, since this device is
// already signed in. A phone is where people expect to do it.
type approveTV struct {
	env  *Env
	code ui.Keyboard
	busy bool
	err  string
	done string // the code approved last
}

// newApproveTV returns the screen that approves a TV's code.
func newApproveTV(env *Env) *approveTV {
	return &approveTV{env: env, code: ui.Keyboard{MaxLen: 12}}
}

func (s *approveTV) Name() string { return "approve-tv" }

func (s *approveTV) Committing() bool { return s.busy }

// StartsFresh opens on the keyboard each time, ready for the next TV's code.
func (s *approveTV) StartsFresh() {}

// codeApproved is the service's answer to approving a code.
type codeApproved struct {
	code string
	err  error
}

func (s *approveTV) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.DefaultFocus = s.env.typeFirst("kb/q", "field/code")
	root.Add(text(s.env.t(msgApproveTV), ui.TextHeadline, ui.Rect{H: textHeight(ui.TextHeadline, 1)}))
	root.Add(text(s.env.t(msgApproveTVHint), ui.TextBody, ui.Rect{H: textHeight(ui.TextBody, 1)}))
	root.Add(&ui.Node{Key: "field/code", Role: ui.RoleTextField, Label: s.env.t(msgCodeField), Input: s.code.Value, Focusable: true, Selected: true,
		Rect: ui.Rect{H: buttonH}})
	s.code.Words = s.env.Words()
	root.Add(s.code.Build("kb", 0, 0, false))
	approve := button("approve", s.env.t(msgApprove), ui.Rect{})
	approve.Disabled = s.busy
	root.Add(approve)
	switch {
	case s.busy:
		root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{W: 56, H: 56}})
	case s.err != "":
		root.Add(alert(s.err, ui.TextBody, ui.Rect{H: textHeight(ui.TextBody, 1)}))
	case s.done != "":
		root.Add(text(s.env.t(msgTVApproved, i18n.S("code", s.done)), ui.TextBody, ui.Rect{H: textHeight(ui.TextBody, 1)}))
	}
	return tvColumn(s.env, root)
}

func (s *approveTV) Handle(ev Event) Command {
	if s.busy {
		return None
	}
	if typed, finished := typeInto(&s.code, "field/code", ev); typed {
		if finished {
			return s.approve()
		}
		return Rebuild
	}
	if ev.Action == input.ActionOK && ev.Focused == "approve" {
		return s.approve()
	}
	return None
}

func (s *approveTV) approve() Command {
	code, err := session.NormalizeUserCode(s.code.Value)
	if err != nil {
		s.err, s.done = s.env.t(msgBadCode), ""
		return Rebuild
	}
	s.busy, s.err, s.done = true, "", ""
	d := s.env.Device
	return Run(func(ctx context.Context) codeApproved { return codeApproved{code, d.ApproveCode(ctx, code)} }, s.approved)
}

// approved says whether the code was approved, and empties the field when it was.
func (s *approveTV) approved(r codeApproved) Command {
	s.busy = false
	if r.err != nil {
		s.err = approveError(s.env, r.err)
		return Rebuild
	}
	s.err, s.done, s.code.Value = "", r.code, ""
	return Rebuild
}

// approveError says why a code was not approved.
func approveError(env *Env, err error) string {
	if err == nil {
		return ""
	}
	// Why a code on record no longer works, as the activation page says it:
	// whoever typed it knows what to do next, or that there is nothing to do.
	switch {
	case errors.Is(err, session.ErrUserCodeExpired):
		return env.t(msgCodeExpired)
	case errors.Is(err, session.ErrUserCodeApproved):
		return env.t(msgCodeApprovedAlready)
	case errors.Is(err, session.ErrUserCodeRefused):
		return env.t(msgCodeRefusedAlready)
	case errors.Is(err, session.ErrInvalidUserCode):
		return env.t(msgBadCode)
	}
	return env.errorText(err)
}
