package screens

import (
	"context"
	"errors"
	"tenfoot/i18n"

	"tenfoot/session"
	"tenfoot/ui"
)

// signOutDialog signs this device out. It names the account, lists the profiles on
// this screen and says what will be lost; Cancel has focus first and is what Back
// does, so signing out takes a deliberate move and OK.
type signOutDialog struct {
	env  *Env
	plan session.SignOutPlan
	confirmation
}

// newSignOutDialog returns the sign-out dialog for this device.
func newSignOutDialog(env *Env) *signOutDialog { return &signOutDialog{env: env} }

func (s *signOutDialog) Name() string { return "signout" }

func (s *signOutDialog) IsOverlay() {}

// WorksSignedOut keeps the dialog up while its own sign-out runs, so that it can
// say how it went; a device signed out from elsewhere meanwhile is not its doing.
func (s *signOutDialog) WorksSignedOut() bool { return s.busy }

// Start makes the plan, which says what signing out will do, now.
func (s *signOutDialog) Start() Command {
	plan, err := s.env.Device.Plan()
	if err != nil {
		return Pop // nobody is signed in any more: nothing to sign out
	}
	s.plan = plan
	return Rebuild
}

// signedOut is how confirming the plan went.
type signedOut struct {
	result session.SignOutResult
	err    error
}

func (s *signOutDialog) Build() *ui.Node {
	warning, confirm := s.env.msgPlanWarning(s.plan), s.env.t(msgSignOut)
	if s.env.Kiosk != nil {
		// A guest sees their downloads by name on Home; the dialog names them too.
		warning, confirm = s.env.msgDownloadsLost(s.plan), s.env.t(msgSignOutAndClearOK)
	}
	if warning == "" {
		warning = s.env.t(msgNothingLost)
	}
	d := s.build(s.env, "dialog/signout", s.env.msgSignOutQuestion(s.plan), []string{s.env.msgProfilesOnScreen(s.plan.Profiles), warning}, s.env.t(msgSigningOut), confirm)
	if s.busy {
		addSpinner(d)
	}
	return d
}

// addSpinner puts a spinner in the lower right of a dialog's panel.
func addSpinner(d *ui.Node) {
	panel := d.Children[0]
	r := panel.Rect
	panel.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: r.MaxX() - dialogPad - 64, Y: r.MaxY() - dialogPad - 64, W: 64, H: 64}})
}

func (s *signOutDialog) Handle(ev Event) Command {
	d, plan := s.env.Device, s.plan
	return s.press(ev, Run(func(ctx context.Context) signedOut {
		r, err := d.Confirm(ctx, plan)
		return signedOut{r, err}
	}, s.signedOut))
}

// signedOut goes where the device belongs once signed out; a plan gone stale is
// shown again as it stands now.
func (s *signOutDialog) signedOut(r signedOut) Command {
	if errors.Is(r.err, session.ErrStalePlan) {
		s.busy = false
		s.Start() // show what would happen now, and let the person decide again
		s.err = s.env.t(msgStalePlan)
		return Rebuild
	}
	if s.failed(s.env, r.err) {
		return Rebuild
	}
	s.env.ForgetAccount() // the screens speak the device's language again
	return Reset(s.env.afterSignOut(s.env.t(msgSignedOutOf, i18n.S("name", s.plan.AccountName))))
}
