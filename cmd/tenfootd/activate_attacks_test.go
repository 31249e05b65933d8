package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/internal/testkit"
	"tenfoot/session"
)

// clockedServer is apiServer on a service whose clock the test moves.
func clockedServer(t *testing.T, db database) (string, *testkit.Clock) {
	t.Helper()
	clk := testkit.NewClock(time.Now())
	svc, err := session.OpenEmbedded(session.EmbeddedOptions{Store: db.open(t, db.place(t, t.TempDir())), Clock: clk,
		PasswordCost: 4, VerificationURI: "http://tv.example/activate"})
	require.NoError(t, err)
	require.NoError(t, demo.Seed(svc))
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc}))
	t.Cleanup(srv.Close)
	return srv.URL, clk
}

// rawPage is page without unescaping: the bytes the browser parses, and the headers.
func rawPage(t *testing.T, c *http.Client, u string) (http.Header, string) {
	t.Helper()
	resp, err := c.Get(u)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.Header, string(b)
}

// A TV named to attack the page that shows its name is shown its name as text: no
// tag, no script, no attribute breaks out; a name with a bidirectional override,
// which could show the page saying something else, is refused when it asks for a
// code. Every state of the page, confirmation included, forbids being framed by
// another site, where a hidden frame over a decoy button could take the tap.
func TestHostileTVNamesAreShownAsText(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		signInOnPage(t, c, base, "")
		for _, name := range []string{`<img src=x onerror=alert(1)>`, `"><script>alert(1)</script>`, `Ana's TV' onmouseover='alert(1)`} {
			_, auth := tvShowingCode(t, base, name)
			h, body := rawPage(t, c, base+"/activate?code="+auth.UserCode)
			assert.NotContains(t, body, "<img", name)
			assert.NotContains(t, body, "<script", name)
			assert.NotContains(t, body, "' onmouseover", name)
			assert.Contains(t, body, "alert(1)", "%s: shown, as text", name)
			assert.Equal(t, "DENY", h.Get("X-Frame-Options"), name)
			assert.Contains(t, h.Get("Content-Security-Policy"), "frame-ancestors 'none'", name)
		}
		_, err := session.NewClient(base).StartDeviceAuth(t.Context(), session.NewDeviceIdentity("Living Room \u202eVT", session.DeviceKindTV))
		assert.ErrorIs(t, err, session.ErrInvalid, "a name that reads backwards")

		for _, u := range []string{"/activate", "/activate?code=BBBB-BBBB", "/activate?code=nonsense"} {
			h, _ := rawPage(t, c, base+u)
			assert.Equal(t, "DENY", h.Get("X-Frame-Options"), u)
			assert.Contains(t, h.Get("Content-Security-Policy"), "frame-ancestors 'none'", u)
		}
	})
}

// A code as a phone's keyboard types it is the TV's code: in lower case, with
// spaces, with the marks an Arabic phone puts around Latin text or a zero-width
// space from a message it was pasted from, on a keyboard left in Cyrillic. A code
// no TV can have (a digit, full-width digits, a letter too few) is refused, but
// counts as no guess: after seven typos the right code works at once.
func TestCodesAsPhonesTypeThem(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		signInOnPage(t, c, base, "")
		for _, typo := range []string{"BDFH-JKL0", "１２３４－５６７８", "BDF-JKLM", "BDFH-JKLE", "BDFH JKLM 1", "0000-0000", "ＢＤＦＨ－ＪＫＬＭ１"} {
			status, body := page(t, c, "GET", base+"/activate?code="+url.QueryEscape(typo), nil)
			assert.Equal(t, http.StatusBadRequest, status, typo)
			assert.Contains(t, body, "That code is not valid.", typo)
		}
		lookalike := strings.NewReplacer("B", "В", "C", "С", "H", "Н", "K", "К", "M", "М", "P", "Р", "T", "Т", "X", "Х")
		for _, typed := range []func(string) string{
			func(code string) string { return strings.ToLower(strings.ReplaceAll(code, "-", " ")) },
			func(code string) string { return "\u200e" + code + "\u200f" },
			func(code string) string { return code[:4] + "\u200b" + code[5:] },
			func(code string) string { return strings.ToLower(lookalike.Replace(code)) },
		} {
			_, auth := tvShowingCode(t, base, "Living Room TV")
			status, body := page(t, c, "GET", base+"/activate?code="+url.QueryEscape(typed(auth.UserCode)), nil)
			require.Equal(t, http.StatusOK, status, "%q", typed(auth.UserCode))
			assert.Contains(t, body, "Sign in Living Room TV (TV) to Ana", "%q", typed(auth.UserCode))
		}
	})
}

