package main

import (
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/uuid"

	"tenfoot/i18n"
	"tenfoot/session"
)

// The activation page is where a person signed in on a phone or computer enters the
// code a TV shows, and what the TV's QR code opens. It keeps its own small cookie
// session: a bearer token of a session of the account, for this browser.
//
// Approving takes two steps. The code, typed or from the QR link, first shows what it
// would sign in: the TV's name and kind, when it asked, the account it would join, and
// the code in large letters to check against the TV's screen (RFC 8628 §5.4: a code
// sent by a stranger is how remote phishing works). Only a post from that page, with
// its confirmation, approves or refuses; showing it changes nothing but the count of
// wrong codes.
const (
	cookieSession = "tenfoot_session"
	cookieDevice  = "tenfoot_device"
	cookieForm    = "tenfoot_csrf"
	// cookieDecided remembers the code this page session last approved or
	// refused, and how, for as long as a code lives (formGuard.decidedToken).
	cookieDecided = "tenfoot_decided"
	cookieLife    = 30 * 24 * time.Hour
)

type activatePage struct {
	svc     session.Service
	limiter *addressLimiter
	forms   formGuard
	tmpl    *template.Template
}

// activateView is what the page shows: the sign-in form, the code form, the
// confirmation of a code (Pending set), or how it ended (Done).
type activateView struct {
	SignedIn bool
	Code     string
	CSRF     string
	Error    string
	Pending  *pendingView
	Done     activateOutcome
	// Account is who the page is signed in as, shown with its Sign out button;
	// render sets it whenever SignedIn.
	Account *signedInAccount
	// W says the page in the browser's language; render sets it, and says Error,
	// a message key or the service's own words, in it.
	W pageWords
}

// activateOutcome is how a confirmed code ended.
type activateOutcome int

const (
	outcomeNone activateOutcome = iota
	outcomeApproved
	outcomeDenied
)

// Approved and Denied say how it ended, for the template.
func (o activateOutcome) Approved() bool { return o == outcomeApproved }
func (o activateOutcome) Denied() bool   { return o == outcomeDenied }

// pendingView is a code waiting for approval, in the words the page shows.
type pendingView struct {
	session.PendingDeviceAuth
	Kind        string // the device's kind in words, such as "TV"
	MaskedEmail string
	AskedAgo    string // such as "2 minutes ago"
	AskedAt     string // such as "21:03 UTC"
	Confirm     string // the confirmation token the approve form carries
}

func newActivatePage(svc session.Service, limiter *addressLimiter, forms formGuard) *activatePage {
	return &activatePage{svc: svc, limiter: limiter, forms: forms, tmpl: template.Must(template.New("activate").Parse(activateHTML))}
}

func (p *activatePage) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /activate", p.show)
	mux.HandleFunc("POST /activate/signin", p.signIn)
	mux.HandleFunc("POST /activate", p.decide)
	mux.HandleFunc("POST /activate/signout", p.signOut)
}

