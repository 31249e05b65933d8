package screens

import (
	"context"
	"errors"
	"tenfoot/i18n"
	"time"

	"github.com/google/uuid"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// signOutAll signs every device of the account out, in three steps: a confirmation
// that names the account and counts its devices; the account's password (or a
// profile's PIN) to prove the person may; then a live list that ticks each device off
// as it signs out and says when the offline ones will follow.
type signOutAll struct {
	env     *Env
	stage   signOutAllStage
	account session.Account
	count   int
	usePIN  bool
	locked  *session.Profile // a profile whose PIN may be used instead
	kb      ui.Keyboard
	pin     pinEntry
	busy    bool
	err     string
	devices []session.DeviceSignOut // those the service listed
	tally   session.SignOutCount    // every device, listed or not
	unheard map[uuid.UUID]bool      // devices not listed that said they were wiped
	recount time.Time               // when to count the devices again; zero if not
	watch   <-chan session.Event
	// follow is what the streams that follow the devices live in: it ends with
	// the app, or when stop is called as the list is left.
	follow   context.Context
	stop     context.CancelFunc
	ticket   string    // opens another stream when one could not be opened, or ended
	rewatch  time.Time // when to open it; zero if not
	watching bool      // a stream is being opened
	// spoken is the count a screen reader was last told, at spokenAt, in
	// words said; ticked the count Tick last had it said for (see SpokenTitle).
	spoken, ticked session.SignOutCount
	spokenAt       time.Time
	said           string
}

type signOutAllStage uint8

const (
	stageConfirm signOutAllStage = iota
	stageProof
	stageProgress
)

// newSignOutAll returns the sign-out-of-all-devices flow.
func newSignOutAll(env *Env) *signOutAll {
	s := &signOutAll{env: env}
	s.account, _ = env.Device.Account()
	for _, p := range env.Device.Profiles() {
		if p.Locked {
			s.locked = &p
			break
		}
	}
	return s
}

func (s *signOutAll) Name() string { return "signout-all" }

// WorksSignedOut keeps the flow up from the moment it signs out, this device too,
// to show each device signed out; before, a device signed out from elsewhere has
// nothing left here to sign out.
func (s *signOutAll) WorksSignedOut() bool { return s.Committing() || s.stage == stageProgress }

// StartsFresh opens the flow on its first step's Cancel each time.
func (s *signOutAll) StartsFresh() {}

// Committing reports whether the sign-out of every device is under way; counting
// the devices for the confirmation is not, and Back may leave it.
func (s *signOutAll) Committing() bool { return s.busy && s.stage == stageProof }

// Start has the service count the devices, for the confirmation.
func (s *signOutAll) Start() Command {
	s.busy = true
	return loadDevices(s.env.Device, s.counted)
}

// counted shows how many devices will be signed out. If the service could not be
// reached, Poll counts again after countRetry.
func (s *signOutAll) counted(r devicesLoaded) Command {
	s.busy, s.count, s.err = false, len(r.devices), s.env.errorText(r.err)
	s.recount = time.Time{}
	if r.err != nil {
		s.recount = s.env.Clock.Now().Add(countRetry)
	}
	return Rebuild
}

// countRetry is how long the confirmation waits before counting the devices again
// after the service could not be reached.
const countRetry = 5 * time.Second

// Poll counts the devices again once it is time to, after counting failed: with
// none counted Continue stays disabled, and the network coming back must be
// enough for it to work, without leaving the flow and opening it again. On the
// list of devices, it opens the stream that follows them again (see next).
func (s *signOutAll) Poll() Command {
	if s.stage == stageProgress {
		return s.watchAgain()
	}
	if s.stage != stageConfirm || s.busy || s.recount.IsZero() || s.env.Clock.Now().Before(s.recount) {
		return None
	}
	return s.Start()
}

// watchAgain opens the stream that follows the devices, once it is time to.
func (s *signOutAll) watchAgain() Command {
	if s.watching || s.rewatch.IsZero() || s.env.Clock.Now().Before(s.rewatch) {
		return None
	}
	s.watching = true
	d, follow, ticket := s.env.Device, s.follow, s.ticket
	return Run(func(context.Context) rewatched {
		watch, err := d.WatchSignOut(follow, ticket)
		return rewatched{watch, err}
	}, s.rewatched)
}

// rewatched waits on the stream opened again, or tries again later; a ticket the
// service no longer takes has nothing more to follow.
func (s *signOutAll) rewatched(r rewatched) Command {
	s.watching, s.rewatch = false, time.Time{}
	if r.err != nil {
		if !errors.Is(r.err, session.ErrUnauthorized) {
			s.rewatch = s.env.Clock.Now().Add(countRetry)
		}
		return None
	}
	s.watch = r.watch
	return s.next()
}

// Results of the background work of the flow.
type (
	signedOutAll struct {
		result session.SignOutAllResult
		watch  <-chan session.Event
		follow context.Context    // what watch, and any stream after it, lives in
		stop   context.CancelFunc // ends follow
		err    error
	}
	rewatched struct {
		watch <-chan session.Event
		err   error
	}
	signOutEvent struct {
		event session.Event
		ok    bool // false when the watch ended
	}
)

// Every text of the flow has the lines it needs in the language shown, by the
// same generous estimate as a dialog's: the question takes two lines where it
// is long (Arabic, or a long name), the hint three in German, and what follows
// moves down with them, rather than being cut off.
func (s *signOutAll) Build() *ui.Node {
	root := box("", ui.Canvas)
	title := wrapped(s.heading(), ui.TextTitle, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W}, 1)
	root.Add(title)
	y := title.Rect.MaxY() + 90 - textHeight(ui.TextTitle, 1)
	switch s.stage {
	case stageConfirm:
		hint := wrapped(s.env.t(msgSignOutAllHint, i18n.S("this", s.env.this())), ui.TextBody, ui.Rect{X: safe.X, Y: y, W: paragraphW}, 2)
		hint.Live = true // what it will do, said as it opens: a listener heard only the question
		root.Add(hint)
		by := hint.Rect.MaxY() + 160 - textHeight(ui.TextBody, 2)
		buttons := box("buttons", ui.Rect{X: safe.X, Y: by, W: 2*wideButtonW + wideButtonGap, H: buttonH})
		buttons.Add(button("cancel", s.env.t(msgCancel), ui.Rect{}), button("continue", s.env.t(msgContinue), ui.Rect{}))
		ui.LayoutRow(safe.X, by, wideButtonW, buttonH, wideButtonGap, buttons.Children...)
		buttons.Children[1].Disabled = s.busy || s.count == 0
		root.Add(buttons)
	case stageProof:
		s.buildProof(root, y)
	case stageProgress:
		s.buildProgress(root, y)
	}
	addStatus(root, safe, s.err, s.busy)
	return root
}

