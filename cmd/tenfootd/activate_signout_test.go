package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/session"
)

// signOutOnPage presses Sign out on a page c was shown, posting csrf, and returns
// the answer itself, not the page it redirects to.
func signOutOnPage(t *testing.T, c *http.Client, base, csrf string, header ...string) *http.Response {
	t.Helper()
	noFollow := &http.Client{Jar: c.Jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, err := http.NewRequest("POST", base+"/activate/signout", strings.NewReader(url.Values{"csrf": {csrf}}.Encode()))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := noFollow.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp
}

// sessionCookie returns the page's session cookie as c keeps it, "" if none.
func sessionCookie(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	u, err := url.Parse(base + "/activate")
	require.NoError(t, err)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == cookieSession {
			return ck.Value
		}
	}
	return ""
}

// signedInAs is what the page says, in each of its languages, when Ana is signed in.
var signedInAs = []struct {
	accept, who, signOut string
}{
	{"en", "Signed in as Ana (a•••@example.com)", ">Sign out</button>"},
	{"de", "Angemeldet als Ana (a•••@example.com)", ">Abmelden</button>"},
	{"ar", "تم تسجيل الدخول باسم \u2068Ana\u2069 (\u2068a•••@example.com\u2069)", ">تسجيل الخروج</button>"},
	{"ja", "Ana（a•••@example.com）でログイン中", ">ログアウト</button>"},
}

// Signed in, the page says whose account a TV would join and offers to sign out, on
// the code form, the confirmation and what came of it, in every language it speaks.
// Signed out, it says neither.
func TestActivatePageSaysWhoIsSignedIn(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		for _, tt := range signedInAs {
			_, body := page(t, c, "GET", base+"/activate", nil, "Accept-Language", tt.accept)
			assert.NotContains(t, body, tt.who, "%s: not signed in yet", tt.accept)
			assert.NotContains(t, body, `action="/activate/signout"`, tt.accept)
		}
		signInOnPage(t, c, base, "")
		for _, tt := range signedInAs {
			_, auth := tvShowingCode(t, base, "Hotel TV")
			_, codeForm := page(t, c, "GET", base+"/activate", nil, "Accept-Language", tt.accept)
			_, confirmation := page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil, "Accept-Language", tt.accept)
			require.Contains(t, confirmation, "Hotel TV", tt.accept)
			status, result := page(t, c, "POST", base+"/activate", url.Values{"csrf": {field(confirmation, "csrf")},
				"confirm": {field(confirmation, "confirm")}, "code": {auth.UserCode}, "action": {"approve"}}, "Accept-Language", tt.accept)
			require.Equal(t, http.StatusOK, status, result)
			for name, body := range map[string]string{"code form": codeForm, "confirmation": confirmation, "result": result} {
				assert.Contains(t, body, tt.who, "%s: %s", tt.accept, name)
				assert.Contains(t, body, `<form method="post" action="/activate/signout">`, "%s: %s", tt.accept, name)
				assert.Contains(t, body, tt.signOut, "%s: %s", tt.accept, name)
				assert.NotContains(t, body, demo.AnaEmail, "%s: %s: the email is masked", tt.accept, name)
			}
		}
	})
}

// Ana signed in on a hotel's phone and signs out. The page asks to sign in again;
// its old session is revoked at the service, so the cookie, replayed, is refused;
// a code typed then is not looked up, and the confirmation shown before signing
// out approves nothing.
func TestSigningOutOfTheActivatePage(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, svc := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Hotel TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, auth.UserCode)
		require.Contains(t, confirmation, "Signed in as Ana (a•••@example.com)")
		old := sessionCookie(t, c, base)
		require.NotEmpty(t, old)

		resp := signOutOnPage(t, c, base, field(confirmation, "csrf"), "Origin", base, "Sec-Fetch-Site", "same-origin")
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		assert.Equal(t, "/activate", resp.Header.Get("Location"))
		assert.Empty(t, sessionCookie(t, c, base), "the session cookie is gone")
		_, err := svc.Check(t.Context(), old)
		assert.ErrorIs(t, err, session.ErrRevoked, "the page's session is revoked at the service")

		_, body := page(t, c, "GET", base+"/activate", nil)
		assert.Contains(t, body, "Sign in to approve your TV")
		assert.NotContains(t, body, "Signed in as")
		assert.NotContains(t, body, `action="/activate/signout"`)

		replay := phone(t)
		u, err := url.Parse(base + "/activate")
		require.NoError(t, err)
		replay.Jar.SetCookies(u, append(c.Jar.Cookies(u), &http.Cookie{Name: cookieSession, Value: old}))
		_, body = page(t, replay, "GET", base+"/activate?code="+auth.UserCode, nil)
		assert.Contains(t, body, "Sign in to approve your TV", "the old session cookie, replayed, is refused")
		assert.NotContains(t, body, "Hotel TV", "and the code is not looked up")
		assert.NotContains(t, body, "Signed in as")
		status, body := choose(t, replay, base, confirmation, "approve")
		assert.Equal(t, http.StatusUnauthorized, status, "the confirmation shown before signing out")
		assert.Contains(t, body, "Sign in first.")
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAuthorizationPending, "nothing approved it")
	})
}