// render shows the page, with the token its forms must carry.
func (p *activatePage) render(w http.ResponseWriter, r *http.Request, status int, v activateView) {
	v.CSRF = p.forms.formToken(p.forms.formCookie(w, r))
	v.W = wordsFor(r)
	if v.SignedIn {
		v.Account = p.signedInAs(r)
	}
	if v.Error != "" {
		v.Error = v.W.T(v.Error)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", v.W.Tag())
	h.Add("Vary", "Accept-Language")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Frame-Options", "DENY")
	// The address may hold a code: no other site is told it. "no-referrer" would
	// also make browsers send "Origin: null" with the page's own forms.
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	p.tmpl.Execute(w, v)
}

// pageSession returns the page's session token and what the service says of it,
// or false if the page is not signed in, or no longer.
func (p *activatePage) pageSession(r *http.Request) (string, session.Grant, bool) {
	c, err := r.Cookie(p.forms.cookieName(r, cookieSession))
	if err != nil || c.Value == "" {
		return "", session.Grant{}, false
	}
	g, err := p.svc.Check(r.Context(), c.Value)
	return c.Value, g, err == nil
}

// signedIn returns the page's session token if it is still good.
func (p *activatePage) signedIn(r *http.Request) string {
	if token, _, ok := p.pageSession(r); ok {
		return token
	}
	return ""
}

// signedInAccount is the account the page is signed in as, in the words it shows:
// "Ana" and "a•••@example.com". A phone may be a friend's or a hotel's: the full
// address is not the page's to show to whoever holds it next.
type signedInAccount struct {
	Name        string
	MaskedEmail string
}

// signedInAs returns who the page's session is signed in as, nil if it is no longer
// signed in.
func (p *activatePage) signedInAs(r *http.Request) *signedInAccount {
	_, g, ok := p.pageSession(r)
	if !ok {
		return nil
	}
	return &signedInAccount{Name: g.Account.DisplayName, MaskedEmail: session.MaskEmail(g.Account.Email)}
}

// signOut signs the page's session out at the service, as any device signs out, so
// its token is refused from then on, and forgets its cookie: whoever uses this
// browser next can neither approve a TV into the account nor find its token. It then
// shows the sign-in form (Post/Redirect/Get), where another account can sign in.
//
// It takes the page's form token, as the page's other forms do, but counts against
// no rate: it takes neither a password nor a code, and a person who made too many
// guesses must still be able to sign out of a phone that is not theirs. A session
// that already ended (signed out of all devices elsewhere) is signed out all the
// same. If the service cannot sign it out, the page stays signed in and says so,
// for the person to try again rather than leave a session behind them.
func (p *activatePage) signOut(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		p.render(w, r, http.StatusBadRequest, activateView{SignedIn: p.signedIn(r) != "", Error: string(pgErrForm)})
		return
	}
	if err := p.forms.checkPost(r); err != nil {
		p.render(w, r, http.StatusForbidden, activateView{SignedIn: p.signedIn(r) != "", Error: string(pgErrExpired)})
		return
	}
	if c, err := r.Cookie(p.forms.cookieName(r, cookieSession)); err == nil && c.Value != "" {
		if err := p.svc.SignOut(r.Context(), c.Value); err != nil {
			p.fail(w, r, "", err)
			return
		}
	}
	p.forms.setCookie(w, r, cookieSession, "", -time.Second, http.SameSiteLaxMode)
	http.Redirect(w, r, "/activate", http.StatusSeeOther)
}

// show shows the sign-in form, the code form or, given a code, what it would sign in.
// It never approves: a link can be opened by anyone and anything. A link from
// another site does not even look its code up, which counts as a guess: five such
// links would make the person wait to approve their own TV. It fills the code in,
// for the person to check and send from this page.
func (p *activatePage) show(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("code")
	token := p.signedIn(r)
	switch {
	case token == "" || code == "" || fromAnotherSite(r):
		p.render(w, r, http.StatusOK, activateView{SignedIn: token != "", Code: code})
	case p.decided(r, token, code) != outcomeNone:
		// Back, or a reload, after approving: how it ended, not a look-up that
		// finds the code used and counts it as a wrong guess.
		p.render(w, r, http.StatusOK, activateView{SignedIn: true, Done: p.decided(r, token, code)})
	case p.allowed(w, r, code):
		p.confirm(w, r, token, code)
	}
}

// decided returns how this page session decided code, as its decided cookie says,
// or outcomeNone.
func (p *activatePage) decided(r *http.Request, pageSession, code string) activateOutcome {
	c, err := r.Cookie(p.forms.cookieName(r, cookieDecided))
	normal, nerr := session.NormalizeUserCode(code)
	if err != nil || nerr != nil {
		return outcomeNone
	}
	return p.forms.decidedAs(c.Value, pageSession, normal, time.Now())
}

// fromAnotherSite reports whether the browser says another site sent the request.
// A QR code scanned by a phone's camera, an address typed or a bookmark is "none";
// the page's own form is "same-origin"; a browser that says nothing is believed.
func fromAnotherSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return true
	}
	return false
}

