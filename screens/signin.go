package screens

import (
	"context"
	"errors"
	"tenfoot/i18n"
	"time"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// signIn offers the two ways in: with a phone (a code, no typing on the TV) first,
// since nobody should type a password on a shared screen, and with email. On a phone
// or tablet, which is the person's own and has their password manager, email comes
// first and the code, for signing in with another device, second.
type signIn struct {
	env    *Env
	notice string // why we are here, such as "You signed out of Ana on this device."
}

// newSignIn returns the sign-in screen, saying notice at the top if there is one.
func newSignIn(env *Env, notice string) *signIn { return &signIn{env: env, notice: notice} }

func (s *signIn) WorksSignedOut() bool { return true }

func (s *signIn) Name() string { return "signin" }

func (s *signIn) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.DefaultFocus = "phone" // the way in that types no password on a shared screen
	phone, email, hint := button("phone", s.env.t(msgSignInPhone), ui.Rect{}), button("email", s.env.t(msgSignInEmail), ui.Rect{}), s.env.t(msgSignInPhoneHint)
	first, second := phone, email
	if s.env.Form.Touch() {
		root.DefaultFocus, phone.Label, hint = "email", s.env.t(msgSignInOtherDevice), s.env.t(msgSignInEmailHint, i18n.S("here", s.env.here()))
		first, second = email, phone
	}
	root.Add(centred(s.env.t(msgSignInTitle), ui.TextHeadline, 260))
	if s.notice != "" {
		notice := centred(s.notice, ui.TextBody, 380) // why we are here, said after the title
		notice.Live = true
		root.Add(notice)
	}
	x := float64(ui.CanvasWidth-760) / 2
	choices := box("choices", ui.Rect{X: x, Y: 480, W: 760, H: 2*buttonH + 24})
	choices.Add(first, second)
	ui.LayoutColumn(x, 480, 760, buttonH, 24, choices.Children...)
	root.Add(choices)
	h := centred(hint, ui.TextCaption, 720)
	h.Wrap, h.Rect.H = true, textHeight(ui.TextCaption, 2)
	return root.Add(h)
}

func (s *signIn) Handle(ev Event) Command {
	if ev.Action != input.ActionOK {
		return None
	}
	switch ev.Focused {
	case "phone":
		return Push(newSignInCode(s.env))
	case "email":
		return Push(newSignInEmail(s.env))
	}
	return None
}

// signedIn is how a sign-in attempt went.
type signedIn struct{ err error }

// afterSignIn goes to Who's watching, as after every sign-in. The account's email is
// remembered for the next sign-in on this device, but not on a kiosk: a hotel TV
// must not offer one guest's email to the next.
func afterSignIn(env *Env) Command {
	env.Profile = nil
	if acc, ok := env.Device.Account(); ok && env.Kiosk == nil {
		_ = env.Device.RememberEmail(acc.Email) // a convenience: not kept, nothing is lost
	}
	return Reset(newWhoIsWatching(env))
}

// signInCode shows a code to approve on a phone or computer, with its address and a
// QR code, and signs in by itself once approved; an expired code is replaced.
//
// It asks the service whether the code was approved by the clock, not by counting
// ticks: a busy browser page runs few ticks a second, and polls counted in ticks came
// half a minute apart there. Each poll waits the service's interval after the answer
// to the one before, so the service never sees two polls closer than the interval
// and never has to answer slow_down. A poll the network or the service failed waits
// twice as long as the one before, up to maxRetryWait, as RFC 8628 §3.5 asks of a
// device whose poll timed out: a TV with no network asked 660 times in 11 minutes.
//
// A code is taken off the screen when its life, as the service gave it, is over,
// whether or not the service could be asked: with the network down, or the app in
// the background, the TV showed a code that could only fail on the phone.
type signInCode struct {
	env      *Env
	auth     session.DeviceAuth
	shownAt  time.Time // when the code appeared
	nextPoll time.Time // when the service may be asked again
	interval time.Duration
	backoff  time.Duration // the last wait after a failure, 0 after an answer
	left     time.Duration // the code's life as last shown, to rebuild when it changes
	polling  bool
	// notice says why this code replaced the one before: said with the code
	// (Title), since the same words twice in a row are a live text that did
	// not change, which a screen reader does not say again.
	notice string
	err    string
}

// defaultPollInterval is how long to wait between polls when the service names no
// interval, as RFC 8628 §3.2 asks.
const defaultPollInterval = 5 * time.Second

// maxRetryWait is the longest a TV waits between requests that failed: once the
// network is back, a new code or the sign-in comes within it.
const maxRetryWait = 30 * time.Second

