package demo

import (
	"time"

	"github.com/google/uuid"

	"tenfoot/session"
)

// The demo household's sign-in details. They are printed in the README and protect
// nothing but a demo.
const (
	AnaEmail    = "ana@example.com"
	AnaPassword = "watch-together"
	SamEmail    = "sam@example.com"
	SamPassword = "popcorn-night"
	GrandpaPIN  = "1234" // Grandpa's profile, in Ana's account
)

// verificationURI is where the demo service says codes are approved.
const verificationURI = "https://tenfoot.example/activate"

// Seed adds the demo household to an empty service: Ana's account with four
// profiles (Grandpa's locked) and three other devices, and Sam's with two profiles.
func Seed(svc *session.Embedded) error {
	ana, err := svc.AddAccount(session.Account{Email: AnaEmail, DisplayName: "Ana", Plan: "Premium"}, AnaPassword,
		[]session.Profile{profile("Ana", "fox", false), profile("Ben", "owl", false), profile("Kids", "bear", true), profile("Grandpa", "whale", false)},
		map[string]string{"Grandpa": GrandpaPIN})
	if err != nil {
		return err
	}
	if _, err := svc.AddAccount(session.Account{Email: SamEmail, DisplayName: "Sam", Plan: "Standard"}, SamPassword,
		[]session.Profile{profile("Sam", "cat", false), profile("Alex", "robot", false)}, nil); err != nil {
		return err
	}
	for _, o := range []struct {
		name string
		kind session.DeviceKind
		ago  time.Duration
	}{
		{"Ana's Phone", session.DeviceKindPhone, 20 * time.Minute},
		{"Bedroom Stick", session.DeviceKindStick, 26 * time.Hour},
		{"Game Console", session.DeviceKindConsole, 9 * 24 * time.Hour},
	} {
		// The IDs are the same in every demo, and anyone can work them out: the
		// secret, made here and thrown away, keeps anyone from using them.
		device := session.NewDeviceIdentity(o.name, o.kind)
		device.ID = uuid.NewSHA1(uuid.NameSpaceURL, []byte("tenfoot-demo-device:"+o.name))
		if err := svc.AddSignedInDevice(ana.ID, device, o.ago); err != nil {
			return err
		}
	}
	return nil
}

// profile returns a profile of the household. Its ID is worked out from its name,
// the same in every demo, so that seededProfile tells the household's own profiles
// from those people add while trying the demo.
func profile(name, avatar string, kids bool) session.Profile {
	return session.Profile{ID: profileID(name), Name: name, Avatar: avatar, Kids: kids}
}

func profileID(name string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceURL, []byte("tenfoot-demo-profile:"+name))
}

// seededProfile reports whether id is one of the profiles Seed makes, in either
// account, renamed or not.
func seededProfile(id uuid.UUID) bool {
	for _, name := range [...]string{"Ana", "Ben", "Kids", "Grandpa", "Sam", "Alex"} {
		if id == profileID(name) {
			return true
		}
	}
	return false
}
