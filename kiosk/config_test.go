package kiosk

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		json string
		want func(*Config)
	}{
		{"empty object: the defaults", `{}`, func(*Config) {}},
		{"every key", `{"idleTimeout": "2h", "warning": "45s", "checkout": "11:00", "signOutAt": "2026-11-28T11:00:00+01:00",
			"deviceName": " Room 214 ", "server": "https://tv.example.com/", "operatorPin": "482913"}`, func(c *Config) {
			c.IdleTimeout, c.Warning = 2*time.Hour, 45*time.Second
			c.Checkout = TimeOfDay{Hour: 11, Set: true}
			c.SignOutAt = time.Date(2026, 11, 28, 11, 0, 0, 0, time.FixedZone("", 3600))
			c.DeviceName, c.Server, c.OperatorPIN = "Room 214", "https://tv.example.com", "482913"
		}},
		{"a checkout with one-digit hour", `{"checkout": "7:05"}`, func(c *Config) { c.Checkout = TimeOfDay{Hour: 7, Minute: 5, Set: true} }},
		{"midnight", `{"checkout": "00:00"}`, func(c *Config) { c.Checkout = TimeOfDay{Set: true} }},
		{"a language", `{"language": "ja-JP"}`, func(c *Config) { c.Language = "ja" }},
		{"reduced motion", `{"motion": "reduced"}`, func(c *Config) { c.ReducedMotion = true }},
		{"the TV's own motion", `{"motion": "system"}`, func(*Config) {}},
		{"an empty checkout is none", `{"checkout": ""}`, func(*Config) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse([]byte(tt.json))
			require.NoError(t, err)
			want := Default()
			tt.want(&want)
			assert.Equal(t, want.SignOutAt.Unix(), got.SignOutAt.Unix())
			want.SignOutAt, got.SignOutAt = time.Time{}, time.Time{}
			assert.Equal(t, want, got)
		})
	}
}

