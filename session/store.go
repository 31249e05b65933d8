package session

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// Store keeps the account service's records: accounts with their profiles, sessions,
// pending sign-ins with a code, and each account's numbered events. The rules live in
// Embedded; a store only keeps records, and keeps every Update whole: all of it or
// none of it, so revoking sessions, recording the event and bumping the account's
// sequence number land together or not at all.
//
// JSONStore keeps the records in one document, for a device or a browser; package
// sqlstore keeps them in SQLite or PostgreSQL, for tenfootd. Failed attempts,
// watch tickets and the marks of who listens where are records too, so that every
// replica of a service sharing one store counts the same failures, honours the same
// tickets and sees the same devices online.
type Store interface {
	// View runs fn with the records as they are; fn must not change them.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in one transaction, committed if fn returns nil and rolled
	// back otherwise.
	Update(ctx context.Context, fn func(Tx) error) error
	// Close releases the store.
	Close() error
}

// Tx reads and changes records inside View or Update. Lookups of a record that does
// not exist fail with ErrNotFound.
type Tx interface {
	Account(id uuid.UUID) (AccountRecord, error)
	// AccountByEmail finds an account by its email, already lower-cased.
	AccountByEmail(email string) (AccountRecord, error)
	// AddAccount adds an account with its profiles; an email in use is ErrInvalid.
	AddAccount(a AccountRecord, profiles []ProfileRecord) error
	// Profiles lists an account's profiles in the order they were added.
	Profiles(account uuid.UUID) ([]ProfileRecord, error)
	// PutProfile adds a profile to an account or replaces the one with its ID.
	PutProfile(account uuid.UUID, p ProfileRecord) error
	DeleteProfile(account, profile uuid.UUID) error

	// Session finds a session by the hash of its token.
	Session(tokenHash string) (SessionRecord, error)
	// LiveSessions lists an account's sessions that are not revoked.
	LiveSessions(account uuid.UUID) ([]SessionRecord, error)
	AddSession(s SessionRecord) error
	TouchSession(id uuid.UUID, at time.Time) error
	// WipeSession records that a session's device wiped itself, revoking it too
	// if it was not already.
	WipeSession(id uuid.UUID, at time.Time) error
	// RevokeSessions revokes the live sessions of account on device and returns
	// them. A zero device is ErrInvalid: no ID stands for "every device".
	RevokeSessions(account, device uuid.UUID, at time.Time) ([]SessionRecord, error)
	// RevokeAllSessions revokes every live session of account and returns them. Only
	// a sign-out of all devices, with proof, calls it.
	RevokeAllSessions(account uuid.UUID, at time.Time) ([]SessionRecord, error)
	// EndDeviceSessions revokes and wipes every live session of device, on any
	// account, and returns them: a device signing in again starts afresh.
	EndDeviceSessions(device uuid.UUID, at time.Time) ([]SessionRecord, error)
	// PruneSessions forgets sessions wiped before wiped, revoked before revoked, or
	// last seen before lastSeen.
	PruneSessions(wiped, revoked, lastSeen time.Time) error
	// SignedInBefore reports whether device has a session of account on record,
	// live or ended: a device the account knows.
	SignedInBefore(account, device uuid.UUID) (bool, error)
	// SignedInNow reports whether device has a live session of account: one that
	// RevokeSessions would revoke.
	SignedInNow(account, device uuid.UUID) (bool, error)
	// DeviceSignedIn reports whether device has a session on record, of any account.
	DeviceSignedIn(device uuid.UUID) (bool, error)

	// Device finds a device by its ID.
	Device(id uuid.UUID) (DeviceRecord, error)
	// AddDevice records a device the first time it signs in; an ID in use is
	// ErrInvalid.
	AddDevice(d DeviceRecord) error
	// PruneDevices forgets the devices first seen before before that have no
	// session on record.
	PruneDevices(before time.Time) error

	// ReplicaAlive records that replica, one service holding event streams open,
	// was alive at at: the heartbeat that keeps every mark it made fresh, one
	// write however many streams it holds. It reports whether the store knew the
	// replica; one it forgot (PruneReplicas) must mark its sessions again.
	ReplicaAlive(replica uuid.UUID, at time.Time) (known bool, err error)
	// MarkListening records that replica holds an event stream of each of
	// sessions open or, if listening is false, that it no longer does. Sessions
	// the store does not know are skipped: one may be forgotten while its stream
	// is open. It takes thousands of sessions in one call. The replica must be
	// alive (ReplicaAlive) in the same Update.
	MarkListening(replica uuid.UUID, sessions []uuid.UUID, listening bool) error
	// PruneReplicas forgets the replicas last alive before before, and their
	// marks: they stopped without clearing them.
	PruneReplicas(before time.Time) error

	// AppendEvent records ev with the account's next sequence number, which it
	// returns filled in. The number is one more than the last, with no gaps.
	AppendEvent(ev Event) (Event, error)
	// Events lists an account's events after sequence number after, in order.
	Events(account uuid.UUID, after uint64) ([]Event, error)
	// PruneEvents forgets events recorded before before.
	PruneEvents(before time.Time) error

	AddDeviceAuth(d DeviceAuthRecord) error
	// DeviceAuth finds a pending sign-in by the hash of its device code.
	DeviceAuth(codeHash string) (DeviceAuthRecord, error)
	DeviceAuthByUserCode(userCode string) (DeviceAuthRecord, error)
	// PutDeviceAuth replaces the pending sign-in with d's code hash.
	PutDeviceAuth(d DeviceAuthRecord) error
	DeleteDeviceAuth(codeHash string) error
	// PruneDeviceAuths forgets pending sign-ins that expired by now.
	PruneDeviceAuths(now time.Time) error
	// ExpireDeviceAuthsOf makes every sign-in with a code of device that is
	// still valid at now expire at now.
	ExpireDeviceAuthsOf(device uuid.UUID, now time.Time) error

	// Failures lists the times of key's failed attempts made after since, oldest
	// first.
	Failures(key string, since time.Time) ([]time.Time, error)
	// AddFailure records a failed attempt of key at at.
	AddFailure(key string, at time.Time) error
	// ClearFailures forgets key's failed attempts, after a success.
	ClearFailures(key string) error
	// PruneFailures forgets failed attempts made before before.
	PruneFailures(before time.Time) error

	// Secret finds the service's secret called name (Embedded.Secret).
	Secret(name string) ([]byte, error)
	// AddSecret keeps a secret called name; a name in use is ErrInvalid, as a
	// secret once handed out never changes.
	AddSecret(name string, value []byte) error

	// AddWatch keeps a ticket to follow a sign-out of all devices.
	AddWatch(w WatchRecord) error
	// Watch finds a ticket by its hash.
	Watch(ticketHash string) (WatchRecord, error)
	// PruneWatches forgets tickets that expired by now.
	PruneWatches(now time.Time) error
}

