package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"tenfoot/demo"
	"tenfoot/i18n"
	"tenfoot/session"
)

// phone is a browser on a phone: it keeps cookies.
func phone(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	require.NoError(t, err)
	return &http.Client{Jar: jar}
}

// page asks for an activation page as a browser would, with headers such as Origin,
// and returns its status and text.
func page(t *testing.T, c *http.Client, method, u string, form url.Values, header ...string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form.Encode()))
	require.NoError(t, err)
	if method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, html.UnescapeString(string(b))
}

// field returns the value of the page's hidden field name, "" if it has none.
func field(body, name string) string {
	m := regexp.MustCompile(`name="` + name + `" value="([^"]*)"`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// tvShowingCode opens a TV called name on the service at base that shows a code.
func tvShowingCode(t *testing.T, base, name string) (*session.Device, session.DeviceAuth) {
	t.Helper()
	tv := remoteDevice(t, base, name)
	auth, err := tv.StartCodeSignIn(t.Context())
	require.NoError(t, err)
	return tv, auth
}

// signInOnPage opens the activation link of code on c and signs in as Ana, and
// returns the page that follows.
func signInOnPage(t *testing.T, c *http.Client, base, code string) string {
	t.Helper()
	status, body := page(t, c, "GET", base+"/activate?code="+code, nil)
	require.Equal(t, http.StatusOK, status)
	require.Contains(t, body, "Sign in to approve your TV")
	status, body = page(t, c, "POST", base+"/activate/signin", url.Values{
		"csrf": {field(body, "csrf")}, "code": {code}, "email": {demo.AnaEmail}, "password": {demo.AnaPassword}})
	require.Equal(t, http.StatusOK, status, body)
	return body
}

// choose presses a button of the confirmation page: approve or deny.
func choose(t *testing.T, c *http.Client, base, confirmation, action string, header ...string) (int, string) {
	t.Helper()
	return page(t, c, "POST", base+"/activate", url.Values{"csrf": {field(confirmation, "csrf")},
		"confirm": {field(confirmation, "confirm")}, "code": {field(confirmation, "code")}, "action": {action}}, header...)
}

func TestActivatePageNamesTheTVThenSignsItIn(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		for i, tvName := range []string{"Hotel TV", "Bedroom TV"} {
			tv, auth := tvShowingCode(t, base, tvName)

			var body string
			if i == 0 {
				body = signInOnPage(t, c, base, auth.UserCode) // the QR link, then sign in
			} else {
				_, body = page(t, c, "GET", base+"/activate", nil)
				require.Contains(t, body, "Enter the code the TV shows", "signed in since the first TV")
				_, body = page(t, c, "GET", base+"/activate?code="+url.QueryEscape(strings.ToLower(auth.UserCode)), nil) // typed
			}
			assert.Contains(t, body, "Sign in "+tvName+" (TV) to Ana (a•••@example.com)?")
			assert.Contains(t, body, "This TV asked for a code")
			assert.Contains(t, body, "just now, at ")
			assert.Contains(t, body, `<div class="code" aria-label="Code `+auth.UserCode+`">`+auth.UserCode+`</div>`, "as the TV shows it")
			assert.Contains(t, body, "Check that this is the code on your TV's screen.")
			assert.Contains(t, body, ">Sign in this TV</button>")
			assert.Contains(t, body, ">Not my TV</button>")
			assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAuthorizationPending, "showing it approved nothing")

			status, body := choose(t, c, base, body, "approve")
			require.Equal(t, http.StatusOK, status, body)
			assert.Contains(t, body, "Your TV is signing in")
			require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
			acc, ok := tv.Account()
			require.True(t, ok)
			assert.Equal(t, "Ana", acc.DisplayName)
		}
	})
}

func TestNotMyTVRefusesTheCode(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Living Room TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, auth.UserCode)

		status, body := choose(t, c, base, confirmation, "deny")
		require.Equal(t, http.StatusOK, status, body)
		assert.Contains(t, body, "The TV was not signed in")
		assert.Contains(t, body, "The TV now shows that you refused.")
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAccessDenied)

		status, body = choose(t, c, base, confirmation, "approve") // the form, kept by the browser, sent again
		assert.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "The TV was not signed in", "a refused code stays refused, and the page says so")
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAccessDenied)

		other := phone(t) // another page session is told the code was refused
		_, form := page(t, other, "GET", base+"/activate?code="+auth.UserCode, nil)
		status, body = page(t, other, "POST", base+"/activate/signin", url.Values{"csrf": {field(form, "csrf")},
			"code": {auth.UserCode}, "email": {demo.AnaEmail}, "password": {demo.AnaPassword}})
		assert.Equal(t, http.StatusBadRequest, status)
		assert.Contains(t, body, "That code was refused already, so the TV was not signed in.")
	})
}

