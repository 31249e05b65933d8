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

// account shows the account, the devices signed in to it, and signs devices out: any
// one of them, or all at once.
type account struct {
	env     *Env
	devices []session.SignedInDevice
	loading bool
	err     string
	now     time.Time
	retry   time.Time // when to ask for the list again; zero if not
}

// newAccount returns the account screen, loading its device list: until the list
// comes, nothing on it takes focus, so it opens where the list puts it.
func newAccount(env *Env) *account { return &account{env: env, loading: true} }

func (s *account) Name() string { return "account" }

// devicesLoaded is the service's list of the account's devices.
type devicesLoaded struct {
	devices []session.SignedInDevice
	err     error
}

// Start asks the service for the device list.
func (s *account) Start() Command {
	s.loading = true
	return loadDevices(s.env.Device, s.loaded)
}

// loadDevices asks the service for the account's devices, and hands them to done.
func loadDevices(d *session.Device, done func(devicesLoaded) Command) Command {
	return Run(func(ctx context.Context) devicesLoaded {
		devices, err := d.Devices(ctx)
		return devicesLoaded{devices, err}
	}, done)
}

// loaded shows the devices the service listed. If the service could not be
// reached, Poll asks again after countRetry.
func (s *account) loaded(r devicesLoaded) Command {
	s.loading, s.devices, s.err, s.now = false, r.devices, s.env.errorText(r.err), time.Now()
	s.retry = time.Time{}
	if r.err != nil {
		s.retry = s.env.Clock.Now().Add(countRetry)
	}
	return Rebuild
}

// Poll asks for the list again once it is time to, after asking failed: the
// network coming back must be enough for the devices to show, without leaving
// Account and opening it again. The error stays up while it asks.
func (s *account) Poll() Command {
	if s.loading || s.retry.IsZero() || s.env.Clock.Now().Before(s.retry) {
		return None
	}
	return s.Start()
}

// Resume reloads the list when the screen is back on top, after a device was
// signed out from here.
func (s *account) Resume() Command { return s.Start() }

const deviceRowH = 96.0

func (s *account) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(s.env.t(msgAccount), ui.TextHeadline, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}))
	acc, _ := s.env.Device.Account()
	root.Add(
		text(acc.DisplayName, ui.TextTitle, ui.Rect{X: safe.X, Y: safe.Y + 130, W: 900, H: headerH}),
		text(s.env.msgAccountLine(acc), ui.TextCaption, ui.Rect{X: safe.X, Y: safe.Y + 190, W: 900, H: textHeight(ui.TextCaption, 1)}),
		text(s.env.t(msgDevicesTitle), ui.TextTitle, ui.Rect{X: safe.X, Y: safe.Y + 270, W: 900, H: headerH}),
	)
	listY := safe.Y + 350
	switch {
	case s.loading && s.err == "":
		root.Add(&ui.Node{Role: ui.RoleSpinner, Rect: ui.Rect{X: safe.X, Y: listY, W: 64, H: 64}},
			text(s.env.t(msgLoading), ui.TextBody, ui.Rect{X: safe.X + 90, Y: listY + 10, W: 600, H: textHeight(ui.TextBody, 1)}))
	case s.err != "":
		e := alert(s.err, ui.TextBody, ui.Rect{X: safe.X, Y: listY, W: 1100, H: textHeight(ui.TextBody, 2)})
		root.Add(e)
	}
	// The list takes nearly the whole width, so that a device's name is rarely cut;
	// when it is, the name is cut, never its kind nor "Last seen 7 minutes ago". A
	// focused row grows by the focus scale and must still fit the safe area.
	list := box("devices", ui.Rect{X: safe.X, Y: listY, W: 1600, H: safe.MaxY() - listY})
	list.Scroll = ui.ScrollVertical
	list.Remember = true
	self := s.env.Device.Info().ID
	for _, d := range s.devices {
		label := s.env.msgDevice(d.DeviceInfo) + "  ·  "
		if d.ID == self {
			label += s.env.t(msgThisDevice)
		} else {
			label += s.env.msgLastSeen(d.LastSeen, s.now)
		}
		n := button("device/"+d.ID.String(), label, ui.Rect{})
		n.Role = ui.RoleMenuItem
		n.Cut = d.Name
		list.Add(n)
	}
	ui.LayoutColumn(list.Rect.X, list.Rect.Y, list.Rect.W, deviceRowH, 12, list.Children...)
	root.Add(list)
	// Beside the list's heading, above the list.
	all := button("signout-all", s.env.t(msgSignOutAll), ui.Rect{X: safe.MaxX() - 760, Y: listY - 92, W: 760, H: buttonH})
	all.Disabled = s.loading && s.devices == nil // counted once, it stays in reach while the list refreshes
	root.Add(all)
	return root
}

func (s *account) Handle(ev Event) Command {
	if ev.Action != input.ActionOK || s.env.kids() {
		return None // a kids profile signs no device out, should it ever get here
	}
	if ev.Focused == "signout-all" {
		return Push(newSignOutAll(s.env))
	}
	for _, d := range s.devices {
		if ev.Focused != "device/"+d.ID.String() {
			continue
		}
		if d.ID == s.env.Device.Info().ID {
			return Push(newSignOutDialog(s.env))
		}
		return Push(newSignOutDevice(s.env, d))
	}
	return None
}

// signOutDevice confirms signing one other device of the account out, and says what
// that does: the device goes to its sign-in screen and loses its downloads, now or,
// when it is offline, the moment it comes online.
type signOutDevice struct {
	env    *Env
	device session.SignedInDevice
	confirmation
}

// newSignOutDevice returns the confirmation for signing device out.
func newSignOutDevice(env *Env, device session.SignedInDevice) *signOutDevice {
	return &signOutDevice{env: env, device: device}
}

func (s *signOutDevice) Name() string { return "signout-device" }

func (s *signOutDevice) IsOverlay() {}

// deviceSignedOut is the service's answer to signing one device out.
type deviceSignedOut struct {
	result session.DeviceSignOut
	err    error
}

func (s *signOutDevice) Build() *ui.Node {
	lines := []string{s.env.t(msgSignOutDeviceHint)}
	if !s.device.Online {
		lines = append(lines, s.env.t(msgSignOutDeviceOffline))
	}
	lines = append(lines, s.env.t(msgYouStaySignedIn, i18n.S("here", s.env.here())))
	return s.build(s.env, "dialog/signout-device", s.env.t(msgSignOutDevice, i18n.S("name", s.device.Name)), lines, s.env.t(msgSigningOut), s.env.t(msgSignOut))
}

func (s *signOutDevice) Handle(ev Event) Command {
	d, id := s.env.Device, s.device.ID
	return s.press(ev, Run(func(ctx context.Context) deviceSignedOut {
		r, err := d.SignOutDevice(ctx, id)
		return deviceSignedOut{r, err}
	}, s.signedOut))
}

// signedOut closes the dialog once the device is signed out, saying so. A device
// signed out meanwhile, by itself or from another device, is signed out as asked:
// the service has none of it to sign out, which is no failure, and its refusal
// said so in English.
func (s *signOutDevice) signedOut(r deviceSignedOut) Command {
	if errors.Is(r.err, session.ErrNotFound) {
		s.busy = false
		return Command{Kind: CommandPop, Text: s.env.t(msgDeviceDone, i18n.S("device", s.device.Name))}
	}
	if s.failed(s.env, r.err) {
		return Rebuild
	}
	return Command{Kind: CommandPop, Text: s.env.msgDeviceSignedOut(r.result)}
}