// heading is the flow's title: the question until the service took the sign-out.
func (s *signOutAll) heading() string {
	if s.stage == stageProgress {
		return s.env.t(msgSignOutAll)
	}
	return s.env.msgSignOutAllQuestion(s.account, s.count)
}

// progressPace is how often at most a screen reader is told how many devices have
// signed out: a hotel's hundred TVs confirming within seconds must not be a hundred
// sentences, each cutting off the last.
const progressPace = 5 * time.Second

// SpokenTitle is the flow as a screen reader says it: its heading until the
// service took the sign-out, then the heading with how many devices have signed
// out, and after it the count as it changes, at most every progressPace, and the
// end at once: every device signed out, or how many wait offline. The list said
// only its heading and Done, and nothing more while the devices signed out.
func (s *signOutAll) SpokenTitle() string {
	if s.stage != stageProgress {
		return s.heading()
	}
	now := s.env.Clock.Now()
	switch {
	case s.said == "":
		s.said = s.heading() + ". " + s.env.msgSignOutProgress(s.tally)
	case s.tally != s.spoken && (s.tally.Pending == 0 || !now.Before(s.spokenAt.Add(progressPace))):
		s.said = s.env.msgSignOutProgress(s.tally)
	default:
		return s.said
	}
	s.spoken, s.spokenAt = s.tally, now
	return s.said
}

// Tick has the list built again, and so the host ask what to say, once a count
// that changed too soon after the last one said is due: otherwise it waited for
// the next device to confirm, which may be many seconds later. Once for each
// count, so that a host that says nothing is not made to build the list every tick.
func (s *signOutAll) Tick() bool {
	if s.stage != stageProgress || s.said == "" || s.tally == s.spoken || s.tally == s.ticked ||
		s.env.Clock.Now().Before(s.spokenAt.Add(progressPace)) {
		return false
	}
	s.ticked = s.tally
	return true
}