// confirm shows what code would sign in, with the confirmation that lets the person
// approve or refuse it. Looking a code up counts as a guess, as approving one does.
func (p *activatePage) confirm(w http.ResponseWriter, r *http.Request, token, code string) {
	pending, err := p.svc.DescribeDeviceAuth(r.Context(), token, code)
	if err != nil {
		p.fail(w, r, code, err)
		return
	}
	if outcome := decidedOutcome[pending.Decided]; outcome != outcomeNone {
		// Decided by this page's session already, though the page was not
		// told: its answer was lost (a 503 as PostgreSQL restarted), or another
		// tab decided it. How it ended, not a form to decide it again.
		p.render(w, r, http.StatusOK, activateView{SignedIn: true, Done: outcome})
		return
	}
	now, words := time.Now(), wordsFor(r)
	kind, ok := kindWords[pending.Device.Kind]
	if !ok {
		kind = pgKindUnknownKey
	}
	p.render(w, r, http.StatusOK, activateView{SignedIn: true, Code: pending.UserCode, Pending: &pendingView{
		PendingDeviceAuth: pending,
		Kind:              words.T(string(kind)),
		MaskedEmail:       session.MaskEmail(pending.Account.Email),
		AskedAgo:          words.askedAgo(now.Sub(pending.Requested)),
		AskedAt:           pending.Requested.UTC().Format("15:04 UTC"),
		Confirm:           p.forms.confirmToken(token, pending.UserCode, now),
	}})
}

// decidedOutcome is the outcome the page shows for each PendingDeviceAuth.Decided.
var decidedOutcome = map[string]activateOutcome{
	session.DecisionApproved: outcomeApproved,
	session.DecisionDenied:   outcomeDenied,
}

// fail shows the code form again with what went wrong with code.
func (p *activatePage) fail(w http.ResponseWriter, r *http.Request, code string, err error) {
	status, _ := session.ErrorStatus(err)
	var rl *session.RateLimitError
	if errors.As(err, &rl) {
		w.Header().Set("Retry-After", retryAfter(rl.RetryAfter))
	}
	p.render(w, r, status, activateView{SignedIn: true, Code: code, Error: pageError(err)})
}

// allowed counts a request that takes a password or a code against its address's
// rate, and shows the page saying so if it is one too many.
func (p *activatePage) allowed(w http.ResponseWriter, r *http.Request, code string) bool {
	err := p.limiter.check(r)
	if err != nil {
		var rl *session.RateLimitError
		errors.As(err, &rl)
		w.Header().Set("Retry-After", retryAfter(rl.RetryAfter))
		// A page signed in stays so: it must not ask for a password that would be
		// one attempt more.
		p.render(w, r, http.StatusTooManyRequests, activateView{SignedIn: p.signedIn(r) != "", Error: pageError(err), Code: code})
	}
	return err == nil
}

// checkForm parses a form post and checks its address's rate, that it came from this
// page (formGuard.checkPost) and, if not, shows the page saying it expired.
func (p *activatePage) checkForm(w http.ResponseWriter, r *http.Request) bool {
	if !p.allowed(w, r, r.URL.Query().Get("code")) {
		return false
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		p.render(w, r, http.StatusBadRequest, activateView{Error: string(pgErrForm)})
		return false
	}
	if err := p.forms.checkPost(r); err != nil {
		// The form cookie lasts as long as the browser, the session for weeks: a
		// browser restarted with the page open is still signed in.
		p.render(w, r, http.StatusForbidden, activateView{SignedIn: p.signedIn(r) != "", Error: string(pgErrExpired),
			Code: r.PostForm.Get("code")})
		return false
	}
	return true
}

