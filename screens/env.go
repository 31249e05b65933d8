package screens

import (
	"github.com/google/uuid"

	"tenfoot/session"
	"tenfoot/ui"
)

// Env is what the screens of one app share: where it runs, the device with its
// session, and who is watching.
type Env struct {
	Options
	Device *session.Device
	// Form is the kind of screen the app is laid out for, and Canvas its size; the
	// host sets them with App.SetViewport.
	Form   ui.Form
	Canvas ui.Rect
	// Profile is who is watching, chosen on Who's watching; nil before.
	Profile *session.Profile
	// watching holds each profile's own position in titles started, for Continue
	// watching: profile -> title ID -> share watched. Only the demo household's
	// profiles start with some; a profile added later starts with none.
	watching map[uuid.UUID]map[string]float64
	// staff counts wrong staff PINs in a kiosk.
	staff staffLock
}

// kids reports whether a kids profile is watching. A kids profile sees no Account,
// signs no other device out and manages no profiles: those belong to the adults
// who pay for the account, as on every streaming service.
func (env *Env) kids() bool { return env.Profile != nil && env.Profile.Kids }

// continueWatching returns the titles the profile has started, with how far in.
func (env *Env) continueWatching() []watched {
	if env.Profile == nil {
		return nil
	}
	if env.watching == nil {
		env.watching = make(map[uuid.UUID]map[string]float64)
	}
	w, ok := env.watching[env.Profile.ID]
	if !ok {
		w = make(map[string]float64) // a new profile has watched nothing
		switch {
		case !session.DemoProfile(env.Profile.ID):
		case env.Profile.Kids:
			w = map[string]float64{"paper": 0.5, "garden": 0.2}
		default:
			// The demo household has watched a little already.
			w = map[string]float64{"summit": 0.35, "meridian": 0.7}
		}
		env.watching[env.Profile.ID] = w
	}
	var out []watched
	for _, t := range catalog {
		if share, ok := w[t.ID]; ok && share < 1 {
			out = append(out, watched{t, share})
		}
	}
	return out
}

// watch records how far the profile got in a title.
func (env *Env) watch(id string, share float64) {
	env.continueWatching() // make sure the profile's history exists
	if env.Profile != nil {
		env.watching[env.Profile.ID][id] = share
	}
}

type watched struct {
	Title
	share float64
}
