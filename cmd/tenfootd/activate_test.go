package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/session"
)

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// phone is a browser on a phone: it keeps cookies.
func phone(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar}
}

func page(t *testing.T, c *http.Client, method, u string, form url.Values) (int, string) {
	t.Helper()
	var resp *http.Response
	var err error
	if method == "GET" {
		resp, err = c.Get(u)
	} else {
		resp, err = c.PostForm(u, form)
	}
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestActivatePageSignsATVIn(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url_, _ := apiServer(t, db)
		tv := remoteDevice(t, url_, "Hotel TV")
		auth, err := tv.StartCodeSignIn(t.Context())
		require.NoError(t, err)

		c := phone(t)
		status, body := page(t, c, "GET", url_+"/activate?code="+auth.UserCode, nil)
		require.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "Sign in to approve your TV")
		csrf := csrfField.FindStringSubmatch(body)[1]

		status, body = page(t, c, "POST", url_+"/activate/signin", url.Values{
			"csrf": {csrf}, "code": {auth.UserCode}, "email": {session.DemoEmail}, "password": {"wrong"}})
		assert.Equal(t, http.StatusUnauthorized, status)
		assert.Contains(t, body, "That email and password do not match.")

		status, body = page(t, c, "POST", url_+"/activate/signin", url.Values{
			"csrf": {csrf}, "code": {auth.UserCode}, "email": {session.DemoEmail}, "password": {session.DemoPassword}})
		require.Equal(t, http.StatusOK, status, "redirected to the code form")
		assert.Contains(t, body, `value="`+auth.UserCode+`"`, "the code from the QR is filled in")

		status, body = page(t, c, "POST", url_+"/activate", url.Values{"csrf": {csrf}, "code": {strings.ToLower(auth.UserCode)}})
		require.Equal(t, http.StatusOK, status, body)
		assert.Contains(t, body, "Your TV is signing in")

		require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
		acc, ok := tv.Account()
		require.True(t, ok)
		assert.Equal(t, "Ana", acc.DisplayName)
	})
}

func TestActivatePageRefusesForgedForms(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		url_, _ := apiServer(t, db)
		c := phone(t)
		_, body := page(t, c, "GET", url_+"/activate", nil)
		csrf := csrfField.FindStringSubmatch(body)[1]

		status, body := page(t, c, "POST", url_+"/activate/signin", url.Values{"email": {session.DemoEmail}, "password": {session.DemoPassword}})
		assert.Equal(t, http.StatusForbidden, status, "no CSRF token")
		assert.Contains(t, body, "This page expired")

		status, _ = page(t, c, "POST", url_+"/activate/signin", url.Values{"csrf": {"forged" + csrf}, "email": {session.DemoEmail}, "password": {session.DemoPassword}})
		assert.Equal(t, http.StatusForbidden, status, "a token that is not this browser's")

		req, err := http.NewRequest("POST", url_+"/activate/signin", strings.NewReader(url.Values{"csrf": {csrf}, "email": {session.DemoEmail}, "password": {session.DemoPassword}}.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", "https://evil.example")
		resp, err := c.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, "a post from another site")

		status, body = page(t, c, "POST", url_+"/activate", url.Values{"csrf": {csrf}, "code": {"BDFH-JKLM"}})
		assert.Equal(t, http.StatusUnauthorized, status, "approving needs a signed-in page")
		assert.Contains(t, body, "Sign in first.")
	})
}

func TestActivatePageIsRateLimitedPerAddress(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServerLimited(t, db, 3)
		c := phone(t)
		_, body := page(t, c, "GET", base+"/activate", nil)
		csrf := csrfField.FindStringSubmatch(body)[1]
		form := url.Values{"csrf": {csrf}, "email": {session.DemoEmail}, "password": {"guess"}}
		for i := 0; i < 3; i++ {
			status, _ := page(t, c, "POST", base+"/activate/signin", form)
			assert.Equal(t, http.StatusUnauthorized, status)
		}
		status, body := page(t, c, "POST", base+"/activate/signin", form)
		assert.Equal(t, http.StatusTooManyRequests, status, "a fourth guess from the same address")
		assert.Contains(t, body, "Too many attempts")
	})
}
