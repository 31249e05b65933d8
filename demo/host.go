package demo

import (
	"context"

	"tenfoot/session"
)

// HostOptions say how a host (the native app, the browser page) was started, for
// OpenDevice.
type HostOptions struct {
	// Server is the tenfootd this device belongs to; nil runs it on the embedded
	// demo service.
	Server session.Service
	// Kiosk makes the device a kiosk TV (session.DeviceKindKiosk), whose state is
	// kept apart from an ordinary device's.
	Kiosk bool
	// Device is what this device says about itself on first start.
	Device session.DeviceInfo
	// Storage returns where one part of the state is kept, named by a word a host
	// turns into a folder or a localStorage prefix: "" for a device on the demo
	// service, and the service; "server" for a device of a tenfootd; "kiosk" and
	// "kiosk-demo-service" for a kiosk TV on the demo service, and the service;
	// "kiosk-server" for a kiosk TV of a tenfootd.
	Storage func(part string) (session.Storage, error)
}

// hostPasswordCost is the bcrypt cost of the demo household a host seeds for
// itself, bcrypt's least. Its passwords are in the README and the household lives
// in this device's own storage, so a slow hash protects nothing; at the service's
// cost (session.PasswordCost) seeding it took a browser's first start over a
// second of WebAssembly before the first frame.
const hostPasswordCost = 4

// OpenDevice opens the device a host runs: a device of the tenfootd at
// opts.Server, or of the demo household on the embedded service (Open), a kiosk
// TV or not. It returns the storage that keeps a kiosk's state beside it, nil if
// not a kiosk. Errors that leave a working device (a corrupt file set aside) are
// returned with it.
func OpenDevice(ctx context.Context, opts HostOptions) (*session.Device, session.Storage, error) {
	info, part := opts.Device, ""
	if opts.Kiosk {
		info.Kind, part = session.DeviceKindKiosk, "kiosk"
	}
	if opts.Server != nil {
		part = "server"
		if opts.Kiosk {
			part = "kiosk-server"
		}
	}
	store, err := opts.Storage(part)
	if err != nil {
		return nil, nil, err
	}
	var kioskState session.Storage
	if opts.Kiosk {
		kioskState = store
	}
	if opts.Server != nil {
		dev, err := session.OpenDevice(store, opts.Server, nil, info)
		return dev, kioskState, err
	}
	demo := Options{Storage: store, Device: info, PasswordCost: hostPasswordCost}
	if opts.Kiosk {
		// The guest's account lives in the service, not beside the TV's own state.
		if demo.ServiceStorage, err = opts.Storage("kiosk-demo-service"); err != nil {
			return nil, nil, err
		}
	}
	_, dev, err := Open(ctx, demo)
	return dev, kioskState, err
}
