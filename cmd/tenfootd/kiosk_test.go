package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/input"
	"tenfoot/internal/testkit"
	"tenfoot/kiosk"
	"tenfoot/session"
)

// A kiosk TV of a real tenfootd signs its idle guest out: the TV is wiped, the
// service has the revocation and the device's word that it wiped itself, and the
// guest's phone no longer lists the TV.
func TestKioskIdleSignOutReachesTheService(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url, _ := apiServer(t, db)
		phone := signedInRemote(t, url, "Ana's Phone")
		storage, err := session.NewDirStorage(t.TempDir())
		require.NoError(t, err)
		clock := testkit.NewClock(time.Now())
		tv, err := session.OpenDevice(storage, session.NewClient(url), clock, session.DeviceInfo{Name: "Room 214", Kind: session.DeviceKindKiosk})
		require.NoError(t, err)
		require.NoError(t, tv.SignIn(t.Context(), demo.AnaEmail, demo.AnaPassword))

		cfg := kiosk.Default()
		require.NoError(t, cfg.Set("idleTimeout", "1m"))
		require.NoError(t, cfg.Set("warning", "5s"))
		app := app.NewTenfoot(app.Options{Catalog: demo.Catalog, Kiosk: &cfg, KioskState: storage, Clock: clock}, tv)
		defer app.Close()

		// Two minutes of nobody at the TV, one tick at a time, each tick's work done
		// before the next: the countdown, then the sign-out over HTTP.
		for range 2 * 60 * 60 {
			clock.Advance(time.Second / 60)
			app.Update(0, input.Pointer{})
			app.Settle()
		}
		assert.Equal(t, "kiosk-welcome", app.Screen().Name())
		assert.Zero(t, tv.PendingRevocations(), "the service confirmed the sign-out")
		_, signedIn := tv.Account()
		assert.False(t, signedIn, "the TV is wiped")
		devices, err := phone.Devices(t.Context())
		require.NoError(t, err)
		for _, d := range devices {
			assert.NotEqual(t, tv.Info().ID, d.ID, "the service revoked the TV's session")
		}
	})
}

// A hotel's tenfootd serves the page its kiosk TVs open, and beside it kiosk.json,
// to anyone who asks: its TVs, and the guests' phones that approve sign-in codes.
// A kiosk.json that names the staff PIN is handed to nobody, in whatever form it
// names it, and the log says why without the PIN. Before, anyone fetched the PIN.
func TestKioskConfigWithAStaffPINIsServedToNobody(t *testing.T) {
	web := newWebFixture(t)
	var logs testkit.Buffer
	srv := httptest.NewServer(newServer(config{WebDir: web.dir, Log: slog.New(slog.NewJSONHandler(&logs, nil))}))
	defer srv.Close()
	fetch := func(method, target string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(method, srv.URL+target, nil)
		require.NoError(t, err)
		req.Header.Set("Accept-Encoding", "gzip, br")
		resp, err := http.DefaultTransport.RoundTrip(req)
		require.NoError(t, err)
		return resp.StatusCode, string(body(t, resp))
	}
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(web.dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}

	write("kiosk.json", `{"checkout": "11:00", "deviceName": "Room 214"}`)
	status, text := fetch(http.MethodGet, "/kiosk.json")
	assert.Equal(t, http.StatusOK, status, "a kiosk.json without a PIN is served")
	assert.Contains(t, text, "Room 214")

	for _, tt := range []struct{ name, file, data string }{
		{"as the README writes it", "kiosk.json", `{"checkout": "11:00", "operatorPin": "24681357"}`},
		{"as a number", "kiosk.json", `{"operatorPin": 24681357}`},
		{"in a file that does not parse", "kiosk.json", `{"operatorPin": "24681357",}`},
		{"in another case", "kiosk.json", `{"OperatorPIN": "24681357"}`},
		{"with escapes", "kiosk.json", `{"operator\u0050in": "24681357"}`},
		{"in a folder", "room/kiosk.json", `{"operatorPin": "24681357"}`},
		{"again, beside a compressed copy", "kiosk.json", `{"operatorPin": "24681357"}`},
	} {
		write(tt.file, tt.data)
		if strings.HasPrefix(tt.name, "again") {
			write(tt.file+".gz", string(gzipBytes(t, []byte(tt.data))))
		}
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			status, text := fetch(method, "/"+tt.file)
			assert.Equal(t, http.StatusForbidden, status, "%s: %s", tt.name, method)
			assert.NotContains(t, text, "2468", tt.name)
			if method == http.MethodGet {
				assert.Contains(t, text, "kiosk config kiosk.json: operatorPin: anyone who can open the page can fetch this file and read the PIN", tt.name)
			}
		}
	}
	assert.Contains(t, logs.String(), "not serving kiosk.json: it names the staff PIN")
	assert.NotContains(t, logs.String(), "2468")
}
