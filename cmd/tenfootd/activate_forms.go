package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"tenfoot/session"
)

// pageKeyName is the name of the secret the activation page signs its forms with,
// kept in the store so that every replica behind one address signs alike.
const pageKeyName = "activation-page"

// formGuard is how the activation page tells its own forms from forged ones, and
// how it sets its cookies.
//
// A form carries a token that is an HMAC, under a key only the service knows, of a
// random value in a cookie of this browser. Another site can make a browser post a
// form, but can read neither the cookie nor the page, and cannot work out the MAC of
// a cookie it picked itself: so, unlike a plain double-submit cookie, a cookie it
// managed to plant (from a sibling subdomain, or over plain HTTP) gets it nowhere.
// Browsers that say where a post comes from (Origin, Sec-Fetch-Site) are also held
// to it, as a second, independent check.
//
// Approving a code needs one more token: a confirmation, the HMAC of the code and
// the page's session, made when the page showed what the code would sign in. It
// keeps anyone, or any form, from approving a code that was never shown.
type formGuard struct {
	key []byte
	// origin is the public URL's origin, such as "https://tv.example", that
	// posts must come from; empty, they must come from the Host they were sent to.
	origin string
	// https says the public URL is https: cookies are then Secure even when the
	// request reaches us over plain HTTP from a proxy that ended TLS.
	https bool
}

// newFormGuard returns the guard of forms signed with key for a service people reach
// at publicURL (nil: wherever the request says).
func newFormGuard(key []byte, publicURL *url.URL) formGuard {
	g := formGuard{key: key}
	if publicURL != nil {
		g.origin = strings.ToLower(publicURL.Scheme + "://" + publicURL.Host)
		g.https = publicURL.Scheme == "https"
	}
	return g
}

// parsePublicURL reads the address people reach the service at: an absolute http or
// https URL; empty is none.
func parsePublicURL(s string) (*url.URL, error) {
	if s == "" {
		return nil, nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("-public-url must be an http:// or https:// address such as https://tv.example, not %q", s)
	}
	return u, nil
}

// Purposes keep one kind of token from passing for another.
const (
	purposeForm    = "tenfoot activation page: form"
	purposeConfirm = "tenfoot activation page: confirm"
	purposeDecided = "tenfoot activation page: decided"
)

