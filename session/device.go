package session

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"sync"
	"time"

	"github.com/google/uuid"
)

// deviceName is the storage name of a device's own state.
const deviceName = "device"

// Outbox retry timing: the first retry comes quickly (a blip), later ones back off so
// a device that is offline for days does not spin.
const (
	retryFirst = 2 * time.Second
	retryMax   = 5 * time.Minute
)

// Device is one install of the app: who is signed in on it, what it keeps, and the
// revocations it still has to deliver. All methods are safe to call from several
// goroutines.
type Device struct {
	svc   Service
	store Storage
	clock Clock

	mu       sync.Mutex
	release  func() // lets other processes at the state again (lock, unlock)
	st       deviceState
	saved    []byte // the state as this instance last read or wrote it
	revision uint64
	// dueNow makes every pending revocation due, and wake ends Listen's wait to
	// reconnect, once the network may be back (NetworkBack).
	dueNow bool
	wake   chan struct{}
	// unsaved says that st is ahead of what the storage holds: it refused to
	// save a change the device shows all the same (keep), such as a wipe, which
	// must not be undone by the next start, or profiles the service changed.
	// Flush saves st again from saveAgain on, until a save works.
	unsaved   bool
	saveAgain time.Time
	spells    uint64 // how many times unsaved was set, for Unsaved
	// refused says that the storage refused the last save the device asked of
	// it, kept or not; the next save that works clears it (StorageFull).
	refused bool
}

// deviceState is what a device persists. The token is a secret; it is kept only in the
// device's own storage.
type deviceState struct {
	Device DeviceInfo `json:"device"`
	// Secret proves the device's ID to the service (DeviceIdentity). It is made on
	// the first run, or on the first run after an update that brought it.
	Secret    string       `json:"secret,omitempty"`
	Token     string       `json:"token,omitempty"`
	Account   *Account     `json:"account,omitempty"`
	Profiles  []Profile    `json:"profiles,omitempty"`
	Downloads []Download   `json:"downloads,omitempty"`
	Outbox    []revocation `json:"outbox,omitempty"`
	LastSeq   uint64       `json:"lastSeq"`
	// SigningOutAll says that a sign-out of all devices was sent with the token and
	// no answer has come back yet. A device started again with it set starts
	// signed out (OpenDevice): the service may have signed every device out.
	SigningOutAll bool `json:"signingOutAll,omitempty"`
	// Done is the fingerprint of the last plan confirmed here, so confirming the same
	// plan again succeeds without doing anything.
	Done string `json:"done,omitempty"`
	// LastEmail is the email address last signed in with here, offered at the next
	// sign-in; it outlives a sign-out, which is when it is wanted. Never a password.
	LastEmail string `json:"lastEmail,omitempty"`
}

// revocation is a sign-out the service has not confirmed yet.
type revocation struct {
	Token     string    `json:"token"`
	AccountID uuid.UUID `json:"accountId"`
	Since     time.Time `json:"since"`
	Attempts  int       `json:"attempts"`
	NextTry   time.Time `json:"nextTry"`
}