func (s *signOutAll) buildProof(root *ui.Node, y float64) {
	hint := s.env.t(msgConfirmAllHint)
	if s.usePIN {
		hint = s.env.t(msgConfirmAllPINHint)
	}
	// On a screen, not in a dialog, only Live text is said as it appears: without
	// it, Continue was heard as "q", and nothing of what to type.
	prompt := text(hint, ui.TextBody, ui.Rect{X: safe.X, Y: y, W: safe.W, H: textHeight(ui.TextBody, 1)})
	prompt.Live = true
	root.Add(prompt)
	side := box("side", ui.Rect{X: safe.MaxX() - 560, Y: y + 90, W: 560})
	confirm := button("confirm", s.env.t(msgSignOutAll), ui.Rect{})
	confirm.Disabled = s.busy
	side.Add(confirm)
	if s.locked != nil {
		label := s.env.t(msgUsePIN)
		if s.usePIN {
			label = s.env.t(msgUsePassword)
		}
		side.Add(button("switch-proof", label, ui.Rect{}))
	}
	side.Add(button("cancel", s.env.t(msgCancel), ui.Rect{}))
	side.Next[ui.DirDown] = ui.Stay // the keys below and to the left are reached with Left
	// A label too long for the column ("Stattdessen eine Profil-PIN verwenden")
	// takes two lines, in a taller button: the keyboard leaves no more width.
	by := side.Rect.Y
	for _, b := range side.Children {
		b.Rect = ui.Rect{X: side.Rect.X, Y: by, W: side.Rect.W, H: buttonH}
		if lines := ui.EstimateLines(b.Label, b.Text, b.Rect.W-2*buttonPad); lines > 1 {
			b.Wrap, b.Rect.H = true, textHeight(b.Text, lines)+24
		}
		by = b.Rect.MaxY() + 24
	}
	side.Rect.H = by - 24 - side.Rect.Y
	root.Add(side)
	if s.usePIN {
		root.DefaultFocus = "pin/1"
		whose := text(s.env.t(msgEnterPINFor, i18n.S("name", s.locked.Name)), ui.TextBody, ui.Rect{X: safe.X, Y: y + 90, W: 900, H: textHeight(ui.TextBody, 1)})
		whose.Live = true
		root.Add(whose)
		pad := s.pin.build(s.env, safe.X, y+150)
		pad.Children[0].Live = true // the digits typed, as a count: the dots say nothing
		// Nothing lies above the keys but words: Up from the first row went to a
		// button far beside it, which Right and Left reach level.
		pad.Next[ui.DirUp] = ui.Stay
		root.Add(pad)
		return
	}
	root.DefaultFocus = "kb/q"
	root.Add(&ui.Node{Key: "password", Role: ui.RoleTextField, Label: s.env.t(msgPassword), Input: s.kb.Value, Secret: !s.kb.ShowSecret,
		Focusable: true, Rect: ui.Rect{X: safe.X, Y: y + 90, W: 1150, H: buttonH}})
	s.kb.Words = s.env.Words()
	root.Add(s.kb.Build("kb", safe.X, y+210, true))
}