func TestApprovingNeedsTheConfirmationOfThatCode(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Hotel TV")
		other, otherAuth := tvShowingCode(t, base, "Other TV")
		c := phone(t)
		confirmation := signInOnPage(t, c, base, otherAuth.UserCode)
		csrf := field(confirmation, "csrf")

		tries := []struct {
			name string
			form url.Values
		}{
			{"no confirmation", url.Values{"csrf": {csrf}, "code": {auth.UserCode}, "action": {"approve"}}},
			{"made up", url.Values{"csrf": {csrf}, "code": {auth.UserCode}, "action": {"approve"}, "confirm": {"1700000000.forged"}}},
			{"the other TV's", url.Values{"csrf": {csrf}, "code": {auth.UserCode}, "action": {"approve"}, "confirm": {field(confirmation, "confirm")}}},
		}
		for _, try := range tries {
			status, body := page(t, c, "POST", base+"/activate", try.form)
			assert.Equal(t, http.StatusOK, status, try.name)
			assert.Contains(t, body, "Sign in Hotel TV (TV) to Ana", "%s: shows what the code signs in instead", try.name)
			assert.NotContains(t, body, "Your TV is signing in", try.name)
		}
		status, _ := page(t, c, "GET", base+"/activate?code="+auth.UserCode+"&action=approve&csrf="+csrf, nil)
		assert.Equal(t, http.StatusOK, status)
		assert.ErrorIs(t, tv.PollCodeSignIn(t.Context(), auth), session.ErrAuthorizationPending, "nothing approved it")

		// A second phone, signed in to the account too, cannot use the first one's
		// confirmation: it is bound to the page's session.
		second := phone(t)
		secondPage := signInOnPage(t, second, base, auth.UserCode)
		status, body := page(t, second, "POST", base+"/activate", url.Values{"csrf": {field(secondPage, "csrf")},
			"code": {otherAuth.UserCode}, "action": {"approve"}, "confirm": {field(confirmation, "confirm")}})
		assert.Equal(t, http.StatusOK, status)
		assert.Contains(t, body, "Sign in Other TV (TV) to Ana")
		assert.ErrorIs(t, other.PollCodeSignIn(t.Context(), otherAuth), session.ErrAuthorizationPending)
	})
}

func TestActivatePageRefusesForgedForms(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		_, body := page(t, c, "GET", base+"/activate", nil)
		csrf := field(body, "csrf")
		signIn := func(extra ...string) url.Values {
			return url.Values{"email": {demo.AnaEmail}, "password": {demo.AnaPassword}, "csrf": extra}
		}

		status, body := page(t, c, "POST", base+"/activate/signin", signIn())
		assert.Equal(t, http.StatusForbidden, status, "no token")
		assert.Contains(t, body, "This page expired")
		status, _ = page(t, c, "POST", base+"/activate/signin", signIn("forged"+csrf))
		assert.Equal(t, http.StatusForbidden, status, "a token that is not this browser's")

		// Another site cannot read our cookie, but may have planted one: a value it
		// chose, sent with the same value as the token, as a plain double-submit
		// check would accept. No Origin header, as older browsers send none.
		chosen := strings.Repeat("A", 43)
		status, _ = page(t, http.DefaultClient, "POST", base+"/activate/signin", signIn(chosen), "Cookie", cookieForm+"="+chosen)
		assert.Equal(t, http.StatusForbidden, status, "a cookie and token the attacker chose")

		crossSite := [][]string{
			{"Origin", "https://evil.example"},
			{"Origin", "null"},
			{"Origin", "http://" + strings.TrimPrefix(base, "http://") + ".evil.example"},
			{"Sec-Fetch-Site", "cross-site"},
			{"Sec-Fetch-Site", "same-site"},
		}
		for _, h := range crossSite {
			status, body := page(t, c, "POST", base+"/activate/signin", signIn(csrf), h...)
			assert.Equal(t, http.StatusForbidden, status, "%s: %s", h[0], h[1])
			assert.Contains(t, body, "This page expired")
		}

		status, body = page(t, c, "POST", base+"/activate", url.Values{"csrf": {csrf}, "code": {"BDFH-JKLM"}, "action": {"approve"}},
			"Origin", base, "Sec-Fetch-Site", "same-origin")
		assert.Equal(t, http.StatusUnauthorized, status, "the same site's post is let through, and approving needs a signed-in page")
		assert.Contains(t, body, "Sign in first.")
	})
}