func (p *activatePage) signIn(w http.ResponseWriter, r *http.Request) {
	if !p.checkForm(w, r) {
		return
	}
	code := r.PostForm.Get("code")
	next := "/activate"
	if code != "" {
		next += "?code=" + url.QueryEscape(code)
	}
	// Signed in to that account already, in another tab: a second session of this
	// browser would end the first, and withdraw what it approved a moment ago.
	if _, g, ok := p.pageSession(r); ok && strings.EqualFold(g.Account.Email, strings.TrimSpace(r.PostForm.Get("email"))) {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	device := browserDevice(r, p.forms.cookieName(r, cookieDevice))
	g, err := p.svc.SignIn(r.Context(), device, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		status, _ := session.ErrorStatus(err)
		p.render(w, r, status, activateView{Code: code, Error: pageError(err)})
		return
	}
	p.forms.setCookie(w, r, cookieDevice, device.ID.String()+"."+device.Secret, cookieLife, http.SameSiteLaxMode)
	p.forms.setCookie(w, r, cookieSession, g.Token, cookieLife, http.SameSiteLaxMode)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// decide approves or refuses the code the confirmation showed. A post without a
// valid confirmation, for this code and this page's session, shows the confirmation
// instead: nothing is approved that the person was not shown.
func (p *activatePage) decide(w http.ResponseWriter, r *http.Request) {
	if !p.checkForm(w, r) {
		return
	}
	code := r.PostForm.Get("code")
	token := p.signedIn(r)
	if token == "" {
		p.render(w, r, http.StatusUnauthorized, activateView{Code: code, Error: string(pgErrSignIn)})
		return
	}
	normal, err := session.NormalizeUserCode(code)
	if err == nil && p.decided(r, token, normal) != outcomeNone {
		// The decision sent again, from a form the browser kept: it was made.
		http.Redirect(w, r, "/activate?code="+url.QueryEscape(normal), http.StatusSeeOther)
		return
	}
	if err != nil || !p.forms.confirmed(r.PostForm.Get("confirm"), token, normal, time.Now()) {
		p.confirm(w, r, token, code)
		return
	}
	var outcome activateOutcome
	switch r.PostForm.Get("action") {
	case "approve":
		outcome, err = outcomeApproved, p.svc.ApproveDeviceAuth(r.Context(), token, normal)
	case "deny":
		outcome, err = outcomeDenied, p.svc.DenyDeviceAuth(r.Context(), token, normal)
	default:
		p.confirm(w, r, token, code)
		return
	}
	if err != nil {
		p.fail(w, r, code, err)
		return
	}
	// Post, then redirect: Back and reload show how it ended (show, decided), and
	// never post the decision again.
	p.forms.setCookie(w, r, cookieDecided, p.forms.decidedToken(token, normal, outcome, time.Now()), session.DeviceAuthLifetime,
		http.SameSiteLaxMode)
	http.Redirect(w, r, "/activate?code="+url.QueryEscape(normal), http.StatusSeeOther)
}

// browserDevice returns the identity this browser keeps in its device cookie, its ID
// and secret, or a new one: the activation page is a device of the account too.
func browserDevice(r *http.Request, cookie string) session.DeviceIdentity {
	device := session.NewDeviceIdentity(browserName(r.UserAgent()), session.DeviceKindBrowser)
	if c, err := r.Cookie(cookie); err == nil {
		id, secret, _ := strings.Cut(c.Value, ".")
		if parsed, err := uuid.Parse(id); err == nil && secret != "" {
			device.ID, device.Secret = parsed, secret
		}
	}
	return device
}

// pageError says what went wrong for the page, always in a message of its own,
// which render says in the page's language: the service's words are English and
// written for developers.
func pageError(err error) string {
	switch {
	case errors.Is(err, session.ErrWrongCredentials):
		return string(pgErrWrong)
	case errors.Is(err, session.ErrUserCodeExpired):
		return string(pgErrCodeExpired)
	case errors.Is(err, session.ErrUserCodeApproved):
		return string(pgErrCodeApproved)
	case errors.Is(err, session.ErrUserCodeRefused):
		return string(pgErrCodeRefused)
	case errors.Is(err, session.ErrInvalidUserCode):
		return string(pgErrCode)
	case errors.Is(err, session.ErrRateLimited):
		return string(pgErrTooMany)
	case errors.Is(err, session.ErrUnavailable):
		return string(pgErrUnavailable)
	}
	return string(pgErrFailed)
}

// kindWords names each kind of device as the page says it.
var kindWords = map[session.DeviceKind]i18n.Key{
	session.DeviceKindTV:      pgKindTV,
	session.DeviceKindConsole: pgKindConsole,
	session.DeviceKindStick:   pgKindStick,
	session.DeviceKindBrowser: pgKindBrowser,
	session.DeviceKindPhone:   pgKindPhone,
	session.DeviceKindKiosk:   pgKindKiosk,
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