// buildProgress lists the devices, each on a row of two lines: a long name and
// kind, or a long state ("Offline, zuletzt aktiv vor 26 Stunden: wird abgemeldet,
// sobald es online ist"), takes the second rather than being cut off.
func (s *signOutAll) buildProgress(root *ui.Node, y float64) {
	now := time.Now()
	rowH := textHeight(ui.TextBody, 2) + 12
	list := box("progress", ui.Rect{X: safe.X, Y: y, W: safe.W, H: safe.MaxY() - y - 240})
	list.Scroll = ui.ScrollVertical
	// The list holds no focus to scroll it by, so it shows the rows that fit, and a
	// last row counts the rest: a hotel may sign out of thousands of TVs.
	shown, rest := s.devices, s.tally
	if fit := int(list.Rect.H / rowH); len(shown) > fit || rest.Total() > len(shown) {
		shown = shown[:max(0, min(len(shown), fit-1))]
	}
	// The device's ID as it is now: a device given a new one at sign-in is still
	// this one.
	self := s.env.Device.Info().ID
	for i, d := range shown {
		label := s.env.msgDevice(d.Device)
		if d.Device.ID == self {
			label += "  ·  " + s.env.t(msgThisDevice)
		}
		row := text(label, ui.TextBody, ui.Rect{X: safe.X, Y: y + float64(i)*rowH, W: 760, H: rowH - 12})
		state := text(s.env.msgDeviceState(d, now), ui.TextBody, ui.Rect{X: safe.X + 800, Y: row.Rect.Y, W: safe.W - 800, H: rowH - 12})
		if d.State != session.SignOutDone {
			state.Text = ui.TextCaption
		}
		row.Wrap, state.Wrap = true, true
		list.Add(row, state)
		rest.Add(d.State, -1)
	}
	if rest.Total() > 0 {
		more := text(s.env.msgMoreDevices(rest), ui.TextBody, ui.Rect{X: safe.X, Y: y + float64(len(shown))*rowH, W: safe.W, H: rowH - 12})
		more.Wrap = true
		list.Add(more)
	}
	root.Add(list)
	root.Add(text(s.env.t(msgOfflineFollow), ui.TextBody, ui.Rect{X: safe.X, Y: safe.MaxY() - 220, W: safe.W, H: textHeight(ui.TextBody, 1)}))
	root.Add(button("done", s.env.t(msgDone), ui.Rect{X: safe.X, Y: safe.MaxY() - 140, W: buttonW, H: buttonH}))
}

func (s *signOutAll) Handle(ev Event) Command {
	if s.busy {
		return None
	}
	if s.stage == stageProof && !s.usePIN {
		if typed, finished := typeInto(&s.kb, "password", ev); typed {
			if finished {
				return s.confirm()
			}
			return Rebuild
		}
	}
	// Once every device is signed out, this one too, Back and Home both lead to
	// the sign-in screen: Home must not go to the account's Home, which the
	// signed-out TV no longer has.
	if (ev.Action == input.ActionBack || ev.Action == input.ActionHome) && s.stage == stageProgress {
		return s.done()
	}
	if ev.Action != input.ActionOK {
		return None
	}
	switch ev.Focused {
	case "cancel":
		return Pop
	case "continue":
		s.stage = stageProof
		return RebuildFocus(s.env.typeFirst("kb/q", "password"))
	case "switch-proof":
		s.usePIN = !s.usePIN
		s.err = ""
		if s.usePIN {
			return RebuildFocus("pin/1")
		}
		return RebuildFocus(s.env.typeFirst("kb/q", "password"))
	case "confirm":
		return s.confirm()
	case "done":
		return s.done()
	}
	if s.stage != stageProof {
		return None
	}
	if s.usePIN {
		if s.pin.press(ev.Focused) {
			return s.confirm()
		}
		return Rebuild
	}
	return None
}

// confirm signs every device out with the proof given, then follows the devices.
func (s *signOutAll) confirm() Command {
	proof := session.Proof{Password: s.kb.Value}
	if s.usePIN {
		proof = session.Proof{ProfileID: s.locked.ID, PIN: s.pin.digits}
	}
	s.busy, s.err = true, ""
	d := s.env.Device
	return Run(func(ctx context.Context) signedOutAll {
		res, err := d.SignOutAll(ctx, proof)
		if err != nil {
			return signedOutAll{err: err}
		}
		// The stream outlives this task, to tick the devices off, but not the
		// app: ctx ends when the app closes, and with it the stream and its
		// connection (a browser tab going away, a kiosk restarted). done ends
		// it sooner, when the person leaves the list.
		follow, stop := context.WithCancel(ctx)
		watch, err := d.WatchSignOut(follow, res.Watch)
		if err != nil {
			watch = nil // the list shows where each device stood, and ticks once Poll opens it
		}
		return signedOutAll{result: res, watch: watch, follow: follow, stop: stop}
	}, s.signedOutAll)
}

// signedOutAll shows each device's progress once the service took the sign-out.
func (s *signOutAll) signedOutAll(r signedOutAll) Command {
	s.busy = false
	if r.err != nil {
		s.err, s.pin.digits = s.env.errorText(r.err), ""
		return Rebuild
	}
	s.stage, s.devices, s.tally, s.watch, s.err = stageProgress, r.result.Devices, r.result.Count, r.watch, ""
	s.follow, s.stop, s.ticket = r.follow, r.stop, r.result.Watch
	s.unheard = map[uuid.UUID]bool{}
	return s.next()
}