// newSignInCode returns the sign-in-with-your-phone screen.
func newSignInCode(env *Env) *signInCode { return &signInCode{env: env} }

func (s *signInCode) WorksSignedOut() bool { return true }

func (s *signInCode) Name() string { return "signin-code" }

type (
	codeStarted struct {
		auth session.DeviceAuth
		err  error
	}
	codePolled struct{ err error }
)

// Start asks the service for a code.
func (s *signInCode) Start() Command {
	s.polling = true
	d := s.env.Device
	return Run(func(ctx context.Context) codeStarted {
		auth, err := d.StartCodeSignIn(ctx)
		return codeStarted{auth, err}
	}, s.started)
}

// started shows the code the service gave, and when to ask it again.
func (s *signInCode) started(r codeStarted) Command {
	s.polling = false
	if r.err != nil {
		// No code to show (the network is down): Poll asks for one again after
		// a while, so that one comes by itself once the service can be reached.
		s.auth, s.notice, s.err = session.DeviceAuth{}, "", s.env.errorText(r.err)
		s.nextPoll = s.env.Clock.Now().Add(s.failedWait(defaultPollInterval, r.err))
		return Rebuild
	}
	now := s.env.Clock.Now()
	s.auth, s.shownAt, s.err, s.backoff = r.auth, now, "", 0
	s.interval = r.auth.Interval
	if s.interval <= 0 {
		s.interval = defaultPollInterval
	}
	s.nextPoll = now.Add(s.interval)
	return Rebuild
}

// polled signs in once the code is approved, starts again with a new code once it is
// spent, and otherwise waits for the next poll.
func (s *signInCode) polled(r codePolled) Command {
	s.polling = false
	switch {
	case r.err == nil:
		return afterSignIn(s.env)
	case errors.Is(r.err, session.ErrAuthorizationPending):
		s.err, s.backoff = "", 0
	case errors.Is(r.err, session.ErrSlowDown):
		s.interval += slowDownStep
		s.err, s.backoff = "", 0
	case errors.Is(r.err, session.ErrExpiredToken):
		s.notice = s.env.t(msgNewCode)
		return s.Start()
	case errors.Is(r.err, session.ErrAccessDenied):
		// Refused on the phone: this code is spent, and a person who meant
		// to sign in needs a fresh one.
		s.notice = s.env.t(msgCodeRefused)
		return s.Start()
	default:
		s.err = s.env.errorText(r.err) // keep trying: the network may come back
		s.nextPoll = s.env.Clock.Now().Add(s.failedWait(2*s.interval, r.err))
		return Rebuild
	}
	s.nextPoll = s.env.Clock.Now().Add(s.interval)
	return Rebuild
}

// failedWait returns how long to wait after a request that failed with err: first,
// then twice as long as the wait before, up to maxRetryWait, but never less than
// a service that refused it asked (Retry-After).
func (s *signInCode) failedWait(first time.Duration, err error) time.Duration {
	s.backoff = min(max(2*s.backoff, first), maxRetryWait)
	wait := s.backoff
	var rl *session.RateLimitError
	var un *session.UnavailableError
	switch {
	case errors.As(err, &rl):
		wait = max(wait, rl.RetryAfter)
	case errors.As(err, &un):
		wait = max(wait, un.RetryAfter)
	}
	return wait
}

// Title says the code too, so that a screen reader reads it out: a code shown only as
// pixels shuts out whoever cannot see it.
func (s *signInCode) Title() string {
	if s.auth.UserCode == "" {
		return s.env.t(msgSignInPhone)
	}
	code := s.env.t(msgCodeSpoken, i18n.S("code", s.auth.UserCode), i18n.S("url", s.auth.VerificationURI))
	if s.notice != "" {
		return s.notice + " " + code
	}
	return code
}

// Tick counts the code's life down as the clock moves.
func (s *signInCode) Tick() bool {
	if s.auth.UserCode == "" {
		return false
	}
	left := s.timeLeft().Truncate(time.Second)
	if left == s.left {
		return false
	}
	s.left = left
	return true
}

// timeLeft returns how long the code shown still works.
func (s *signInCode) timeLeft() time.Duration {
	return max(s.auth.ExpiresIn-s.env.Clock.Now().Sub(s.shownAt), 0)
}