// mac returns the HMAC-SHA256 of parts under the guard's key. Each part is preceded
// by its length, so no two lists of parts sign the same bytes.
func (g formGuard) mac(parts ...string) string {
	m := hmac.New(sha256.New, g.key)
	for _, p := range parts {
		m.Write(binary.BigEndian.AppendUint32(nil, uint32(len(p))))
		m.Write([]byte(p))
	}
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// formToken returns the token a form must carry from a browser whose form cookie
// holds cookie.
func (g formGuard) formToken(cookie string) string { return g.mac(purposeForm, cookie) }

// timed returns a token that says parts, for purpose, at the time at: at's Unix
// seconds and the HMAC of parts and them.
func (g formGuard) timed(purpose string, at time.Time, parts ...string) string {
	secs := strconv.FormatInt(at.Unix(), 10)
	return secs + "." + g.timedMAC(purpose, secs, parts)
}

// timedMAC is the MAC of a timed token: of purpose, parts and the seconds.
func (g formGuard) timedMAC(purpose, secs string, parts []string) string {
	return g.mac(append(append([]string{purpose}, parts...), secs)...)
}

// timedValid reports whether token was made by timed for purpose and parts, by this
// service (or a replica sharing its key), no longer before now than a code lives.
func (g formGuard) timedValid(token, purpose string, now time.Time, parts ...string) bool {
	secs, mac, ok := strings.Cut(token, ".")
	at, err := strconv.ParseInt(secs, 10, 64)
	if !ok || err != nil {
		return false
	}
	age := now.Sub(time.Unix(at, 0))
	return age >= -time.Minute && age <= session.DeviceAuthLifetime &&
		hmac.Equal([]byte(mac), []byte(g.timedMAC(purpose, secs, parts)))
}

// confirmToken returns the confirmation that the page, signed in with pageSession,
// showed what code would sign in at shown.
func (g formGuard) confirmToken(pageSession, code string, shown time.Time) string {
	return g.timed(purposeConfirm, shown, pageSession, code)
}

// confirmed reports whether token confirms code for pageSession at now: made by this
// service, for this code and session, no longer ago than a code lives.
func (g formGuard) confirmed(token, pageSession, code string, now time.Time) bool {
	return g.timedValid(token, purposeConfirm, now, pageSession, code)
}

// decidedToken says that the page, signed in with pageSession, decided code as
// outcome at: the value of its decided cookie.
func (g formGuard) decidedToken(pageSession, code string, outcome activateOutcome, at time.Time) string {
	o := strconv.Itoa(int(outcome))
	return o + "." + g.timed(purposeDecided, at, pageSession, code, o)
}

// decidedAs returns how token says pageSession decided code, or outcomeNone if it
// says nothing of them that this service signed within a code's life.
func (g formGuard) decidedAs(token, pageSession, code string, now time.Time) activateOutcome {
	o, rest, _ := strings.Cut(token, ".")
	n, err := strconv.Atoi(o)
	outcome := activateOutcome(n)
	if err != nil || outcome != outcomeApproved && outcome != outcomeDenied ||
		!g.timedValid(rest, purposeDecided, now, pageSession, code, o) {
		return outcomeNone
	}
	return outcome
}

var errCrossSite = errors.New("the form was posted from another site")

// checkPost checks that a form post came from the page itself: sent by this site,
// if the browser says where from, and carrying the token of this browser's form
// cookie.
func (g formGuard) checkPost(r *http.Request) error {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return errCrossSite
	}
	if o := r.Header.Get("Origin"); o != "" && !g.sameOrigin(o, r) {
		return errCrossSite
	}
	c, err := r.Cookie(g.cookieName(r, cookieForm))
	sent := r.PostForm.Get("csrf")
	if err != nil || c.Value == "" || sent == "" || !hmac.Equal([]byte(sent), []byte(g.formToken(c.Value))) {
		return errors.New("the form's token is not this browser's")
	}
	return nil
}

// sameOrigin reports whether origin, as a browser sent it, is the public URL's or,
// without one, the host the request was sent to. "null", which browsers send for
// sandboxed and privacy-sensitive contexts, is neither.
func (g formGuard) sameOrigin(origin string, r *http.Request) bool {
	if g.origin != "" {
		return strings.EqualFold(origin, g.origin)
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// secure reports whether the page's cookies should be Secure: whenever people reach
// it over https, which the public URL says even behind a proxy that ended TLS.
func (g formGuard) secure(r *http.Request) bool {
	return g.https || g.origin == "" && r.TLS != nil
}

// cookieName returns the name of the page's cookie name for r. Secure cookies take
// the __Host- prefix: the browser then keeps only cookies set by this very host,
// over https, for every path, so no other subdomain or plain-HTTP page can plant one.
func (g formGuard) cookieName(r *http.Request, name string) string {
	if g.secure(r) {
		return "__Host-" + name
	}
	return name
}

// setCookie sets one of the page's cookies, HttpOnly; maxAge 0 keeps it for the
// browser's session.
func (g formGuard) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge time.Duration, sameSite http.SameSite) {
	c := &http.Cookie{Name: g.cookieName(r, name), Value: value, Path: "/activate", MaxAge: int(maxAge / time.Second),
		HttpOnly: true, Secure: g.secure(r), SameSite: sameSite}
	if c.Secure {
		c.Path = "/" // as __Host- requires
	}
	http.SetCookie(w, c)
}

// formCookie returns this browser's form cookie, setting a new random one if it has
// none.
func (g formGuard) formCookie(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(g.cookieName(r, cookieForm)); err == nil && len(c.Value) == 43 {
		return c.Value
	}
	b := make([]byte, 32)
	rand.Read(b) // never fails: crypto/rand panics rather than return short
	v := base64.RawURLEncoding.EncodeToString(b)
	g.setCookie(w, r, cookieForm, v, 0, http.SameSiteStrictMode)
	return v
}