// The code a TV showed expired while Ana found her phone, or while the page showed
// its confirmation: the page says so, and that the TV shows a new one, rather than
// that the code is not valid, which sends her to check letters that were right.
func TestAnExpiredCodeSaysTheTVShowsANewOne(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, clk := clockedServer(t, db)
		tv, auth := tvShowingCode(t, base, "Living Room TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, auth.UserCode)
		clk.Advance(session.DeviceAuthLifetime)

		status, body := choose(t, c, base, confirmation, "approve")
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "That code has expired. The TV shows a new one now")
		status, body = page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "That code has expired.")
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrExpiredToken)
	})
}

// Polling the token endpoint as an attacker would: twice at once after approval
// (one session, one token, the other told the code is spent), faster than the
// interval (slow_down, as RFC 8628 §3.5 says), with no code, the nil UUID or a
// user code in place of the device code (expired_token, nothing signed in), with a
// body past the limit (refused). Codes asked for in a flood from one address are
// refused past the address's limit, with Retry-After; a device of the nil UUID
// gets none.
func TestPollingAsAnAttackerWould(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServerLimited(t, db, 20)
		client := session.NewClient(base)
		g, err := client.SignIn(t.Context(), session.NewDeviceIdentity("Phone", session.DeviceKindPhone), demo.AnaEmail, demo.AnaPassword)
		require.NoError(t, err)
		auth, err := client.StartDeviceAuth(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV))
		require.NoError(t, err)

		_, err = client.PollDeviceAuth(t.Context(), auth.DeviceCode)
		assert.ErrorIs(t, err, session.ErrAuthorizationPending)
		_, err = client.PollDeviceAuth(t.Context(), auth.DeviceCode)
		assert.ErrorIs(t, err, session.ErrSlowDown, "polled again at once")

		for _, code := range []string{"", uuid.Nil.String(), auth.UserCode, strings.Repeat("A", 43)} {
			_, err := client.PollDeviceAuth(t.Context(), code)
			assert.ErrorIs(t, err, session.ErrExpiredToken, "%q", code)
		}
		status, w := call(t, base, "POST", "/device/token", "", map[string]string{"device_code": strings.Repeat("A", 1<<20)})
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, w.Message, "larger than")

		require.NoError(t, client.ApproveDeviceAuth(t.Context(), g.Token, auth.UserCode))
		var wg sync.WaitGroup
		grants := make([]session.Grant, 4)
		errs := make([]error, len(grants))
		for i := range grants {
			wg.Go(func() { grants[i], errs[i] = client.PollDeviceAuth(t.Context(), auth.DeviceCode) })
		}
		wg.Wait()
		tokens := 0
		for i, err := range errs {
			if err == nil {
				tokens++
				assert.NotEmpty(t, grants[i].Token)
				continue
			}
			assert.ErrorIs(t, err, session.ErrExpiredToken, "the other polls")
			assert.Empty(t, grants[i].Token)
		}
		assert.Equal(t, 1, tokens, "one token for one code: %v", errs)
		devices, err := client.Devices(t.Context(), g.Token)
		require.NoError(t, err)
		tvs := 0
		for _, d := range devices {
			if d.Name == "TV" {
				tvs++
			}
		}
		assert.Equal(t, 1, tvs, "one session for the TV")

		status, _ = call(t, base, "POST", "/device/code", "", session.DeviceIdentity{Secret: strings.Repeat("s", 43),
			DeviceInfo: session.DeviceInfo{Name: "TV", Kind: session.DeviceKindTV}})
		assert.Equal(t, http.StatusBadRequest, status, "the nil UUID")
		refused := 0
		for range 30 {
			_, err := client.StartDeviceAuth(t.Context(), session.NewDeviceIdentity("TV", session.DeviceKindTV))
			if err != nil {
				assert.ErrorIs(t, err, session.ErrRateLimited)
				refused++
			}
		}
		assert.Greater(t, refused, 0, "a flood of codes from one address is cut off")
	})
}

// Ana scans her TV's QR code, and the TV is restarted before she approves: it shows
// a new code. Approving the one her phone shows says it expired and the TV shows a
// new one, not that her TV is signing in, which it would never do; the TV's new
// code then signs it in.
func TestTheCodeOfATVThatWentAwayIsExpired(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, old := tvShowingCode(t, base, "Living Room TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, old.UserCode)
		auth, err := tv.StartCodeSignIn(t.Context()) // restarted
		require.NoError(t, err)

		status, body := choose(t, c, base, confirmation, "approve")
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "That code has expired. The TV shows a new one now")
		assert.NotContains(t, body, "Your TV is signing in")

		_, body = page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
		status, _ = choose(t, c, base, body, "approve")
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
	})
}