func (s *signInCode) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(s.env.t(msgSignInPhone), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	y := safe.Y + 150
	if s.auth.UserCode != "" {
		instr := text(s.env.t(msgCodeInstructions, i18n.S("url", s.auth.VerificationURI)), ui.TextBody, ui.Rect{X: safe.X, Y: y, W: 1200, H: textHeight(ui.TextBody, 2)})
		instr.Wrap = true
		code := &ui.Node{Key: "code", Role: ui.RoleText, Label: s.auth.UserCode, Text: ui.TextHeadline, Rect: ui.Rect{X: safe.X, Y: y + 130, W: 1000, H: textHeight(ui.TextHeadline, 1)}}
		root.Add(instr, code,
			text(s.env.msgCodeExpires(s.timeLeft()), ui.TextCaption, ui.Rect{X: safe.X, Y: y + 250, W: 1000, H: textHeight(ui.TextCaption, 1)}),
			&ui.Node{Role: ui.RoleQR, Input: s.auth.VerificationURIComplete, Rect: ui.Rect{X: safe.MaxX() - 420, Y: y, W: 420, H: 420}},
		)
	}
	status := s.env.t(msgWaitingApproval)
	if s.auth.UserCode == "" {
		status = s.env.t(msgLoading)
	}
	root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: safe.X, Y: y + 330, W: 56, H: 56}},
		text(status, ui.TextBody, ui.Rect{X: safe.X + 80, Y: y + 336, W: 1100, H: textHeight(ui.TextBody, 1)}))
	if s.notice != "" && s.auth.UserCode != "" {
		// Said with the code, in the title; here for the eye.
		notice := text(s.notice, ui.TextBody, ui.Rect{X: safe.X, Y: y + 440, W: 1000, H: textHeight(ui.TextBody, 2)})
		notice.Wrap = true
		root.Add(notice)
	}
	if s.err != "" {
		root.Add(alert(s.err, ui.TextBody, ui.Rect{X: safe.X, Y: y + 530, W: 1000, H: textHeight(ui.TextBody, 2)}))
	}
	root.Add(button("email", s.env.t(msgSignInEmail), ui.Rect{X: safe.X, Y: safe.MaxY() - buttonH, W: 760, H: buttonH}))
	return root
}

func (s *signInCode) Handle(ev Event) Command {
	if ev.Action == input.ActionOK && ev.Focused == "email" {
		return Replace(newSignInEmail(s.env))
	}
	return None
}

// slowDownStep is what RFC 8628 §3.5 has a device add to its interval when the
// service answers slow_down.
const slowDownStep = 5 * time.Second

// Poll asks the service whether the code was approved, once the interval the service
// asked for has passed since its last answer; with no code yet, because asking for
// one failed, it asks for a code again.
func (s *signInCode) Poll() Command {
	if s.polling {
		return None
	}
	if s.auth.UserCode != "" && s.timeLeft() == 0 {
		// Its life is over, asked or not: no poll can sign it in now.
		s.auth, s.notice = session.DeviceAuth{}, s.env.t(msgNewCode)
		return s.Start()
	}
	if s.env.Clock.Now().Before(s.nextPoll) {
		return None
	}
	if s.auth.UserCode == "" {
		return s.Start()
	}
	s.polling = true
	d, auth := s.env.Device, s.auth
	return Run(func(ctx context.Context) codePolled { return codePolled{d.PollCodeSignIn(ctx, auth)} }, s.polled)
}

// signInEmail signs in with an email address and password typed on the on-screen
// keyboard, which has keys for the common address endings, or on a hardware
// keyboard. The email last used on this device is one press away.
type signInEmail struct {
	env      *Env
	email    ui.Keyboard
	password ui.Keyboard
	onPass   bool // the keyboard types the password, not the email
	busy     bool
	err      string
}

// newSignInEmail returns the sign-in-with-email screen.
func newSignInEmail(env *Env) *signInEmail {
	return &signInEmail{env: env, email: ui.Keyboard{Email: true}}
}

// lastEmail returns the email to offer on the email step: the one last used on this
// device, unless it is typed already. A kiosk offers none.
func (s *signInEmail) lastEmail() string {
	if s.onPass || s.env.Kiosk != nil {
		return ""
	}
	if last := s.env.Device.LastEmail(); last != s.email.Value {
		return last
	}
	return ""
}

func (s *signInEmail) WorksSignedOut() bool { return true }

func (s *signInEmail) Committing() bool { return s.busy }

// StartsFresh opens on the email last used, one press away, every time, not on the
// key last typed.
func (s *signInEmail) StartsFresh() {}

func (s *signInEmail) Name() string { return "signin-email" }

