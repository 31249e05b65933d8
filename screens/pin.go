package screens

import (
	"context"
	"errors"
	"strings"
	"tenfoot/i18n"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// pinLength is how many digits a profile PIN has.
const pinLength = 4

// pinEntry is a PIN being typed on a d-pad number pad.
type pinEntry struct {
	digits string
	length int // digits in a whole PIN; 0 means pinLength
}

func (p *pinEntry) size() int {
	if p.length > 0 {
		return p.length
	}
	return pinLength
}

// press applies a key of the pad and reports whether the PIN is complete.
func (p *pinEntry) press(key string) bool {
	switch key {
	case "pin/delete":
		if p.digits != "" {
			p.digits = p.digits[:len(p.digits)-1]
		}
	default:
		d, ok := strings.CutPrefix(key, "pin/")
		if ok && len(d) == 1 && d[0] >= '0' && d[0] <= '9' && len(p.digits) < p.size() {
			p.digits += d
		}
	}
	return len(p.digits) == p.size()
}

const pinKey = 120.0

// build lays out the dots and the pad: 1-9 in a grid, then Delete and 0, as on a
// phone, so the d-pad moves as the eye expects, in every language.
func (p *pinEntry) build(env *Env, x, y float64) *ui.Node {
	pad := box("pin", ui.Rect{X: x, Y: y, W: 3*pinKey + 2*keyGap, H: 5 * (pinKey + keyGap)})
	pad.Remember = true
	pad.DefaultFocus = "pin/1"
	pad.LeftToRight = true // 1 2 3 from the left in Arabic too, as on a phone
	dots := strings.Repeat("●  ", len(p.digits)) + strings.Repeat("○  ", p.size()-len(p.digits))
	d := text(strings.TrimSpace(dots), ui.TextTitle, ui.Rect{X: x, Y: y, W: pad.Rect.W, H: textHeight(ui.TextTitle, 1)})
	d.Center = true
	d.Name = env.msgPINDigits(len(p.digits), p.size()) // dots say nothing to a listener
	pad.Add(d)
	var keys []*ui.Node
	for _, k := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0"} {
		label := k
		if k == "delete" {
			label = env.t(msgDelete)
		}
		keys = append(keys, &ui.Node{Key: "pin/" + k, Role: ui.RoleKey, Label: label, Text: ui.TextTitle, Focusable: true})
	}
	ui.LayoutGrid(x, y+pinKey, pinKey, pinKey*0.8, keyGap, keyGap, 3, keys...)
	keys[9].Text = ui.TextBody
	return pad.Add(keys...)
}

// keyGap is the space between the keys of a pad.
const keyGap = 16.0

// pinChoice is a new PIN chosen on the number pad. It is typed twice, so that a slip
// of the thumb never locks a profile with a PIN nobody knows; when the two differ,
// the person is told and starts again.
type pinChoice struct {
	entry pinEntry
	first string   // the PIN as typed the first time, once it was
	err   i18n.Key // why the person starts again, if they do
}

// press applies a key of the pad and returns the PIN once it was typed twice alike.
func (c *pinChoice) press(key string) (pin string, chosen bool) {
	c.err = ""
	if !c.entry.press(key) {
		return "", false
	}
	typed := c.entry.digits
	c.entry = pinEntry{}
	switch {
	case c.first == "":
		c.first = typed
		return "", false
	case typed != c.first:
		c.first, c.err = "", msgPINsDiffer
		return "", false
	}
	return typed, true
}

// build lays out what to do now, the pad at x, y and, after a mismatch, why.
func (c *pinChoice) build(env *Env, root *ui.Node, name string, x, y float64) {
	prompt := env.t(msgChoosePINFor, i18n.S("name", name))
	if c.first != "" {
		prompt = env.t(msgChoosePINAgain)
	}
	p := text(prompt, ui.TextTitle, ui.Rect{X: x, Y: y, W: 1000, H: headerH})
	p.Live = true // "again" is news to someone who cannot see it
	p.Cut = name  // too long a name is cut, not what the pad is for
	root.Add(p)
	pad := c.entry.build(env, x, y+90)
	// On a screen, not in a dialog, only Live text is said as it changes: without
	// it, choosing a PIN said nothing of how many digits were typed.
	pad.Children[0].Live = true
	root.Add(pad)
	if c.err != "" {
		e := alert(env.t(c.err), ui.TextBody, ui.Rect{X: x + 3*pinKey + 2*keyGap + 60, Y: y + 90 + pinKey, W: 600, H: textHeight(ui.TextBody, 3)})
		root.Add(e)
	}
}

// pinPurpose says what a locked profile's PIN is asked for.
type pinPurpose uint8

