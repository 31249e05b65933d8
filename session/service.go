package session

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Service is the account service as a device sees it. Embedded implements it in
// process; a client of tenfootd implements it over HTTP. Every method that takes a
// token refuses a revoked one with ErrRevoked, so a device that missed a push learns
// it was signed out at its next request.
type Service interface {
	// SignIn signs device in with an email and password. A wrong password and an
	// unknown email give the same ErrWrongCredentials; repeated failures give a
	// RateLimitError. A device whose ID is on record with another secret gets
	// ErrDeviceUnproven, and should start afresh with a new ID.
	SignIn(ctx context.Context, device DeviceIdentity, email, password string) (Grant, error)
	// StartDeviceAuth begins a sign-in with a code shown on the device (RFC 8628).
	StartDeviceAuth(ctx context.Context, device DeviceIdentity) (DeviceAuth, error)
	// PollDeviceAuth asks whether the code was approved. Until then it fails with
	// ErrAuthorizationPending, ErrSlowDown (poll less often), ErrExpiredToken or
	// ErrAccessDenied, as RFC 8628 names them.
	PollDeviceAuth(ctx context.Context, deviceCode string) (Grant, error)
	// DescribeDeviceAuth says what approving userCode would sign in: the device that
	// asked, when, and the caller's account it would join, for the person to check
	// before approving (RFC 8628 §5.4). An unknown, expired or used code is
	// ErrInvalidUserCode and counts as a wrong guess, as in ApproveDeviceAuth, so
	// describing cannot be used to find codes.
	DescribeDeviceAuth(ctx context.Context, token, userCode string) (PendingDeviceAuth, error)
	// ApproveDeviceAuth approves the code a person typed on another signed-in device.
	// Wrong codes are counted: after a few, the account approves no code for a while.
	ApproveDeviceAuth(ctx context.Context, token, userCode string) error
	// DenyDeviceAuth refuses the code, when the device it names is not the person's:
	// the device's next poll fails with ErrAccessDenied. Wrong codes count as in
	// ApproveDeviceAuth.
	DenyDeviceAuth(ctx context.Context, token, userCode string) error
	// Check confirms the session is valid and returns the account as it is now.
	Check(ctx context.Context, token string) (Grant, error)
	// Devices lists the devices signed in to the token's account.
	Devices(ctx context.Context, token string) ([]SignedInDevice, error)
	// SignOut revokes the token's own session. Revoking a session twice, or one
	// already revoked from elsewhere, succeeds: it is also how a device confirms that
	// it has wiped itself.
	SignOut(ctx context.Context, token string) error
	// SignOutDevice signs one device of the token's account out.
	SignOutDevice(ctx context.Context, token string, device uuid.UUID) (DeviceSignOut, error)
	// SignOutAll signs every device of the account out, the caller's too, after
	// checking proof that the person at the screen may do so. The result carries a
	// ticket for WatchSignOut, since the caller's own token no longer works.
	SignOutAll(ctx context.Context, token string, proof Proof) (SignOutAllResult, error)
	// WatchSignOut streams the account's events after a sign-out of all devices, so
	// the screen that asked can tick each device off as it confirms. The ticket
	// expires after WatchLifetime.
	WatchSignOut(ctx context.Context, ticket string) (<-chan Event, error)
	// VerifyPIN checks the PIN of one of the account's profiles.
	VerifyPIN(ctx context.Context, token string, profile uuid.UUID, pin string) error
	// SaveProfile adds a profile (zero ID) or changes one: name, avatar, kids. The
	// PIN changes with change.PIN: nil keeps it, "" removes it, four digits set it.
	// A locked profile changes only with change.Proof: its own PIN or the account's
	// password; without it the change fails with ErrWrongPIN, and a wrong proof
	// with ErrWrongPIN or ErrWrongCredentials, counted as in VerifyPIN. It returns
	// the account's profiles as they are now.
	SaveProfile(ctx context.Context, token string, change ProfileChange) ([]Profile, error)
	// DeleteProfile removes a profile; an account keeps at least one. A locked
	// profile needs proof, as in SaveProfile.
	DeleteProfile(ctx context.Context, token string, profile uuid.UUID, proof Proof) ([]Profile, error)
	// Subscribe streams the account's events after sequence number after: first
	// those already recorded, then new ones as they happen. An event names only the
	// subscribing device, when it concerns it. The channel closes when
	// ctx ends, when the subscriber falls behind or when the session is revoked;
	// subscribe again with the last sequence seen to catch up.
	Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error)
}

// Proof is what a person gives to sign out of all devices: the account's password,
// or the PIN of one of its profiles. It also unlocks a locked profile for changing
// or deleting, with the PIN of that profile or the password.
type Proof struct {
	Password  string    `json:"password,omitempty"`
	ProfileID uuid.UUID `json:"profileId,omitempty"`
	PIN       string    `json:"pin,omitempty"`
}