// A sign-out another site forges, or one without the page's token, is refused, and
// the page stays signed in.
func TestSigningOutNeedsThePagesForm(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, svc := apiServer(t, db)
		c := phone(t)
		signInOnPage(t, c, base, "")
		_, codeForm := page(t, c, "GET", base+"/activate", nil)
		token := sessionCookie(t, c, base)
		for _, try := range []struct {
			name   string
			csrf   string
			header []string
		}{
			{"no token", "", nil},
			{"a forged token", "forged" + field(codeForm, "csrf"), nil},
			{"from another site", field(codeForm, "csrf"), []string{"Origin", "https://evil.example"}},
			{"cross-site", field(codeForm, "csrf"), []string{"Sec-Fetch-Site", "cross-site"}},
		} {
			resp := signOutOnPage(t, c, base, try.csrf, try.header...)
			assert.Equal(t, http.StatusForbidden, resp.StatusCode, try.name)
			assert.Equal(t, token, sessionCookie(t, c, base), "%s: the session cookie is kept", try.name)
			_, err := svc.Check(t.Context(), token)
			assert.NoError(t, err, "%s: the session is not signed out", try.name)
			_, body := page(t, c, "GET", base+"/activate", nil)
			assert.Contains(t, body, "Enter the code the TV shows", try.name)
			assert.Contains(t, body, "Signed in as Ana (a•••@example.com)", try.name)
		}
	})
}

// A phone whose session already ended, signed out of all devices from another,
// still shows Sign out until it reloads; pressing it forgets the cookie all the same.
func TestSigningOutAfterSignOutOfAllDevices(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		signInOnPage(t, c, base, "")
		_, codeForm := page(t, c, "GET", base+"/activate", nil)
		other := signedInRemote(t, base, "Living Room TV")
		_, err := other.SignOutAll(t.Context(), session.Proof{Password: demo.AnaPassword})
		require.NoError(t, err)

		resp := signOutOnPage(t, c, base, field(codeForm, "csrf"))
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		assert.Equal(t, "/activate", resp.Header.Get("Location"))
		assert.Empty(t, sessionCookie(t, c, base))
		_, body := page(t, c, "GET", base+"/activate", nil)
		assert.Contains(t, body, "Sign in to approve your TV")
	})
}

// On one phone, Ana signs out and Sam signs in, then Sam signs out and Ana signs in
// again: each time the page and the confirmation name whoever signed in last, and
// the TV joins their account.
func TestSignOutThenSignInAsAnotherAccount(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		shown := signInOnPage(t, c, base, "")
		for _, who := range []struct{ name, email, password, masked string }{
			{"Sam", demo.SamEmail, demo.SamPassword, session.MaskEmail(demo.SamEmail)},
			{"Ana", demo.AnaEmail, demo.AnaPassword, "a•••@example.com"},
		} {
			resp := signOutOnPage(t, c, base, field(shown, "csrf"))
			require.Equal(t, http.StatusSeeOther, resp.StatusCode, who.name)

			tv, auth := tvShowingCode(t, base, "Hotel TV")
			_, body := page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
			require.Contains(t, body, "Sign in to approve your TV", who.name)
			status, confirmation := page(t, c, "POST", base+"/activate/signin", url.Values{"csrf": {field(body, "csrf")},
				"code": {auth.UserCode}, "email": {who.email}, "password": {who.password}})
			require.Equal(t, http.StatusOK, status, confirmation)
			assert.Contains(t, confirmation, "Sign in Hotel TV (TV) to "+who.name+" ("+who.masked+")?")
			assert.Contains(t, confirmation, "Signed in as "+who.name+" ("+who.masked+")")

			status, shown = choose(t, c, base, confirmation, "approve")
			require.Equal(t, http.StatusOK, status, shown)
			assert.Contains(t, shown, "Signed in as "+who.name)
			require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
			acc, ok := tv.Account()
			require.True(t, ok)
			assert.Equal(t, who.name, acc.DisplayName, "the TV joins the account signed in last")
		}
	})
}
