// Package session is tenfoot's session core: accounts, profiles, devices, sessions and
// downloads, and the ways a device signs in and out. It is pure Go and runs the same
// natively and in a browser.
//
// # Two sides
//
// A Service holds accounts and sessions for many devices. Embedded is the service's
// rules over a Store of records: in the app over a JSONStore in the device's own
// storage, where package demo seeds its household so the app works with no server
// (AddAccount and AddSignedInDevice are for such seeding, and tests); in tenfootd
// over the SQLite or PostgreSQL store of package sqlstore, where several tenfootd
// replicas may share one PostgreSQL: all the rules decide from is in the store, and
// Embedded.Wake brings another replica's events to the streams served here. Each
// replica marks in the store the sessions it holds streams of and heartbeats them
// (EmbeddedOptions.SharePresence, Embedded.KeepPresence), so that every replica
// tells a device listening anywhere from one that is offline. A client of tenfootd
// implements the same interface.
// A Device is one install of the app: its id, its session, the profiles and downloads
// it keeps, and an outbox of revocations the service has not yet confirmed.
//
// # Signing out
//
// Signing out is plan then confirm. Device.Plan says, in words a screen can show, which
// account will be signed out, which profiles are on this screen and which downloads will
// be cancelled or deleted. Device.Confirm carries out exactly that plan, or fails with
// ErrStalePlan and changes nothing if the device no longer matches it. The device is
// wiped in one atomic write that also puts the revocation in the outbox; the outbox is
// then sent to the service and retried until the service confirms, across restarts, so
// a pulled network cable never leaves a token that the service still honours.
package session