// AccountRecord is an account as the store keeps it.
type AccountRecord struct {
	Account
	PasswordHash string `json:"passwordHash"`
	// Seq is the sequence number of the account's last event.
	Seq uint64 `json:"seq"`
}

// ProfileRecord is a profile as the store keeps it.
type ProfileRecord struct {
	Profile
	PINHash string `json:"pinHash,omitempty"`
}

// SessionRecord is one device's sign-in to an account. Only the token's hash is kept.
type SessionRecord struct {
	ID        uuid.UUID  `json:"id"`
	TokenHash string     `json:"tokenHash"`
	AccountID uuid.UUID  `json:"accountId"`
	Device    DeviceInfo `json:"device"`
	Created   time.Time  `json:"created"`
	LastSeen  time.Time  `json:"lastSeen"`
	Revoked   *time.Time `json:"revoked,omitempty"`
	Wiped     *time.Time `json:"wiped,omitempty"` // the device confirmed it wiped itself
	// ListeningAt is the last heartbeat of the replicas of the service that hold
	// an event stream of this session open, zero if none does. The store works
	// it out from its marks (MarkListening) as it reads; AddSession ignores it.
	// One older than PresenceTTL is stale: its replica stopped without a word.
	ListeningAt time.Time `json:"listeningAt,omitzero"`
}

// DeviceRecord is a device the service has seen. Only the hash of its secret is kept:
// whoever uses its ID must show the secret, so knowing an ID gives nothing.
type DeviceRecord struct {
	ID         uuid.UUID `json:"id"`
	SecretHash string    `json:"secretHash"`
	Created    time.Time `json:"created"`
}

// DeviceAuthRecord is a pending sign-in with a code (RFC 8628).
type DeviceAuthRecord struct {
	CodeHash string        `json:"codeHash"`
	UserCode string        `json:"userCode"`
	Device   DeviceInfo    `json:"device"`
	Expires  time.Time     `json:"expires"`
	Interval time.Duration `json:"interval"`
	LastPoll time.Time     `json:"lastPoll"`
	Approved uuid.UUID     `json:"approved"` // the approving account, or zero
	// ApprovedBy is the token hash of the session that approved the code. The
	// approval holds only while that session does: signing out of all devices, or
	// the approving device, withdraws a code approved and not yet used, which would
	// otherwise sign a device in after the sign-out that was to end them all. Empty
	// for a code approved by a tenfootd from before it was kept.
	ApprovedBy string `json:"approvedBy,omitempty"`
}

// WatchRecord lets the device that signed every device out follow the others as they
// wipe themselves: the account's events after After, until Expires.
type WatchRecord struct {
	TicketHash string    `json:"ticketHash"`
	AccountID  uuid.UUID `json:"accountId"`
	After      uint64    `json:"after"`
	Expires    time.Time `json:"expires"`
}
