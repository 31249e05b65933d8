package session

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"
)

// maxJSONEvents is how many events a JSONStore keeps, so that a device's or a
// browser's state stays small; a device away longer learns its fate from its next
// request instead.
const maxJSONEvents = 10000

// JSONStore keeps the service's records in memory and writes them whole, as one JSON
// document, to a Storage after every update: an atomic write is the transaction. It
// suits the handful of accounts a device or a browser holds.
//
// A document may be open more than once: in two tabs of a browser, each running the
// demo's service on one localStorage. Every transaction therefore starts from what
// the storage holds, taking up another opener's saves as replicas read one database,
// so that one tab's sign-out is never written over by the other's next change.
// Openers in one process take turns; two tabs cannot, and a change of each made in
// the same instant may still lose one.
type JSONStore struct {
	storage Storage
	name    string

	mu      *sync.Mutex // the document's, shared by its openers in this process
	doc     jsonDoc
	saved   []byte                    // the document as last read or saved, to roll back to
	stamp   any                       // the storage's stamp of saved, if it gives them
	byToken map[string]*SessionRecord // token hash -> session
	// watches are kept in memory only: a ticket is followed by the page or
	// process that asked for it, and a restart forgetting them costs nothing
	// that matters.
	watches map[string]WatchRecord
	// replicas and listeners are the marks of who listens (Tx.MarkListening),
	// in memory for the same reason: replica -> last heartbeat, and session ->
	// the replicas holding its streams.
	replicas  map[uuid.UUID]time.Time
	listeners map[uuid.UUID]map[uuid.UUID]bool
}

// jsonDoc is the document a JSONStore writes.
type jsonDoc struct {
	// Seq was one sequence for all accounts in documents written before each
	// account had its own; it is read, never written.
	Seq         uint64              `json:"seq,omitempty"`
	Accounts    []*jsonAccount      `json:"accounts"`
	Sessions    []*SessionRecord    `json:"sessions"`
	Events      []Event             `json:"events"`
	DeviceAuths []*DeviceAuthRecord `json:"deviceAuths"`
	Devices     []*DeviceRecord     `json:"devices,omitempty"`
	Secrets     map[string][]byte   `json:"secrets,omitempty"`
	// Failures are the wrong passwords and PINs by limiter key, kept with the
	// rest so that neither a restart nor a second tab starts the count again.
	Failures map[string][]time.Time `json:"failures,omitempty"`
}

type jsonAccount struct {
	AccountRecord
	Profiles []*ProfileRecord `json:"profiles"`
}

// check refuses a document of the wrong shape that still decodes, such as a null
// in a list of records, which every read would otherwise trip over.
func (doc *jsonDoc) check() error {
	for _, a := range doc.Accounts {
		if a == nil || slices.Contains(a.Profiles, nil) {
			return errors.New("an account or profile is null")
		}
	}
	if slices.Contains(doc.Sessions, nil) || slices.Contains(doc.DeviceAuths, nil) || slices.Contains(doc.Devices, nil) {
		return errors.New("a session, code or device is null")
	}
	return nil
}

// OpenJSONStore opens the document called name in storage. A missing document starts
// empty. A corrupt one is set aside and reported with a CorruptStateError beside a
// store that starts empty, so no session it might have revoked can come back.
func OpenJSONStore(storage Storage, name string) (*JSONStore, error) {
	s := &JSONStore{storage: storage, name: name, mu: documentLock(storage, name), watches: make(map[string]WatchRecord),
		replicas: make(map[uuid.UUID]time.Time), listeners: make(map[uuid.UUID]map[uuid.UUID]bool)}
	s.mu.Lock()
	defer s.mu.Unlock()
	data, err := storage.Load(name)
	switch {
	case isNotExist(err):
		data = nil
	case err != nil:
		return nil, fmt.Errorf("session: read %s: %w", name, err)
	}
	var reported error
	if data != nil {
		if err := s.load(data); err != nil {
			moved, aerr := storage.SetAside(name)
			reported = &CorruptStateError{Name: "account service state", MovedTo: moved, Err: err, CopyErr: aerr}
			data = nil
		}
	}
	if data == nil {
		s.load([]byte("{}"))
	}
	return s, reported
}

