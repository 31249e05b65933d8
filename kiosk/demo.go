package kiosk

import (
	"context"
	"errors"
	"fmt"

	"tenfoot/session"
)

// DemoOptions configure OpenDemo.
type DemoOptions struct {
	// DeviceStorage keeps the kiosk TV's own state: what a guest scan looks at.
	DeviceStorage session.Storage
	// ServiceStorage keeps the embedded account service's state: the accounts of
	// the demo household, as a real service keeps them on its own machines.
	ServiceStorage session.Storage
	Clock          session.Clock
	Device         session.DeviceInfo
	// PasswordCost is the bcrypt cost of the seeded passwords; 0 means the default.
	PasswordCost int
}

// OpenDemo opens a kiosk TV on the embedded demo service. Unlike session.OpenDemo,
// the service keeps its state apart from the TV's, so that nothing of a guest's
// account is in the TV's state folder once they are signed out. On first start the
// service is seeded with the demo household and Ana, the demo's guest, is signed in
// with two downloads, so that there is someone to sign out. Errors that leave a
// working pair behind (a corrupt file set aside) are returned with it.
func OpenDemo(ctx context.Context, opts DemoOptions) (*session.Embedded, *session.Device, error) {
	svc, svcErr := session.OpenEmbedded(session.EmbeddedOptions{Storage: opts.ServiceStorage, Clock: opts.Clock,
		VerificationURI: "https://tenfoot.example/activate", PasswordCost: opts.PasswordCost})
	if svc == nil {
		return nil, nil, svcErr
	}
	// Seeding fails on the first account if the household is there already.
	fresh := true
	if err := session.SeedDemo(svc); err != nil {
		if !errors.Is(err, session.ErrInvalid) {
			return nil, nil, fmt.Errorf("kiosk: seed demo: %w", err)
		}
		fresh = false
	}
	dev, devErr := session.OpenDevice(opts.DeviceStorage, svc, opts.Clock, opts.Device)
	if dev == nil {
		return nil, nil, devErr
	}
	if _, signedIn := dev.Account(); fresh && !signedIn {
		if err := dev.SignIn(ctx, session.DemoEmail, session.DemoPassword); err != nil {
			return nil, nil, fmt.Errorf("kiosk: sign in to the demo: %w", err)
		}
		profiles := dev.Profiles()
		for _, title := range []string{"The Long Tide", "North Ridge"} {
			if _, err := dev.StartDownload(title, profiles[0].ID, 1200<<20); err != nil {
				return nil, nil, err
			}
		}
	}
	if svcErr != nil {
		return svc, dev, svcErr
	}
	return svc, dev, devErr
}
