package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// Two tabs on the phone both opened the TV's QR link before signing in. Ana signs
// in on the first and approves; then, in the second tab still showing the sign-in
// form, she signs in again. Her TV, approved a moment before, must still sign in.
func TestSigningInOnASecondTabKeepsTheFirstTabsApproval(t *testing.T) {
	base, _ := apiServer(t, sqliteDB)
	tv, auth := tvShowingCode(t, base, "Hotel TV")
	c := phone(t)
	_, secondTab := page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil) // tab 2: sign-in form
	require.Contains(t, secondTab, "Sign in to approve your TV")

	confirmation := signInOnPage(t, c, base, auth.UserCode) // tab 1
	status, body := choose(t, c, base, confirmation, "approve")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, "Your TV is signing in")

	status, body = page(t, c, "POST", base+"/activate/signin", url.Values{ // tab 2
		"csrf": {field(secondTab, "csrf")}, "code": {auth.UserCode}, "email": {demo.AnaEmail}, "password": {demo.AnaPassword}})
	assert.Equal(t, http.StatusOK, status, body)
	assert.Contains(t, body, "Your TV is signing in", "the second tab shows how the first ended")

	assert.NoError(t, tv.PollCodeSignIn(t.Context(), auth), "the TV Ana approved signs in")
}

// The form cookie is a browser-session cookie: a phone that closed the browser and
// restored the tab has lost it, while the page's session cookie (30 days) is kept.
// Pressing "Sign in this TV" then says the page expired, and must still be the
// signed-in page, not ask for email and password again.
func TestAnExpiredFormKeepsThePageSignedIn(t *testing.T) {
	base, _ := apiServer(t, sqliteDB)
	tv, auth := tvShowingCode(t, base, "Hotel TV")
	c := phone(t)
	confirmation := signInOnPage(t, c, base, auth.UserCode)

	// The browser restarts: session cookies are gone, persistent ones stay.
	u, _ := url.Parse(base + "/activate")
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	var kept []*http.Cookie
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name != cookieForm {
			kept = append(kept, ck)
		}
	}
	jar.SetCookies(u, kept)
	c.Jar = jar

	status, body := choose(t, c, base, confirmation, "approve")
	assert.Equal(t, http.StatusForbidden, status)
	assert.Contains(t, body, "This page expired")
	assert.NotContains(t, body, `name="password"`, "still signed in: the page must not ask for the password again")
	assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAuthorizationPending)
}

// A signed-in phone that hits the per-address limit is still signed in: the page
// says to wait, and must not show the email and password form.
func TestARateLimitedPageStaysSignedIn(t *testing.T) {
	base, _ := apiServerLimited(t, sqliteDB, 4)
	_, auth := tvShowingCode(t, base, "Hotel TV")
	c := phone(t)
	signInOnPage(t, c, base, auth.UserCode) // 2 requests counted: sign-in, look-up
	var status int
	var body string
	for i := 0; i < 3; i++ {
		status, body = page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
	}
	require.Equal(t, http.StatusTooManyRequests, status, body)
	assert.Contains(t, body, "Too many attempts")
	assert.NotContains(t, body, `name="password"`, "the page is signed in: it must not ask to sign in")
}

// After approving, the phone's Back button (or a reload) brings the code's page
// back a few times. The code Ana herself approved is no wrong guess: it must not
// lock her out of approving her next TV.
func TestBackAfterApprovingShowsHowItEndedAndIsNoGuess(t *testing.T) {
	base, _ := apiServer(t, sqliteDB)
	_, auth := tvShowingCode(t, base, "Hotel TV")
	c := phone(t)
	confirmation := signInOnPage(t, c, base, auth.UserCode)
	status, body := choose(t, c, base, confirmation, "approve")
	require.Equal(t, http.StatusOK, status, body)
	for i := range 6 { // Back to the confirmation (no-store: reloaded), or the form sent again
		if i%2 == 0 {
			status, body = page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
		} else {
			status, body = choose(t, c, base, confirmation, "approve")
		}
		assert.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "Your TV is signing in", "how it ended, the %d time", i+1)
	}
	_, next := tvShowingCode(t, base, "Bedroom TV")
	status, body = page(t, c, "GET", base+"/activate?code="+next.UserCode, nil)
	require.Equal(t, http.StatusOK, status, "the next TV's code is looked up: %s", body)
	require.Contains(t, body, "Sign in Bedroom TV (TV) to Ana")
}

// A Japanese phone's keyboard types full-width letters in its default mode, and
// the page speaks Japanese: the code typed so must be the TV's code.
func TestACodeTypedInFullWidthIsTheTVsCode(t *testing.T) {
	base, _ := apiServer(t, sqliteDB)
	_, auth := tvShowingCode(t, base, "Hotel TV")
	c := phone(t)
	signInOnPage(t, c, base, "")
	wide := strings.Map(func(r rune) rune {
		switch {
		case r >= 'A' && r <= 'Z':
			return r - 'A' + 'Ａ'
		case r == '-':
			return 'ー'
		}
		return r
	}, auth.UserCode)
	status, body := page(t, c, "GET", base+"/activate?code="+url.QueryEscape(wide), nil, "Accept-Language", "ja")
	assert.Equal(t, http.StatusOK, status, "%q", wide)
	assert.Contains(t, body, "Hotel TV（テレビ）をAna")
}