// OpenDevice opens the device kept in store, talking to svc. A first start creates the
// device with info (a zero ID gets a new one); a later one keeps the device's ID and
// takes the name and kind in info, unless its name is empty. A corrupt state is set aside and
// reported with a CorruptStateError; the device then starts signed out, and the
// device id in info is kept.
func OpenDevice(store Storage, svc Service, clock Clock, info DeviceInfo) (*Device, error) {
	if clock == nil {
		clock = SystemClock{}
	}
	d := &Device{svc: svc, store: store, clock: clock, wake: make(chan struct{}, 1), revision: 1}
	defer holdShared(store, deviceName)() // two first starts at once make one device
	data, err := store.Load(deviceName)
	var reported error
	switch {
	case isNotExist(err):
	case err != nil:
		return nil, fmt.Errorf("session: read device state: %w", err)
	default:
		d.saved = data
		if err := d.st.decode(data); err != nil {
			d.st = deviceState{Outbox: salvageTokens(data, clock.Now())}
			// A copy that cannot be kept (a browser's storage full) must not keep
			// the app from starting: the salvaged state is saved over it below.
			moved, aerr := store.SetAside(deviceName)
			reported = &CorruptStateError{Name: "device state", MovedTo: moved, Err: err, CopyErr: aerr}
		}
	}
	changed := false
	if d.st.SigningOutAll && d.st.Token != "" {
		// Stopped while it waited for the answer to a sign-out of all devices:
		// the service may have done it, and nobody can ask it offline. Signing
		// this device out is what was asked of it either way, and always safe.
		d.st.Outbox = append(d.st.Outbox, revocation{Token: d.st.Token, AccountID: d.st.Account.ID, Since: clock.Now()})
		wipe(&d.st)
		changed = true
	}
	switch {
	case d.st.Device.ID == uuid.Nil:
		if info.ID == uuid.Nil {
			info.ID = uuid.New()
		}
		d.st.Device, changed = info, true
	case info.Name != "" && (info.Name != d.st.Device.Name || info.Kind != d.st.Device.Kind):
		// The host names the device as it is now, such as a browser by its
		// browser and system: the name follows, the ID stays, and the service
		// hears the new name at the next sign-in.
		d.st.Device.Name, d.st.Device.Kind, changed = info.Name, info.Kind, true
	}
	if d.st.Secret == "" {
		d.st.Secret, changed = newToken(), true
	}
	if changed {
		if err := d.save(d.st); err != nil {
			// The storage refuses (a full disk, a read-only card): the device
			// runs from memory, and Flush saves it once the storage takes it. A
			// TV that did not start at all helped nobody, and a wipe kept in
			// memory still ends the session at the service.
			d.unsaved, d.saveAgain, d.spells = true, clock.Now(), 1
			reported = errors.Join(reported, err)
		}
	}
	return d, reported
}

// decode reads saved state into st, refusing state of the wrong shape that still
// decodes: without the device's ID, or with a token but no account to name.
func (st *deviceState) decode(data []byte) error {
	switch err := json.Unmarshal(data, st); {
	case err != nil:
		return err
	case st.Device.ID == uuid.Nil:
		return errors.New("no device id")
	case st.Token != "" && st.Account == nil:
		return errors.New("a session without its account")
	}
	return nil
}

// tokenPattern finds tokens in state that no longer decodes.
var tokenPattern = regexp.MustCompile(`"token"\s*:\s*"([A-Za-z0-9_-]{43})"`)

// salvageTokens returns a revocation for every token still legible in corrupt state.
// The device starts signed out, so any session it had must end: revoking is always
// safe, and it keeps a sign-out that was waiting in the outbox from being lost.
func salvageTokens(data []byte, now time.Time) []revocation {
	var out []revocation
	seen := make(map[string]bool)
	for _, m := range tokenPattern.FindAllSubmatch(data, -1) {
		if t := string(m[1]); !seen[t] {
			seen[t] = true
			out = append(out, revocation{Token: t, Since: now})
		}
	}
	return out
}

// save writes st and, once it is safely stored, makes it the device's state. A
// save the storage refuses is a StorageError, so that every caller can tell a full
// disk from the service's answers and the app can say it in the viewer's words.
func (d *Device) save(st deviceState) error {
	data, err := json.Marshal(&st)
	if err != nil {
		return fmt.Errorf("session: encode device state: %w", err)
	}
	if err := d.store.Save(deviceName, data); err != nil {
		if !d.refused {
			d.refused = true
			d.revision++ // downloads in progress say they wait (StorageFull)
		}
		return &StorageError{Err: err}
	}
	d.st, d.saved, d.unsaved, d.refused = st, data, false, false
	d.revision++
	return nil
}

// keep makes st the device's state whether or not the storage takes it, for a
// change the device must show either way: one the service has made already (a
// profile saved, the account's profiles as they are now), or a wipe that must
// stand. A save the storage refuses (a full disk, a read-only card) leaves st in
// memory, unsaved (Unsaved), and Flush saves it again until the storage takes it.
// Only a state that cannot be encoded fails it.
func (d *Device) keep(st deviceState) error {
	err := d.save(st)
	if !errors.Is(err, ErrStorage) {
		return err
	}
	if !d.unsaved {
		d.spells++
	}
	d.st, d.unsaved, d.saveAgain = st, true, d.clock.Now().Add(retryFirst)
	d.revision++
	return nil
}

