package main

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"tenfoot/session"
)

// The activation page is where a person signed in on a phone or computer enters the
// code a TV shows, and what the TV's QR code opens. It keeps its own small cookie
// session: a bearer token of a session of the account, for this browser.
const (
	cookieSession = "tenfoot_session"
	cookieDevice  = "tenfoot_device"
	cookieCSRF    = "tenfoot_csrf"
	cookieLife    = 30 * 24 * time.Hour
)

type activatePage struct {
	svc     session.Service
	limiter *addressLimiter
	tmpl    *template.Template
}

type activateView struct {
	SignedIn bool
	Code     string
	CSRF     string
	Error    string
	Done     bool
}

func newActivatePage(svc session.Service, limiter *addressLimiter) *activatePage {
	return &activatePage{svc: svc, limiter: limiter, tmpl: template.Must(template.New("activate").Parse(activateHTML))}
}

func (p *activatePage) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /activate", p.show)
	mux.HandleFunc("POST /activate/signin", p.signIn)
	mux.HandleFunc("POST /activate", p.approve)
}

// render shows the page, with a CSRF token for its forms: a random value kept in a
// cookie that the form must send back (double submit), which another site cannot read.
func (p *activatePage) render(w http.ResponseWriter, r *http.Request, status int, v activateView) {
	csrf := ""
	if c, err := r.Cookie(cookieCSRF); err == nil && len(c.Value) >= 32 {
		csrf = c.Value
	} else {
		b := make([]byte, 24)
		rand.Read(b)
		csrf = base64.RawURLEncoding.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: cookieCSRF, Value: csrf, Path: "/activate", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	v.CSRF = csrf
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	p.tmpl.Execute(w, v)
}

// signedIn returns the page's session token if it is still good.
func (p *activatePage) signedIn(r *http.Request) string {
	c, err := r.Cookie(cookieSession)
	if err != nil || c.Value == "" {
		return ""
	}
	if _, err := p.svc.Check(r.Context(), c.Value); err != nil {
		return ""
	}
	return c.Value
}

func (p *activatePage) show(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	p.render(w, r, http.StatusOK, activateView{SignedIn: p.signedIn(r) != "", Code: code})
}

// checkForm parses a form post and checks its address's rate, its CSRF token and its
// origin.
func (p *activatePage) checkForm(w http.ResponseWriter, r *http.Request) bool {
	if err := p.limiter.check(r); err != nil {
		var rl *session.RateLimitError
		errors.As(err, &rl)
		w.Header().Set("Retry-After", retryAfter(rl.RetryAfter))
		p.render(w, r, http.StatusTooManyRequests, activateView{Error: pageError(err), Code: r.URL.Query().Get("code")})
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		p.render(w, r, http.StatusBadRequest, activateView{Error: "That form could not be read. Please try again."})
		return false
	}
	c, err := r.Cookie(cookieCSRF)
	sent := r.PostForm.Get("csrf")
	sameOrigin := true
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		sameOrigin = err == nil && u.Host == r.Host
	}
	if err != nil || sent == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(sent)) != 1 || !sameOrigin {
		p.render(w, r, http.StatusForbidden, activateView{Error: "This page expired. Please try again.", Code: r.PostForm.Get("code")})
		return false
	}
	return true
}

