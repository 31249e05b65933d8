package session

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Limits of the embedded service.
const (
	// DeviceAuthLifetime is how long a code shown on a TV stays valid.
	DeviceAuthLifetime = 10 * time.Minute
	// DeviceAuthInterval is how often a TV may poll; polling faster adds
	// slowDownStep to its interval, as RFC 8628 §3.5 asks.
	DeviceAuthInterval = 5 * time.Second
	slowDownStep       = 5 * time.Second
	// Failed sign-ins allowed per email and per device, and wrong codes per approving
	// account, within failureWindow.
	maxSignInFailures = 5
	maxCodeGuesses    = 5
	failureWindow     = 15 * time.Minute
	// Events are kept this long for devices catching up; one that was away longer
	// learns its fate from its next request instead.
	keepEvents = 30 * 24 * time.Hour
	// Ended sessions are kept a while, so a device back from a long trip hears it
	// was signed out (ErrRevoked) rather than that it was never known; then they go.
	keepWiped   = 30 * 24 * time.Hour
	keepRevoked = 180 * 24 * time.Hour
	// subscriberBuffer is how far a subscriber may fall behind before it is cut off
	// and must catch up by subscribing again. A device hears a few events an hour;
	// the screen watching a sign-out of all devices hears one per device.
	subscriberBuffer = 16
	watcherBuffer    = 1024
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
	// SharePresence marks in the store which sessions have an event stream open
	// here, so that replicas sharing the store tell a device listening on any of
	// them from one that is offline. The service must then run KeepPresence. A
	// service alone on its store knows its streams without it.
	SharePresence bool
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
func (e *Embedded) Wake(account uuid.UUID) { e.hub.wake(account) }

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
	a.Email = strings.ToLower(strings.TrimSpace(a.Email))
	hash, err := hashPassword(password, e.opts.PasswordCost)
	if err != nil {
		return Account{}, err
	}
	var records []ProfileRecord
	for _, p := range profiles {
		if p.ID == uuid.Nil {
			p.ID = uuid.New()
		}
		if strings.TrimSpace(p.Name) == "" {
			return Account{}, fmt.Errorf("%w: a profile needs a name", ErrInvalid)
		}
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

// liveSession returns the session of token, refusing unknown and revoked tokens.
func liveSession(tx Tx, token string) (SessionRecord, error) {
	s, err := tx.Session(hashToken(token))
	switch {
	case errors.Is(err, ErrNotFound):
		return s, ErrUnauthorized
	case err != nil:
		return s, err
	case s.Revoked != nil:
		return s, ErrRevoked
	}
	return s, nil
}

// view runs fn, reading only, with the live session of token.
func (e *Embedded) view(ctx context.Context, token string, fn func(Tx, SessionRecord) error) error {
	var s SessionRecord
	err := e.store.View(ctx, func(tx Tx) error {
		var err error
		if s, err = liveSession(tx, token); err != nil {
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
		s, err := liveSession(tx, token)
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

// newSession starts a session for device on account and returns its token. A device
// signing in again replaces its earlier sessions; sessions and events that ended
// long enough ago are forgotten, so the records stop growing with every sign-in.
func (e *Embedded) newSession(tx Tx, account uuid.UUID, device DeviceInfo) (string, error) {
	now := e.now()
	if err := tx.EndDeviceSessions(device.ID, now); err != nil {
		return "", err
	}
	if err := tx.PruneSessions(now.Add(-keepWiped), now.Add(-keepRevoked)); err != nil {
		return "", err
	}
	if err := tx.PruneEvents(now.Add(-keepEvents)); err != nil {
		return "", err
	}
	token := newToken()
	return token, tx.AddSession(SessionRecord{ID: uuid.New(), TokenHash: hashToken(token), AccountID: account,
		Device: device, Created: now, LastSeen: now})
}

func validDevice(d DeviceInfo) error {
	if d.ID == uuid.Nil || strings.TrimSpace(d.Name) == "" || !d.Kind.Valid() {
		return fmt.Errorf("%w: a device needs an id, a name and a known kind", ErrInvalid)
	}
	return nil
}

// limit checks each of keys against l, and reports whether the first has failures on
// record, which only a success then needs to clear.
func (e *Embedded) limit(ctx context.Context, l limit, now time.Time, keys ...string) (failed bool, err error) {
	err = e.store.View(ctx, func(tx Tx) error {
		for i, key := range keys {
			n, err := l.check(tx, key, now)
			if err != nil {
				return err
			}
			failed = failed || i == 0 && n > 0
		}
		return nil
	})
	return failed, err
}

// count records a failure (ok false) or a success of each of keys in l. Failures
// that have aged out of every window are forgotten on the way.
func (e *Embedded) count(ctx context.Context, l limit, ok bool, now time.Time, keys ...string) error {
	return e.store.Update(ctx, func(tx Tx) error {
		for _, key := range keys {
			var err error
			if ok {
				err = l.reset(tx, key)
			} else {
				err = l.fail(tx, key, now)
			}
			if err != nil {
				return err
			}
		}
		return tx.PruneFailures(now.Add(-failureWindow))
	})
}

// SignIn implements Service.
func (e *Embedded) SignIn(ctx context.Context, device DeviceInfo, email, password string) (Grant, error) {
	if err := validDevice(device); err != nil {
		return Grant{}, err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	now := e.now()
	keys := []string{"email:" + email, "device:" + device.ID.String()}
	failed, err := e.limit(ctx, signInLimit, now, keys...)
	if err != nil {
		return Grant{}, err
	}
	var hash string
	err = e.store.View(ctx, func(tx Tx) error {
		a, err := tx.AccountByEmail(email)
		hash = a.PasswordHash
		if errors.Is(err, ErrNotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return Grant{}, err
	}
	// The password check takes tens of milliseconds by design: it runs outside any
	// transaction, so other devices are not kept waiting.
	ok := checkPassword(hash, password)
	var g Grant
	if ok {
		err = e.store.Update(ctx, func(tx Tx) error {
			a, err := tx.AccountByEmail(email)
			switch {
			case errors.Is(err, ErrNotFound) || err == nil && a.PasswordHash != hash:
				return ErrWrongCredentials // the password changed meanwhile
			case err != nil:
				return err
			}
			token, err := e.newSession(tx, a.ID, device)
			if err != nil {
				return err
			}
			g, err = grant(tx, token, a.ID)
			return err
		})
		ok = !errors.Is(err, ErrWrongCredentials)
	}
	if !ok {
		if err := e.count(ctx, signInLimit, false, now, keys...); err != nil {
			return Grant{}, err
		}
		return Grant{}, ErrWrongCredentials
	}
	if err != nil {
		return Grant{}, err
	}
	if failed {
		if err := e.count(ctx, signInLimit, true, now, keys[0]); err != nil {
			return Grant{}, err
		}
	}
	return g, nil
}

// StartDeviceAuth implements Service.
func (e *Embedded) StartDeviceAuth(ctx context.Context, device DeviceInfo) (DeviceAuth, error) {
	if err := validDevice(device); err != nil {
		return DeviceAuth{}, err
	}
	now := e.now()
	code := newToken()
	rec := DeviceAuthRecord{CodeHash: hashToken(code), Device: device, Expires: now.Add(DeviceAuthLifetime), Interval: DeviceAuthInterval}
	err := e.store.Update(ctx, func(tx Tx) error {
		rec.UserCode = "" // a code found free by a run rolled back may be taken since
		if err := tx.PruneDeviceAuths(now); err != nil {
			return err
		}
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
	return DeviceAuth{
		DeviceCode:              code,
		UserCode:                rec.UserCode,
		VerificationURI:         e.opts.VerificationURI,
		VerificationURIComplete: e.opts.VerificationURI + "?code=" + rec.UserCode,
		ExpiresIn:               DeviceAuthLifetime,
		Interval:                rec.Interval,
	}, nil
}

// PollDeviceAuth implements Service.
func (e *Embedded) PollDeviceAuth(ctx context.Context, deviceCode string) (Grant, error) {
	var g Grant
	var answer error // not yet: recorded, then answered
	err := e.store.Update(ctx, func(tx Tx) error {
		now := e.now()
		answer = nil
		d, err := tx.DeviceAuth(hashToken(deviceCode))
		switch {
		case errors.Is(err, ErrNotFound) || err == nil && !now.Before(d.Expires):
			return ErrExpiredToken
		case err != nil:
			return err
		case d.Approved == uuid.Nil && !d.LastPoll.IsZero() && now.Sub(d.LastPoll) < d.Interval:
			d.Interval += slowDownStep
			d.LastPoll, answer = now, ErrSlowDown
			return tx.PutDeviceAuth(d)
		case d.Approved == uuid.Nil:
			d.LastPoll, answer = now, ErrAuthorizationPending
			return tx.PutDeviceAuth(d)
		}
		switch _, err := tx.Account(d.Approved); {
		case errors.Is(err, ErrNotFound):
			return ErrAccessDenied
		case err != nil:
			return err
		}
		if err := tx.DeleteDeviceAuth(d.CodeHash); err != nil { // a code signs in once
			return err
		}
		token, err := e.newSession(tx, d.Approved, d.Device)
		if err != nil {
			return err
		}
		g, err = grant(tx, token, d.Approved)
		return err
	})
	if err == nil {
		err = answer
	}
	if err != nil {
		return Grant{}, err
	}
	return g, nil
}

// ApproveDeviceAuth implements Service. A wrong code is counted in the same
// transaction that checked the count, so guesses from every replica add up and none
// slips between the check and the count.
func (e *Embedded) ApproveDeviceAuth(ctx context.Context, token, userCode string) error {
	var answer error // a wrong code: counted, committed, then answered
	err := e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		now := e.now()
		key := "approver:" + s.AccountID.String()
		answer = nil
		if _, err := guessLimit.check(tx, key, now); err != nil {
			return err
		}
		code, err := NormalizeUserCode(userCode)
		if err != nil {
			answer = err
			return guessLimit.fail(tx, key, now)
		}
		d, err := tx.DeviceAuthByUserCode(code)
		switch {
		case errors.Is(err, ErrNotFound) || err == nil && (!now.Before(d.Expires) || d.Approved != uuid.Nil):
			answer = ErrInvalidUserCode
			return guessLimit.fail(tx, key, now)
		case err != nil:
			return err
		}
		d.Approved = s.AccountID
		return tx.PutDeviceAuth(d)
	})
	if err == nil {
		err = answer
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
	out := make([]SignedInDevice, len(sessions))
	for i, o := range sessions {
		out[i] = SignedInDevice{DeviceInfo: o.Device, LastSeen: o.LastSeen, Online: online[o.Device.ID] || listeningNow(o, now)}
	}
	return out, nil
}

// SignOut implements Service.
func (e *Embedded) SignOut(ctx context.Context, token string) error {
	var account uuid.UUID
	err := e.store.Update(ctx, func(tx Tx) error {
		s, err := tx.Session(hashToken(token))
		switch {
		case errors.Is(err, ErrNotFound) || err == nil && s.Wiped != nil:
			return nil // unknown or done: nothing more to revoke
		case err != nil:
			return err
		}
		now := e.now()
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

// SignOutDevice implements Service.
func (e *Embedded) SignOutDevice(ctx context.Context, token string, device uuid.UUID) (DeviceSignOut, error) {
	var account uuid.UUID
	var revoked []SessionRecord
	err := e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		var err error
		account = s.AccountID
		if revoked, err = e.revoke(tx, account, device); err == nil && len(revoked) == 0 {
			err = fmt.Errorf("%w: no device %s is signed in to this account", ErrNotFound, device)
		}
		return err
	})
	if err != nil {
		return DeviceSignOut{}, err
	}
	return e.progress(account, revoked)[0], nil
}

// SignOutAll implements Service.
func (e *Embedded) SignOutAll(ctx context.Context, token string, proof Proof) (SignOutAllResult, error) {
	if _, err := e.checkProof(ctx, token, proof, func(s SessionRecord) string { return "proof:" + s.AccountID.String() }); err != nil {
		return SignOutAllResult{}, err
	}
	// The ticket is kept in the store with the revocations, so that the watch may
	// reach any replica.
	ticket := newToken()
	var account uuid.UUID
	var revoked []SessionRecord
	err := e.update(ctx, token, func(tx Tx, s SessionRecord) error {
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
		revoked, err = e.revoke(tx, account, uuid.Nil)
		return err
	})
	if err != nil {
		return SignOutAllResult{}, err
	}
	return SignOutAllResult{Devices: e.progress(account, revoked), Watch: ticket}, nil
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
	return e.hub.subscribe(ctx, w.AccountID, uuid.Nil, uuid.Nil, w.After)
}

// VerifyPIN implements Service. Wrong PINs count toward the same limit as wrong
// passwords, so a PIN cannot be guessed in a loop.
func (e *Embedded) VerifyPIN(ctx context.Context, token string, profile uuid.UUID, pin string) error {
	_, err := e.checkProof(ctx, token, Proof{ProfileID: profile, PIN: pin}, func(SessionRecord) string { return "pin:" + profile.String() })
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
	return "", p.PIN, ErrWrongPIN, err
}

// checkProof checks proof of the account of token's session. The check is slow by
// design and runs outside any transaction; callers that then change something look
// the session up again, as it may have been revoked meanwhile.
func (e *Embedded) checkProof(ctx context.Context, token string, p Proof, limitKey func(SessionRecord) string) (SessionRecord, error) {
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
	key := limitKey(s)
	failed, err := e.limit(ctx, signInLimit, now, key)
	if err != nil {
		return s, err
	}
	ok := hash != "" && checkPassword(hash, secret)
	if !ok || failed {
		if err := e.count(ctx, signInLimit, ok, now, key); err != nil {
			return s, err
		}
	}
	if !ok {
		return s, wrong
	}
	return s, nil
}

// revoke revokes every live session of account on device (every device if it is
// zero), recording one event for them all in the same transaction.
func (e *Embedded) revoke(tx Tx, account, device uuid.UUID) ([]SessionRecord, error) {
	now := e.now()
	revoked, err := tx.RevokeSessions(account, device, now)
	if err != nil || len(revoked) == 0 {
		return nil, err
	}
	devices := make([]uuid.UUID, len(revoked))
	for i, o := range revoked {
		devices[i] = o.Device.ID
	}
	_, err = tx.AppendEvent(Event{AccountID: account, Kind: EventSignedOut, Devices: devices, At: now})
	return revoked, err
}

// progress tells the devices just revoked, and reports where each stands: those
// listening now, here or on another replica, have been told and are wiping
// themselves; the others will hear at their next request.
func (e *Embedded) progress(account uuid.UUID, revoked []SessionRecord) []DeviceSignOut {
	online, now := e.hub.online(account), e.now()
	out := make([]DeviceSignOut, len(revoked))
	for i, o := range revoked {
		st := SignOutOffline
		if online[o.Device.ID] || listeningNow(o, now) {
			st = SignOutPending
		}
		out[i] = DeviceSignOut{Device: o.Device, State: st, LastSeen: o.LastSeen}
	}
	e.hub.wake(account)
	return out
}

// Subscribe implements Service.
func (e *Embedded) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	var s SessionRecord
	err := e.view(ctx, token, func(_ Tx, live SessionRecord) error {
		s = live
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e.hub.subscribe(ctx, s.AccountID, s.Device.ID, s.ID, after)
}

// SaveProfile implements Service.
func (e *Embedded) SaveProfile(ctx context.Context, token string, change ProfileChange) ([]Profile, error) {
	p := change.Profile
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" {
		return nil, fmt.Errorf("%w: a profile needs a name", ErrInvalid)
	}
	if change.PIN != nil && *change.PIN != "" && !validPIN(*change.PIN) {
		return nil, fmt.Errorf("%w: a PIN is 4 digits", ErrInvalid)
	}
	var pinHash string
	if change.PIN != nil && *change.PIN != "" {
		h, err := hashPassword(*change.PIN, e.opts.PasswordCost)
		if err != nil {
			return nil, err
		}
		pinHash = h
	}
	return e.changeProfiles(ctx, token, func(tx Tx, account uuid.UUID, records []ProfileRecord) error {
		p := p // a new profile's ID, given by a run rolled back, is not its ID
		i := slices.IndexFunc(records, func(pr ProfileRecord) bool { return pr.ID == p.ID && p.ID != uuid.Nil })
		var rec ProfileRecord
		switch {
		case i < 0 && p.ID != uuid.Nil:
			return fmt.Errorf("%w: no such profile", ErrNotFound)
		case i < 0 && len(records) >= MaxProfiles:
			return ErrTooManyProfiles
		case i < 0:
			p.ID = uuid.New()
		default:
			rec = records[i]
		}
		locked, hash := rec.Locked, rec.PINHash
		rec.Profile = p
		rec.Locked, rec.PINHash = locked, hash
		if change.PIN != nil {
			rec.PINHash, rec.Locked = pinHash, pinHash != ""
		}
		return tx.PutProfile(account, rec)
	})
}

// DeleteProfile implements Service.
func (e *Embedded) DeleteProfile(ctx context.Context, token string, profile uuid.UUID) ([]Profile, error) {
	return e.changeProfiles(ctx, token, func(tx Tx, account uuid.UUID, records []ProfileRecord) error {
		switch i := slices.IndexFunc(records, func(pr ProfileRecord) bool { return pr.ID == profile }); {
		case i < 0:
			return fmt.Errorf("%w: no such profile", ErrNotFound)
		case len(records) == 1:
			return fmt.Errorf("%w: an account keeps at least one profile", ErrInvalid)
		}
		return tx.DeleteProfile(account, profile)
	})
}

// changeProfiles applies change to the profiles of token's account, records the
// event that tells its devices, and returns the profiles as they are now.
func (e *Embedded) changeProfiles(ctx context.Context, token string, change func(Tx, uuid.UUID, []ProfileRecord) error) ([]Profile, error) {
	var account uuid.UUID
	var out []Profile
	err := e.update(ctx, token, func(tx Tx, s SessionRecord) error {
		account = s.AccountID
		records, err := tx.Profiles(account)
		if err != nil {
			return err
		}
		if err := change(tx, account, records); err != nil {
			return err
		}
		if _, err := tx.AppendEvent(Event{AccountID: account, Kind: EventProfilesChanged, At: e.now()}); err != nil {
			return err
		}
		out, err = profiles(tx, account)
		return err
	})
	if err != nil {
		return nil, err
	}
	e.hub.wake(account)
	return out, nil
}