// Unsaved reports whether the device shows changes its storage refused to keep (a
// full disk, a read-only card, a browser's storage over its quota): profiles the
// account changed, a sign-out from elsewhere. They are kept in memory and saved as
// soon as the storage takes them; a device switched off before then starts
// without them. The app says so, in the viewer's words, once each time it comes
// to that: spell counts those times, so that a time is told apart from the last
// by whoever did not look in between.
func (d *Device) Unsaved() (unsaved bool, spell uint64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.unsaved, d.spells
}

// StorageFull reports whether the device's storage refused the last save asked of
// it, and none has worked since: it is full, or cannot be written to, which is the
// same to a viewer. Downloads in progress wait meanwhile, since what they fetch
// has nowhere to go (AdvanceDownloads), and go on once a save works again.
func (d *Device) StorageFull() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.refused
}

// lock takes the device's lock, first adopting what another instance of the app
// on the same storage saved since this one last read or wrote it: a second browser
// tab, or a second process on one state folder. So nothing is decided on a state
// that is no longer the device's: a tab still showing an account another tab
// signed out must not bring it back, nor drop that tab's sign-out from the outbox.
// Every change takes it, and so does Flush. It also keeps other processes on the
// same storage from changing the state until unlock (holdShared), so that two of
// them never save over each other's change. That hold comes first, before the
// mutex: what reads the device, such as the screens every tick, must not wait
// while another process or tab has the state (a browser grants its lock only once
// the page's event loop runs). A state the storage refused to save (unsaved) is
// not given up for another's: it holds a change the device shows, such as a wipe,
// which must stand.
func (d *Device) lock() {
	release := holdShared(d.store, deviceName)
	d.mu.Lock()
	d.release = release
	data, err := d.store.Load(deviceName)
	if err != nil || d.unsaved || bytes.Equal(data, d.saved) {
		return
	}
	var st deviceState
	if st.decode(data) != nil {
		return // unreadable: this instance's state is saved over it next
	}
	d.st, d.saved = st, data
	d.revision++
}

// unlock ends what lock began.
func (d *Device) unlock() {
	d.release()
	d.mu.Unlock()
}

// Reload takes up what another instance of the app on the same storage saved since
// this one last read or wrote it, as a browser tab does when another tab of the
// page has signed out: the screens hear of it through Revision.
func (d *Device) Reload() {
	d.lock()
	d.unlock()
}

// clone returns a copy of the state whose slices can be changed freely.
func (st deviceState) clone() deviceState {
	st.Profiles = append([]Profile(nil), st.Profiles...)
	st.Downloads = append([]Download(nil), st.Downloads...)
	st.Outbox = append([]revocation(nil), st.Outbox...)
	return st
}

// Info returns what the device says about itself.
func (d *Device) Info() DeviceInfo {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.st.Device
}

// Revision changes whenever the device's state changes, so a screen knows to look.
// It is never 0, so that one that has not looked yet knows to, whether or not the
// device changed since it was opened: the app started on a TV whose state needed
// no save at start (its session checked offline, or found as saved) took it for
// one that nobody is signed in to, and followed none of its account's events.
func (d *Device) Revision() uint64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.revision
}

// Account returns the signed-in account, or false when nobody is signed in.
func (d *Device) Account() (Account, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.st.Account == nil {
		return Account{}, false
	}
	return *d.st.Account, true
}

// Profiles returns the profiles of the signed-in account, as last seen.
func (d *Device) Profiles() []Profile {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Profile(nil), d.st.Profiles...)
}

// Downloads returns the titles downloaded or downloading on this device.
func (d *Device) Downloads() []Download {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]Download(nil), d.st.Downloads...)
}

// PendingRevocations returns how many sign-outs the service has not confirmed yet.
func (d *Device) PendingRevocations() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.st.Outbox)
}

// ErrAlreadySignedIn is returned when signing in on a device that already has an
// account signed in: sign out first, so that it is always clear whose device it is.
var ErrAlreadySignedIn = errors.New("session: an account is already signed in on this device; sign out first")