// load replaces the records with those in data.
func (s *JSONStore) load(data []byte) error {
	var doc jsonDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return err
	}
	if err := doc.check(); err != nil {
		return err
	}
	if doc.Seq > 0 {
		// An account's sequence must never go back: start each from the old
		// shared one, which is at least as high as any it handed out.
		for _, a := range doc.Accounts {
			a.Seq = max(a.Seq, doc.Seq)
		}
		doc.Seq = 0
	}
	if doc.Failures == nil {
		doc.Failures = make(map[string][]time.Time)
	}
	s.doc, s.saved = doc, data
	s.byToken = make(map[string]*SessionRecord, len(doc.Sessions))
	for _, r := range doc.Sessions {
		s.byToken[r.TokenHash] = r
	}
	return nil
}

// documents holds a lock for each document kept in a folder or in localStorage that
// is open in this process, so that its openers take turns: documentKey ->
// *sync.Mutex. Neither key holds on to memory.
var documents sync.Map

type documentKey struct {
	place any // the folder of a DirStorage, or a Storage that is a plain value
	name  string
}

// documentLock returns the lock of the document called name in storage.
func documentLock(storage Storage, name string) *sync.Mutex {
	var place any = storage
	switch s := storage.(type) {
	case *DirStorage:
		place = filepath.Clean(s.Dir)
	case *MemStorage:
		return s.lock(name)
	default:
		if t := reflect.TypeOf(storage); t.Kind() == reflect.Pointer || !t.Comparable() {
			return new(sync.Mutex) // no telling it from another without holding on to it
		}
	}
	lock, _ := documents.LoadOrStore(documentKey{place, name}, new(sync.Mutex))
	return lock.(*sync.Mutex)
}

// adopt takes up the document as storage holds it, if another opener saved it since
// this one last read or saved it. What cannot be read is left to be saved over
// (load changes nothing then): an opener's saves are whole, so no opener wrote it,
// and the records held here are the better start.
//
// A storage that gives stamps is read only when the stamp changed. The stamp is
// taken before the read, so a save between the two is read the next time.
func (s *JSONStore) adopt() {
	var stamp any
	if st, ok := s.storage.(stamper); ok {
		if stamp = st.stamp(s.name); stamp != nil && stamp == s.stamp {
			return
		}
	}
	data, err := s.storage.Load(s.name)
	if err != nil {
		return
	}
	if !bytes.Equal(data, s.saved) {
		s.load(data)
	}
	s.stamp = stamp
}

