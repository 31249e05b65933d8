package screens

import (
	"slices"

	"github.com/google/uuid"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// whoIsWatching is the profile gate: after start and after every sign-in, the
// account's profiles as large avatars. A locked profile asks for its PIN. Reached
// from a kids profile, it offers no Manage profiles and no Add profile.
type whoIsWatching struct {
	env    *Env
	manage bool // OK on a profile edits it
	// deleted is the profile just deleted here, and order the profiles as they
	// were: the screen opens on what took its place.
	deleted uuid.UUID
	order   []uuid.UUID
}

// newWhoIsWatching returns the profile gate.
func newWhoIsWatching(env *Env) *whoIsWatching { return &whoIsWatching{env: env} }

func (w *whoIsWatching) Name() string { return "profiles" }

const (
	avatarSize = 200.0
	avatarGap  = 72.0
)

func (w *whoIsWatching) Build() *ui.Node {
	root := box("", ui.Canvas)
	title := w.env.t(msgWhoIsWatching)
	if w.manage {
		title = w.env.t(msgManageProfiles)
	}
	root.Add(centred(title, ui.TextHeadline, 230))
	profiles := w.env.Device.Profiles()
	n := float64(len(profiles))
	canAdd := len(profiles) < session.MaxProfiles && !w.env.kids()
	if canAdd {
		n++ // room for "Add profile"
	}
	x := (ui.CanvasWidth - n*avatarSize - (n-1)*avatarGap) / 2
	// A profile's note goes under its name, which may take two lines, and which a
	// focused avatar moves down as it grows.
	noteY := 14 + textHeight(ui.TextBody, 2) + avatarSize*(ui.Dark.FocusScale-1)/2 + 4
	row := box("avatars", ui.Rect{X: x, Y: 420, W: n*avatarSize + (n-1)*avatarGap, H: avatarSize})
	// Not Remember: every profile is in view, so Up from the button under the row
	// goes to the one above it, not back to one at the far end left long ago;
	// straight after Down from a profile, Up is that profile (see ui.View.Move).
	for i, p := range profiles {
		a := avatar("profile/"+p.ID.String(), p, ui.Rect{X: x + float64(i)*(avatarSize+avatarGap), Y: 420, W: avatarSize, H: avatarSize})
		a.Wrap = true // the longest name allowed takes two lines
		// Named with the note under the picture, which a phone does not show.
		a.Name = w.env.msgProfileSpoken(p)
		row.Add(a)
		if note := profileNote(w.env, p); note != "" && !w.env.Form.Touch() { // a touch layout has no room under a name
			root.Add(&ui.Node{Role: ui.RoleText, Label: note, Text: ui.TextCaption, Center: true,
				Rect: ui.Rect{X: a.Rect.X, Y: a.Rect.MaxY() + noteY, W: avatarSize, H: textHeight(ui.TextCaption, 1)}})
		}
	}
	if canAdd {
		add := &ui.Node{Key: "add", Role: ui.RoleAvatar, Label: w.env.t(msgAddProfile), Hue: 0.1, Focusable: true,
			Rect: ui.Rect{X: x + float64(len(profiles))*(avatarSize+avatarGap), Y: 420, W: avatarSize, H: avatarSize}}
		add.Input = "+"
		row.Add(add)
	}
	if w.env.Profile != nil {
		// Switching profile opens on the one watching, as it does on entering the row.
		row.DefaultFocus = "profile/" + w.env.Profile.ID.String()
		root.DefaultFocus = row.DefaultFocus
	}
	if key := w.inPlaceOfDeleted(row); key != "" {
		root.DefaultFocus = key
	}
	root.Add(row)
	if w.env.kids() {
		return root // managing profiles is for the adults
	}
	label := w.env.t(msgManageProfiles)
	if w.manage {
		label = w.env.t(msgDone)
		root.Add(centred(w.env.t(msgManageHint), ui.TextBody, 330))
	}
	manage := button("manage", label, ui.Rect{X: (ui.CanvasWidth - 560) / 2, Y: 800, W: 560, H: buttonH})
	return root.Add(manage)
}

// inPlaceOfDeleted returns the key of what took the place of the profile just
// deleted in row: the next profile, else Add profile, else the one before, as
// focus moves on from anything that vanishes from under it, rather than back to
// the start of the row; "" when no profile was deleted.
func (w *whoIsWatching) inPlaceOfDeleted(row *ui.Node) string {
	at := slices.Index(w.order, w.deleted)
	if at < 0 {
		return ""
	}
	keys := make([]string, 0, len(w.order))
	for _, id := range w.order[at+1:] {
		keys = append(keys, "profile/"+id.String())
	}
	keys = append(keys, "add")
	for i := at - 1; i >= 0; i-- {
		keys = append(keys, "profile/"+w.order[i].String())
	}
	for _, key := range keys {
		if row.Find(key) != nil {
			return key
		}
	}
	return ""
}

// profileNote says what is special about a profile, under its name.
func profileNote(env *Env, p session.Profile) string {
	switch {
	case p.Locked:
		return env.t(msgPINLocked)
	case p.Kids:
		return env.t(msgKidsProfile)
	}
	return ""
}

func (w *whoIsWatching) Handle(ev Event) Command {
	if ev.Action == input.ActionBack {
		return w.back()
	}
	if ev.Action != input.ActionOK {
		return None
	}
	switch {
	case (ev.Focused == "manage" || ev.Focused == "add") && w.env.kids():
		return None
	case ev.Focused == "manage":
		w.manage = !w.manage
		return Rebuild
	case ev.Focused == "add":
		return Push(newEditProfile(w.env, nil))
	}
	for _, p := range w.env.Device.Profiles() {
		if ev.Focused != "profile/"+p.ID.String() {
			continue
		}
		if w.manage && !w.env.kids() {
			return w.env.editProfile(p)
		}
		return w.env.choose(p)
	}
	return None
}

// back leaves Manage profiles, as Done does; or, when a profile was watching and
// Switch profile brought the person here, goes back to it, as when Switch profile
// was chosen by mistake. At the start there is nothing to go back to, and Back is
// the app's: Exit? where the app can be left.
func (w *whoIsWatching) back() Command {
	if w.manage {
		w.manage = false
		return Rebuild
	}
	if p := w.env.Profile; p != nil {
		for _, q := range w.env.Device.Profiles() {
			if q.ID == p.ID {
				return w.env.open(q)
			}
		}
	}
	return None
}

// choose opens p, after its PIN if it has one.
func (env *Env) choose(p session.Profile) Command {
	if p.Locked {
		return Push(newProfilePIN(env, p))
	}
	return env.open(p)
}

// open makes p the profile watching and goes home.
func (env *Env) open(p session.Profile) Command {
	env.Profile = &p
	return Reset(newHome(env))
}

func avatar(key string, p session.Profile, r ui.Rect) *ui.Node {
	return &ui.Node{Key: key, Role: ui.RoleAvatar, Label: p.Name, Hue: avatarHue(p.Avatar), Focusable: true, Rect: r}
}

// avatarHue gives each avatar of the app's set its colour.
func avatarHue(name string) float64 {
	switch name {
	case "fox":
		return 24
	case "owl":
		return 265
	case "bear":
		return 42
	case "whale":
		return 200
	case "cat":
		return 330
	case "robot":
		return 160
	}
	return 220
}

// centred returns a line of text centred on the canvas at y.
func centred(label string, style ui.TextStyle, y float64) *ui.Node {
	n := text(label, style, ui.Rect{X: safe.X, Y: y, W: safe.W, H: textHeight(style, 1)})
	n.Center = true
	return n
}
