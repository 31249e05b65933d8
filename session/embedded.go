package session

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
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
	// maxEvents is how many events are kept for devices catching up; one that was
	// away longer learns its fate from its next request instead.
	maxEvents = 10000
	// Ended sessions are kept a while, so a device back from a long trip hears it
	// was signed out (ErrRevoked) rather than that it was never known; then they go.
	keepWiped   = 30 * 24 * time.Hour
	keepRevoked = 180 * 24 * time.Hour
	// subscriberBuffer is how far a subscriber may fall behind before it is cut off
	// and must catch up by subscribing again. A device hears a few events an hour;
	// the screen watching a sign-out of all devices hears one per device.
	subscriberBuffer = 16
	watcherBuffer    = 1024
)

// serviceName is the storage name of the embedded service's state.
const serviceName = "service"

// EmbeddedOptions configure an embedded service.
type EmbeddedOptions struct {
	Storage Storage
	Clock   Clock
	// VerificationURI is where people approve codes, shown beside the code.
	VerificationURI string
	// PasswordCost is the bcrypt cost for new passwords; 0 means PasswordCost.
	PasswordCost int
}

// Embedded is the account service running inside the app, persisted in the device's
// storage. Every change is saved before it is reported, in one atomic write.
type Embedded struct {
	opts EmbeddedOptions

	mu      sync.Mutex
	st      serviceState
	byToken map[string]*sessionRecord // token hash -> session
	subs    map[uuid.UUID]map[*subscriber]bool
	signIns *limiter
	guesses *limiter
	watches map[string]watchTicket // ticket hash -> what it may watch
}

// watchTicket lets the device that signed every device out follow the rest.
type watchTicket struct {
	account uuid.UUID
	after   uint64
	expires time.Time
}

// serviceState is what the embedded service persists.
type serviceState struct {
	Seq         uint64              `json:"seq"`
	Accounts    []*accountRecord    `json:"accounts"`
	Sessions    []*sessionRecord    `json:"sessions"`
	Events      []Event             `json:"events"`
	DeviceAuths []*deviceAuthRecord `json:"deviceAuths"`
}

type accountRecord struct {
	Account
	PasswordHash string           `json:"passwordHash"`
	Profiles     []*profileRecord `json:"profiles"`
}

type profileRecord struct {
	Profile
	PINHash string `json:"pinHash,omitempty"`
}

type sessionRecord struct {
	ID        uuid.UUID  `json:"id"`
	TokenHash string     `json:"tokenHash"`
	AccountID uuid.UUID  `json:"accountId"`
	Device    DeviceInfo `json:"device"`
	Created   time.Time  `json:"created"`
	LastSeen  time.Time  `json:"lastSeen"`
	Revoked   *time.Time `json:"revoked,omitempty"`
	Wiped     *time.Time `json:"wiped,omitempty"` // the device confirmed it wiped itself
}

type deviceAuthRecord struct {
	CodeHash string        `json:"codeHash"`
	UserCode string        `json:"userCode"`
	Device   DeviceInfo    `json:"device"`
	Expires  time.Time     `json:"expires"`
	Interval time.Duration `json:"interval"`
	LastPoll time.Time     `json:"lastPoll"`
	Approved uuid.UUID     `json:"approved"` // the approving account, or zero
}

type subscriber struct {
	device uuid.UUID
	ch     chan Event
	done   chan struct{} // closed with ch, to end the goroutine watching the context
}

// OpenEmbedded opens the embedded service kept in opts.Storage. A missing state starts
// empty; corrupt state is set aside and reported with a CorruptStateError, and the
// service starts empty, so no device can use a session that might have been revoked.
func OpenEmbedded(opts EmbeddedOptions) (*Embedded, error) {
	if opts.Clock == nil {
		opts.Clock = SystemClock{}
	}
	if opts.Storage == nil {
		opts.Storage = &MemStorage{}
	}
	if opts.PasswordCost == 0 {
		opts.PasswordCost = PasswordCost
	}
	e := &Embedded{
		opts:    opts,
		subs:    make(map[uuid.UUID]map[*subscriber]bool),
		signIns: newLimiter(maxSignInFailures, failureWindow),
		guesses: newLimiter(maxCodeGuesses, failureWindow),
		watches: make(map[string]watchTicket),
	}
	var reported error
	data, err := opts.Storage.Load(serviceName)
	switch {
	case isNotExist(err):
	case err != nil:
		return nil, fmt.Errorf("session: read service state: %w", err)
	default:
		if err := json.Unmarshal(data, &e.st); err != nil {
			e.st = serviceState{}
			moved, aerr := opts.Storage.SetAside(serviceName)
			if aerr != nil {
				return nil, aerr
			}
			reported = &CorruptStateError{Name: "account service state", MovedTo: moved, Err: err}
		}
	}
	e.index()
	return e, reported
}