// View implements Store.
func (s *JSONStore) View(ctx context.Context, fn func(Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.adopt()
	return fn(jsonTx{s})
}

// Update implements Store. A save its storage refuses (the embedded service keeps
// its records beside the device's state, on the same full disk or read-only card)
// is a StorageError, rolled back, so that the app says it in the viewer's words:
// nothing changed.
func (s *JSONStore) Update(ctx context.Context, fn func(Tx) error) error {
	// Other processes' openers, and other tabs', take turns too: held before the
	// mutex, so that View never waits on another process or tab.
	defer holdShared(s.storage, s.name)()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.adopt()
	err := fn(jsonTx{s})
	if err == nil {
		var data []byte
		if data, err = json.Marshal(&s.doc); err == nil {
			if err = s.storage.Save(s.name, data); err == nil {
				s.saved, s.stamp = data, nil // another may save before a stamp is taken
				return nil
			}
			err = &StorageError{Err: err}
		}
	}
	if lerr := s.load(s.saved); lerr != nil {
		panic("session: cannot read back a document it wrote: " + lerr.Error())
	}
	return err
}

// Close implements Store.
func (s *JSONStore) Close() error { return nil }

// jsonTx is a transaction on a JSONStore, whose lock the caller holds. It hands out
// copies, so nothing outside a transaction can change a record.
type jsonTx struct{ s *JSONStore }

func (t jsonTx) account(id uuid.UUID) (*jsonAccount, error) {
	for _, a := range t.s.doc.Accounts {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, ErrNotFound
}

func (t jsonTx) Account(id uuid.UUID) (AccountRecord, error) {
	a, err := t.account(id)
	if err != nil {
		return AccountRecord{}, err
	}
	return a.AccountRecord, nil
}

func (t jsonTx) AccountByEmail(email string) (AccountRecord, error) {
	for _, a := range t.s.doc.Accounts {
		if a.Email == email {
			return a.AccountRecord, nil
		}
	}
	return AccountRecord{}, ErrNotFound
}

func (t jsonTx) AddAccount(a AccountRecord, profiles []ProfileRecord) error {
	if _, err := t.AccountByEmail(a.Email); err == nil {
		return fmt.Errorf("%w: an account with email %s exists", ErrInvalid, a.Email)
	}
	rec := &jsonAccount{AccountRecord: a}
	for _, p := range profiles {
		rec.Profiles = append(rec.Profiles, &p)
	}
	t.s.doc.Accounts = append(t.s.doc.Accounts, rec)
	return nil
}

func (t jsonTx) Profiles(account uuid.UUID) ([]ProfileRecord, error) {
	a, err := t.account(account)
	if err != nil {
		return nil, err
	}
	out := make([]ProfileRecord, len(a.Profiles))
	for i, p := range a.Profiles {
		out[i] = *p
	}
	return out, nil
}

func (t jsonTx) PutProfile(account uuid.UUID, p ProfileRecord) error {
	a, err := t.account(account)
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(a.Profiles, func(o *ProfileRecord) bool { return o.ID == p.ID }); i >= 0 {
		*a.Profiles[i] = p
	} else {
		a.Profiles = append(a.Profiles, &p)
	}
	return nil
}

func (t jsonTx) DeleteProfile(account, profile uuid.UUID) error {
	a, err := t.account(account)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(a.Profiles, func(o *ProfileRecord) bool { return o.ID == profile })
	if i < 0 {
		return ErrNotFound
	}
	a.Profiles = slices.Delete(a.Profiles, i, i+1)
	return nil
}

func (t jsonTx) Session(tokenHash string) (SessionRecord, error) {
	if r := t.s.byToken[tokenHash]; r != nil {
		return t.record(r), nil
	}
	return SessionRecord{}, ErrNotFound
}

func (t jsonTx) LiveSessions(account uuid.UUID) ([]SessionRecord, error) {
	var out []SessionRecord
	for _, r := range t.s.doc.Sessions {
		if r.AccountID == account && r.Revoked == nil {
			out = append(out, t.record(r))
		}
	}
	return out, nil
}

func (t jsonTx) AddSession(r SessionRecord) error {
	r.ListeningAt = time.Time{}
	t.s.doc.Sessions = append(t.s.doc.Sessions, &r)
	t.s.byToken[r.TokenHash] = &r
	return nil
}

func (t jsonTx) session(id uuid.UUID) (*SessionRecord, error) {
	for _, r := range t.s.doc.Sessions {
		if r.ID == id {
			return r, nil
		}
	}
	return nil, ErrNotFound
}

func (t jsonTx) TouchSession(id uuid.UUID, at time.Time) error {
	r, err := t.session(id)
	if err == nil {
		r.LastSeen = at
	}
	return err
}

func (t jsonTx) WipeSession(id uuid.UUID, at time.Time) error {
	r, err := t.session(id)
	if err != nil {
		return err
	}
	if r.Revoked == nil {
		r.Revoked = &at
	}
	r.Wiped = &at
	return nil
}

func (t jsonTx) RevokeSessions(account, device uuid.UUID, at time.Time) ([]SessionRecord, error) {
	if device == uuid.Nil {
		return nil, fmt.Errorf("%w: no device named", ErrInvalid)
	}
	return t.revoke(func(r *SessionRecord) bool { return r.AccountID == account && r.Device.ID == device }, at, false), nil
}

func (t jsonTx) RevokeAllSessions(account uuid.UUID, at time.Time) ([]SessionRecord, error) {
	return t.revoke(func(r *SessionRecord) bool { return r.AccountID == account }, at, false), nil
}

func (t jsonTx) EndDeviceSessions(device uuid.UUID, at time.Time) ([]SessionRecord, error) {
	return t.revoke(func(r *SessionRecord) bool { return r.Device.ID == device }, at, true), nil
}

// revoke revokes the live sessions that match, wiping them too if wipe is set, and
// returns them.
func (t jsonTx) revoke(match func(*SessionRecord) bool, at time.Time, wipe bool) []SessionRecord {
	var out []SessionRecord
	for _, r := range t.s.doc.Sessions {
		if r.Revoked == nil && match(r) {
			r.Revoked = &at
			if wipe {
				r.Wiped = &at
			}
			out = append(out, t.record(r))
		}
	}
	return out
}

func (t jsonTx) PruneSessions(wiped, revoked, lastSeen time.Time) error {
	t.s.doc.Sessions = slices.DeleteFunc(t.s.doc.Sessions, func(r *SessionRecord) bool {
		gone := r.Wiped != nil && r.Wiped.Before(wiped) || r.Revoked != nil && r.Revoked.Before(revoked) || r.LastSeen.Before(lastSeen)
		if gone {
			delete(t.s.byToken, r.TokenHash)
			delete(t.s.listeners, r.ID)
		}
		return gone
	})
	return nil
}

func (t jsonTx) SignedInBefore(account, device uuid.UUID) (bool, error) {
	return slices.ContainsFunc(t.s.doc.Sessions, func(r *SessionRecord) bool {
		return r.AccountID == account && r.Device.ID == device
	}), nil
}

func (t jsonTx) SignedInNow(account, device uuid.UUID) (bool, error) {
	return slices.ContainsFunc(t.s.doc.Sessions, func(r *SessionRecord) bool {
		return r.AccountID == account && r.Device.ID == device && r.Revoked == nil
	}), nil
}

func (t jsonTx) DeviceSignedIn(device uuid.UUID) (bool, error) {
	return slices.ContainsFunc(t.s.doc.Sessions, func(r *SessionRecord) bool { return r.Device.ID == device }), nil
}

func (t jsonTx) Device(id uuid.UUID) (DeviceRecord, error) {
	for _, d := range t.s.doc.Devices {
		if d.ID == id {
			return *d, nil
		}
	}
	return DeviceRecord{}, ErrNotFound
}

func (t jsonTx) AddDevice(d DeviceRecord) error {
	if _, err := t.Device(d.ID); err == nil {
		return fmt.Errorf("%w: device %s is known", ErrInvalid, d.ID)
	}
	t.s.doc.Devices = append(t.s.doc.Devices, &d)
	return nil
}

func (t jsonTx) PruneDevices(before time.Time) error {
	t.s.doc.Devices = slices.DeleteFunc(t.s.doc.Devices, func(d *DeviceRecord) bool {
		return d.Created.Before(before) && !slices.ContainsFunc(t.s.doc.Sessions, func(r *SessionRecord) bool { return r.Device.ID == d.ID })
	})
	return nil
}

func (t jsonTx) ReplicaAlive(replica uuid.UUID, at time.Time) (bool, error) {
	_, known := t.s.replicas[replica]
	t.s.replicas[replica] = at
	return known, nil
}

func (t jsonTx) MarkListening(replica uuid.UUID, sessions []uuid.UUID, listening bool) error {
	if _, ok := t.s.replicas[replica]; !ok {
		return fmt.Errorf("%w: replica %s is not alive", ErrNotFound, replica)
	}
	for _, id := range sessions {
		switch held := t.s.listeners[id]; {
		case listening && held == nil:
			if _, err := t.session(id); err == nil {
				t.s.listeners[id] = map[uuid.UUID]bool{replica: true}
			}
		case listening:
			held[replica] = true
		case held != nil:
			delete(held, replica)
			if len(held) == 0 {
				delete(t.s.listeners, id)
			}
		}
	}
	return nil
}

func (t jsonTx) PruneReplicas(before time.Time) error {
	for replica, at := range t.s.replicas {
		if at.Before(before) {
			delete(t.s.replicas, replica)
			for id, held := range t.s.listeners {
				if delete(held, replica); len(held) == 0 {
					delete(t.s.listeners, id)
				}
			}
		}
	}
	return nil
}

// record returns a copy of r with its ListeningAt worked out from the marks.
func (t jsonTx) record(r *SessionRecord) SessionRecord {
	out := *r
	out.ListeningAt = time.Time{}
	for replica := range t.s.listeners[r.ID] {
		if at := t.s.replicas[replica]; at.After(out.ListeningAt) {
			out.ListeningAt = at
		}
	}
	return out
}

func (t jsonTx) AppendEvent(ev Event) (Event, error) {
	a, err := t.account(ev.AccountID)
	if err != nil {
		return Event{}, err
	}
	a.Seq++
	ev.Seq = a.Seq
	t.s.doc.Events = append(t.s.doc.Events, ev)
	if over := len(t.s.doc.Events) - maxJSONEvents; over > 0 {
		t.s.doc.Events = slices.Delete(t.s.doc.Events, 0, over)
	}
	return ev, nil
}

func (t jsonTx) Events(account uuid.UUID, after uint64) ([]Event, error) {
	var out []Event
	for _, ev := range t.s.doc.Events {
		if ev.AccountID == account && ev.Seq > after {
			out = append(out, ev)
		}
	}
	return out, nil
}

func (t jsonTx) PruneEvents(before time.Time) error {
	t.s.doc.Events = slices.DeleteFunc(t.s.doc.Events, func(ev Event) bool { return ev.At.Before(before) })
	return nil
}

func (t jsonTx) AddDeviceAuth(d DeviceAuthRecord) error {
	t.s.doc.DeviceAuths = append(t.s.doc.DeviceAuths, &d)
	return nil
}

func (t jsonTx) deviceAuth(match func(*DeviceAuthRecord) bool) (*DeviceAuthRecord, error) {
	if i := slices.IndexFunc(t.s.doc.DeviceAuths, match); i >= 0 {
		return t.s.doc.DeviceAuths[i], nil
	}
	return nil, ErrNotFound
}

func (t jsonTx) DeviceAuth(codeHash string) (DeviceAuthRecord, error) {
	d, err := t.deviceAuth(func(d *DeviceAuthRecord) bool { return d.CodeHash == codeHash })
	if err != nil {
		return DeviceAuthRecord{}, err
	}
	return *d, nil
}

func (t jsonTx) DeviceAuthByUserCode(userCode string) (DeviceAuthRecord, error) {
	d, err := t.deviceAuth(func(d *DeviceAuthRecord) bool { return d.UserCode == userCode })
	if err != nil {
		return DeviceAuthRecord{}, err
	}
	return *d, nil
}

func (t jsonTx) PutDeviceAuth(n DeviceAuthRecord) error {
	d, err := t.deviceAuth(func(d *DeviceAuthRecord) bool { return d.CodeHash == n.CodeHash })
	if err == nil {
		*d = n
	}
	return err
}

func (t jsonTx) DeleteDeviceAuth(codeHash string) error {
	t.s.doc.DeviceAuths = slices.DeleteFunc(t.s.doc.DeviceAuths, func(d *DeviceAuthRecord) bool { return d.CodeHash == codeHash })
	return nil
}

func (t jsonTx) ExpireDeviceAuthsOf(device uuid.UUID, now time.Time) error {
	for _, d := range t.s.doc.DeviceAuths {
		if d.Device.ID == device && now.Before(d.Expires) {
			d.Expires = now
		}
	}
	return nil
}

func (t jsonTx) PruneDeviceAuths(now time.Time) error {
	t.s.doc.DeviceAuths = slices.DeleteFunc(t.s.doc.DeviceAuths, func(d *DeviceAuthRecord) bool { return !now.Before(d.Expires) })
	return nil
}

func (t jsonTx) Failures(key string, since time.Time) ([]time.Time, error) {
	var out []time.Time
	for _, at := range t.s.doc.Failures[key] {
		if at.After(since) {
			out = append(out, at)
		}
	}
	return out, nil
}

func (t jsonTx) AddFailure(key string, at time.Time) error {
	t.s.doc.Failures[key] = append(t.s.doc.Failures[key], at)
	return nil
}

func (t jsonTx) ClearFailures(key string) error {
	delete(t.s.doc.Failures, key)
	return nil
}

func (t jsonTx) PruneFailures(before time.Time) error {
	for key, times := range t.s.doc.Failures {
		times = slices.DeleteFunc(times, func(at time.Time) bool { return at.Before(before) })
		if len(times) == 0 {
			delete(t.s.doc.Failures, key)
		} else {
			t.s.doc.Failures[key] = times
		}
	}
	return nil
}

func (t jsonTx) AddWatch(w WatchRecord) error {
	t.s.watches[w.TicketHash] = w
	return nil
}

func (t jsonTx) Watch(ticketHash string) (WatchRecord, error) {
	w, ok := t.s.watches[ticketHash]
	if !ok {
		return WatchRecord{}, ErrNotFound
	}
	return w, nil
}

func (t jsonTx) PruneWatches(now time.Time) error {
	maps.DeleteFunc(t.s.watches, func(_ string, w WatchRecord) bool { return !now.Before(w.Expires) })
	return nil
}