// heard ticks off a device that says it was wiped, and waits for the next.
func (s *signOutAll) heard(r signOutEvent) Command {
	if !r.ok {
		s.watch = nil // it dropped: next opens another
		return s.next()
	}
	if r.event.Kind == session.EventDeviceWiped {
		for _, id := range r.event.Devices {
			s.wiped(id)
		}
	}
	return s.next()
}

// wiped ticks off a device that said it was wiped. One the service did not list is
// counted as one that was told, while any of those is left, since an online device
// answers in moments; otherwise as an offline one that came online.
func (s *signOutAll) wiped(id uuid.UUID) {
	var listed session.SignOutCount
	for i, d := range s.devices {
		if d.Device.ID == id {
			if d.State != session.SignOutDone {
				s.tally.Confirmed(d.State)
				s.devices[i].State = session.SignOutDone
			}
			return
		}
		listed.Add(d.State, 1)
	}
	pending, offline := s.tally.Pending-listed.Pending, s.tally.Offline-listed.Offline
	if s.unheard[id] || pending+offline <= 0 {
		return // heard already, or a device that was signed out before
	}
	s.unheard[id] = true
	from := session.SignOutOffline
	if pending > 0 {
		from = session.SignOutPending
	}
	s.tally.Confirmed(from)
}

// watchPatience is how long to wait for an online device to confirm before waiting
// again; offline devices are not waited for at all: they follow when they come online.
const watchPatience = 30 * time.Second

// next waits for the next event of the sign-out, while a device that was online is
// still signing out. With no stream to wait on, because it could not be opened
// or it dropped, Poll opens another after countRetry: a network back must be
// enough for the devices to tick off, which the service still has for a new
// stream, rather than "Signing out…" staying up for good.
func (s *signOutAll) next() Command {
	if s.watch == nil && s.tally.Pending > 0 && s.rewatch.IsZero() {
		s.rewatch = s.env.Clock.Now().Add(countRetry)
	}
	if s.watch == nil || s.tally.Pending == 0 {
		return Rebuild
	}
	watch := s.watch
	return Run(func(ctx context.Context) signOutEvent {
		select {
		case ev, ok := <-watch:
			return signOutEvent{ev, ok}
		case <-time.After(watchPatience):
			return signOutEvent{ok: true}
		case <-ctx.Done():
			return signOutEvent{}
		}
	}, s.heard)
}

// done leaves for the sign-in screen, which is where this device now belongs, and
// which says that every device was signed out, not only this one.
func (s *signOutAll) done() Command {
	if s.stop != nil {
		s.stop()
	}
	s.env.ForgetAccount() // the screens speak the device's language again
	return Reset(s.env.afterSignOut(s.env.t(msgSignedOutAllOf, i18n.S("name", s.account.DisplayName))))
}

// addStatus adds what a screen that waits on the service says about it: the error of
// the last try, along the bottom of the safe area, and a spinner at its top right
// while busy.
func addStatus(root *ui.Node, safe ui.Rect, err string, busy bool) {
	if err != "" {
		e := alert(err, ui.TextBody, ui.Rect{X: safe.X, Y: safe.MaxY() - textHeight(ui.TextBody, 2), W: safe.W, H: textHeight(ui.TextBody, 2)})
		root.Add(e)
	}
	if busy {
		root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: safe.MaxX() - 64, Y: safe.Y, W: 64, H: 64}})
	}
}

// wideButtonW is the width of the confirmation's two buttons, room for a label 40%
// longer than English's "Continue".
const wideButtonW = 400.0

// wideButtonGap keeps the focused one of two wide buttons, grown by the theme's
// FocusScale and outlined, clear of the other: at tileGap they touched.
const wideButtonGap = 64.0

// buttonPad is the room a button leaves either side of its label, as the host
// draws it.
const buttonPad = 32.0

// wrapped returns text in style within r, wrapped, with the height of the lines
// it takes by ui.EstimateLines, and no fewer than least.
func wrapped(label string, style ui.TextStyle, r ui.Rect, least int) *ui.Node {
	r.H = textHeight(style, max(least, ui.EstimateLines(label, style, r.W)))
	n := text(label, style, r)
	n.Wrap = true
	return n
}
