package demo

import (
	"context"
	"fmt"

	"tenfoot/session"
)

// Options configure Open.
type Options struct {
	// Storage keeps this device's state, and the embedded service's unless
	// ServiceStorage is set.
	Storage session.Storage
	// ServiceStorage, if set, keeps the embedded service's state apart from the
	// device's, as a real service keeps accounts on its own machines: a kiosk TV's
	// state folder then holds nothing of a guest once they are signed out.
	ServiceStorage session.Storage
	Clock          session.Clock
	// Device is what this device says about itself on first start.
	Device session.DeviceInfo
	// PasswordCost is the bcrypt cost of the seeded passwords; 0 means
	// session.PasswordCost.
	PasswordCost int
}

// Open opens the embedded demo service and this device on it, seeding both when
// the household is not there yet: the service with Seed, and the device signed in
// to Ana's account with downloads, so that there is someone to sign out. A TV
// signs in with five downloads, two of them in progress; a kiosk TV
// (session.DeviceKindKiosk), whose guest is Ana, with two in progress. Errors that
// leave a working pair behind (a corrupt file set aside) are returned with it.
func Open(ctx context.Context, opts Options) (*session.Embedded, *session.Device, error) {
	svcStorage := opts.ServiceStorage
	if svcStorage == nil {
		svcStorage = opts.Storage
	}
	svc, svcErr := session.OpenEmbedded(session.EmbeddedOptions{Storage: svcStorage, Clock: opts.Clock,
		VerificationURI: verificationURI, PasswordCost: opts.PasswordCost})
	if svc == nil {
		return nil, nil, svcErr
	}
	seeded, err := svc.HasAccount(AnaEmail)
	if err != nil {
		return nil, nil, fmt.Errorf("demo: %w", err)
	}
	if !seeded {
		if err := Seed(svc); err != nil {
			return nil, nil, fmt.Errorf("demo: seed the household: %w", err)
		}
	}
	dev, devErr := session.OpenDevice(opts.Storage, svc, opts.Clock, opts.Device)
	if dev == nil {
		return nil, nil, devErr
	}
	if _, signedIn := dev.Account(); !seeded && !signedIn {
		if err := signIn(ctx, dev); err != nil {
			return nil, nil, err
		}
	}
	if svcErr != nil {
		return svc, dev, svcErr
	}
	return svc, dev, devErr
}

// download is one of the downloads a demo device starts with: the size of the
// title, and how much of it arrives before the next one starts. Each arrival
// reaches every download in progress, as on a network.
type download struct {
	title         string
	profile       int // Ana, Ben, Kids, Grandpa
	size, arrived int64
}

const megabyte = 1 << 20

// tvDownloads are a TV's: three done; Orbit of Small Things stops at 640 MB of
// 1,600 (40 %), North Ridge at 255 of 1,700 (15 %).
var tvDownloads = []download{
	{tide.Name, 0, 1800, 1800}, {atlas.Name, 1, 1400, 1400}, {paper.Name, 2, 1200, 1200},
	{orbit.Name, 0, 1600, 385}, {ridge.Name, 0, 1700, 255},
}

// kioskDownloads are the guest's on a kiosk TV: two just begun.
var kioskDownloads = []download{{tide.Name, 0, 1200, 0}, {ridge.Name, 0, 1200, 0}}

// signIn signs dev in to Ana's account with the downloads of its kind of device.
func signIn(ctx context.Context, dev *session.Device) error {
	if err := dev.SignIn(ctx, AnaEmail, AnaPassword); err != nil {
		return fmt.Errorf("demo: sign in: %w", err)
	}
	downloads := tvDownloads
	if dev.Info().Kind == session.DeviceKindKiosk {
		downloads = kioskDownloads
	}
	profiles := dev.Profiles()
	for _, dl := range downloads {
		if _, err := dev.StartDownload(dl.title, profiles[dl.profile].ID, dl.size*megabyte); err != nil {
			return err
		}
		if dl.arrived == 0 {
			continue
		}
		if _, err := dev.AdvanceDownloads(dl.arrived * megabyte); err != nil {
			return err
		}
	}
	return nil
}