func (e *Embedded) index() {
	e.byToken = make(map[string]*sessionRecord, len(e.st.Sessions))
	for _, s := range e.st.Sessions {
		e.byToken[s.TokenHash] = s
	}
}

// save writes the whole state. Callers hold e.mu and change nothing they report
// before save succeeds.
func (e *Embedded) save() error {
	data, err := json.Marshal(&e.st)
	if err != nil {
		return fmt.Errorf("session: encode service state: %w", err)
	}
	return e.opts.Storage.Save(serviceName, data)
}

// snapshot returns a deep copy of the state, to roll back to if a save fails.
func (e *Embedded) snapshot() serviceState {
	data, _ := json.Marshal(&e.st)
	var s serviceState
	json.Unmarshal(data, &s)
	return s
}

// commit saves the state, or restores before and returns the error.
func (e *Embedded) commit(before serviceState) error {
	if err := e.save(); err != nil {
		e.st = before
		e.index()
		return err
	}
	return nil
}

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
	rec := &accountRecord{Account: a, PasswordHash: hash}
	for _, p := range profiles {
		if p.ID == uuid.Nil {
			p.ID = uuid.New()
		}
		if strings.TrimSpace(p.Name) == "" {
			return Account{}, fmt.Errorf("%w: a profile needs a name", ErrInvalid)
		}
		pr := &profileRecord{Profile: p}
		if pin := pins[p.Name]; pin != "" {
			if !validPIN(pin) {
				return Account{}, fmt.Errorf("%w: a PIN is 4 digits", ErrInvalid)
			}
			if pr.PINHash, err = hashPassword(pin, e.opts.PasswordCost); err != nil {
				return Account{}, err
			}
			pr.Locked = true
		}
		rec.Profiles = append(rec.Profiles, pr)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.accountByEmail(a.Email) != nil {
		return Account{}, fmt.Errorf("%w: an account with email %s exists", ErrInvalid, a.Email)
	}
	before := e.snapshot()
	e.st.Accounts = append(e.st.Accounts, rec)
	return a, e.commit(before)
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

func (e *Embedded) accountByEmail(email string) *accountRecord {
	for _, a := range e.st.Accounts {
		if a.Email == email {
			return a
		}
	}
	return nil
}

func (e *Embedded) account(id uuid.UUID) *accountRecord {
	for _, a := range e.st.Accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// session returns the live session of token, refusing unknown and revoked tokens.
// Presenting a revoked token counts as the device having heard it was signed out.
func (e *Embedded) session(token string) (*sessionRecord, error) {
	s := e.byToken[hashToken(token)]
	switch {
	case s == nil:
		return nil, ErrUnauthorized
	case s.Revoked != nil:
		return nil, ErrRevoked
	}
	s.LastSeen = e.opts.Clock.Now()
	return s, nil
}

func (e *Embedded) grant(token string, a *accountRecord) Grant {
	g := Grant{Token: token, Account: a.Account, Seq: e.st.Seq}
	for _, p := range a.Profiles {
		g.Profiles = append(g.Profiles, p.Profile)
	}
	return g
}

// newSession starts a session for device on account a and returns its token. A
// device signing in again replaces its earlier session on that account.
func (e *Embedded) newSession(a *accountRecord, device DeviceInfo) string {
	now := e.opts.Clock.Now()
	for _, s := range e.st.Sessions {
		if s.Device.ID == device.ID && s.Revoked == nil {
			s.Revoked, s.Wiped = &now, &now
		}
	}
	token := newToken()
	s := &sessionRecord{ID: uuid.New(), TokenHash: hashToken(token), AccountID: a.ID, Device: device, Created: now, LastSeen: now}
	e.pruneSessions(now)
	e.st.Sessions = append(e.st.Sessions, s)
	e.byToken[s.TokenHash] = s
	return token
}

// pruneSessions forgets sessions that ended long enough ago, so the state stops
// growing with every sign-in there has ever been.
func (e *Embedded) pruneSessions(now time.Time) {
	kept := e.st.Sessions[:0]
	for _, s := range e.st.Sessions {
		switch {
		case s.Wiped != nil && now.Sub(*s.Wiped) > keepWiped,
			s.Revoked != nil && now.Sub(*s.Revoked) > keepRevoked:
			delete(e.byToken, s.TokenHash)
		default:
			kept = append(kept, s)
		}
	}
	clear(e.st.Sessions[len(kept):])
	e.st.Sessions = kept
}

func validDevice(d DeviceInfo) error {
	if d.ID == uuid.Nil || strings.TrimSpace(d.Name) == "" || !d.Kind.Valid() {
		return fmt.Errorf("%w: a device needs an id, a name and a known kind", ErrInvalid)
	}
	return nil
}

// SignIn implements Service.
func (e *Embedded) SignIn(ctx context.Context, device DeviceInfo, email, password string) (Grant, error) {
	if err := validDevice(device); err != nil {
		return Grant{}, err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	e.mu.Lock()
	now := e.opts.Clock.Now()
	for _, key := range []string{"email:" + email, "device:" + device.ID.String()} {
		if err := e.signIns.check(key, now); err != nil {
			e.mu.Unlock()
			return Grant{}, err
		}
	}
	hash := ""
	if a := e.accountByEmail(email); a != nil {
		hash = a.PasswordHash
	}
	e.mu.Unlock()
	// The password check takes tens of milliseconds by design: it runs without
	// holding the service, so other devices are not kept waiting.
	ok := checkPassword(hash, password)
	e.mu.Lock()
	defer e.mu.Unlock()
	a := e.accountByEmail(email)
	if !ok || a == nil || a.PasswordHash != hash {
		e.signIns.fail("email:"+email, now)
		e.signIns.fail("device:"+device.ID.String(), now)
		return Grant{}, ErrWrongCredentials
	}
	e.signIns.reset("email:" + email)
	before := e.snapshot()
	token := e.newSession(a, device)
	if err := e.commit(before); err != nil {
		return Grant{}, err
	}
	return e.grant(token, a), nil
}

// StartDeviceAuth implements Service.
func (e *Embedded) StartDeviceAuth(ctx context.Context, device DeviceInfo) (DeviceAuth, error) {
	if err := validDevice(device); err != nil {
		return DeviceAuth{}, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.opts.Clock.Now()
	before := e.snapshot()
	e.pruneDeviceAuths(now)
	code := newToken()
	rec := &deviceAuthRecord{CodeHash: hashToken(code), UserCode: e.unusedUserCode(), Device: device,
		Expires: now.Add(DeviceAuthLifetime), Interval: DeviceAuthInterval}
	e.st.DeviceAuths = append(e.st.DeviceAuths, rec)
	if err := e.commit(before); err != nil {
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

// unusedUserCode returns a user code no pending sign-in has.
func (e *Embedded) unusedUserCode() string {
	for {
		c := newUserCode()
		if e.deviceAuthByUserCode(c) == nil {
			return c
		}
	}
}

func (e *Embedded) deviceAuthByUserCode(c string) *deviceAuthRecord {
	for _, d := range e.st.DeviceAuths {
		if d.UserCode == c {
			return d
		}
	}
	return nil
}

func (e *Embedded) pruneDeviceAuths(now time.Time) {
	kept := e.st.DeviceAuths[:0]
	for _, d := range e.st.DeviceAuths {
		if now.Before(d.Expires) {
			kept = append(kept, d)
		}
	}
	e.st.DeviceAuths = kept
}

// PollDeviceAuth implements Service.
func (e *Embedded) PollDeviceAuth(ctx context.Context, deviceCode string) (Grant, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.opts.Clock.Now()
	var rec *deviceAuthRecord
	idx := -1
	for i, d := range e.st.DeviceAuths {
		if d.CodeHash == hashToken(deviceCode) {
			rec, idx = d, i
		}
	}
	switch {
	case rec == nil || !now.Before(rec.Expires):
		return Grant{}, ErrExpiredToken
	case rec.Approved == uuid.Nil && !rec.LastPoll.IsZero() && now.Sub(rec.LastPoll) < rec.Interval:
		rec.Interval += slowDownStep
		rec.LastPoll = now
		return Grant{}, ErrSlowDown
	case rec.Approved == uuid.Nil:
		rec.LastPoll = now
		return Grant{}, ErrAuthorizationPending
	}
	a := e.account(rec.Approved)
	if a == nil {
		return Grant{}, ErrAccessDenied
	}
	before := e.snapshot()
	e.st.DeviceAuths = append(e.st.DeviceAuths[:idx], e.st.DeviceAuths[idx+1:]...) // a code signs in once
	token := e.newSession(a, rec.Device)
	if err := e.commit(before); err != nil {
		return Grant{}, err
	}
	return e.grant(token, a), nil
}

// ApproveDeviceAuth implements Service.
func (e *Embedded) ApproveDeviceAuth(ctx context.Context, token, userCode string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return err
	}
	now := e.opts.Clock.Now()
	key := "approver:" + s.AccountID.String()
	if err := e.guesses.check(key, now); err != nil {
		return err
	}
	code, err := NormalizeUserCode(userCode)
	if err != nil {
		e.guesses.fail(key, now)
		return err
	}
	rec := e.deviceAuthByUserCode(code)
	if rec == nil || !now.Before(rec.Expires) || rec.Approved != uuid.Nil {
		e.guesses.fail(key, now)
		return ErrInvalidUserCode
	}
	before := e.snapshot()
	rec.Approved = s.AccountID
	return e.commit(before)
}

// Check implements Service.
func (e *Embedded) Check(ctx context.Context, token string) (Grant, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return Grant{}, err
	}
	return e.grant(token, e.account(s.AccountID)), nil
}

// Devices implements Service.
func (e *Embedded) Devices(ctx context.Context, token string) ([]SignedInDevice, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return nil, err
	}
	var out []SignedInDevice
	for _, o := range e.st.Sessions {
		if o.AccountID == s.AccountID && o.Revoked == nil {
			out = append(out, SignedInDevice{DeviceInfo: o.Device, LastSeen: o.LastSeen, Online: e.online(s.AccountID, o.Device.ID)})
		}
	}
	return out, nil
}

func (e *Embedded) online(account, device uuid.UUID) bool {
	for sub := range e.subs[account] {
		if sub.device == device {
			return true
		}
	}
	return false
}

// SignOut implements Service.
func (e *Embedded) SignOut(ctx context.Context, token string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.byToken[hashToken(token)]
	if s == nil || s.Wiped != nil {
		return nil // unknown or done: nothing more to revoke
	}
	before := e.snapshot()
	now := e.opts.Clock.Now()
	var revoked *Event
	if s.Revoked == nil {
		s.Revoked = &now
		revoked = e.record(s.AccountID, EventSignedOut, s.Device.ID)
	}
	s.Wiped = &now
	wiped := e.record(s.AccountID, EventDeviceWiped, s.Device.ID)
	if err := e.commit(before); err != nil {
		return err
	}
	if revoked != nil {
		e.publish(*revoked)
	}
	e.publish(*wiped)
	return nil
}

// SignOutDevice implements Service.
func (e *Embedded) SignOutDevice(ctx context.Context, token string, device uuid.UUID) (DeviceSignOut, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return DeviceSignOut{}, err
	}
	out, err := e.revoke(s.AccountID, func(o *sessionRecord) bool { return o.Device.ID == device })
	if err != nil {
		return DeviceSignOut{}, err
	}
	if len(out) == 0 {
		return DeviceSignOut{}, fmt.Errorf("%w: no device %s is signed in to this account", ErrNotFound, device)
	}
	return out[0], nil
}

// SignOutAll implements Service.
func (e *Embedded) SignOutAll(ctx context.Context, token string, proof Proof) (SignOutAllResult, error) {
	s, err := e.checkProof(token, proof, func(s *sessionRecord) string { return "proof:" + s.AccountID.String() })
	defer e.mu.Unlock()
	if err != nil {
		return SignOutAllResult{}, err
	}
	now := e.opts.Clock.Now()
	after := e.st.Seq
	devices, err := e.revoke(s.AccountID, func(*sessionRecord) bool { return true })
	if err != nil {
		return SignOutAllResult{}, err
	}
	for t, w := range e.watches {
		if !now.Before(w.expires) {
			delete(e.watches, t)
		}
	}
	ticket := newToken()
	e.watches[hashToken(ticket)] = watchTicket{account: s.AccountID, after: after, expires: now.Add(WatchLifetime)}
	return SignOutAllResult{Devices: devices, Watch: ticket}, nil
}

// WatchSignOut implements Service.
func (e *Embedded) WatchSignOut(ctx context.Context, ticket string) (<-chan Event, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	w, ok := e.watches[hashToken(ticket)]
	if !ok || !e.opts.Clock.Now().Before(w.expires) {
		return nil, ErrUnauthorized
	}
	return e.subscribe(ctx, w.account, uuid.Nil, w.after), nil
}

// VerifyPIN implements Service. Wrong PINs count toward the same limit as wrong
// passwords, so a PIN cannot be guessed in a loop.
func (e *Embedded) VerifyPIN(ctx context.Context, token string, profile uuid.UUID, pin string) error {
	_, err := e.checkProof(token, Proof{ProfileID: profile, PIN: pin}, func(*sessionRecord) string { return "pin:" + profile.String() })
	e.mu.Unlock()
	return err
}

// proofHash returns the hash a proof must match, the secret to check against it and
// the error a mismatch is. The caller holds e.mu; the check itself, slow by design,
// runs after unlocking, through checkProof.
func proofHash(a *accountRecord, p Proof) (hash, secret string, wrong error) {
	if p.ProfileID == uuid.Nil {
		return a.PasswordHash, p.Password, ErrWrongCredentials
	}
	for _, pr := range a.Profiles {
		if pr.ID == p.ProfileID {
			return pr.PINHash, p.PIN, ErrWrongPIN
		}
	}
	return "", p.PIN, ErrWrongPIN
}

// checkProof checks proof of a's account for the session token holds, without
// holding the service during the slow hash check: it reads what to check under the
// lock, checks, and returns with the lock held again, with the account's session
// looked up afresh (it may have been revoked meanwhile).
func (e *Embedded) checkProof(token string, p Proof, limitKey func(*sessionRecord) string) (*sessionRecord, error) {
	e.mu.Lock()
	s, err := e.session(token)
	if err != nil {
		return nil, err
	}
	now := e.opts.Clock.Now()
	key := limitKey(s)
	if err := e.signIns.check(key, now); err != nil {
		return nil, err
	}
	hash, secret, wrong := proofHash(e.account(s.AccountID), p)
	e.mu.Unlock()
	ok := hash != "" && checkPassword(hash, secret)
	e.mu.Lock()
	if s, err = e.session(token); err != nil {
		return nil, err
	}
	if !ok {
		e.signIns.fail(key, now)
		return nil, wrong
	}
	e.signIns.reset(key)
	return s, nil
}

// revoke revokes, in one saved change and one event, every live session of account
// that match selects, and reports where each device stands.
func (e *Embedded) revoke(account uuid.UUID, match func(*sessionRecord) bool) ([]DeviceSignOut, error) {
	before := e.snapshot()
	now := e.opts.Clock.Now()
	var revoked []*sessionRecord
	var devices []uuid.UUID
	for _, o := range e.st.Sessions {
		if o.AccountID == account && o.Revoked == nil && match(o) {
			o.Revoked = &now
			revoked = append(revoked, o)
			devices = append(devices, o.Device.ID)
		}
	}
	if len(revoked) == 0 {
		return nil, nil
	}
	ev := e.record(account, EventSignedOut, devices...)
	if err := e.commit(before); err != nil {
		return nil, err
	}
	out := make([]DeviceSignOut, 0, len(revoked))
	for _, o := range revoked {
		st := SignOutOffline
		if e.online(account, o.Device.ID) {
			st = SignOutPending
		}
		out = append(out, DeviceSignOut{Device: o.Device, State: st, LastSeen: o.LastSeen})
	}
	e.publish(*ev)
	return out, nil
}

// record appends an event with the next sequence number. The caller commits.
func (e *Embedded) record(account uuid.UUID, kind EventKind, devices ...uuid.UUID) *Event {
	e.st.Seq++
	e.st.Events = append(e.st.Events, Event{Seq: e.st.Seq, AccountID: account, Kind: kind, Devices: devices, At: e.opts.Clock.Now()})
	if over := len(e.st.Events) - maxEvents; over > 0 {
		e.st.Events = append(e.st.Events[:0], e.st.Events[over:]...)
	}
	return &e.st.Events[len(e.st.Events)-1]
}

// publish sends ev to the account's subscribers. A subscriber that has fallen behind,
// or whose own device was just signed out, is closed: the former catches up by
// subscribing again, the latter has nothing more to hear.
func (e *Embedded) publish(ev Event) {
	for sub := range e.subs[ev.AccountID] {
		select {
		case sub.ch <- sub.view(ev):
			if ev.Kind == EventSignedOut && ev.Concerns(sub.device) {
				e.unsubscribe(ev.AccountID, sub)
			}
		default:
			e.unsubscribe(ev.AccountID, sub)
		}
	}
}

// view is what sub hears of ev. A device's stream names only that device, if the
// event concerns it: signing out a thousand devices sends each a few bytes, not the
// whole list a thousand times. A watcher hears every device.
func (sub *subscriber) view(ev Event) Event {
	if sub.device == uuid.Nil {
		return ev
	}
	if ev.Concerns(sub.device) {
		ev.Devices = []uuid.UUID{sub.device}
	} else {
		ev.Devices = nil
	}
	return ev
}

func (e *Embedded) unsubscribe(account uuid.UUID, sub *subscriber) {
	if e.subs[account][sub] {
		delete(e.subs[account], sub)
		close(sub.ch)
		close(sub.done)
	}
}

// Subscribe implements Service.
func (e *Embedded) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return nil, err
	}
	return e.subscribe(ctx, s.AccountID, s.Device.ID, after), nil
}

