package screens

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/unicode/norm"

	"tenfoot/i18n"

	"tenfoot/input"
	"tenfoot/session"
	"tenfoot/ui"
)

// avatarNames is the app's set of profile pictures.
var avatarNames = []string{"fox", "owl", "bear", "whale", "cat", "robot"}

// editProfile adds a profile or changes one: its name on the on-screen keyboard, its
// picture, whether it is a kids profile, and a PIN lock chosen on the number pad.
// An existing profile can also be deleted, after a confirmation.
//
// A locked profile is edited only after its PIN or the account's password was given:
// the editor carries that proof to every change it makes, and the service checks it.
type editProfile struct {
	env      *Env
	existing bool
	profile  session.Profile
	opened   session.Profile // as it was when the editor opened (merged)
	proof    session.Proof   // what unlocked a locked profile; zero for others
	newID    uuid.UUID       // a new profile's, the same at every Save: the second makes no second profile
	name     ui.Keyboard
	pin      *string // nil: unchanged; "": remove; four digits: set
	choosing bool    // the number pad is up to choose a PIN
	newPIN   pinChoice
	busy     bool
	err      string
}

// newEditProfile returns the editor of p, or of a new profile when p is nil.
func newEditProfile(env *Env, p *session.Profile) *editProfile {
	e := &editProfile{env: env, profile: session.Profile{Avatar: avatarNames[0]}}
	if p != nil {
		e.existing, e.profile, e.opened = true, *p, *p
	} else {
		e.newID = uuid.New()
	}
	e.name.Value = e.profile.Name
	e.name.MaxLen = session.FieldProfileName.MaxLength()
	e.name.OfferLayouts(nameLayouts(env.Lang())...)
	e.name.Shift = e.name.Value == "" && e.name.Layout == ui.LayoutLatin // names start with a capital
	return e
}

// nameLayouts are the keyboard layouts a name is typed on in language l: its own
// letters first, then Latin; none (Latin only) where Latin is its own.
func nameLayouts(l i18n.Lang) []ui.Layout {
	switch l {
	case i18n.Arabic:
		return []ui.Layout{ui.LayoutArabic, ui.LayoutLatin}
	case i18n.Japanese:
		return []ui.Layout{ui.LayoutKana, ui.LayoutLatin}
	}
	return nil
}

// newUnlockedEditProfile returns the editor of the locked profile p, unlocked by proof.
func newUnlockedEditProfile(env *Env, p session.Profile, proof session.Proof) *editProfile {
	e := newEditProfile(env, &p)
	e.proof = proof
	return e
}

// editProfile opens the editor of p, after its PIN when it is locked.
func (env *Env) editProfile(p session.Profile) Command {
	if p.Locked {
		return Push(newEditPIN(env, p))
	}
	return Push(newEditProfile(env, &p))
}

func (e *editProfile) Name() string { return "edit-profile" }

func (e *editProfile) Committing() bool { return e.busy }

// StartsFresh opens every profile's editor on its name's keyboard: focus left on
// one profile's Delete must not wait there in the next one's.
func (e *editProfile) StartsFresh() {}

// profileSaved is how saving or deleting went.
type profileSaved struct{ err error }

// locked reports whether the profile will have a PIN once saved.
func (e *editProfile) locked() bool {
	if e.pin != nil {
		return *e.pin != ""
	}
	return e.profile.Locked
}

// Title is what a screen reader says as the editor opens: whose profile it is,
// by the name it had then. The headline says only "Edit profile", and a listener
// who chose among the profiles heard "Edit profile. q", not which one opened;
// the name as typed is said in its field, not in the title again at every key.
func (e *editProfile) Title() string {
	if !e.existing {
		return e.env.t(msgNewProfile)
	}
	return e.env.t(msgEditProfileOf, i18n.S("name", e.opened.Name))
}

