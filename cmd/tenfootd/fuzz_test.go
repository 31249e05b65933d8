package main

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/uuid"

	"tenfoot/demo"
	"tenfoot/session"
)

// fuzzAccount is an account the fuzz target acts as, or against: a session of it,
// and the IDs of its devices and profiles.
type fuzzAccount struct {
	id       uuid.UUID
	token    string
	devices  []uuid.UUID
	profiles []uuid.UUID
}

// fuzzIDs are the kinds of ID the target puts in paths: the caller's own, another
// account's, the nil UUID, random ones and whatever the fuzzer writes.
const (
	idOwnDevice = iota
	idOwnProfile
	idOtherDevice
	idOtherProfile
	idNil
	idRandom
	idRaw
	idKinds
)

// FuzzAPIRequests sends arbitrary bodies and headers to every endpoint, with paths
// built from real IDs of the caller's account and of another, the nil UUID, random
// IDs and arbitrary text, and with real and made-up tokens. Whatever comes in, the
// service answers with JSON it documents, never a 500 and never a panic; a request
// never ends a session of an account other than the caller's, and signing out a
// device the caller's account does not have ends nothing at all.
func FuzzAPIRequests(f *testing.F) {
	place := sqliteDB.place(f, f.TempDir())
	svc := demoServiceAt(f, sqliteDB, place)
	store := sqliteDB.open(f, place)
	handler := newServer(config{WebDir: f.TempDir(), Service: svc, LimitPerAddress: 1 << 30, CheapLimitPerAddress: 1 << 30})

	// signIn makes a fresh session of email, and reads the account's IDs.
	signIn := func(t testing.TB, email, password string) fuzzAccount {
		g, err := svc.SignIn(t.Context(), session.NewDeviceIdentity("Fuzz TV", session.DeviceKindTV), email, password)
		if err != nil {
			t.Fatal(err)
		}
		a := fuzzAccount{id: g.Account.ID, token: g.Token}
		for _, p := range g.Profiles {
			a.profiles = append(a.profiles, p.ID)
		}
		devices, err := svc.Devices(t.Context(), g.Token)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range devices {
			a.devices = append(a.devices, d.ID)
		}
		return a
	}
	live := func(t testing.TB, account uuid.UUID) int {
		var n int
		err := store.View(t.Context(), func(tx session.Tx) error {
			s, err := tx.LiveSessions(account)
			n = len(s)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	endpoints := []string{
		"POST /signin", "POST /device/code", "POST /device/token", "POST /device/approve",
		"GET /session", "GET /devices", "POST /signout", "POST /signout-all",
		"POST /profiles", "DELETE /profiles/{id}", "POST /devices/{id}/signout", "POST /profiles/{id}/verify-pin",
		"POST /device/describe", "POST /device/deny",
	}
	for i := range endpoints {
		f.Add(uint8(i), uint8(idNil), uint8(0), "", `{"email":"ana@example.com","password":"watch-together"}`, "application/json", "Bearer x")
	}
	for kind := range idKinds {
		f.Add(uint8(10), uint8(kind), uint8(0), "00000000-0000-0000-0000-000000000000", `{}`, "application/json", "")
		f.Add(uint8(11), uint8(kind), uint8(1), "x", `{"pin":"1234"}`, "application/json", "")
	}
	f.Add(uint8(0), uint8(0), uint8(2), "", `{"device":{"id":"00000000-0000-0000-0000-000000000000","name":"","kind":"tv"}}`, "application/json", "")
	f.Add(uint8(8), uint8(0), uint8(0), "", `{"id":"6f1c0d2e-5b7a-4c4e-9f10-7d2a6c3b8e11","name":"\u0000","pin":"12"}`, "application/json; charset=utf-8", "Bearer ")
	f.Add(uint8(3), uint8(0), uint8(3), "", `{"user_code":"BDFH-JKLM"}{"x":1}`, "application/json", "Bearer \x00")
	f.Add(uint8(7), uint8(0), uint8(0), "", `{"password":"watch-together"}`, "application/json", "")

	var ana, sam fuzzAccount
	f.Fuzz(func(t *testing.T, which, idKind, tokenKind uint8, rawID, body, contentType, auth string) {
		// Sessions the last request ended (its own, or all with proof) are
		// replaced, so every request has live ones to act with and aim at.
		if _, err := svc.Check(t.Context(), ana.token); err != nil || live(t, ana.id) < 2 {
			ana = signIn(t, demo.AnaEmail, demo.AnaPassword)
		}
		if _, err := svc.Check(t.Context(), sam.token); err != nil {
			sam = signIn(t, demo.SamEmail, demo.SamPassword)
		}
		caller, other := ana, sam
		switch tokenKind % 4 {
		case 1:
			caller, other = sam, ana
		case 2:
			caller = fuzzAccount{token: "made-up"}
		case 3:
			caller = fuzzAccount{token: strings.TrimPrefix(auth, "Bearer ")}
		}
		pick := func(ids []uuid.UUID) uuid.UUID {
			if len(ids) == 0 {
				return uuid.New()
			}
			return ids[len(rawID)%len(ids)]
		}
		var id string
		foreign := true // the ID is not one of the caller's devices
		switch idKind % idKinds {
		case idOwnDevice:
			id, foreign = pick(caller.devices).String(), caller.id == uuid.Nil
		case idOwnProfile:
			id = pick(caller.profiles).String()
		case idOtherDevice:
			id = pick(other.devices).String()
		case idOtherProfile:
			id = pick(other.profiles).String()
		case idNil:
			id = uuid.Nil.String()
		case idRandom:
			sum := sha256.Sum256([]byte(rawID))
			id = uuid.Must(uuid.FromBytes(sum[:16])).String()
		case idRaw:
			id = url.PathEscape(rawID)
		}
		method, path, _ := strings.Cut(endpoints[int(which)%len(endpoints)], " ")
		path = strings.Replace(path, "{id}", id, 1)
		req := httptest.NewRequest(method, session.APIPrefix+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", "Bearer "+caller.token)
		otherBefore := live(t, other.id)
		anaBefore, samBefore := live(t, ana.id), live(t, sam.id)

		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s answered %d: %s", method, path, rec.Code, rec.Body)
		}
		if rec.Code >= 400 {
			var w session.WireError
			if err := json.Unmarshal(rec.Body.Bytes(), &w); err != nil || w.Code == "" || w.Message == "" {
				t.Fatalf("%s %s answered %d without a documented error: %q", method, path, rec.Code, rec.Body)
			}
		}
		if rec.Code == http.StatusOK && !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
			t.Fatalf("%s %s answered 200 with %q", method, path, rec.Header().Get("Content-Type"))
		}
		if caller.id != other.id && live(t, other.id) != otherBefore {
			t.Fatalf("%s %s with one account's token ended a session of another", method, path)
		}
		if strings.HasSuffix(path, "/signout") && strings.HasPrefix(path, "/devices/") && foreign &&
			(live(t, ana.id) != anaBefore || live(t, sam.id) != samBefore) {
			t.Fatalf("%s %s signed out a device the caller's account does not have", method, path)
		}
	})
}
