package screens

import (
	"github.com/google/uuid"

	"tenfoot/catalog"
	"tenfoot/i18n"
	"tenfoot/kiosk"
	"tenfoot/session"
	"tenfoot/ui"
)

// Env is what the screens of one app share: where it runs, the device with its
// session, and who is watching. App (package app) makes it from app.Options and
// keeps Form and Canvas up to date.
type Env struct {
	Device *session.Device
	// Catalog is the library of titles the screens show; the hosts give them the
	// demo's.
	Catalog catalog.Catalog
	// Version is shown in Settings.
	Version string
	// Kiosk, if set, makes the screens a kiosk's: "Sign out and clear this TV" on
	// Home, a welcome screen after every sign-out, no email remembered.
	Kiosk *kiosk.Config
	// Clock tells the time of countdowns and polls.
	Clock session.Clock
	// Form is the kind of screen the app is laid out for, and Canvas its size; the
	// host sets them with App.SetViewport.
	Form   ui.Form
	Canvas ui.Rect
	// Language is the device's language: what the screens speak before a profile
	// is chosen, and for a profile that chose none. The host sets it from -lang,
	// ?lang=, the browser's or the system's languages; a kiosk's guest changes it
	// on the welcome screen.
	Language i18n.Lang
	// startLanguage is Language as the app started, which a kiosk returns to.
	startLanguage i18n.Lang
	// Profile is who is watching, chosen on Who's watching; nil before.
	Profile *session.Profile
	// watching holds each profile's own position in titles started, for Continue
	// watching: profile -> title ID -> share watched, from Catalog.Started when
	// the profile is first shown.
	watching map[uuid.UUID]map[string]float64
	// Guard is a kiosk's guard, which counts wrong staff PINs where a restart
	// does not forget them; App sets it with Kiosk.
	Guard *kiosk.Guard
}

// Start readies env for the app's first screen: a kiosk greets its first guest in
// its config's language. App calls it once, having set Language.
func (env *Env) Start() {
	env.startLanguage = env.Language
	if env.Kiosk != nil {
		env.Language = env.kioskLanguage()
	}
}

// ForgetAccount forgets what the screens keep of the account that was signed in: who
// was watching and what they watched. App calls it when the device is signed out, so
// that nothing of the account stays in memory.
func (env *Env) ForgetAccount() { env.Profile, env.watching = nil, nil }

// FollowProfile takes the profile watching as the device has it now, as App calls
// it whenever the account's profiles changed: renamed, made a kids profile or
// given a language on another device, it is so here at once, so a profile made a
// kids profile elsewhere no longer shows a grown-up's titles and Account. Made a
// kids profile, it returns a Reset to Home, which says why in a toast, since
// whatever else was open was opened by an adult. Deleted
// elsewhere, nobody is watching any more: it returns a Reset to Who's watching
// when the app shows the profile's screens (whose first is first), since they
// would otherwise go on showing a profile that is gone, and None when Who's
// watching is already the first screen.
//
// On Who's watching the profile is kept as it was when the person left it, since
// it says only who may manage the profiles there and where Back goes, which takes
// it as it is now: whoever made it a kids profile in Manage profiles stays there.
func (env *Env) FollowProfile(first Screen) Command {
	if env.Profile == nil {
		return None
	}
	_, gate := first.(*whoIsWatching)
	for _, p := range env.Device.Profiles() {
		if p.ID == env.Profile.ID {
			if gate || p == *env.Profile {
				return None
			}
			madeKids := p.Kids && !env.Profile.Kids
			env.Profile = &p
			if madeKids {
				// What was open was opened by an adult: Account, signing devices
				// out, a grown-up's title. Left there, its buttons did nothing, or
				// signed every device out; Home shows what a kids profile may see.
				return Command{Kind: CommandReset, Screen: newHome(env), Text: env.t(msgProfileMadeKids, i18n.S("name", p.Name))}
			}
			return None
		}
	}
	env.Profile = nil
	if gate {
		return None
	}
	return Reset(newWhoIsWatching(env))
}

// profileNow returns the profile watching as the device last saw it, with any
// change made since it was chosen, here or on another device; Profile is the copy
// taken then. A profile gone from the device is returned as it was chosen. There
// must be a profile watching.
func (env *Env) profileNow() session.Profile {
	for _, p := range env.Device.Profiles() {
		if p.ID == env.Profile.ID {
			return p
		}
	}
	return *env.Profile
}

// kids reports whether a kids profile is watching. A kids profile sees no Account,
// signs no other device out and manages no profiles: those belong to the adults
// who pay for the account, as on every streaming service.
func (env *Env) kids() bool { return env.Profile != nil && env.Profile.Kids }

// continueWatching returns the titles the profile has started, with how far in.
func (env *Env) continueWatching() []watched {
	w := env.history()
	var out []watched
	for _, t := range env.Catalog.Titles {
		if share, ok := w[t.ID]; ok && share < 1 {
			out = append(out, watched{t, share})
		}
	}
	return out
}

// history returns how far the profile watching got in each title it started, from
// Catalog.Started the first time; nil when nobody is watching.
func (env *Env) history() map[string]float64 {
	if env.Profile == nil {
		return nil
	}
	if env.watching == nil {
		env.watching = make(map[uuid.UUID]map[string]float64)
	}
	w, ok := env.watching[env.Profile.ID]
	if !ok {
		if env.Catalog.Started != nil {
			w = env.Catalog.Started(*env.Profile)
		}
		if w == nil {
			w = make(map[string]float64) // a new profile has watched nothing
		}
		env.watching[env.Profile.ID] = w
	}
	return w
}

// watched returns how far the profile got in the title id: 0 when it has not
// started it.
func (env *Env) watched(id string) float64 { return env.history()[id] }

// watch records how far the profile got in a title. It allocates nothing once the
// title is in the profile's history, so a player keeps its place every second.
func (env *Env) watch(id string, share float64) {
	if w := env.history(); w != nil {
		w[id] = share
	}
}

type watched struct {
	catalog.Title
	share float64
}