func TestActivatePageIsRateLimitedPerAddress(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServerLimited(t, db, 3)
		c := phone(t)
		_, body := page(t, c, "GET", base+"/activate", nil)
		form := url.Values{"csrf": {field(body, "csrf")}, "email": {demo.AnaEmail}, "password": {"guess"}}
		for i := 0; i < 3; i++ {
			status, _ := page(t, c, "POST", base+"/activate/signin", form)
			assert.Equal(t, http.StatusUnauthorized, status)
		}
		status, body := page(t, c, "POST", base+"/activate/signin", form)
		assert.Equal(t, http.StatusTooManyRequests, status, "a fourth guess from the same address")
		assert.Contains(t, body, "Too many attempts")
	})
}

func TestLookingCodesUpOnThePageCountsAsGuessing(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		_, auth := tvShowingCode(t, base, "Hotel TV")
		c := phone(t)
		signInOnPage(t, c, base, "")
		for _, guess := range []string{"BBBB-BBBB", "BBBB-BBBC", "BBBB-BBBD", "BBBB-BBBF", "BBBB-BBBG"} {
			status, body := page(t, c, "GET", base+"/activate?code="+guess, nil)
			assert.Equal(t, http.StatusBadRequest, status)
			assert.Contains(t, body, "That code is not valid.")
		}
		status, body := page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil)
		assert.Equal(t, http.StatusTooManyRequests, status, "even the right code waits after five wrong ones")
		assert.Contains(t, body, "Too many attempts")
		assert.NotContains(t, body, "Hotel TV")
	})
}

// TestLinksFromAnotherSiteLookNoCodeUp: another site sends Ana's browser, signed
// in to the activation page, to six links with made-up codes. None is looked up,
// so none counts as a guess: each shows the code filled in, to check and send from
// the page, and Ana then approves her own TV's code at once. Before, five such
// links made her wait, up to 15 minutes as they went on.
func TestLinksFromAnotherSiteLookNoCodeUp(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		tv, auth := tvShowingCode(t, base, "Living Room TV")
		c := phone(t)
		signInOnPage(t, c, base, "")
		for _, guess := range []string{"BBBB-BBBB", "BBBB-BBBC", "BBBB-BBBD", "BBBB-BBBF", "BBBB-BBBG", "BBBB-BBBH"} {
			status, body := page(t, c, "GET", base+"/activate?code="+guess, nil, "Sec-Fetch-Site", "cross-site")
			assert.Equal(t, http.StatusOK, status)
			assert.Contains(t, body, `value="`+guess+`"`, "the code filled in")
			assert.NotContains(t, body, "That code is not valid.", "and not looked up")
		}
		status, body := page(t, c, "GET", base+"/activate?code="+auth.UserCode, nil, "Sec-Fetch-Site", "none")
		require.Equal(t, http.StatusOK, status, "a QR code scanned by the camera is looked up")
		require.Contains(t, body, "Living Room TV")
		status, _ = choose(t, c, base, body, "approve")
		require.Equal(t, http.StatusOK, status)
		require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
	})
}

// securePhone is a phone behind a proxy that ends TLS: the proxy sends its cookies on
// over plain HTTP, which a cookie jar would not do for Secure cookies.
type securePhone struct {
	t       *testing.T
	base    string
	cookies map[string]*http.Cookie
}