func (p *activatePage) signIn(w http.ResponseWriter, r *http.Request) {
	if !p.checkForm(w, r) {
		return
	}
	code := r.PostForm.Get("code")
	device := browserDevice(r)
	g, err := p.svc.SignIn(r.Context(), device, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		status, _ := session.ErrorStatus(err)
		p.render(w, r, status, activateView{Code: code, Error: pageError(err)})
		return
	}
	secure := r.TLS != nil
	http.SetCookie(w, &http.Cookie{Name: cookieDevice, Value: device.ID.String() + "." + device.Secret, Path: "/activate", MaxAge: int(cookieLife / time.Second), HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
	http.SetCookie(w, &http.Cookie{Name: cookieSession, Value: g.Token, Path: "/activate", MaxAge: int(cookieLife / time.Second), HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, "/activate?code="+url.QueryEscape(code), http.StatusSeeOther)
}

func (p *activatePage) approve(w http.ResponseWriter, r *http.Request) {
	if !p.checkForm(w, r) {
		return
	}
	code := r.PostForm.Get("code")
	token := p.signedIn(r)
	if token == "" {
		p.render(w, r, http.StatusUnauthorized, activateView{Code: code, Error: "Sign in first."})
		return
	}
	if err := p.svc.ApproveDeviceAuth(r.Context(), token, code); err != nil {
		status, _ := session.ErrorStatus(err)
		p.render(w, r, status, activateView{SignedIn: true, Code: code, Error: pageError(err)})
		return
	}
	p.render(w, r, http.StatusOK, activateView{SignedIn: true, Done: true})
}

// browserDevice returns the identity this browser keeps in its device cookie, its ID
// and secret, or a new one: the activation page is a device of the account too.
func browserDevice(r *http.Request) session.DeviceIdentity {
	device := session.NewDeviceIdentity(browserName(r.UserAgent()), session.DeviceKindBrowser)
	if c, err := r.Cookie(cookieDevice); err == nil {
		id, secret, _ := strings.Cut(c.Value, ".")
		if parsed, err := uuid.Parse(id); err == nil && secret != "" {
			device.ID, device.Secret = parsed, secret
		}
	}
	return device
}

// pageError says what went wrong in words for the page.
func pageError(err error) string {
	switch {
	case errors.Is(err, session.ErrWrongCredentials):
		return "That email and password do not match."
	case errors.Is(err, session.ErrInvalidUserCode):
		return "That code is not valid. Check it on the TV: it has 8 letters, such as BDFH-JKLM, and works for 10 minutes."
	case errors.Is(err, session.ErrRateLimited):
		return "Too many attempts. Wait a little and try again."
	}
	_, w := session.ErrorStatus(err)
	return w.Message
}

// browserName names the browser that signed in, for the account's device list.
func browserName(ua string) string {
	for _, b := range []string{"Edg", "Chrome", "Firefox", "Safari"} {
		if strings.Contains(ua, b+"/") {
			if b == "Edg" {
				b = "Edge"
			}
			return b + " (activation page)"
		}
	}
	return "Web browser (activation page)"
}

const activateHTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in a TV · tenfoot</title>
<style>
  body { font: 18px/1.5 system-ui, sans-serif; background: #0e1015; color: #f2f4f8; margin: 0; display: grid; place-items: center; min-height: 100vh; }
  main { width: min(26rem, 92vw); }
  h1 { font-size: 1.6rem; }
  label { display: block; margin: 1rem 0 .3rem; color: #9aa3b5; }
  input { box-sizing: border-box; width: 100%; font: inherit; padding: .7rem; border-radius: .5rem; border: 1px solid #33394a; background: #1d212b; color: inherit; }
  input[name=code] { text-transform: uppercase; letter-spacing: .2em; font-size: 1.5rem; }
  button { margin-top: 1.4rem; width: 100%; font: inherit; font-weight: 600; padding: .8rem; border: 0; border-radius: .5rem; background: #2563eb; color: #fff; }
  .error { background: #4a1d1d; padding: .7rem; border-radius: .5rem; }
</style>
</head>
<body>
<main>
{{if .Done}}
  <h1>Your TV is signing in</h1>
  <p>You can put this phone away: the TV shows Who's watching in a few seconds.</p>
{{else if .SignedIn}}
  <h1>Sign in a TV</h1>
  <p>Enter the code the TV shows.</p>
  {{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
  <form method="post" action="/activate">
    <input type="hidden" name="csrf" value="{{.CSRF}}">
    <label for="code">Code</label>
    <input id="code" name="code" value="{{.Code}}" autocomplete="one-time-code" autocapitalize="characters" required>
    <button type="submit">Sign in the TV</button>
  </form>
{{else}}
  <h1>Sign in to approve your TV</h1>
  {{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
  <form method="post" action="/activate/signin">
    <input type="hidden" name="csrf" value="{{.CSRF}}">
    <input type="hidden" name="code" value="{{.Code}}">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required>
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>
{{end}}
</main>
</body>
</html>`
