package session

import (
	"time"

	"github.com/google/uuid"
)

// Account is a household's subscription: one email, one password, up to five profiles.
type Account struct {
	ID          uuid.UUID `json:"id"`
	Email       string    `json:"email"`
	DisplayName string    `json:"displayName"`
	Plan        string    `json:"plan"` // such as "Standard" or "Premium"
}

// MaxProfiles is how many profiles an account may have.
const MaxProfiles = 5

// Profile is one person of a household. A profile with a PIN asks for it before it
// opens; the PIN itself never leaves the service.
type Profile struct {
	ID     uuid.UUID `json:"id"`
	Name   string    `json:"name"`
	Avatar string    `json:"avatar"` // an avatar name from the app's set
	Kids   bool      `json:"kids"`
	Locked bool      `json:"locked"` // has a PIN
	// Language is the BCP 47 tag of the language the profile chose for the app
	// ("de", "ja"), on every device; "" follows the device's.
	Language string `json:"language,omitempty"`
}

// DeviceKind says what kind of device a session is on, so people can recognise it in
// a list.
type DeviceKind string

// The kinds of device.
const (
	DeviceKindTV      DeviceKind = "tv"
	DeviceKindConsole DeviceKind = "console"
	DeviceKindStick   DeviceKind = "stick"
	DeviceKindBrowser DeviceKind = "browser"
	DeviceKindPhone   DeviceKind = "phone"
	DeviceKindKiosk   DeviceKind = "kiosk"
)

// Valid reports whether k is one of the known kinds.
func (k DeviceKind) Valid() bool {
	switch k {
	case DeviceKindTV, DeviceKindConsole, DeviceKindStick, DeviceKindBrowser, DeviceKindPhone, DeviceKindKiosk:
		return true
	}
	return false
}

// DeviceInfo is what a device says about itself when it signs in. ID is stable per
// install.
type DeviceInfo struct {
	ID   uuid.UUID  `json:"id"`
	Name string     `json:"name"` // such as "Living Room TV"
	Kind DeviceKind `json:"kind"`
}

// DeviceIdentity is a device as it signs in: what it says about itself, and the
// secret it made on its first run. The service keeps the secret's hash the first time
// it sees the ID and asks for the secret whenever the ID is used again, so no one can
// sign in as a device, or end its session, by knowing its ID. The secret is sent only
// to sign in; lists of devices never carry it.
type DeviceIdentity struct {
	DeviceInfo
	Secret string `json:"secret"`
}

// NewDeviceIdentity returns the identity of a new device: a new ID, a new secret, and
// the name and kind given. A device makes it once, on its first run, and keeps it.
func NewDeviceIdentity(name string, kind DeviceKind) DeviceIdentity {
	return DeviceIdentity{DeviceInfo{ID: uuid.New(), Name: name, Kind: kind}, newToken()}
}

// SignedInDevice is a device with a session of an account, as the account's device
// list shows it.
type SignedInDevice struct {
	DeviceInfo
	LastSeen time.Time `json:"lastSeen"`
	Online   bool      `json:"online"` // connected to the account's events now
}

// Grant is what a successful sign-in gives a device.
type Grant struct {
	Token    string    `json:"token"`
	Account  Account   `json:"account"`
	Profiles []Profile `json:"profiles"`
	// Seq is the account's last event when the grant was made: a device listens
	// from there, so it never replays a revocation of an earlier session of its own.
	Seq uint64 `json:"seq"`
}

// Download is a title saved on this device for a profile to watch offline.
type Download struct {
	ID        uuid.UUID `json:"id"`
	Title     string    `json:"title"`
	ProfileID uuid.UUID `json:"profileId"`
	BytesDone int64     `json:"bytesDone"`
	Total     int64     `json:"total"`
}

// Complete reports whether the whole title is on the device.
func (d Download) Complete() bool { return d.Total > 0 && d.BytesDone >= d.Total }

// Progress returns how much is downloaded, from 0 to 1.
func (d Download) Progress() float64 {
	if d.Total <= 0 {
		return 0
	}
	return min(1, float64(d.BytesDone)/float64(d.Total))
}