func (p *securePhone) do(method, path string, form url.Values) (*http.Response, string) {
	p.t.Helper()
	req, err := http.NewRequest(method, p.base+path, strings.NewReader(form.Encode()))
	require.NoError(p.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://tv.example")
	for _, c := range p.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	require.NoError(p.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(p.t, err)
	for _, c := range resp.Cookies() {
		p.cookies[c.Name] = c
	}
	return resp, string(b)
}

func TestCookiesAreSecureWithAnHTTPSPublicURL(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		public, err := parsePublicURL("https://tv.example/")
		require.NoError(t, err)
		srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: demoService(t, db), PublicURL: public}))
		t.Cleanup(srv.Close)
		p := &securePhone{t: t, base: srv.URL, cookies: map[string]*http.Cookie{}}

		_, body := p.do("GET", "/activate", nil)
		resp, _ := p.do("POST", "/activate/signin", url.Values{"csrf": {field(body, "csrf")},
			"email": {demo.AnaEmail}, "password": {demo.AnaPassword}})
		require.Equal(t, http.StatusSeeOther, resp.StatusCode)
		for _, name := range []string{"__Host-" + cookieForm, "__Host-" + cookieSession, "__Host-" + cookieDevice} {
			c := p.cookies[name]
			require.NotNil(t, c, name)
			assert.True(t, c.Secure, "%s is Secure though the request came over plain HTTP", name)
			assert.True(t, c.HttpOnly, name)
			assert.Equal(t, "/", c.Path, "%s: __Host- cookies are for the whole host", name)
			assert.Empty(t, c.Domain, name)
		}
		assert.Equal(t, http.SameSiteStrictMode, p.cookies["__Host-"+cookieForm].SameSite)

		resp, body = p.do("GET", "/activate", nil)
		assert.Contains(t, body, "Enter the code the TV shows", "signed in with the __Host- session cookie")
		req, err := http.NewRequest("POST", srv.URL+"/activate/signin", strings.NewReader(url.Values{"csrf": {field(body, "csrf")}}.Encode()))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		for _, c := range p.cookies {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
		resp, err = http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusForbidden, resp.StatusCode, "posts come from the public URL's origin, not whatever Host was asked")
	})
}

func TestCookiesAreNotSecureOverPlainHTTP(t *testing.T) {
	base, _ := apiServer(t, sqliteDB)
	resp, err := http.Get(base + "/activate")
	require.NoError(t, err)
	resp.Body.Close()
	require.Len(t, resp.Cookies(), 1)
	c := resp.Cookies()[0]
	assert.Equal(t, cookieForm, c.Name, "no __Host- prefix, which browsers take only over https")
	assert.False(t, c.Secure, "a Secure cookie would never come back over plain HTTP")
	assert.Equal(t, "/activate", c.Path)
}

func TestPublicURLMustBeHTTP(t *testing.T) {
	for _, bad := range []string{"tv.example", "ftp://tv.example", "https://", "://"} {
		err := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-public-url", bad}, func(string) string { return "" }, io.Discard, io.Discard)
		assert.ErrorContains(t, err, "-public-url must be an http:// or https:// address", bad)
	}
}

// Replicas behind one balancer serve the same page: a form one rendered may be
// posted to another, which must accept its tokens. Replicas share PostgreSQL; on
// SQLite one tenfootd serves a data folder.
func TestFormsOfOneReplicaWorkOnAnother(t *testing.T) {
	db := postgresDB
	ctx, stop := context.WithCancel(t.Context())
	t.Cleanup(stop)
	flags := append([]string{"-addr", "127.0.0.1:0"}, db.flags(db.place(t, t.TempDir()))...)
	first, _ := startTenfootd(t, ctx, flags...)
	second, _ := startTenfootd(t, ctx, flags...)
	tv, auth := tvShowingCode(t, first, "Hotel TV")

	c := phone(t) // one jar for both: cookies do not care about ports
	_, body := page(t, c, "GET", first+"/activate?code="+auth.UserCode, nil)
	status, body := page(t, c, "POST", second+"/activate/signin", url.Values{"csrf": {field(body, "csrf")},
		"code": {auth.UserCode}, "email": {demo.AnaEmail}, "password": {demo.AnaPassword}})
	require.Equal(t, http.StatusOK, status, "the first replica's form token, on the second: %s", body)
	require.Contains(t, body, "Sign in Hotel TV (TV) to Ana", "confirmed by the second replica")

	status, body = choose(t, c, first, body, "approve")
	require.Equal(t, http.StatusOK, status, "the second replica's confirmation, on the first: %s", body)
	assert.Contains(t, body, "Your TV is signing in")
	require.NoError(t, tv.PollCodeSignIn(t.Context(), auth))
}

