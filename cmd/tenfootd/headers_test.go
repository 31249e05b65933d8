package main

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

// getAs serves one request for target from a browser that calls itself userAgent.
func getAs(t *testing.T, dir, target, userAgent string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Header.Set("User-Agent", userAgent)
	rec := httptest.NewRecorder()
	newServer(config{WebDir: dir}).ServeHTTP(rec, req)
	return rec.Result()
}

const (
	chrome140 = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
	webOS6    = "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.79 Safari/537.36 WebAppManager"
	tizen65   = "Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) 85.0.4183.93/6.5 TV Safari/537.36"
	firefox   = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
)

// The app's page runs only its own scripts and its WebAssembly, talks only to its
// own origin, and cannot be framed.
func TestAppPageHeaders(t *testing.T) {
	web := newWebFixture(t)
	for _, target := range []string{"/", "/index.html"} {
		resp := getAs(t, web.dir, target, chrome140)
		body(t, resp)
		h := resp.Header
		assert.Equal(t, "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; "+
			"img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'", h.Get("Content-Security-Policy"), target)
		assert.Equal(t, "DENY", h.Get("X-Frame-Options"))
		assert.Equal(t, "nosniff", h.Get("X-Content-Type-Options"))
		assert.Equal(t, "no-referrer", h.Get("Referrer-Policy"))
		assert.Equal(t, []string{"Accept-Encoding", "User-Agent"}, h.Values("Vary"))
	}
	resp := getAs(t, web.dir, "/tenfoot.wasm", chrome140)
	body(t, resp)
	assert.Empty(t, resp.Header.Get("Content-Security-Policy"), "only pages have a policy")
}

// Chromium before 97 compiles WebAssembly only where 'unsafe-eval' is allowed: the
// TVs that run it get it, and no other browser does.
func TestAppPagePolicyForOlderChromium(t *testing.T) {
	web := newWebFixture(t)
	tests := []struct {
		name, userAgent string
		unsafeEval      bool
	}{
		{"Chrome 140", chrome140, false},
		{"webOS 6, Chromium 79", webOS6, true},
		{"Firefox", firefox, false},
		{"no User-Agent", "", false},
		{"Tizen 6.5, Chromium 85 without saying Chrome", tizen65, true},
		{"headless Chromium 80", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/80.0.3987.0 Safari/537.36", true},
		{"Safari", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := getAs(t, web.dir, "/", tt.userAgent)
			body(t, resp)
			policy := resp.Header.Get("Content-Security-Policy")
			assert.Contains(t, policy, "'wasm-unsafe-eval'")
			if tt.unsafeEval {
				assert.Contains(t, policy, "script-src 'self' 'wasm-unsafe-eval' 'unsafe-eval';")
			} else {
				assert.NotContains(t, policy, "'unsafe-eval'")
			}
		})
	}
}