const (
	pinToOpen pinPurpose = iota // to watch as the profile
	pinToEdit                   // to change or delete it, from Manage profiles
)

// profilePIN asks for a locked profile's PIN before opening it, or before editing
// it; "Forgot PIN?" leads to the account's password instead.
type profilePIN struct {
	env     *Env
	profile session.Profile
	purpose pinPurpose
	pin     pinEntry
	busy    bool
	err     string
}

// newProfilePIN returns the PIN dialog of profile p, which opens it.
func newProfilePIN(env *Env, p session.Profile) *profilePIN { return &profilePIN{env: env, profile: p} }

// newEditPIN returns the PIN dialog of profile p, which opens its editor.
func newEditPIN(env *Env, p session.Profile) *profilePIN {
	return &profilePIN{env: env, profile: p, purpose: pinToEdit}
}

func (s *profilePIN) Name() string { return "pin" }

func (s *profilePIN) IsOverlay() {}

func (s *profilePIN) Build() *ui.Node {
	scrim := &ui.Node{Key: "dialog/pin", Role: ui.RoleDialog, Rect: ui.Canvas}
	// Wide enough for "Enter the PIN for" and a long name on one line.
	panel := &ui.Node{Role: ui.RoleBox, Fill: ui.FillSurface, Rect: ui.Rect{X: 410, Y: 100, W: 1100, H: 900}}
	prompt := centredIn(s.env.t(msgEnterPINFor, i18n.S("name", s.profile.Name)), ui.TextTitle, panel.Rect, 140)
	prompt.Cut = s.profile.Name // too long a name is cut, not what the pad is for
	panel.Add(prompt)
	padX := panel.Rect.CenterX() - (3*pinKey+2*keyGap)/2
	panel.Add(s.pin.build(s.env, padX, 220))
	status := s.err
	if s.busy {
		status = s.env.t(msgChecking)
	}
	st := centredIn(status, ui.TextBody, panel.Rect, 790)
	st.Live = true // a wrong PIN is said before the emptied dots
	panel.Add(st)
	forgot := button("forgot", s.env.t(msgForgotPIN), ui.Rect{X: panel.Rect.CenterX() - 210, Y: 880, W: 420, H: buttonH})
	forgot.Disabled = s.busy
	panel.Add(forgot)
	return scrim.Add(panel)
}

func (s *profilePIN) Handle(ev Event) Command {
	if ev.Action != input.ActionOK || s.busy {
		return None
	}
	if ev.Focused == "forgot" {
		return Replace(newForgotPIN(s.env, s.profile))
	}
	s.err = ""
	if !s.pin.press(ev.Focused) {
		return Rebuild
	}
	s.busy = true
	d, id, pin := s.env.Device, s.profile.ID, s.pin.digits
	return Run(func(ctx context.Context) pinChecked { return pinChecked{d.VerifyPIN(ctx, id, pin)} }, s.checked)
}

// checked opens the profile, or its editor, once the service took the PIN.
//
// A profile deleted on another device while its PIN was asked here has nothing
// left to open: the dialog closes, saying why, rather than ask for the PIN again.
func (s *profilePIN) checked(r pinChecked) Command {
	s.busy = false
	if errors.Is(r.err, session.ErrNotFound) {
		return Command{Kind: CommandPop, Text: s.env.msgProfileGone(s.profile.Name)}
	}
	if errors.Is(r.err, session.ErrWrongPIN) {
		// The PIN removed on another device while it was asked here: no PIN is
		// right any more, and the profile opens as Who's watching would open it
		// now, rather than call a PIN right a moment ago wrong.
		for _, p := range s.env.Device.Profiles() {
			if p.ID == s.profile.ID && !p.Locked {
				if s.purpose == pinToEdit {
					return Replace(newEditProfile(s.env, &p))
				}
				return s.env.open(p)
			}
		}
	}
	if r.err != nil {
		s.err, s.pin.digits = s.env.errorText(r.err), ""
		return Rebuild
	}
	if s.purpose == pinToEdit {
		proof := session.Proof{ProfileID: s.profile.ID, PIN: s.pin.digits}
		return Replace(newUnlockedEditProfile(s.env, s.profile, proof))
	}
	return s.env.open(s.profile)
}

// pinChecked is the service's answer to a PIN.
type pinChecked struct{ err error }

// centredIn returns a line of text centred in r at y.
func centredIn(label string, style ui.TextStyle, r ui.Rect, y float64) *ui.Node {
	n := text(label, style, ui.Rect{X: r.X + dialogPad, Y: y, W: r.W - 2*dialogPad, H: textHeight(style, 1)})
	n.Center = true
	return n
}