func TestParseErrorsSayWhatIsWrong(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"unknown key", `{"idleTimout": "1h"}`, `kiosk config: idleTimout: unknown key; the keys are idleTimeout, warning, checkout, signOutAt, deviceName, server, operatorPin, language, motion`},
		{"a language it does not speak", `{"language": "fr"}`, `kiosk config: language "fr": not a language tenfoot speaks; it speaks "en", "de", "ar", "ja"`},
		{"a motion it does not know", `{"motion": "none"}`, `kiosk config: motion "none": must be "system", to follow the TV's own setting, or "reduced"`},
		{"motion as a boolean", `{"motion": true}`, `kiosk config: motion "true": must be a string in quotes`},
		{"negative timeout", `{"idleTimeout": "-5m"}`, `kiosk config: idleTimeout "-5m": must be more than zero`},
		{"zero timeout", `{"idleTimeout": "0s"}`, `must be more than zero`},
		{"a number, not a duration", `{"idleTimeout": 3600}`, `kiosk config: idleTimeout "3600": must be a string in quotes`},
		{"a duration without unit", `{"warning": "30"}`, `kiosk config: warning "30": not a duration; write it like "4h", "90m" or "30s"`},
		{"negative warning", `{"warning": "-30s"}`, `warning "-30s": must be more than zero`},
		{"too short a warning", `{"warning": "1s"}`, `kiosk config: warning "1s": must be from 5s to 10m0s`},
		{"a timeout over a day", `{"idleTimeout": "48h"}`, `idleTimeout "48h0m0s": must be at most 24h`},
		{"a bad time of day", `{"checkout": "25:00"}`, `kiosk config: checkout "25:00": no such time of day`},
		{"a time with am/pm", `{"checkout": "11am"}`, `checkout "11am": not a time of day; write it on the 24-hour clock`},
		{"a timestamp without zone", `{"signOutAt": "2026-11-28 11:00"}`, `signOutAt "2026-11-28 11:00": not a timestamp with its time zone`},
		{"a PIN with letters", `{"operatorPin": "12ab"}`, `kiosk config: operatorPin: must be 4 to 8 digits`},
		{"a short PIN", `{"operatorPin": "123"}`, `operatorPin: must be 4 to 8 digits`},
		{"a server that is not a URL", `{"server": "tv.example.com"}`, `server "tv.example.com": must be the URL of a tenfootd`},
		{"an empty device name", `{"deviceName": "  "}`, `deviceName "  ": must be 1 to 60 characters`},
		{"not an object", `["idleTimeout"]`, `kiosk config: not a JSON object`},
		{"two objects", `{} {}`, `more after the JSON object: "{}"`},
		{"null", `null`, `kiosk config: not a JSON object: null`},
		{"a stray brace, and keys after it", `{"idleTimeout": "4h"}}{"checkout": "11:00"}`, `more after the JSON object: "}{\"checkout\": \"11:00"`},
		{"a stray bracket", `{"idleTimeout": "4h"}]`, `more after the JSON object: "]"`},
		{"a null value", `{"checkout": null}`, `kiosk config: checkout "null": must be a string in quotes`},
		{"a null timestamp", `{"signOutAt": null}`, `signOutAt "null": must be a string in quotes`},
		{"broken JSON", `{"warning": "30s",}`, `not a JSON object`},
		{"a key twice, the last hiding the first", `{"idleTimeout": "1h", "checkout": "11:00", "idleTimeout": "24h"}`, `kiosk config: idleTimeout: given twice; give each key once`},
		{"a key twice, the second not a string", `{"checkout": "11:00", "checkout": 11}`, `kiosk config: checkout: given twice`},
		{"a huge value, shown in part", `{"deviceName": "` + strings.Repeat("Room 214 ", 1<<17) + `"}`,
			`kiosk config: deviceName "Room 214 Room 214 Room 214 Room 214 Room…": must be 1 to 60 characters`},
		{"a huge number", `{"warning": ` + strings.Repeat("9", 1<<20) + `}`, `kiosk config: warning "9999999999999999999999999999999999999999…": must be a string in quotes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.json))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.True(t, errors.Is(err, ErrConfig))
		})
	}
}

func TestThePINIsNeverInAnError(t *testing.T) {
	for _, data := range []string{`{"operatorPin": "98765432109"}`, `{"operatorPin": 24681357}`, `{"operatorPin": [24681357]}`} {
		_, err := Parse([]byte(data))
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "98765432109")
		assert.NotContains(t, err.Error(), "24681357")
	}
}

// An error about a huge value is short enough to read on the TV's screen.
func TestErrorsShowAHugeValueInPart(t *testing.T) {
	for _, key := range Keys {
		_, err := Parse([]byte(`{"` + key + `": "` + strings.Repeat("9", 1<<20) + `"}`))
		require.Error(t, err, key)
		assert.Less(t, len(err.Error()), 300, key)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "kiosk.json")
	require.NoError(t, os.WriteFile(good, []byte(`{"checkout": "11:00"}`), 0o600))
	c, err := Load(good)
	require.NoError(t, err)
	assert.Equal(t, "11:00", c.Checkout.String())

	_, err = Load(filepath.Join(dir, "missing.json"))
	require.Error(t, err)
	assert.Equal(t, "kiosk config "+filepath.Join(dir, "missing.json")+": does not exist", err.Error())

	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(`{"idleTimeout": "-1h"}`), 0o600))
	_, err = Load(bad)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "kiosk config "+bad+": idleTimeout")
}

func TestSetIsWhatFlagsUse(t *testing.T) {
	c := Default()
	require.NoError(t, c.Set(KeyIdleTimeout, "90m"))
	require.NoError(t, c.Set(KeyCheckout, "10:30"))
	assert.Equal(t, 90*time.Minute, c.IdleTimeout)
	assert.Equal(t, "10:30", c.Checkout.String())
	assert.Error(t, c.Set("nope", "1"))
}

// A kiosk in a browser takes the page's origin as its service, and a kiosk.json
// fetched from a server, where anyone can fetch it too, keeps no PIN secret.
func TestCheckForBrowser(t *testing.T) {
	withPIN, err := Parse([]byte(`{"operatorPin": "24681357"}`))
	require.NoError(t, err)
	err = withPIN.CheckForBrowser(true)
	require.ErrorIs(t, err, ErrConfig)
	assert.Contains(t, err.Error(), "operatorPin: anyone who can open the page can fetch this file and read the PIN")
	assert.NotContains(t, err.Error(), "24681357")
	assert.NoError(t, withPIN.CheckForBrowser(false), "a packaged TV app keeps its PIN inside")

	withServer, err := Parse([]byte(`{"server": "https://tv.example.com"}`))
	require.NoError(t, err)
	for _, served := range []bool{true, false} {
		assert.ErrorContains(t, withServer.CheckForBrowser(served), "server")
	}
	assert.NoError(t, Default().CheckForBrowser(true))

	for _, data := range []string{`{"operatorPin": "2468"}`, `{"OPERATORPIN": 2468}`, `{"operator\u0050in": "2468"}`, `{"operatorPin": "2468",}`} {
		assert.True(t, NamesPIN([]byte(data)), data)
	}
	assert.False(t, NamesPIN([]byte(`{"checkout": "11:00"}`)))
}
