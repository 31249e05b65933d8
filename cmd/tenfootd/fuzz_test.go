package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"tenfoot/session"
)

// FuzzAPIRequests sends arbitrary bodies and headers to every endpoint. Whatever
// comes in, the service answers with JSON it documents, never a 500 and never a
// panic, and a bad request changes nothing it should not.
func FuzzAPIRequests(f *testing.F) {
	handler := newServer(config{WebDir: f.TempDir(), Service: demoService(f, sqliteDB)})
	endpoints := []string{
		"POST /signin", "POST /device/code", "POST /device/token", "POST /device/approve",
		"GET /session", "GET /devices", "POST /signout", "POST /signout-all",
		"POST /profiles", "DELETE /profiles/x", "POST /devices/x/signout",
		"POST /device/describe", "POST /device/deny",
	}
	for i := range endpoints {
		f.Add(uint8(i), `{"email":"ana@example.com","password":"watch-together"}`, "application/json", "Bearer x")
	}
	f.Add(uint8(0), `{"device":{"id":"00000000-0000-0000-0000-000000000000","name":"","kind":"tv"}}`, "application/json", "")
	f.Add(uint8(8), `{"id":"6f1c0d2e-5b7a-4c4e-9f10-7d2a6c3b8e11","name":"\u0000","pin":"12"}`, "application/json; charset=utf-8", "Bearer ")
	f.Add(uint8(3), `{"user_code":"BDFH-JKLM"}{"x":1}`, "application/json", "Bearer \x00")
	f.Fuzz(func(t *testing.T, which uint8, body, contentType, auth string) {
		method, path, _ := strings.Cut(endpoints[int(which)%len(endpoints)], " ")
		req := httptest.NewRequest(method, session.APIPrefix+path, strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", auth)
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
	})
}
