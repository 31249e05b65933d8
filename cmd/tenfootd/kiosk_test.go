package main

import (
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
