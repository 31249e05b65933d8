package session

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// The demo household, so the app can be tried with no server. Its passwords are
// printed in the README; they protect nothing but a demo.
const (
	DemoEmail     = "ana@example.com"
	DemoPassword  = "watch-together"
	DemoEmail2    = "sam@example.com"
	DemoPassword2 = "popcorn-night"
	DemoPIN       = "1234" // Grandpa's profile
	demoVerifyURI = "https://tenfoot.example/activate"
	megabyte      = 1 << 20
)

// SeedDemo adds the demo household to an empty service: Ana's account with four
// profiles and three other devices, and Sam's with two profiles.
func SeedDemo(e *Embedded) error {
	ana, err := e.AddAccount(Account{Email: DemoEmail, DisplayName: "Ana", Plan: "Premium"}, DemoPassword,
		[]Profile{demoProfile("Ana", "fox", false), demoProfile("Ben", "owl", false), demoProfile("Kids", "bear", true), demoProfile("Grandpa", "whale", false)},
		map[string]string{"Grandpa": DemoPIN})
	if err != nil {
		return err
	}
	if _, err := e.AddAccount(Account{Email: DemoEmail2, DisplayName: "Sam", Plan: "Standard"}, DemoPassword2,
		[]Profile{demoProfile("Sam", "cat", false), demoProfile("Alex", "robot", false)}, nil); err != nil {
		return err
	}
	now := e.now()
	return e.store.Update(context.Background(), func(tx Tx) error {
		for _, o := range []struct {
			name string
			kind DeviceKind
			ago  time.Duration
		}{
			{"Ana's Phone", DeviceKindPhone, 20 * time.Minute},
			{"Bedroom Stick", DeviceKindStick, 26 * time.Hour},
			{"Game Console", DeviceKindConsole, 9 * 24 * time.Hour},
		} {
			// The IDs are the same in every demo, and anyone can work them out: the
			// secret, made here and thrown away, keeps anyone from using them.
			device := DeviceIdentity{DeviceInfo{ID: uuid.NewSHA1(uuid.NameSpaceURL, []byte("tenfoot-demo-device:"+o.name)), Name: o.name, Kind: o.kind}, newToken()}
			if err := e.proveDevice(tx, device); err != nil {
				return err
			}
			token, _, err := e.newSession(tx, ana.ID, device.DeviceInfo)
			if err != nil {
				return err
			}
			s, err := tx.Session(hashToken(token))
			if err != nil {
				return err
			}
			if err := tx.TouchSession(s.ID, now.Add(-o.ago)); err != nil {
				return err
			}
		}
		return nil
	})
}

// demoProfile returns a profile of the demo household. Its ID is worked out from its
// name, the same in every demo, so that DemoProfile can tell the household's own
// profiles from those people add while trying the demo.
func demoProfile(name, avatar string, kids bool) Profile {
	return Profile{ID: demoProfileID(name), Name: name, Avatar: avatar, Kids: kids}
}

func demoProfileID(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tenfoot-demo-profile:"+name))
}

// demoProfileNames are the profiles SeedDemo makes, in both accounts.
var demoProfileNames = [...]string{"Ana", "Ben", "Kids", "Grandpa", "Sam", "Alex"}

// DemoProfile reports whether id is one of the profiles the demo household was
// seeded with, renamed or not. The demo shows some history for these only: a
// profile added later has watched nothing yet.
func DemoProfile(id uuid.UUID) bool {
	for _, name := range demoProfileNames {
		if id == demoProfileID(name) {
			return true
		}
	}
	return false
}

// DemoOptions configure OpenDemo.
type DemoOptions struct {
	Storage Storage
	Clock   Clock
	// Device is what this device says about itself on first start.
	Device DeviceInfo
	// PasswordCost is the bcrypt cost of the seeded passwords; 0 means PasswordCost.
	PasswordCost int
}

// OpenDemo opens the embedded service and this device from opts.Storage, seeding both
// on first start: the service with the demo household, the device signed in to Ana's
// account with downloads in progress and done. Errors that leave a working pair behind
// (a corrupt file set aside) are returned with it.
func OpenDemo(ctx context.Context, opts DemoOptions) (*Embedded, *Device, error) {
	store, clock, info := opts.Storage, opts.Clock, opts.Device
	_, loadErr := store.Load(serviceName)
	fresh := isNotExist(loadErr)
	svc, svcErr := OpenEmbedded(EmbeddedOptions{Storage: store, Clock: clock, VerificationURI: demoVerifyURI, PasswordCost: opts.PasswordCost})
	if svc == nil {
		return nil, nil, svcErr
	}
	if fresh {
		if err := SeedDemo(svc); err != nil {
			return nil, nil, fmt.Errorf("session: seed demo: %w", err)
		}
	}
	dev, devErr := OpenDevice(store, svc, clock, info)
	if dev == nil {
		return nil, nil, devErr
	}
	if fresh {
		if err := seedDemoDevice(ctx, dev); err != nil {
			return nil, nil, err
		}
	}
	if svcErr != nil {
		return svc, dev, svcErr
	}
	return svc, dev, devErr
}

func seedDemoDevice(ctx context.Context, dev *Device) error {
	if _, signedIn := dev.Account(); signedIn {
		return nil
	}
	if err := dev.SignIn(ctx, DemoEmail, DemoPassword); err != nil {
		return fmt.Errorf("session: sign in to the demo: %w", err)
	}
	profiles := dev.Profiles() // Ana, Ben, Kids, Grandpa
	for _, dl := range []struct {
		title   string
		profile int
		mb      int64
		done    float64
	}{
		{"The Long Tide", 0, 1800, 1}, {"Atlas of Rain", 1, 1400, 1}, {"Paper Moons", 2, 1200, 1},
		{"Orbit of Small Things", 0, 1600, 0.4}, {"North Ridge", 0, 1700, 0.15},
	} {
		d, err := dev.StartDownload(dl.title, profiles[dl.profile].ID, dl.mb*megabyte)
		if err != nil {
			return err
		}
		if err := dev.setProgress(d.ID, int64(float64(d.Total)*dl.done)); err != nil {
			return err
		}
	}
	return nil
}

// setProgress sets how much of a download is done.
func (d *Device) setProgress(id uuid.UUID, bytes int64) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	st := d.st.clone()
	for i := range st.Downloads {
		if st.Downloads[i].ID == id {
			st.Downloads[i].BytesDone = min(bytes, st.Downloads[i].Total)
		}
	}
	return d.save(st)
}