// ProfileChange is a new or changed profile. Proof is needed when the profile is
// locked; a request without it reads as it did before locks were enforced.
type ProfileChange struct {
	Profile
	PIN   *string `json:"pin,omitempty"`
	Proof Proof   `json:"proof,omitzero"`
	// NewID is the ID the device chose for a profile it adds (Profile.ID is then
	// nil). The same save sent again, after the first made the profile but its
	// answer was lost, finds the profile made instead of making a second one. On
	// the wire it is the request's Idempotency-Key, which a tenfootd of an earlier
	// version ignores.
	NewID uuid.UUID `json:"-"`
}

// IsZero reports whether p proves nothing.
func (p Proof) IsZero() bool { return p == Proof{} }

// SignOutAllResult is where the devices stand right after signing out of all
// devices, and how to follow the rest. An account may have thousands of devices (a
// hotel's TVs): the answer counts them all but lists at most ListedDevices of them,
// the caller's own first, then those told now, then the offline ones. The watch
// stream follows every one.
type SignOutAllResult struct {
	Count   SignOutCount    `json:"count"`
	Devices []DeviceSignOut `json:"devices"`
	Watch   string          `json:"watch"` // ticket for WatchSignOut
}

// ListedDevices is the most devices a SignOutAllResult lists. A screen across the
// room shows a few; an answer of ten thousand entries took longer to send and read
// than the sign-out itself.
const ListedDevices = 100

// SignOutCount counts the devices of a sign-out of all devices by how far each has
// got.
type SignOutCount struct {
	SignedOut int `json:"signedOut"`
	Pending   int `json:"pending"`
	Offline   int `json:"offline"`
}

// Total is the number of devices signed out.
func (c SignOutCount) Total() int { return c.SignedOut + c.Pending + c.Offline }

// Add counts n more devices in state st.
func (c *SignOutCount) Add(st SignOutState, n int) {
	switch st {
	case SignOutDone:
		c.SignedOut += n
	case SignOutPending:
		c.Pending += n
	default:
		c.Offline += n
	}
}

// Confirmed counts a device that was in state from as signed out now.
func (c *SignOutCount) Confirmed(from SignOutState) {
	c.Add(from, -1)
	c.Add(SignOutDone, 1)
}

// WatchLifetime is how long the ticket to follow a sign-out of all devices lasts.
const WatchLifetime = 10 * time.Minute

// DeviceAuth is a pending sign-in with a code, as RFC 8628 describes it.
type DeviceAuth struct {
	DeviceCode              string        `json:"deviceCode"` // secret: only the device that asked knows it
	UserCode                string        `json:"userCode"`   // shown on screen, such as "BDFH-JKLM"
	VerificationURI         string        `json:"verificationUri"`
	VerificationURIComplete string        `json:"verificationUriComplete"` // what the QR code opens
	ExpiresIn               time.Duration `json:"expiresIn"`
	Interval                time.Duration `json:"interval"`
}

// SignOutState is how far signing out one device has got.
type SignOutState string

// The states of a device being signed out.
const (
	// SignOutDone: the device has wiped itself and said so.
	SignOutDone SignOutState = "signed-out"
	// SignOutPending: the device is online and has been told; it is wiping itself.
	SignOutPending SignOutState = "pending"
	// SignOutOffline: the device is offline. Its session is already refused, and it
	// wipes itself the moment it comes online.
	SignOutOffline SignOutState = "offline"
)

// DeviceSignOut is the progress of signing one device out.
type DeviceSignOut struct {
	Device   DeviceInfo   `json:"device"`
	State    SignOutState `json:"state"`
	LastSeen time.Time    `json:"lastSeen"`
}

// EventKind says what an Event reports.
type EventKind string

// The kinds of event.
const (
	// EventSignedOut: the sessions of Devices were revoked.
	EventSignedOut EventKind = "signed-out"
	// EventDeviceWiped: Devices confirmed they have wiped themselves.
	EventDeviceWiped EventKind = "device-wiped"
	// EventProfilesChanged: the account's profiles changed.
	EventProfilesChanged EventKind = "profiles-changed"
)

// Event is something that happened to an account, numbered in the order it happened.
type Event struct {
	Seq       uint64      `json:"seq"`
	AccountID uuid.UUID   `json:"accountId"`
	Kind      EventKind   `json:"kind"`
	Devices   []uuid.UUID `json:"devices,omitempty"`
	At        time.Time   `json:"at"`
}

// Concerns reports whether the event names device.
func (e Event) Concerns(device uuid.UUID) bool {
	for _, d := range e.Devices {
		if d == device {
			return true
		}
	}
	return false
}