// SignIn signs in with email and password.
func (d *Device) SignIn(ctx context.Context, email, password string) error {
	g, err := withIdentity(d, func(id DeviceIdentity) (Grant, error) { return d.svc.SignIn(ctx, id, email, password) })
	if err != nil {
		return err
	}
	return d.adopt(g)
}

// StartCodeSignIn asks the service for a code to show on screen.
func (d *Device) StartCodeSignIn(ctx context.Context) (DeviceAuth, error) {
	return withIdentity(d, func(id DeviceIdentity) (DeviceAuth, error) { return d.svc.StartDeviceAuth(ctx, id) })
}

// withIdentity calls signIn with the device's identity. If the service has the
// device's ID on record with another secret (the state was restored from elsewhere,
// or someone took the ID first), the device takes a new ID and secret and tries once
// more: it is a new device to the service, and nothing of anyone else's is touched.
func withIdentity[T any](d *Device, signIn func(DeviceIdentity) (T, error)) (T, error) {
	id, err := d.readyToSignIn()
	if err != nil {
		var zero T
		return zero, err
	}
	v, err := signIn(id)
	if !errors.Is(err, ErrDeviceUnproven) {
		return v, err
	}
	if id, err = d.renewIdentity(); err != nil {
		var zero T
		return zero, err
	}
	return signIn(id)
}

// renewIdentity gives the device a new ID and secret, keeping its name and kind.
func (d *Device) renewIdentity() (DeviceIdentity, error) {
	d.lock()
	defer d.unlock()
	st := d.st.clone()
	st.Device.ID, st.Secret = uuid.New(), newToken()
	if err := d.save(st); err != nil {
		return DeviceIdentity{}, err
	}
	return DeviceIdentity{st.Device, st.Secret}, nil
}

// PollCodeSignIn asks whether the code was approved; it returns nil once the device is
// signed in, and the service's RFC 8628 errors until then.
func (d *Device) PollCodeSignIn(ctx context.Context, auth DeviceAuth) error {
	if _, err := d.readyToSignIn(); err != nil {
		return err
	}
	g, err := d.svc.PollDeviceAuth(ctx, auth.DeviceCode)
	if err != nil {
		return err
	}
	return d.adopt(g)
}

func (d *Device) readyToSignIn() (DeviceIdentity, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.st.Token != "" {
		return DeviceIdentity{}, ErrAlreadySignedIn
	}
	return DeviceIdentity{d.st.Device, d.st.Secret}, nil
}

// adopt stores a grant. If another sign-in won a race, the new session is revoked
// through the outbox rather than left behind.
func (d *Device) adopt(g Grant) error {
	d.lock()
	defer d.unlock()
	st := d.st.clone()
	if st.Token != "" {
		r := revocation{Token: g.Token, AccountID: g.Account.ID, Since: d.clock.Now()}
		st.Outbox = append(st.Outbox, r)
		if err := d.save(st); err != nil {
			d.st.Outbox = append(d.st.Outbox, r) // as below: sent from memory
			return err
		}
		return ErrAlreadySignedIn
	}
	acc := g.Account
	st.Token, st.Account, st.Profiles, st.Downloads, st.Done = g.Token, &acc, g.Profiles, nil, ""
	st.LastSeq = g.Seq
	if err := d.save(st); err != nil {
		// The service granted a session this device cannot keep (a full disk):
		// it must end there too, or the account lists a device that shows nobody
		// signed in, a session nobody can sign out from here. Its revocation waits
		// in the outbox in memory, the one place left, and Flush sends it.
		d.st.Outbox = append(d.st.Outbox, revocation{Token: g.Token, AccountID: g.Account.ID, Since: d.clock.Now()})
		d.revision++
		return err
	}
	return nil
}

// StartWait bounds the check a host makes of the session before its first frame
// (CheckAtStart). A TV on a network that swallows requests sent each sign-out
// waiting in its outbox, then the check itself, each with a request's whole timeout
// (15 s to tenfootd), and showed nothing meanwhile. Once the app runs it goes on by
// itself: the outbox is sent again, and the event stream says if the device was
// signed out while it was off.
const StartWait = 2 * time.Second

// CheckAtStart is Refresh given at most StartWait, for a host to call before its
// first frame.
func (d *Device) CheckAtStart(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, StartWait)
	defer cancel()
	return d.Refresh(ctx)
}