func (s *signInEmail) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.DefaultFocus = "kb/q"
	root.Add(text(s.env.t(msgSignInEmail), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	y := safe.Y + 140
	fields := box("fields", ui.Rect{X: safe.X, Y: y, W: 1150, H: 2*buttonH + 20})
	fields.Add(
		&ui.Node{Key: "field/email", Role: ui.RoleTextField, Label: s.env.t(msgEmail), Input: s.email.Value, Focusable: true, Selected: !s.onPass},
		&ui.Node{Key: "field/password", Role: ui.RoleTextField, Label: s.env.t(msgPassword), Input: s.password.Value, Secret: !s.password.ShowSecret, Focusable: true, Selected: s.onPass},
	)
	ui.LayoutColumn(safe.X, y, 1150, buttonH, 20, fields.Children...)
	root.Add(fields)
	kb := &s.email
	if s.onPass {
		kb = &s.password
	}
	kb.Words = s.env.Words()
	root.Add(kb.Build("kb", safe.X, y+2*buttonH+60, s.onPass))
	side := box("side", ui.Rect{X: safe.MaxX() - 480, Y: y, W: 480, H: buttonH})
	submit := button("submit", s.env.t(msgSignIn), ui.Rect{X: side.Rect.X, Y: y, W: 480, H: buttonH})
	submit.Disabled = s.busy
	side.Add(submit)
	root.Add(side)
	below := y + buttonH + 40 // where the spinner or the error goes
	if last := s.lastEmail(); last != "" && !s.busy {
		// Beside the keyboard's top row, and where focus starts while the field
		// is empty: one press signs in as last time, but for the password.
		ky := y + 2*buttonH + 60
		root.Add(text(s.env.t(msgLastEmail), ui.TextBody, ui.Rect{X: side.Rect.X, Y: ky, W: 480, H: textHeight(ui.TextBody, 1)}))
		use := button("last-email", last, ui.Rect{X: side.Rect.X, Y: ky + 56, W: 480, H: buttonH})
		root.Add(use)
		if s.email.Value == "" {
			root.DefaultFocus = "last-email"
		}
		below = use.Rect.MaxY() + 40
	}
	if s.busy {
		root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: side.Rect.X, Y: below, W: 56, H: 56}})
	}
	if s.err != "" {
		e := alert(s.err, ui.TextBody, ui.Rect{X: side.Rect.X, Y: below, W: 480, H: textHeight(ui.TextBody, 4)})
		root.Add(e)
	}
	return root
}

func (s *signInEmail) Handle(ev Event) Command {
	if ev.Typed && !s.busy {
		return s.typed(ev)
	}
	if ev.Action != input.ActionOK || s.busy {
		return None
	}
	switch ev.Focused {
	case "field/email":
		s.onPass = false
		return Rebuild
	case "field/password":
		s.onPass = true
		return Rebuild
	case "submit":
		return s.submit()
	case "last-email":
		s.email.Value, s.onPass = s.lastEmail(), true
		return RebuildFocus("kb/q") // on to the password
	}
	name := ui.KeyName("kb", ev.Focused)
	if name == "" {
		return None
	}
	kb := &s.email
	if s.onPass {
		kb = &s.password
	}
	if kb.Press(name) {
		if !s.onPass {
			// Done on the email goes on to the password, ready to type it, as the
			// last-used email does: focus left on Done would sign in with none.
			s.onPass = true
			return RebuildFocus(s.password.DefaultKey("kb"))
		}
		return s.submit()
	}
	return Rebuild
}

// typed takes what the device's own keyboard typed: Enter on the email goes on to
// the password, and on the password signs in.
func (s *signInEmail) typed(ev Event) Command {
	s.onPass = ev.Focused == "field/password" // the keyboard follows the field typed into
	switch ev.Focused {
	case "field/email":
		s.email.Set(ev.Text)
		if ev.Submit {
			s.onPass = true
			return RebuildFocus("field/password")
		}
	case "field/password":
		s.password.Set(ev.Text)
		if ev.Submit {
			return s.submit()
		}
	}
	return Rebuild
}

func (s *signInEmail) submit() Command {
	s.busy, s.err = true, ""
	d, email, password := s.env.Device, s.email.Value, s.password.Value
	return Run(func(ctx context.Context) signedIn { return signedIn{d.SignIn(ctx, email, password)} }, s.signedIn)
}

// signedIn goes to Who's watching once signed in, or says why not.
func (s *signInEmail) signedIn(r signedIn) Command {
	s.busy = false
	if r.err != nil {
		s.err = s.env.errorText(r.err)
		return Rebuild
	}
	return afterSignIn(s.env)
}