// The activation page speaks the phone's language, as its browser's Accept-Language
// asks: the code's confirmation in German, Arabic (right to left, the email
// isolated in the sentence) and Japanese, and English for a language it does not
// speak.
func TestActivatePageFollowsAcceptLanguage(t *testing.T) {
	eachDatabase(t, func(t *testing.T, db database) {
		base, _ := apiServer(t, db)
		c := phone(t)
		_, auth := tvShowingCode(t, base, "Hotel TV")
		signInOnPage(t, c, base, auth.UserCode)
		link := base + "/activate?code=" + url.QueryEscape(auth.UserCode)
		for _, tt := range []struct {
			accept string
			want   []string
		}{
			{"de-AT,de;q=0.9,en;q=0.5", []string{`<html lang="de" dir="ltr">`, "Hotel TV (Fernseher) bei Ana (a•••@example.com) anmelden?", ">Diesen Fernseher anmelden</button>", ">Nicht mein Fernseher</button>"}},
			{"ar-EG,ar;q=0.9", []string{`<html lang="ar" dir="rtl">`, "هل تريد تسجيل دخول \u2068Hotel TV\u2069 (تلفاز) إلى حساب \u2068Ana\u2069 (\u2068a•••@example.com\u2069)؟", ">تسجيل دخول هذا التلفاز</button>"}},
			{"ja", []string{`<html lang="ja" dir="ltr">`, "Hotel TV（テレビ）をAna（a•••@example.com）にログインさせますか？", ">自分のテレビではない</button>"}},
			{"fr-FR,fr;q=0.9", []string{`<html lang="en" dir="ltr">`, "Sign in Hotel TV (TV) to Ana (a•••@example.com)?"}},
		} {
			status, body := page(t, c, "GET", link, nil, "Accept-Language", tt.accept)
			require.Equal(t, http.StatusOK, status, body)
			for _, w := range tt.want {
				assert.Contains(t, body, w, tt.accept)
			}
		}
		status, body := page(t, c, "GET", base+"/activate?code=NOPE-NOPE", nil, "Accept-Language", "de")
		assert.NotEqual(t, http.StatusOK, status)
		assert.Contains(t, body, "Dieser Code ist ungültig.", "errors too")
	})
}

// troubledService is the demo service whose code look-ups fail with err once the
// phone has signed in, as they do when the database is down.
type troubledService struct {
	*session.Embedded
	err *atomic.Value // of errBox
}

type errBox struct{ err error }

func (s troubledService) DescribeDeviceAuth(ctx context.Context, token, code string) (session.PendingDeviceAuth, error) {
	if e, _ := s.err.Load().(errBox); e.err != nil {
		return session.PendingDeviceAuth{}, e.err
	}
	return s.Embedded.DescribeDeviceAuth(ctx, token, code)
}

// When the service fails, the activation page says so in its own language, in its
// own words: "briefly unavailable" while the database is down, a plain "something
// went wrong" otherwise. The service's English, and what it says of its insides,
// never reach the page.
func TestActivatePageSaysTheServicesTroubleInItsLanguage(t *testing.T) {
	svc := troubledService{demoService(t, sqliteDB), new(atomic.Value)}
	srv := httptest.NewServer(newServer(config{WebDir: t.TempDir(), Service: svc}))
	t.Cleanup(srv.Close)
	c := phone(t)
	_, auth := tvShowingCode(t, srv.URL, "Hotel TV")
	signInOnPage(t, c, srv.URL, auth.UserCode)
	link := srv.URL + "/activate?code=" + url.QueryEscape(auth.UserCode)
	for _, tt := range []struct {
		name   string
		err    error
		status int
		says   i18n.Key
	}{
		{"unavailable", &session.UnavailableError{RetryAfter: 5 * time.Second}, http.StatusServiceUnavailable, pgErrUnavailable},
		{"failed", errors.New("pq: connection reset by peer at 10.0.0.3:5432"), http.StatusInternalServerError, pgErrFailed},
		{"named", fmt.Errorf("%w: device code 3f2a… was decided at 12:00", session.ErrAccessDenied), http.StatusBadRequest, pgErrFailed},
	} {
		svc.err.Store(errBox{tt.err})
		_, wire := session.ErrorStatus(tt.err)
		for _, lang := range i18n.Langs {
			status, body := page(t, c, "GET", link, nil, "Accept-Language", lang.Tag())
			assert.Equal(t, tt.status, status, "%s in %s", tt.name, lang.Tag())
			says := pageMessages.Format(lang, tt.says)
			if lang != i18n.English {
				assert.NotEqual(t, pageMessages.Format(i18n.English, tt.says), says, "%s has words in %s", tt.says, lang.Tag())
			}
			assert.Contains(t, body, `<p class="error" role="alert">`+says+`</p>`, "%s in %s", tt.name, lang.Tag())
			assert.NotContains(t, body, wire.Message, "%s in %s: the service's words", tt.name, lang.Tag())
			assert.NotContains(t, body, tt.err.Error(), "%s in %s", tt.name, lang.Tag())
		}
	}
	svc.err.Store(errBox{})
	status, body := page(t, c, "GET", link, nil, "Accept-Language", "de")
	assert.Equal(t, http.StatusOK, status, "once the service is back, the code is there")
	assert.Contains(t, body, "Hotel TV (Fernseher)")
}