// Refresh checks the session with the service and updates the account and profiles.
// If the service says the device was signed out, the device wipes itself and Refresh
// returns ErrRevoked; if the service cannot be reached, nothing changes and the error
// is returned. It also delivers pending revocations.
func (d *Device) Refresh(ctx context.Context) error {
	d.Flush(ctx)
	var g Grant
	var token string
	err := d.withToken(ctx, func(t string) (err error) {
		token = t
		g, err = d.svc.Check(ctx, t)
		return err
	})
	switch {
	case errors.Is(err, ErrNotSignedIn):
		return nil
	case err != nil:
		return err
	}
	return d.update(token, func(st *deviceState) {
		acc := g.Account
		st.Account, st.Profiles = &acc, g.Profiles
		st.SigningOutAll = false // the service knows the session: it was not signed out
	})
}

// update changes the state of the session of token, unless the device was signed
// out meanwhile, and keeps it whether or not the storage takes it (keep): what it
// changes is the service's answer, which the device shows either way.
func (d *Device) update(token string, change func(*deviceState)) error {
	return d.updateWith(token, change, d.keep)
}

// updateSaved is update for a change that is no use unless it is saved: a storage
// that refuses it leaves the state as it was, and the StorageError is returned.
func (d *Device) updateSaved(token string, change func(*deviceState)) error {
	return d.updateWith(token, change, d.save)
}

func (d *Device) updateWith(token string, change func(*deviceState), commit func(deviceState) error) error {
	d.lock()
	defer d.unlock()
	if d.st.Token != token {
		return nil
	}
	st := d.st.clone()
	change(&st)
	if reflect.DeepEqual(st, d.st) {
		return nil // as the device has it: nothing to keep, or to say was not kept
	}
	return commit(st)
}

// wipeRevoked wipes the device after the service revoked token, and confirms to the
// service that it did.
func (d *Device) wipeRevoked(ctx context.Context, token string) {
	d.lock()
	if d.st.Token == token {
		st := d.st.clone()
		st.Outbox = append(st.Outbox, revocation{Token: token, AccountID: st.Account.ID, Since: d.clock.Now()})
		wipe(&st)
		// On storage that refuses it (a full disk), the session is forgotten in
		// memory, so it is not used again while the app runs, and the wipe is
		// saved again until it is kept (Flush). Forgotten in memory alone, it
		// came back at the next start, account and all, and the word to the
		// service was lost.
		d.keep(st)
	}
	d.unlock()
	// The word that the device wiped itself must not die with whoever noticed the
	// revocation: a screen stops listening the moment it sees the device signed
	// out, cancelling ctx. Nor may it hold up whoever waits, such as the list of a
	// sign-out of all devices, longer than Confirm does: on a network gone quiet
	// the outbox tries again.
	confirm, cancel := context.WithTimeout(context.WithoutCancel(ctx), confirmWait)
	defer cancel()
	d.Flush(confirm)
}

// LastEmail returns the email address remembered with RememberEmail, or "".
func (d *Device) LastEmail() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.st.LastEmail
}

// RememberEmail keeps email as the address last signed in with on this device, to
// offer it at the next sign-in; "" forgets it, as a shared TV must after each guest.
// Signing out keeps it: the app decides where remembering is welcome.
func (d *Device) RememberEmail(email string) error {
	d.lock()
	defer d.unlock()
	if d.st.LastEmail == email {
		return nil
	}
	st := d.st.clone()
	st.LastEmail = email
	return d.save(st)
}

// wipe removes everything of the signed-in account from st.
func wipe(st *deviceState) {
	st.Token, st.Account, st.Profiles, st.Downloads = "", nil, nil, nil
	st.SigningOutAll = false
}