func (e *editProfile) Build() *ui.Node {
	root := box("", ui.Canvas)
	title := e.env.t(msgEditProfile)
	if !e.existing {
		title = e.env.t(msgNewProfile)
	}
	root.Add(text(title, ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	y := safe.Y + 140
	if e.choosing {
		root.DefaultFocus = "pin/1"
		e.newPIN.build(e.env, root, e.displayName(), safe.X, y)
		root.Add(button("pin-cancel", e.env.t(msgCancel), ui.Rect{X: safe.MaxX() - 420, Y: y + 90, W: 420, H: buttonH}))
		return root
	}
	root.DefaultFocus = e.name.DefaultKey("kb")
	root.Add(&ui.Node{Key: "field/name", Role: ui.RoleTextField, Label: e.env.t(msgProfileName), Input: e.name.Value, Selected: true,
		Focusable: true, Rect: ui.Rect{X: safe.X, Y: y, W: 1000, H: buttonH}})
	e.name.Words = e.env.Words()
	kb := e.name.Build("kb", safe.X, y+buttonH+40, false)
	// Nothing lies below the keys: the column beside them is reached with Right,
	// and Down from the last row went up to its first picture.
	kb.Next[ui.DirDown] = ui.Stay
	root.Add(kb)

	side := box("side", ui.Rect{X: safe.MaxX() - 640, Y: y, W: 640, H: safe.MaxY() - y})
	side.Remember = true
	side.Add(text(e.env.t(msgAvatar), ui.TextCaption, ui.Rect{X: side.Rect.X, Y: y, W: 640, H: textHeight(ui.TextCaption, 1)}))
	for i, a := range avatarNames {
		// Every swatch shows the profile's initial; a screen reader tells them apart by picture.
		n := &ui.Node{Key: "avatar/" + a, Name: e.env.t(msgPictureName, i18n.S("avatar", e.env.t(i18n.Key("avatar."+a)))), Role: ui.RoleAvatar, Label: e.displayName(), Hue: avatarHue(a), Focusable: true,
			Selected: a == e.profile.Avatar,
			Rect:     ui.Rect{X: side.Rect.X + float64(i)*106, Y: y + 50, W: 90, H: 90}}
		side.Add(n)
	}
	toggles := []*ui.Node{
		{Key: "kids", Role: ui.RoleToggle, Label: e.env.t(msgKidsToggle), Text: ui.TextBody, Checked: e.profile.Kids, Focusable: true},
		{Key: "pin", Role: ui.RoleToggle, Label: e.env.t(msgPINToggle), Text: ui.TextBody, Checked: e.locked(), Focusable: true},
		button("save", e.env.t(msgSave), ui.Rect{}),
		button("cancel", e.env.t(msgCancel), ui.Rect{}),
	}
	if e.deletable() {
		toggles = append(toggles, button("delete", e.env.t(msgDeleteProfile), ui.Rect{}))
	}
	ui.LayoutColumn(side.Rect.X, y+180, 640, buttonH, 20, toggles...)
	toggles[2].Disabled = e.busy
	side.Add(toggles...)
	root.Add(side)
	if e.err != "" {
		msg := alert(e.err, ui.TextBody, ui.Rect{X: safe.X, Y: safe.MaxY() - textHeight(ui.TextBody, 2), W: 1000, H: textHeight(ui.TextBody, 2)})
		root.Add(msg)
	}
	return root
}

// nameRefused says why the service would refuse name as a profile's name, in the
// viewer's words, or returns "" when it would take it. Said here, not by the
// service, whose refusal names the field and the character in English: a name
// pasted on a phone may hold the invisible marks that embed right-to-left text,
// and letters that Unicode writes with two characters once saved (क़) make a name
// the keyboard let through too long.
func (env *Env) nameRefused(name string) string {
	field := session.FieldProfileName
	if _, err := session.CleanName(field, name); err == nil {
		return ""
	}
	name = norm.NFC.String(strings.TrimSpace(name))
	switch {
	case name == "":
		return env.t(msgProfileNameEmpty)
	case utf8.RuneCountInString(name) > field.MaxLength():
		return env.t(msgNameTooLong, i18n.N("n", field.MaxLength()))
	}
	return env.t(msgNameHidden)
}

// deletable reports whether the profile can be deleted: it exists, and it is not
// the account's last, which the service keeps. Offered there, Delete only led to an
// error.
func (e *editProfile) deletable() bool {
	return e.existing && len(e.env.Device.Profiles()) > 1
}

// merged returns the profile to save: what was changed here, over the profile as
// the device has it now. The service saves a profile whole, and saving it as the
// editor opened it took back what another device changed meanwhile: a profile made
// a kids profile on the phone was an adult's again once its picture was changed
// here. Where both changed the same, this editor's change is the later.
func (e *editProfile) merged() session.Profile {
	if !e.existing {
		return e.profile
	}
	now := e.env.Device.Profiles()
	i := slices.IndexFunc(now, func(p session.Profile) bool { return p.ID == e.profile.ID })
	if i < 0 {
		return e.profile // gone: the service says so
	}
	p := now[i]
	if e.profile.Name != e.opened.Name {
		p.Name = e.profile.Name
	}
	if e.profile.Avatar != e.opened.Avatar {
		p.Avatar = e.profile.Avatar
	}
	if e.profile.Kids != e.opened.Kids {
		p.Kids = e.profile.Kids
	}
	return p
}

// displayName is the name as typed, or the placeholder word while there is none.
func (e *editProfile) displayName() string {
	if e.name.Value == "" {
		return e.env.t(msgProfileName)
	}
	return e.name.Value
}

func (e *editProfile) Handle(ev Event) Command {
	if !e.busy && !e.choosing {
		if typed, finished := typeInto(&e.name, "field/name", ev); typed {
			if finished {
				return RebuildFocus("save") // on to saving
			}
			return Rebuild
		}
	}
	if ev.Action == input.ActionBack && e.choosing {
		e.choosing = false
		return RebuildFocus("pin")
	}
	if ev.Action != input.ActionOK || e.busy {
		return None
	}
	if e.choosing {
		if ev.Focused == "pin-cancel" {
			e.choosing = false
			return RebuildFocus("pin")
		}
		if pin, chosen := e.newPIN.press(ev.Focused); chosen {
			e.pin, e.choosing, e.newPIN = &pin, false, pinChoice{}
			return RebuildFocus("pin")
		}
		// Focus stays on the key pressed, as on every other pad: typed with the
		// d-pad, 5-5-5-5 is OK four times on 5, not a walk back from 1 after each
		// digit. The second entry, and one after a mismatch, start there too, as a
		// wrong PIN's next try does on the profile's PIN pad; the prompt, said as
		// it changes, tells a listener that an entry starts.
		return Rebuild
	}
	switch ev.Focused {
	case "kids":
		e.profile.Kids = !e.profile.Kids
		return Rebuild
	case "pin":
		if e.locked() {
			none := ""
			e.pin = &none
			return Rebuild
		}
		e.choosing, e.newPIN = true, pinChoice{}
		return RebuildFocus("pin/1")
	case "save":
		if why := e.env.nameRefused(e.name.Value); why != "" {
			e.err = why
			return Rebuild
		}
		e.profile.Name = e.name.Value
		e.busy, e.err = true, ""
		d, change := e.env.Device, session.ProfileChange{Profile: e.merged(), PIN: e.pin, Proof: e.proof, NewID: e.newID}
		return Run(func(ctx context.Context) profileSaved { return profileSaved{d.SaveProfile(ctx, change)} }, e.saved)
	case "cancel":
		return Pop
	case "delete":
		if !e.deletable() {
			return None
		}
		del := newDeleteProfile(e.env, e.profile)
		del.proof = e.proof
		return Push(del)
	}
	for _, a := range avatarNames {
		if ev.Focused == "avatar/"+a {
			e.profile.Avatar = a
			return Rebuild
		}
	}
	return None
}

// saved closes the editor once the profile is saved, or once the service says the
// profile is gone: deleted on another device while it was edited here, it cannot
// be saved, and the editor goes back to the profiles that are left, saying why.
func (e *editProfile) saved(r profileSaved) Command {
	e.busy = false
	if e.existing && errors.Is(r.err, session.ErrNotFound) {
		return Command{Kind: CommandPop, Text: e.env.msgProfileGone(e.profile.Name)}
	}
	if r.err != nil {
		e.err = e.env.errorText(r.err)
		return Rebuild
	}
	return Pop
}

// deleteProfile confirms deleting a profile.
type deleteProfile struct {
	env     *Env
	profile session.Profile
	proof   session.Proof // what unlocked a locked profile
	order   []uuid.UUID   // the account's profiles as the dialog opened
	confirmation
}

// newDeleteProfile returns the confirmation for deleting p.
func newDeleteProfile(env *Env, p session.Profile) *deleteProfile {
	d := &deleteProfile{env: env, profile: p}
	for _, q := range env.Device.Profiles() {
		d.order = append(d.order, q.ID)
	}
	return d
}

func (d *deleteProfile) Name() string { return "delete-profile" }

func (d *deleteProfile) IsOverlay() {}

func (d *deleteProfile) Build() *ui.Node {
	return d.build(d.env, "dialog/delete-profile", d.env.t(msgDeleteProfileQ, i18n.S("name", d.profile.Name)), []string{d.env.t(msgDeleteLostHint)}, "", d.env.t(msgDelete))
}

func (d *deleteProfile) Handle(ev Event) Command {
	dev, id, proof := d.env.Device, d.profile.ID, d.proof
	return d.press(ev, Run(func(ctx context.Context) profileSaved { return profileSaved{dev.DeleteProfile(ctx, id, proof)} }, d.deleted))
}

// deleted goes back to managing the profiles that are left. A profile deleted on
// another device meanwhile is gone as asked: that is no failure.
//
// The account's last profile, as every other was deleted on another device
// meanwhile, stays, as the service keeps it: the dialog goes back to its editor,
// which has no Delete now, and says why in words, where the service's refusal
// said it in English.
func (d *deleteProfile) deleted(r profileSaved) Command {
	if errors.Is(r.err, session.ErrNotFound) {
		r.err = nil
	}
	if errors.Is(r.err, session.ErrInvalid) { // the only request of a Delete the service refuses
		d.busy = false
		return Command{Kind: CommandPop, Text: d.env.t(msgLastProfileStays, i18n.S("name", d.profile.Name))}
	}
	if d.failed(d.env, r.err) {
		return Rebuild
	}
	if p := d.env.Profile; p != nil && p.ID == d.profile.ID {
		d.env.Profile = nil
	}
	w := newWhoIsWatching(d.env)
	w.manage = true
	w.deleted, w.order = d.profile.ID, d.order
	return Reset(w)
}
