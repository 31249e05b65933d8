package session

import (
	"cmp"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// Limits of the embedded service.
const (
	// DeviceAuthLifetime is how long a code shown on a TV stays valid.
	DeviceAuthLifetime = 10 * time.Minute
	// DeviceAuthInterval is how often a TV may poll; polling faster adds
	// slowDownStep to its interval, as RFC 8628 §3.5 asks. Once a second, a TV
	// signs in within about a second of the code's approval; a poll on time writes
	// nothing (pollTimes), and 60 a minute is a fiftieth of what tenfootd allows
	// an address, so a hotel's TVs behind one address can all show codes at once.
	DeviceAuthInterval = time.Second
	slowDownStep       = 5 * time.Second
	// keepExpiredCodes is how long a code is kept after it expired, unless its
	// device polls it (expire): a phone that enters it meanwhile, from a TV that
	// was turned off or showed a new code, is told it expired and that the TV
	// shows a new one, not that it is no code, which counted as a guess.
	keepExpiredCodes = DeviceAuthLifetime
	// Wrong passwords, PINs and codes are counted per who tries (see limit) within
	// failureWindow: freeFailures cost nothing, then each doubles the wait from
	// backoffBase up to backoffCeiling.
	freeFailures   = 5
	backoffBase    = 2 * time.Second
	backoffCeiling = 15 * time.Minute
	failureWindow  = time.Hour
	// SessionIdleLifetime is how long a session may go unused before the service
	// ends it, unless EmbeddedOptions.SessionIdle says otherwise.
	SessionIdleLifetime = 180 * 24 * time.Hour
	// Events are kept this long for devices catching up; one that was away longer
	// learns its fate from its next request instead.
	keepEvents = 30 * 24 * time.Hour
	// Ended sessions are kept a while, so a device back from a long trip hears it
	// was signed out (ErrRevoked) rather than that it was never known; then they go.
	keepWiped   = 30 * 24 * time.Hour
	keepRevoked = 180 * 24 * time.Hour
	// keepUnsigned is how long a device that never signed in is remembered: one
	// that only asked for codes. Anyone may ask for codes, each time as a new
	// device, and their records must not pile up for the months the devices of
	// sessions are kept. A device with a session on record is kept with it.
	keepUnsigned = 24 * time.Hour
	// pruneEvery is how often sign-ins forget what ended: against keeping times
	// of weeks, once a minute is as good as every time, and sign-ins in a burst
	// write only their own records.
	pruneEvery = time.Minute
	// subscriberBuffer is how far a subscriber may fall behind before it is cut off
	// and must catch up by subscribing again. A device hears a few events an hour;
	// the screen watching a sign-out of all devices hears one per device.
	subscriberBuffer = 16
	watcherBuffer    = 1024
	// replayLimit is the most events a device's stream replays: one further behind
	// starts with replayLimit events and a profiles-changed for those before
	// (hub.catchUp).
	replayLimit = 256
	// touchEvery is how stale a session's last-seen time may grow before a request
	// records it afresh: often enough for the device list, rarely enough that
	// reading stays reading.
	touchEvery = time.Minute
)

// serviceName is the storage name of the embedded service's records.
const serviceName = "service"

// EmbeddedOptions configure an embedded service.
type EmbeddedOptions struct {
	// Store keeps the records. Nil means a JSONStore in Storage, itself MemStorage
	// if nil.
	Store   Store
	Storage Storage
	Clock   Clock
	// VerificationURI is where people approve codes, shown beside the code.
	VerificationURI string
	// PasswordCost is the bcrypt cost for new passwords; 0 means PasswordCost.
	PasswordCost int
	// SessionIdle is how long a session may go unused (no request; an open event
	// stream counts as use while it lasts) before it ends; 0 means
	// SessionIdleLifetime.
	SessionIdle time.Duration
	// SharePresence marks in the store which sessions have an event stream open
	// here, so that replicas sharing the store tell a device listening on any of
	// them from one that is offline. The service must then run KeepPresence. A
	// service alone on its store knows its streams without it.
	SharePresence bool
	// Observer is told what the service did that operators count; nil tells no
	// one.
	Observer Observer
}

// Embedded is the account service: the rules of signing in and out over the records
// of a Store. It runs inside the app, over a JSONStore, and inside tenfootd, over a
// database. Every change is committed before it is reported.
//
// Everything it decides from is in the store, so several Embedded over one shared
// store (tenfootd replicas on one PostgreSQL) behave as one service; what each keeps
// in memory is only the event streams it serves, which it marks in the store for
// the others to see (SharePresence).
type Embedded struct {
	opts  EmbeddedOptions
	store Store
	hub   *hub
	polls pollTimes
	// prunedAt is when a sign-in last forgot what ended, in Unix nanoseconds.
	prunedAt atomic.Int64
}

// OpenEmbedded opens the embedded service over opts.Store, or over the JSONStore in
// opts.Storage. A corrupt JSON state is set aside and reported with a
// CorruptStateError beside a service that starts empty, so no device can use a
// session that might have been revoked.
func OpenEmbedded(opts EmbeddedOptions) (*Embedded, error) {
	if opts.Clock == nil {
		opts.Clock = SystemClock{}
	}
	if opts.PasswordCost == 0 {
		opts.PasswordCost = PasswordCost
	}
	if opts.SessionIdle <= 0 {
		opts.SessionIdle = SessionIdleLifetime
	}
	if opts.Observer == nil {
		opts.Observer = nopObserver{}
	}
	var reported error
	if opts.Store == nil {
		if opts.Storage == nil {
			opts.Storage = &MemStorage{}
		}
		store, err := OpenJSONStore(opts.Storage, serviceName)
		if store == nil {
			return nil, err
		}
		opts.Store, reported = store, err
	}
	var p *presence
	if opts.SharePresence {
		p = newPresence(opts.Store, opts.Clock)
	}
	return &Embedded{opts: opts, store: opts.Store, hub: newHub(opts.Store, p)}, reported
}

func (e *Embedded) now() time.Time { return e.opts.Clock.Now() }

// Wake says that account may have events that another replica of the service, sharing
// this one's store, recorded: the streams served here read and deliver those they
// have not had. A wake-up with nothing new costs one read.
func (e *Embedded) Wake(account uuid.UUID) { e.hub.notified(account) }

// WakeAll wakes every account with streams served here, after wake-ups may have been
// lost: nothing recorded meanwhile is missed, and nothing is delivered twice.
func (e *Embedded) WakeAll() { e.hub.wakeAll() }

// AddAccount creates an account with a password and profiles, for seeding and tests.
// Profiles with a PIN are locked.
func (e *Embedded) AddAccount(a Account, password string, profiles []Profile, pins map[string]string) (Account, error) {
	if len(profiles) > MaxProfiles {
		return Account{}, ErrTooManyProfiles
	}
	if a.ID == uuid.Nil {
		a.ID = uuid.New()
	}
	email, err := cleanEmail(a.Email)
	if err != nil {
		return Account{}, err
	}
	a.Email = email
	hash, err := hashPassword(password, e.opts.PasswordCost)
	if err != nil {
		return Account{}, err
	}
	var records []ProfileRecord
	for _, p := range profiles {
		if p.ID == uuid.Nil {
			p.ID = uuid.New()
		}
		name, err := CleanName(FieldProfileName, p.Name)
		if err != nil {
			return Account{}, err
		}
		p.Name = name
		pr := ProfileRecord{Profile: p}
		if pin := pins[p.Name]; pin != "" {
			if !validPIN(pin) {
				return Account{}, fmt.Errorf("%w: a PIN is 4 digits", ErrInvalid)
			}
			if pr.PINHash, err = hashPassword(pin, e.opts.PasswordCost); err != nil {
				return Account{}, err
			}
			pr.Locked = true
		}
		records = append(records, pr)
	}
	rec := AccountRecord{Account: a, PasswordHash: hash}
	return a, e.store.Update(context.Background(), func(tx Tx) error { return tx.AddAccount(rec, records) })
}

// HasAccount reports whether an account has this email, so that a household is
// seeded once.
func (e *Embedded) HasAccount(email string) (bool, error) {
	err := e.store.View(context.Background(), func(tx Tx) error {
		_, err := tx.AccountByEmail(strings.ToLower(strings.TrimSpace(email)))
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// AddSignedInDevice signs device in to an account as though it was last seen idle
// ago, for seeding and tests like AddAccount: it asks for no password, tells no
// device, and no request reaches it.
func (e *Embedded) AddSignedInDevice(account uuid.UUID, device DeviceIdentity, idle time.Duration) error {
	return e.store.Update(context.Background(), func(tx Tx) error {
		if err := e.proveDevice(tx, device); err != nil {
			return err
		}
		token, _, err := e.newSession(tx, account, device.DeviceInfo)
		if err != nil {
			return err
		}
		s, err := tx.Session(hashToken(token))
		if err != nil {
			return err
		}
		return tx.TouchSession(s.ID, e.now().Add(-idle))
	})
}

// validPIN reports whether pin is four digits, all a d-pad number pad can enter.
func validPIN(pin string) bool {
	if len(pin) != 4 {
		return false
	}
	for _, c := range pin {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// liveSession returns the session of token, refusing unknown and revoked tokens, and
// those left unused longer than the service allows: their device wipes itself as if
// signed out, and the session is forgotten with the others that ended.
func (e *Embedded) liveSession(tx Tx, token string) (SessionRecord, error) {
	s, err := tx.Session(hashToken(token))
	switch {
	case errors.Is(err, ErrNotFound):
		return s, ErrUnauthorized
	case err != nil:
		return s, err
	case s.Revoked != nil || e.unused(s, e.now()):
		return s, ErrRevoked
	}
	return s, nil
}

// unused reports whether s has gone unused for longer than the service allows at now.
// A device listening to its events is in use.
func (e *Embedded) unused(s SessionRecord, now time.Time) bool {
	used := s.LastSeen
	if s.ListeningAt.After(used) {
		used = s.ListeningAt
	}
	return now.Sub(used) > e.opts.SessionIdle
}

// view runs fn, reading only, with the live session of token.
func (e *Embedded) view(ctx context.Context, token string, fn func(Tx, SessionRecord) error) error {
	var s SessionRecord
	err := e.store.View(ctx, func(tx Tx) error {
		var err error
		if s, err = e.liveSession(tx, token); err != nil {
			return err
		}
		return fn(tx, s)
	})
	if now := e.now(); err == nil && now.Sub(s.LastSeen) >= touchEvery {
		// Only the device list shows it: a failure to record it fails nothing.
		e.store.Update(ctx, func(tx Tx) error { return tx.TouchSession(s.ID, now) })
	}
	return err
}

// update runs fn in one transaction with the live session of token.
func (e *Embedded) update(ctx context.Context, token string, fn func(Tx, SessionRecord) error) error {
	return e.store.Update(ctx, func(tx Tx) error {
		s, err := e.liveSession(tx, token)
		if err != nil {
			return err
		}
		if now := e.now(); now.Sub(s.LastSeen) >= touchEvery {
			s.LastSeen = now
			if err := tx.TouchSession(s.ID, now); err != nil {
				return err
			}
		}
		return fn(tx, s)
	})
}

// grant returns what a device signed in to account with token is given.
func grant(tx Tx, token string, account uuid.UUID) (Grant, error) {
	a, err := tx.Account(account)
	if err != nil {
		return Grant{}, err
	}
	g := Grant{Token: token, Account: a.Account, Seq: a.Seq}
	g.Profiles, err = profiles(tx, account)
	return g, err
}

// profiles returns an account's profiles as devices see them.
func profiles(tx Tx, account uuid.UUID) ([]Profile, error) {
	records, err := tx.Profiles(account)
	out := make([]Profile, len(records))
	for i, p := range records {
		out[i] = p.Profile
	}
	return out, err
}

// newSession starts a session for device on account and returns its token, with the
// accounts whose devices must hear of it. A device signing in again replaces its
// earlier sessions, whichever account they were of, and that account is told; the
// device proved itself (proveDevice), so no one ends another's session this way.
// Sessions, devices and events that ended long enough ago are forgotten, once every
// pruneEvery, so the records stop growing with every sign-in.
func (e *Embedded) newSession(tx Tx, account uuid.UUID, device DeviceInfo) (string, []uuid.UUID, error) {
	now := e.now()
	ended, err := tx.EndDeviceSessions(device.ID, now)
	if err != nil {
		return "", nil, err
	}
	var tell []uuid.UUID
	for _, s := range ended {
		if slices.Contains(tell, s.AccountID) {
			continue
		}
		tell = append(tell, s.AccountID)
	}
	for _, a := range tell {
		devices := []uuid.UUID{device.ID}
		for _, kind := range []EventKind{EventSignedOut, EventDeviceWiped} {
			if _, err := tx.AppendEvent(Event{AccountID: a, Kind: kind, Devices: devices, At: now}); err != nil {
				return "", nil, err
			}
		}
	}
	if err := e.prune(tx, now); err != nil {
		return "", nil, err
	}
	token := newToken()
	return token, tell, tx.AddSession(SessionRecord{ID: uuid.New(), TokenHash: hashToken(token), AccountID: account,
		Device: device, Created: now, LastSeen: now})
}

// prune forgets the sessions, devices and events that ended long enough ago, if
// no sign-in did in the last pruneEvery. Only one of the sign-ins at one moment
// does; should its transaction not commit, one a minute later does.
func (e *Embedded) prune(tx Tx, now time.Time) error {
	last := e.prunedAt.Load()
	// A clock put back since is no reason to wait until it catches up.
	if since := now.Sub(time.Unix(0, last)); since >= 0 && since < pruneEvery || !e.prunedAt.CompareAndSwap(last, now.UnixNano()) {
		return nil
	}
	if err := tx.PruneSessions(now.Add(-keepWiped), now.Add(-keepRevoked), now.Add(-e.opts.SessionIdle-keepRevoked)); err != nil {
		return err
	}
	if err := tx.PruneDevices(now.Add(-keepUnsigned)); err != nil {
		return err
	}
	return tx.PruneEvents(now.Add(-keepEvents))
}

// proveDevice checks that d holds the secret of its ID, and records the ID with the
// secret's hash the first time it is seen. A device that cannot prove its ID gets
// ErrDeviceUnproven and starts afresh with a new one.
func (e *Embedded) proveDevice(tx Tx, d DeviceIdentity) error {
	proven, err := deviceProven(tx, d)
	if err != nil || proven {
		return err
	}
	return tx.AddDevice(DeviceRecord{ID: d.ID, SecretHash: hashToken(d.Secret), Created: e.now()})
}

// validDevice checks what a device says about itself, and cleans its name.
func validDevice(d DeviceIdentity) (DeviceIdentity, error) {
	if d.ID == uuid.Nil || !d.Kind.Valid() {
		return d, fmt.Errorf("%w: a device needs an id and a known kind", ErrInvalid)
	}
	if len(d.Secret) < minDeviceSecret || len(d.Secret) > maxDeviceSecret {
		return d, fmt.Errorf("%w: a device needs a secret of %d to %d characters", ErrInvalid, minDeviceSecret, maxDeviceSecret)
	}
	name, err := CleanName(FieldDeviceName, d.Name)
	d.Name = name
	return d, err
}

// try is a key of a limit that an attempt to prove a secret counts under.
type try struct {
	limit limit
	key   string
	// resets says that a success forgets the key's failures.
	resets bool
}

// limited checks tries, reading only: a client that must wait is refused before its
// secret is compared, which is slow by design.
func (e *Embedded) limited(ctx context.Context, now time.Time, tries ...try) error {
	var rule RateLimitRule
	err := e.store.View(ctx, func(tx Tx) (err error) {
		_, rule, err = checkTries(tx, now, tries)
		return err
	})
	e.refused(rule, err)
	return err
}

// checkTries checks each of tries at now, and reports whether a success would have
// failures to forget, or which rule refuses.
func checkTries(tx Tx, now time.Time, tries []try) (failed bool, refusedBy RateLimitRule, err error) {
	for _, t := range tries {
		n, err := t.limit.check(tx, t.key, now)
		if err != nil {
			return false, t.limit.rule, err
		}
		failed = failed || t.resets && n > 0
	}
	return failed, 0, nil
}

// settle records how an attempt went (ok), whose secret was compared outside any
// transaction, after checking its limits again in the same transaction as it
// records it. Guesses sent at once all pass limited, which reads before the
// comparison; counted without a second check, each found the count as it was
// before them all, and a burst of forty was answered forty times. Checked where the
// failures are recorded, one after another across replicas, a burst is answered as
// many times as guesses one after another would be, and the rest are refused
// whatever they guessed, counting as nothing. A success with no failures to forget
// only reads.
func (e *Embedded) settle(ctx context.Context, now time.Time, ok bool, tries ...try) error {
	var rule RateLimitRule
	if ok {
		var failed bool
		err := e.store.View(ctx, func(tx Tx) (err error) {
			failed, rule, err = checkTries(tx, now, tries)
			return err
		})
		if err != nil || !failed {
			e.refused(rule, err)
			return err
		}
	}
	err := e.store.Update(ctx, func(tx Tx) error {
		var err error
		if _, rule, err = checkTries(tx, now, tries); err != nil {
			return err
		}
		for _, t := range tries {
			switch {
			case !ok:
				err = t.limit.fail(tx, t.key, now)
			case t.resets:
				err = t.limit.reset(tx, t.key)
			}
			if err != nil {
				return err
			}
		}
		return tx.PruneFailures(now.Add(-failureWindow))
	})
	e.refused(rule, err)
	return err
}

// refused tells the observer if err is a refusal by the limit rule.
func (e *Embedded) refused(rule RateLimitRule, err error) {
	if errors.Is(err, ErrRateLimited) {
		e.opts.Observer.RateLimited(rule)
	}
}

// deviceProven reports whether d's ID is on record with d's secret, reading only. An
// ID on record with another secret is ErrDeviceUnproven, and so is an ID that has
// sessions but no secret on record: its device signed in before devices had secrets,
// and whoever shows one first must not end its sessions.
func deviceProven(tx Tx, d DeviceIdentity) (bool, error) {
	rec, err := tx.Device(d.ID)
	switch {
	case errors.Is(err, ErrNotFound):
		if has, err := tx.DeviceSignedIn(d.ID); err != nil || has {
			return false, cmp.Or(err, ErrDeviceUnproven)
		}
		return false, nil
	case err != nil:
		return false, err
	case subtle.ConstantTimeCompare([]byte(rec.SecretHash), []byte(hashToken(d.Secret))) != 1:
		return false, ErrDeviceUnproven
	}
	return true, nil
}

// SignIn implements Service. Wrong passwords are counted per who tries: a device
// that proved its ID and was signed in to the account before has a count of its
// own, and every other client shares one per email. So strangers' guesses slow only
// strangers, never the household's own TVs.
func (e *Embedded) SignIn(ctx context.Context, device DeviceIdentity, email, password string) (Grant, error) {
	device, err := validDevice(device)
	if err != nil {
		return Grant{}, err
	}
	if email, err = cleanEmail(email); err != nil {
		return Grant{}, err
	}
	now := e.now()
	key := "email:" + email
	var hash string
	err = e.store.View(ctx, func(tx Tx) error {
		proven, err := deviceProven(tx, device)
		if err != nil {
			return err
		}
		a, err := tx.AccountByEmail(email)
		switch {
		case errors.Is(err, ErrNotFound):
			return nil
		case err != nil:
			return err
		}
		hash = a.PasswordHash
		if !proven {
			return nil
		}
		known, err := tx.SignedInBefore(a.ID, device.ID)
		if known {
			key = "device:" + a.ID.String() + "/" + device.ID.String()
		}
		return err
	})
	if err != nil {
		return Grant{}, err
	}
	tries := []try{{signInLimit, key, true}}
	if err := e.limited(ctx, now, tries...); err != nil {
		return Grant{}, err
	}
	// The password check takes tens of milliseconds by design: it runs outside any
	// transaction, so other devices are not kept waiting.
	ok := checkPassword(hash, password)
	var g Grant
	var tell []uuid.UUID
	var rule RateLimitRule
	if ok {
		err = e.store.Update(ctx, func(tx Tx) error {
			// Checked again where the session is made, as settle does.
			failed, refusedBy, err := checkTries(tx, now, tries)
			if rule = refusedBy; err != nil {
				return err
			}
			a, err := tx.AccountByEmail(email)
			switch {
			case errors.Is(err, ErrNotFound) || err == nil && a.PasswordHash != hash:
				return ErrWrongCredentials // the password changed meanwhile
			case err != nil:
				return err
			}
			if err := e.proveDevice(tx, device); err != nil {
				return err
			}
			var token string
			if token, tell, err = e.newSession(tx, a.ID, device.DeviceInfo); err != nil {
				return err
			}
			if g, err = grant(tx, token, a.ID); err != nil || !failed {
				return err
			}
			return signInLimit.reset(tx, key)
		})
		e.refused(rule, err)
		ok = !errors.Is(err, ErrWrongCredentials)
	}
	if !ok {
		if err := e.settle(ctx, now, false, tries...); err != nil {
			return Grant{}, err
		}
		return Grant{}, ErrWrongCredentials
	}
	if err != nil {
		return Grant{}, err
	}
	e.wake(tell)
	return g, nil
}

// wake wakes the streams of each of accounts.
func (e *Embedded) wake(accounts []uuid.UUID) {
	for _, a := range accounts {
		e.hub.wake(a)
	}
}

// StartDeviceAuth implements Service.
func (e *Embedded) StartDeviceAuth(ctx context.Context, device DeviceIdentity) (DeviceAuth, error) {
	device, err := validDevice(device)
	if err != nil {
		return DeviceAuth{}, err
	}
	now := e.now()
	code := newToken()
	rec := DeviceAuthRecord{CodeHash: hashToken(code), Device: device.DeviceInfo, Expires: now.Add(DeviceAuthLifetime), Interval: DeviceAuthInterval}
	err = e.store.Update(ctx, func(tx Tx) error {
		if err := e.proveDevice(tx, device); err != nil {
			return err
		}
		// A TV shows one code at a time: one it asked for before, and shows no
		// more (it was restarted, or went back and came again), expires now. A
		// phone that still has it, in a photo of the QR code or a tab left open,
		// is told the TV shows a new one, rather than approve a code no TV will
		// ever ask about, and hear that the TV is signing in. Only after the
		// device proved its ID: no one else can end its codes.
		if err := tx.ExpireDeviceAuthsOf(device.ID, now); err != nil {
			return err
		}
		if err := tx.PruneDeviceAuths(now.Add(-keepExpiredCodes)); err != nil {
			return err
		}
		rec.UserCode = ""
		for rec.UserCode == "" {
			c := newUserCode()
			switch _, err := tx.DeviceAuthByUserCode(c); {
			case errors.Is(err, ErrNotFound):
				rec.UserCode = c
			case err != nil:
				return err
			}
		}
		return tx.AddDeviceAuth(rec)
	})
	if err != nil {
		return DeviceAuth{}, err
	}
	e.opts.Observer.DeviceCode(DeviceCodeIssued)
	return DeviceAuth{
		DeviceCode:              code,
		UserCode:                rec.UserCode,
		VerificationURI:         e.opts.VerificationURI,
		VerificationURIComplete: e.opts.VerificationURI + "?code=" + rec.UserCode,
		ExpiresIn:               DeviceAuthLifetime,
		Interval:                rec.Interval,
	}, nil
}

// PollDeviceAuth implements Service. A poll that finds the code still waiting writes
// nothing: when each code was last polled is kept in memory, and only a poll that
// comes too soon writes, to lengthen the code's interval (slow_down).
func (e *Embedded) PollDeviceAuth(ctx context.Context, deviceCode string) (Grant, error) {
	hash := hashToken(deviceCode)
	now := e.now()
	var d DeviceAuthRecord
	err := e.store.View(ctx, func(tx Tx) (err error) {
		d, err = tx.DeviceAuth(hash)
		return err
	})
	switch {
	case errors.Is(err, ErrNotFound):
		e.polls.forget(hash)
		return Grant{}, ErrExpiredToken
	case err == nil && !now.Before(d.Expires):
		e.polls.forget(hash)
		e.expire(ctx, hash)
		return Grant{}, ErrExpiredToken
	case err != nil:
		return Grant{}, err
	case d.Approved == uuid.Nil:
		if last, ok := e.polls.swap(hash, now, d.Expires); ok && now.Sub(last) < d.Interval {
			return Grant{}, e.slowDown(ctx, hash)
		}
		return Grant{}, ErrAuthorizationPending
	}
	var g Grant
	var tell []uuid.UUID
	var withdrawn bool
	err = e.store.Update(ctx, func(tx Tx) error {
		g, tell, withdrawn = Grant{}, nil, false
		d, err := tx.DeviceAuth(hash)
		switch {
		case errors.Is(err, ErrNotFound):
			return ErrExpiredToken // another poll signed in with it meanwhile
		case err != nil:
			return err
		}
		switch withdrawn, err = e.approvalWithdrawn(tx, d); {
		case err != nil:
			return err
		case withdrawn && d.Approved == deniedBy:
			return ErrAccessDenied // refused already
		case withdrawn:
			// Refused from now on, as if by the person, and said so at every poll.
			d.Approved, d.ApprovedBy = deniedBy, ""
			return tx.PutDeviceAuth(d)
		}
		if err := spend(tx, d); err != nil { // a code signs in once
			return err
		}
		var token string
		if token, tell, err = e.newSession(tx, d.Approved, d.Device); err != nil {
			return err
		}
		g, err = grant(tx, token, d.Approved)
		return err
	})
	if err != nil {
		return Grant{}, err
	}
	e.polls.forget(hash)
	if withdrawn {
		return Grant{}, ErrAccessDenied
	}
	e.opts.Observer.DeviceCode(DeviceCodeSignedIn)
	e.wake(tell)
	return g, nil
}

// spentPrefix begins the hash a code is kept under once it signed its device in
// (spend): a hash of a device code is hex, and never begins so.
const spentPrefix = "spent:"

// spend keeps the code of d, which just signed its device in, until it expires
// under a hash that no device code has. Its device code finds nothing from then
// on, so a second poll, at once or later, from any replica, signs nothing more in
// and is told ErrExpiredToken. Its user code still says who approved it: a phone
// that tries its approval again, its answer lost as PostgreSQL restarted, while the
// TV signed in meanwhile, is answered approved, and another person typing it, that
// it was approved already, not that it is no code, which counted as a guess. A
// replica of an earlier tenfootd, during a rolling update, finds nothing for the
// device code either: a mark in a new column, which it would not read, would have
// let it sign the device in twice.
func spend(tx Tx, d DeviceAuthRecord) error {
	if err := tx.DeleteDeviceAuth(d.CodeHash); err != nil {
		return err
	}
	d.CodeHash = spentPrefix + d.CodeHash
	return tx.AddDeviceAuth(d)
}

// approvalWithdrawn reports whether the approval of d no longer holds: it was
// refused, its account is gone, or the session that approved it was signed out
// since, as by a sign-out of all devices.
func (e *Embedded) approvalWithdrawn(tx Tx, d DeviceAuthRecord) (bool, error) {
	switch _, err := tx.Account(d.Approved); {
	case errors.Is(err, ErrNotFound):
		return true, nil
	case err != nil:
		return false, err
	}
	if d.ApprovedBy == "" {
		return false, nil // approved before approvals named their session
	}
	switch s, err := tx.Session(d.ApprovedBy); {
	case errors.Is(err, ErrNotFound):
		return true, nil
	case err != nil:
		return false, err
	default:
		return s.Revoked != nil || s.AccountID != d.Approved, nil
	}
}

// expire forgets the expired code whose hash is given, which its device just polled,
// and tells the observer if this call forgot it: each code expires once, however
// many polls and replicas find it expired. The device is told ErrExpiredToken
// whatever happens here; a code not forgotten now is pruned later.
func (e *Embedded) expire(ctx context.Context, hash string) {
	forgot := false
	err := e.store.Update(ctx, func(tx Tx) error {
		forgot = false
		switch _, err := tx.DeviceAuth(hash); {
		case errors.Is(err, ErrNotFound):
			return nil
		case err != nil:
			return err
		}
		forgot = true
		return tx.DeleteDeviceAuth(hash)
	})
	if err == nil && forgot {
		e.opts.Observer.DeviceCode(DeviceCodeExpired)
	}
}

// slowDown lengthens the interval of the code whose hash is given, for a device that
// polls too often, and answers ErrSlowDown, as RFC 8628 §3.5 asks.
func (e *Embedded) slowDown(ctx context.Context, hash string) error {
	err := e.store.Update(ctx, func(tx Tx) error {
		d, err := tx.DeviceAuth(hash)
		if err != nil {
			return err
		}
		d.Interval += slowDownStep
		return tx.PutDeviceAuth(d)
	})
	switch {
	case errors.Is(err, ErrNotFound):
		return ErrExpiredToken
	case err != nil:
		return err
	}
	e.opts.Observer.RateLimited(RateLimitDevicePoll)
	return ErrSlowDown
}

// ApproveDeviceAuth implements Service. A wrong code counts as a guess
// (decideDeviceAuth). The same session approving the same code again, as a phone
// does when the answer to its approval was lost, is answered as approved.
func (e *Embedded) ApproveDeviceAuth(ctx context.Context, token, userCode string) error {
	repeated, err := e.decideDeviceAuth(ctx, token, userCode, func(tx Tx, s SessionRecord, d DeviceAuthRecord) error {
		d.Approved, d.ApprovedBy = s.AccountID, s.TokenHash
		return tx.PutDeviceAuth(d)
	}, func(s SessionRecord, d DeviceAuthRecord) bool {
		return d.Approved == s.AccountID && d.decidedBy(s)
	})
	if err == nil && !repeated {
		e.opts.Observer.DeviceCode(DeviceCodeApproved)
	}
	return err
}

// Check implements Service.
func (e *Embedded) Check(ctx context.Context, token string) (Grant, error) {
	var g Grant
	err := e.view(ctx, token, func(tx Tx, s SessionRecord) error {
		var err error
		g, err = grant(tx, token, s.AccountID)
		return err
	})
	return g, err
}

// Devices implements Service.
func (e *Embedded) Devices(ctx context.Context, token string) ([]SignedInDevice, error) {
	var sessions []SessionRecord
	var account uuid.UUID
	err := e.view(ctx, token, func(tx Tx, s SessionRecord) error {
		var err error
		account = s.AccountID
		sessions, err = tx.LiveSessions(s.AccountID)
		return err
	})
	if err != nil {
		return nil, err
	}
	online, now := e.hub.online(account), e.now()
	out := make([]SignedInDevice, 0, len(sessions))
	for _, o := range sessions {
		if !e.unused(o, now) {
			out = append(out, SignedInDevice{DeviceInfo: o.Device, LastSeen: o.LastSeen, Online: online[o.Device.ID] || listeningNow(o, now)})
		}
	}
	return out, nil
}

// SignOut implements Service. A token that is unknown, or whose device already
// confirmed its wipe, writes nothing: confirming again, or a flood of made-up
// tokens, costs one read.
func (e *Embedded) SignOut(ctx context.Context, token string) error {
	hash := hashToken(token)
	var known bool
	err := e.store.View(ctx, func(tx Tx) error {
		s, err := tx.Session(hash)
		switch {
		case errors.Is(err, ErrNotFound):
			return nil
		case err != nil:
			return err
		}
		known = s.Wiped == nil
		return nil
	})
	if err != nil || !known {
		return err
	}
	var account uuid.UUID
	err = e.store.Update(ctx, func(tx Tx) error {
		account = uuid.Nil
		s, err := tx.Session(hash)
		switch {
		case errors.Is(err, ErrNotFound) || err == nil && s.Wiped != nil:
			return nil // forgotten or confirmed meanwhile: nothing more to revoke
		case err != nil:
			return err
		}
		now := e.now()
		switch _, err := tx.Account(s.AccountID); {
		case errors.Is(err, ErrNotFound):
			// Its account is gone (state damaged by hand): there is no one to
			// tell, and its device must not send this sign-out for ever.
			return tx.WipeSession(s.ID, now)
		case err != nil:
			return err
		}
		account = s.AccountID
		if s.Revoked == nil {
			if _, err := tx.AppendEvent(Event{AccountID: account, Kind: EventSignedOut, Devices: []uuid.UUID{s.Device.ID}, At: now}); err != nil {
				return err
			}
		}
		if err := tx.WipeSession(s.ID, now); err != nil {
			return err
		}
		_, err = tx.AppendEvent(Event{AccountID: account, Kind: EventDeviceWiped, Devices: []uuid.UUID{s.Device.ID}, At: now})
		return err
	})
	if err == nil && account != uuid.Nil {
		e.hub.wake(account)
	}
	return err
}

// SignOutDevice implements Service. It ends the sessions of one device the account
// has: the zero ID names none, and only SignOutAll, with proof, ends them all.
//
// A device the account has not signed in now is found so by a read, and answered
// ErrNotFound without the write transaction: writes take turns (on PostgreSQL,
// across every replica), and a session sending made-up IDs in a loop held up every
// other account's sign-ins and sign-outs, one 404 at a time. The write looks again,
// as the device may have been signed out meanwhile.
func (e *Embedded) SignOutDevice(ctx context.Context, token string, device uuid.UUID) (DeviceSignOut, error) {
	notSignedIn := fmt.Errorf("%w: no device %s is signed in to this account", ErrNotFound, device)
	err := e.view(ctx, token, func(tx Tx, s SessionRecord) error {
		if device == uuid.Nil {
			return notSignedIn
		}
		switch signedIn, err := tx.SignedInNow(s.AccountID, device); {
		case err != nil:
			return err
		case !signedIn:
			return notSignedIn
		}
		return nil
	})
	if err != nil {
		return DeviceSignOut{}, err
	}
	var account uuid.UUID
	var revoked []SessionRecord
	err = e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		account = s.AccountID
		var err error
		if device != uuid.Nil {
			revoked, err = tx.RevokeSessions(account, device, e.now())
		}
		if err == nil && len(revoked) == 0 {
			return notSignedIn
		}
		if err == nil {
			err = e.recordSignOut(tx, account, revoked)
		}
		return err
	})
	if err != nil {
		return DeviceSignOut{}, err
	}
	return e.progress(account, revoked, e.hub.online(account))[0], nil
}

// SignOutAll implements Service.
func (e *Embedded) SignOutAll(ctx context.Context, token string, proof Proof) (SignOutAllResult, error) {
	caller, err := e.checkProof(ctx, token, proof, "proof")
	if err != nil {
		return SignOutAllResult{}, err
	}
	// Who listens here is asked before the commit: once it is made, this replica's
	// hub tells ten thousand streams under its lock, and the answer would wait for
	// them.
	online := e.hub.online(caller.AccountID)
	// The ticket is kept in the store with the revocations, so that the watch may
	// reach any replica.
	ticket := newToken()
	var account uuid.UUID
	var revoked []SessionRecord
	err = e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		account = s.AccountID
		a, err := tx.Account(account)
		if err != nil {
			return err
		}
		now := e.now()
		if err := tx.PruneWatches(now); err != nil {
			return err
		}
		err = tx.AddWatch(WatchRecord{TicketHash: hashToken(ticket), AccountID: account, After: a.Seq, Expires: now.Add(WatchLifetime)})
		if err != nil {
			return err
		}
		if revoked, err = tx.RevokeAllSessions(account, now); err != nil {
			return err
		}
		return e.recordSignOut(tx, account, revoked)
	})
	if err != nil {
		return SignOutAllResult{}, err
	}
	res := SignOutAllResult{Watch: ticket}
	states := e.progress(account, revoked, online)
	for _, d := range states {
		res.Count.Add(d.State, 1)
	}
	res.Devices = listed(states, caller.Device.ID)
	return res, nil
}

// listed picks the devices a SignOutAllResult lists: the caller's own, then those
// told now, then the offline ones, each in the order given, at most ListedDevices.
func listed(states []DeviceSignOut, caller uuid.UUID) []DeviceSignOut {
	out := make([]DeviceSignOut, 0, min(len(states), ListedDevices))
	pick := func(keep func(DeviceSignOut) bool) {
		for _, d := range states {
			if len(out) == cap(out) {
				return
			}
			if keep(d) {
				out = append(out, d)
			}
		}
	}
	pick(func(d DeviceSignOut) bool { return d.Device.ID == caller })
	pick(func(d DeviceSignOut) bool { return d.Device.ID != caller && d.State == SignOutPending })
	pick(func(d DeviceSignOut) bool { return d.Device.ID != caller && d.State != SignOutPending })
	return out
}

// WatchSignOut implements Service.
func (e *Embedded) WatchSignOut(ctx context.Context, ticket string) (<-chan Event, error) {
	var w WatchRecord
	err := e.store.View(ctx, func(tx Tx) error {
		var err error
		w, err = tx.Watch(hashToken(ticket))
		return err
	})
	switch {
	case errors.Is(err, ErrNotFound) || err == nil && !e.now().Before(w.Expires):
		return nil, ErrUnauthorized
	case err != nil:
		return nil, err
	}
	// The watch ends with its ticket: what the account does later, such as the
	// devices signed in after, is no longer this sign-out's to show.
	ctx, cancel := context.WithTimeout(ctx, w.Expires.Sub(e.now()))
	events, err := e.hub.subscribe(ctx, w.AccountID, uuid.Nil, uuid.Nil, w.After)
	if err != nil {
		cancel()
		return nil, err
	}
	context.AfterFunc(ctx, cancel)
	return events, nil
}

// VerifyPIN implements Service. Wrong PINs count toward the same limit as wrong
// passwords, against the session that tried, so a PIN cannot be guessed in a loop,
// and no one else's tries slow the person who knows it.
func (e *Embedded) VerifyPIN(ctx context.Context, token string, profile uuid.UUID, pin string) error {
	if profile == uuid.Nil {
		// A proof without a profile is the account's password: a PIN is never one.
		return fmt.Errorf("%w: no such profile", ErrNotFound)
	}
	_, err := e.checkProof(ctx, token, Proof{ProfileID: profile, PIN: pin}, "pin")
	return err
}

// proofHash returns the hash a proof must match, the secret to check against it and
// the error a mismatch is.
func proofHash(tx Tx, account uuid.UUID, p Proof) (hash, secret string, wrong error, err error) {
	if p.ProfileID == uuid.Nil {
		a, err := tx.Account(account)
		return a.PasswordHash, p.Password, ErrWrongCredentials, err
	}
	records, err := tx.Profiles(account)
	for _, pr := range records {
		if pr.ID == p.ProfileID {
			return pr.PINHash, p.PIN, ErrWrongPIN, err
		}
	}
	if err == nil {
		err = fmt.Errorf("%w: no such profile", ErrNotFound)
	}
	return "", p.PIN, ErrWrongPIN, err
}

// checkProof checks proof of the account of token's session. Failures are counted
// under what, per session: the client that tried, which belongs to the account.
// They also count for the whole account (accountProofLimit), more loosely: a
// session can make more sessions of its account without proof (approving its own
// codes), and each of them must not bring five more free guesses of a PIN or of
// the password. The check is slow by design and runs outside any transaction;
// callers that then change something look the session up again, as it may have
// been revoked meanwhile.
func (e *Embedded) checkProof(ctx context.Context, token string, p Proof, what string) (SessionRecord, error) {
	var s SessionRecord
	var hash, secret string
	var wrong error
	err := e.view(ctx, token, func(tx Tx, live SessionRecord) error {
		var err error
		s = live
		hash, secret, wrong, err = proofHash(tx, s.AccountID, p)
		return err
	})
	if err != nil {
		return s, err
	}
	now := e.now()
	tries := []try{
		{signInLimit, what + ":" + s.ID.String(), true},
		// Never reset by a success: a PIN of the guesser's own making is one.
		{accountProofLimit, "account:" + s.AccountID.String(), false},
	}
	if err := e.limited(ctx, now, tries...); err != nil {
		return s, err
	}
	ok := hash != "" && checkPassword(hash, secret)
	if err := e.settle(ctx, now, ok, tries...); err != nil {
		return s, err
	}
	if !ok {
		return s, wrong
	}
	return s, nil
}

// recordSignOut records one event for the sessions of account just revoked, in the
// transaction that revoked them.
func (e *Embedded) recordSignOut(tx Tx, account uuid.UUID, revoked []SessionRecord) error {
	if len(revoked) == 0 {
		return nil
	}
	devices := make([]uuid.UUID, len(revoked))
	for i, o := range revoked {
		devices[i] = o.Device.ID
	}
	_, err := tx.AppendEvent(Event{AccountID: account, Kind: EventSignedOut, Devices: devices, At: e.now()})
	return err
}

// progress tells the devices just revoked, and reports where each stands: those
// listening, here (online, from the hub) or on another replica, are being told and
// will wipe themselves; the others will hear at their next request. The telling
// goes on after progress returns: the one who confirmed hears back at once, however
// many devices there are, while the event, already in the store, reaches each of
// them.
func (e *Embedded) progress(account uuid.UUID, revoked []SessionRecord, online map[uuid.UUID]bool) []DeviceSignOut {
	now := e.now()
	out := make([]DeviceSignOut, len(revoked))
	for i, o := range revoked {
		st := SignOutOffline
		if online[o.Device.ID] || listeningNow(o, now) {
			st = SignOutPending
		}
		out[i] = DeviceSignOut{Device: o.Device, State: st, LastSeen: o.LastSeen}
	}
	go e.hub.wake(account)
	return out
}

// Subscribe implements Service.
//
// A device whose session was signed out while it was between streams (moving to
// another replica, its network dropped) and that resumes from the last event it
// heard still hears what it missed, up to its own sign-out and no further: the
// sign-out reaches it as an event, as if it had stayed, not as a refusal. A revoked
// session with no sign-out of its device after after is refused with ErrRevoked.
func (e *Embedded) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	var s SessionRecord
	var last uint64
	err := e.view(ctx, token, func(tx Tx, live SessionRecord) error {
		s = live
		a, err := tx.Account(live.AccountID)
		last = a.Seq
		return err
	})
	if errors.Is(err, ErrRevoked) {
		return e.resumeRevoked(ctx, token, after)
	}
	if err != nil {
		return nil, err
	}
	if last > replayLimit && after < last-replayLimit {
		// Far behind, or a client that asks for the whole history: each stream
		// would read and hold every event the account kept.
		return e.hub.catchUp(ctx, s.AccountID, s.Device.ID, s.ID, last-replayLimit)
	}
	return e.hub.subscribe(ctx, s.AccountID, s.Device.ID, s.ID, after)
}

// resumeRevoked streams the events after after of the revoked session of token, up to
// the sign-out of its device, which ends the stream; or fails with ErrRevoked if no
// sign-out of this session was missed: it was heard, the device confirmed its wipe,
// or the session ended unused. The stream is not marked as listening: its session has
// ended.
func (e *Embedded) resumeRevoked(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	var s SessionRecord
	missed := false
	err := e.store.View(ctx, func(tx Tx) error {
		var err error
		if s, err = tx.Session(hashToken(token)); err != nil {
			return err
		}
		if s.Revoked == nil || s.Wiped != nil {
			return nil // refused for another reason, or it confirmed its wipe: it heard
		}
		a, err := tx.Account(s.AccountID)
		if err != nil {
			return err
		}
		if a.Seq > replayLimit {
			// As a live stream replays no more: a sign-out further back is said
			// by ErrRevoked, which wipes the device as well.
			after = max(after, a.Seq-replayLimit)
		}
		events, err := tx.Events(s.AccountID, after)
		missed = slices.ContainsFunc(events, func(ev Event) bool {
			return ev.Kind == EventSignedOut && ev.Concerns(s.Device.ID) && !ev.At.Before(s.Created)
		})
		return err
	})
	switch {
	case err != nil && !errors.Is(err, ErrNotFound):
		return nil, err
	case !missed:
		return nil, ErrRevoked
	}
	return e.hub.subscribe(ctx, s.AccountID, s.Device.ID, uuid.Nil, after)
}

// SaveProfile implements Service.
func (e *Embedded) SaveProfile(ctx context.Context, token string, change ProfileChange) ([]Profile, error) {
	p := change.Profile
	name, err := CleanName(FieldProfileName, p.Name)
	if err != nil {
		return nil, err
	}
	p.Name = name
	if !validAvatar(p.Avatar) {
		return nil, fmt.Errorf("%w: avatar: %q is not an avatar name", ErrInvalid, p.Avatar)
	}
	if !validLanguage(p.Language) {
		return nil, fmt.Errorf("%w: language: %q is not a language tag", ErrInvalid, p.Language)
	}
	if change.PIN != nil && *change.PIN != "" && !validPIN(*change.PIN) {
		return nil, fmt.Errorf("%w: a PIN is 4 digits", ErrInvalid)
	}
	var pinHash string
	if change.PIN != nil && *change.PIN != "" {
		// Hashing is slow by design: only for a session, never for anyone who asks.
		if err := e.view(ctx, token, func(Tx, SessionRecord) error { return nil }); err != nil {
			return nil, err
		}
		h, err := hashPassword(*change.PIN, e.opts.PasswordCost)
		if err != nil {
			return nil, err
		}
		pinHash = h
	}
	unlocked, err := e.unlock(ctx, token, p.ID, change.Proof)
	if err != nil {
		return nil, err
	}
	return e.changeProfiles(ctx, token, func(tx Tx, account uuid.UUID, records []ProfileRecord) error {
		p := p // a new profile's ID, given by a run rolled back, is not its ID
		if p.ID == uuid.Nil && slices.ContainsFunc(records, func(pr ProfileRecord) bool { return pr.ID == change.NewID }) {
			// Made by this very save, sent before: its answer was lost. The
			// profile stands as that save made it, and nothing changes now.
			return errUnchanged
		}
		i := slices.IndexFunc(records, func(pr ProfileRecord) bool { return pr.ID == p.ID && p.ID != uuid.Nil })
		var rec ProfileRecord
		switch {
		case i < 0 && p.ID != uuid.Nil:
			return fmt.Errorf("%w: no such profile", ErrNotFound)
		case i < 0 && len(records) >= MaxProfiles:
			return ErrTooManyProfiles
		case i < 0 && change.NewID != uuid.Nil:
			p.ID = change.NewID
		case i < 0:
			p.ID = uuid.New()
		case records[i].Locked && !unlocked && !languageOnly(records[i].Profile, p, change):
			return fmt.Errorf("%w: the profile is locked; its PIN or the account's password is needed", ErrWrongPIN)
		default:
			rec = records[i]
		}
		locked, hash := rec.Locked, rec.PINHash
		if p.Language == "" {
			// A device from before languages sends none: it keeps the one chosen
			// elsewhere. (Nothing chooses "" again: the menu lists languages.)
			p.Language = rec.Language
		}
		rec.Profile = p
		rec.Locked, rec.PINHash = locked, hash
		if change.PIN != nil {
			rec.PINHash, rec.Locked = pinHash, pinHash != ""
		}
		if i >= 0 && rec == records[i] {
			return errUnchanged // saved as it was: no device needs telling
		}
		return tx.PutProfile(account, rec)
	})
}

// DeleteProfile implements Service.
func (e *Embedded) DeleteProfile(ctx context.Context, token string, profile uuid.UUID, proof Proof) ([]Profile, error) {
	unlocked, err := e.unlock(ctx, token, profile, proof)
	if err != nil {
		return nil, err
	}
	return e.changeProfiles(ctx, token, func(tx Tx, account uuid.UUID, records []ProfileRecord) error {
		switch i := slices.IndexFunc(records, func(pr ProfileRecord) bool { return pr.ID == profile }); {
		case i < 0:
			return fmt.Errorf("%w: no such profile", ErrNotFound)
		case records[i].Locked && !unlocked:
			return fmt.Errorf("%w: the profile is locked; its PIN or the account's password is needed", ErrWrongPIN)
		case len(records) == 1:
			return fmt.Errorf("%w: an account keeps at least one profile", ErrInvalid)
		}
		return tx.DeleteProfile(account, profile)
	})
}

// unlock checks the proof given to change or delete profile, and reports whether it
// unlocks it: the PIN of that very profile, or the account's password. The PIN of
// another profile unlocks nothing. Wrong PINs are counted with those of VerifyPIN,
// wrong passwords with those of SignOutAll. No proof is no guess, and is not counted:
// the change then goes through only if the profile is not locked.
func (e *Embedded) unlock(ctx context.Context, token string, profile uuid.UUID, p Proof) (bool, error) {
	switch {
	case p.IsZero() || profile == uuid.Nil:
		return false, nil
	case p.ProfileID != uuid.Nil && p.ProfileID != profile:
		return false, fmt.Errorf("%w: only the PIN of the profile itself unlocks it", ErrWrongPIN)
	}
	if p.ProfileID == uuid.Nil && p.Password == "" {
		p.ProfileID = profile // a PIN alone is the PIN of the profile being changed
	}
	what := "pin"
	if p.ProfileID == uuid.Nil {
		what = "proof"
	}
	_, err := e.checkProof(ctx, token, p, what)
	return err == nil, err
}

// errUnchanged is what a change of profiles returns when it changes nothing.
var errUnchanged = errors.New("session: profiles unchanged")

// changeProfiles applies change to the profiles of token's account, records the
// event that tells its devices, and returns the profiles as they are now. A change
// that returns errUnchanged records nothing and tells no device.
func (e *Embedded) changeProfiles(ctx context.Context, token string, change func(Tx, uuid.UUID, []ProfileRecord) error) ([]Profile, error) {
	var account uuid.UUID
	var out []Profile
	changed := false
	err := e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		account, changed = s.AccountID, false // as in a run rolled back and run again
		records, err := tx.Profiles(account)
		if err != nil {
			return err
		}
		switch err := change(tx, account, records); {
		case errors.Is(err, errUnchanged):
			out, err = profiles(tx, account)
			return err
		case err != nil:
			return err
		}
		changed = true
		if _, err := tx.AppendEvent(Event{AccountID: account, Kind: EventProfilesChanged, At: e.now()}); err != nil {
			return err
		}
		out, err = profiles(tx, account)
		return err
	})
	if err != nil {
		return nil, err
	}
	if changed {
		e.hub.wake(account)
	}
	return out, nil
}