// Flush sends pending revocations whose time has come to the service, and reports how
// many remain. A revocation leaves the outbox only once the service has it.
func (d *Device) Flush(ctx context.Context) int {
	d.lock()
	now := d.clock.Now()
	var due []revocation
	for _, r := range d.st.Outbox {
		if d.dueNow || !now.Before(r.retryAt(now)) {
			due = append(due, r)
		}
	}
	d.dueNow = false
	d.unlock()

	delivered := make(map[string]bool)
	failed := make(map[string]bool)
	for _, r := range due {
		if err := d.svc.SignOut(ctx, r.Token); err != nil {
			failed[r.Token] = true
			continue
		}
		delivered[r.Token] = true
	}

	d.lock()
	defer d.unlock()
	st := d.st.clone()
	kept := st.Outbox[:0]
	for _, r := range st.Outbox {
		switch {
		case delivered[r.Token]:
			continue
		case failed[r.Token]:
			r.Attempts++
			r.NextTry = now.Add(backoff(r.Attempts))
		}
		kept = append(kept, r)
	}
	st.Outbox = kept
	if len(delivered) > 0 || len(failed) > 0 || d.unsaved && !now.Before(d.saveAgain) {
		// On storage that refuses it, what was delivered stays on disk, to be
		// sent again at the next start (SignOut is idempotent), but not again
		// and again while the app runs, nor the failed ones before their time;
		// the state is saved again later.
		d.keep(st)
	}
	return len(d.st.Outbox)
}

// NextRetry returns when the next pending revocation is due, or a wipe the storage
// refused is to be saved again (Flush does both), or false if neither is pending.
func (d *Device) NextRetry() (time.Time, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := d.clock.Now()
	var next time.Time
	for i, r := range d.st.Outbox {
		if at := r.retryAt(now); i == 0 || at.Before(next) {
			next = at
		}
	}
	if d.unsaved && (len(d.st.Outbox) == 0 || d.saveAgain.Before(next)) {
		next = d.saveAgain // a wipe to save again
	}
	if d.dueNow {
		next = now
	}
	return next, len(d.st.Outbox) > 0 || d.unsaved
}