// subscribe streams account's events after sequence after to a new subscriber for
// device (zero for a watcher that is no device). The caller holds e.mu.
func (e *Embedded) subscribe(ctx context.Context, account, device uuid.UUID, after uint64) <-chan Event {
	var missed []Event
	for _, ev := range e.st.Events {
		if ev.Seq > after && ev.AccountID == account {
			missed = append(missed, ev)
		}
	}
	size := subscriberBuffer
	if device == uuid.Nil {
		size = watcherBuffer
	}
	sub := &subscriber{device: device, ch: make(chan Event, size+len(missed)), done: make(chan struct{})}
	for _, ev := range missed {
		sub.ch <- sub.view(ev)
	}
	if e.subs[account] == nil {
		e.subs[account] = make(map[*subscriber]bool)
	}
	e.subs[account][sub] = true
	go func() {
		select {
		case <-ctx.Done():
			e.mu.Lock()
			e.unsubscribe(account, sub)
			e.mu.Unlock()
		case <-sub.done:
		}
	}()
	return sub.ch
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
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return nil, err
	}
	before := e.snapshot()
	a := e.account(s.AccountID)
	var rec *profileRecord
	for _, pr := range a.Profiles {
		if pr.ID == p.ID && p.ID != uuid.Nil {
			rec = pr
		}
	}
	switch {
	case rec == nil && p.ID != uuid.Nil:
		return nil, fmt.Errorf("%w: no such profile", ErrNotFound)
	case rec == nil && len(a.Profiles) >= MaxProfiles:
		return nil, ErrTooManyProfiles
	case rec == nil:
		p.ID = uuid.New()
		rec = &profileRecord{}
		a.Profiles = append(a.Profiles, rec)
	}
	locked, hash := rec.Locked, rec.PINHash
	rec.Profile = p
	rec.Locked, rec.PINHash = locked, hash
	if change.PIN != nil {
		rec.PINHash, rec.Locked = pinHash, pinHash != ""
	}
	ev := e.record(a.ID, EventProfilesChanged)
	if err := e.commit(before); err != nil {
		return nil, err
	}
	e.publish(*ev)
	return e.grant("", a).Profiles, nil
}

// DeleteProfile implements Service.
func (e *Embedded) DeleteProfile(ctx context.Context, token string, profile uuid.UUID) ([]Profile, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, err := e.session(token)
	if err != nil {
		return nil, err
	}
	a := e.account(s.AccountID)
	i := slices.IndexFunc(a.Profiles, func(pr *profileRecord) bool { return pr.ID == profile })
	switch {
	case i < 0:
		return nil, fmt.Errorf("%w: no such profile", ErrNotFound)
	case len(a.Profiles) == 1:
		return nil, fmt.Errorf("%w: an account keeps at least one profile", ErrInvalid)
	}
	before := e.snapshot()
	a.Profiles = slices.Delete(a.Profiles, i, i+1)
	ev := e.record(a.ID, EventProfilesChanged)
	if err := e.commit(before); err != nil {
		return nil, err
	}
	e.publish(*ev)
	return e.grant("", a).Profiles, nil
}
