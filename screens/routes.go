package screens

import (
	"tenfoot/i18n"
	"tenfoot/kiosk"
)

// Routes are the screens App shows on its own account, not because a screen asked
// for them: where the app starts, where it goes when the device was signed out from
// elsewhere, what Back asks on the first screen, a kiosk's countdown and staff PIN,
// and the tabs of a touch form. With them App shows those screens without knowing
// the type of any.
type Routes struct {
	// Start is the first screen.
	Start func(env *Env) Screen
	// SignedOut is where the app goes when the device was signed out by anything
	// but one of its screens: another device, the service, or a kiosk's guard.
	SignedOut func(env *Env) Screen
	// Exit asks before leaving the app: Back on the first screen opens it, where
	// the app can be left (app.Options.CanExit).
	Exit func(env *Env) Screen
	// Countdown covers everything before a kiosk signs its guest out, showing v.
	Countdown func(env *Env, v kiosk.Verdict) Countdown
	// StaffPIN asks for the operator's PIN when staff hold Back in a kiosk.
	StaffPIN func(env *Env) Screen
	// Cleared is a kiosk's first screen afresh, in the kiosk's language, for when
	// what someone left on the signed-out screens is cleared (kiosk.PhaseClear).
	Cleared func(env *Env) Screen
	// Tabs are the tab bar of touch forms, in order. The first tab is the first
	// screen, reached by going back to it; the others open over it.
	Tabs []TabRoute
}

// TabRoute is one tab of the tab bar.
type TabRoute struct {
	Tab Tab
	// Label is the tab's name, a message App says with Env.Say.
	Label i18n.Key
	// Open returns the tab's screen; it is nil for the first tab, the first screen.
	Open func(env *Env) Screen
}

// Tab names a tab of the touch tab bar. App keys the tab's item "tab/" and its name,
// and a TabScreen says which tab it is with it.
type Tab string

// The tabs of tenfoot.
const (
	TabHome      Tab = "home"
	TabDownloads Tab = "downloads"
	TabMore      Tab = "more"
)

// Countdown is the screen a kiosk shows before it signs its guest out (Routes.
// Countdown). App keeps it up to date while it is shown, and signs the guest out
// itself when the time is up.
type Countdown interface {
	Screen
	// Show makes the countdown show v, and reports whether that changed it.
	Show(v kiosk.Verdict) bool
	// Failed shows why the sign-out failed; App tries again after a while.
	Failed(err error)
}

// Tenfoot returns the routes of the tenfoot app: Who's watching first when an
// account is signed in on the device, the sign-in screen otherwise (a kiosk's
// welcome screen, which names nobody); Home, Downloads and More as tabs.
func Tenfoot() Routes {
	return Routes{
		Start:     start,
		SignedOut: func(env *Env) Screen { return env.afterSignOut(env.t(msgSignedOutElsewhere)) },
		Exit:      func(env *Env) Screen { return newExitDialog(env) },
		Countdown: func(env *Env, v kiosk.Verdict) Countdown { return newKioskCountdown(env, v) },
		StaffPIN:  func(env *Env) Screen { return newStaffPIN(env) },
		Cleared: func(env *Env) Screen {
			env.Language = env.kioskLanguage()
			return newKioskWelcome(env, false)
		},
		Tabs: []TabRoute{
			{Tab: TabHome, Label: msgHome},
			{Tab: TabDownloads, Label: msgDownloads, Open: func(env *Env) Screen { return newDownloads(env) }},
			{Tab: TabMore, Label: msgMore, Open: func(env *Env) Screen { return newMore(env) }},
		},
	}
}

func start(env *Env) Screen {
	if _, ok := env.Device.Account(); ok {
		return newWhoIsWatching(env)
	}
	if env.Kiosk != nil {
		return newKioskWelcome(env, false)
	}
	return newSignIn(env, "")
}

// afterSignOut is where the app goes after this device signed out: the sign-in
// screen saying what happened (notice), or in a kiosk the welcome screen, which
// names nobody.
func (env *Env) afterSignOut(notice string) Screen {
	if env.Kiosk != nil {
		env.Language = env.kioskLanguage() // the next guest starts in the kiosk's language
		return newKioskWelcome(env, true)
	}
	return newSignIn(env, notice)
}

// kioskLanguage is the language a kiosk greets every guest in: its config's, else
// the device's as it started.
func (env *Env) kioskLanguage() i18n.Lang {
	if l, ok := i18n.Parse(env.Kiosk.Language); ok && env.Kiosk.Language != "" {
		return l
	}
	return env.startLanguage
}