// NetworkBack says that the network may be back, as a browser's online event or
// the app shown again do: the event stream, if it waits to reconnect, tries at once,
// and the sign-outs in the outbox are due now, not after the wait that grew while
// the network was down (up to retryMax).
func (d *Device) NetworkBack() {
	d.mu.Lock()
	d.dueNow = true
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// retryAt returns when r is due. A time further ahead than the longest wait was set
// by a clock that was wrong and has since been put right: r is due now, not in the
// months the clock was ahead.
func (r revocation) retryAt(now time.Time) time.Time {
	if r.NextTry.Sub(now) > retryMax {
		return now
	}
	return r.NextTry
}

// backoff returns the wait after the given number of failed attempts.
func backoff(attempts int) time.Duration {
	d := retryFirst
	for i := 1; i < attempts && d < retryMax; i++ {
		d *= 2
	}
	return min(d, retryMax)
}

// SignOutPlan is what signing this device out will do, in words a screen can show.
// Confirm it with Device.Confirm.
type SignOutPlan struct {
	AccountID   uuid.UUID
	AccountName string
	MaskedEmail string
	Profiles    []string // the profiles on this screen
	InProgress  []string // downloads that will be cancelled
	Downloaded  []string // downloaded titles that will be deleted
	session     string   // hash of the session's token: which sign-in this plan is for
	downloads   string   // fingerprint of the downloads the plan lists
}

// id identifies the plan, to recognise it when confirmed twice.
func (p SignOutPlan) id() string { return p.session + "/" + p.downloads }

// Title asks the question a sign-out dialog asks: "Sign out of Ana (a•••@example.com)?"
func (p SignOutPlan) Title() string {
	return fmt.Sprintf("Sign out of %s (%s)?", p.AccountName, p.MaskedEmail)
}

// Warning says in plain words what will be lost, or "" if nothing will.
func (p SignOutPlan) Warning() string {
	var s string
	switch n := len(p.InProgress); n {
	case 0:
	case 1:
		s = "1 download in progress will be cancelled."
	default:
		s = fmt.Sprintf("%d downloads in progress will be cancelled.", n)
	}
	var t string
	switch n := len(p.Downloaded); n {
	case 0:
	case 1:
		t = "1 downloaded title will be deleted."
	default:
		t = fmt.Sprintf("%d downloaded titles will be deleted.", n)
	}
	if s != "" && t != "" {
		return s + " " + t
	}
	return s + t
}

// Plan describes signing this device out, for the person to confirm.
func (d *Device) Plan() (SignOutPlan, error) {
	d.lock()
	defer d.unlock()
	if d.st.Account == nil {
		return SignOutPlan{}, ErrNotSignedIn
	}
	a := d.st.Account
	p := SignOutPlan{AccountID: a.ID, AccountName: a.DisplayName, MaskedEmail: MaskEmail(a.Email),
		session: hashToken(d.st.Token), downloads: downloadsFingerprint(d.st.Downloads)}
	for _, pr := range d.st.Profiles {
		p.Profiles = append(p.Profiles, pr.Name)
	}
	for _, dl := range d.st.Downloads {
		if dl.Complete() {
			p.Downloaded = append(p.Downloaded, dl.Title)
		} else {
			p.InProgress = append(p.InProgress, dl.Title)
		}
	}
	return p, nil
}

// downloadsFingerprint identifies a set of downloads with whether each is complete.
// Progress alone does not change it; a download starting, finishing or going does.
func downloadsFingerprint(downloads []Download) string {
	ids := make([]string, 0, len(downloads))
	for _, dl := range downloads {
		ids = append(ids, fmt.Sprintf("%s:%t", dl.ID, dl.Complete()))
	}
	sort.Strings(ids)
	h := sha256.New()
	for _, id := range ids {
		fmt.Fprintf(h, "%s\x00", id)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// confirmWait is how long Confirm waits for the service to take the revocation
// before it returns with the revocation waiting in the outbox. The device is wiped
// before it asks, so a network that swallows requests (a pulled cable, a Wi-Fi gone
// quiet) must not keep a sign-out dialog saying "Signing out…", with Back and Home
// waiting on it, for the whole of a request's timeout (15 s to tenfootd).
const confirmWait = 2 * time.Second

// SignOutResult says how far a confirmed sign-out got.
type SignOutResult struct {
	// Confirmed is true when the service has the revocation; otherwise it waits in
	// the outbox and is retried (the device is wiped either way).
	Confirmed bool
	// AlreadyDone is true when the plan had been confirmed before.
	AlreadyDone bool
}

// Confirm signs this device out as plan describes, if the device still matches it:
// otherwise it returns a StalePlanError and changes nothing. The device is wiped at
// once, with the revocation put in the outbox in the same atomic write (kept in
// memory, and saved later, where the storage refuses it); then the outbox is sent,
// waiting for the service at most confirmWait. Confirming the same plan again
// succeeds and does nothing.
func (d *Device) Confirm(ctx context.Context, plan SignOutPlan) (SignOutResult, error) {
	d.lock()
	if d.st.Done != "" && plan.id() == d.st.Done {
		pending := len(d.st.Outbox)
		d.unlock()
		return SignOutResult{AlreadyDone: true, Confirmed: pending == 0}, nil
	}
	var stale string
	switch {
	case d.st.Account == nil:
		stale = "nobody is signed in any more"
	case d.st.Account.ID != plan.AccountID || hashToken(d.st.Token) != plan.session:
		stale = "account changed since it was shown"
	case downloadsFingerprint(d.st.Downloads) != plan.downloads:
		stale = "downloads changed since it was shown"
	}
	if stale != "" {
		d.unlock()
		return SignOutResult{}, &StalePlanError{Reason: stale}
	}
	st := d.st.clone()
	st.Outbox = append(st.Outbox, revocation{Token: st.Token, AccountID: st.Account.ID, Since: d.clock.Now()})
	wipe(&st)
	st.Done = plan.id()
	// Storage that refuses it (a full disk, a hotel TV's read-only card) keeps the
	// sign-out in memory and saves it once it takes it (keep), as a sign-out from
	// elsewhere: the session is ended at the service below all the same. Refused,
	// it left the guest signed in until there was room, for good on a card that
	// never takes a write again. A TV switched off before the save starts with its
	// old state, and learns at its first check that the session has ended.
	err := d.keep(st)
	d.unlock()
	if err != nil {
		return SignOutResult{}, fmt.Errorf("session: sign out: %w (still signed in)", err)
	}
	// The device is signed out now; the service is told as well as it can be in
	// confirmWait, and the outbox tries again after that.
	tell, cancel := context.WithTimeout(ctx, confirmWait)
	defer cancel()
	return SignOutResult{Confirmed: d.Flush(tell) == 0}, nil
}
