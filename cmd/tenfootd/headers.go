package main

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// appPagePolicy is the Content-Security-Policy of the app's page. The page keeps the
// device's token in localStorage, where any script running in it could read it; the
// policy makes sure that the only scripts that run are the two files served next to
// it. Each directive is as strict as the page allows:
//   - default-src 'none': nothing not named below (no plugins, fonts, media, workers,
//     manifests or frames);
//   - script-src 'self' 'wasm-unsafe-eval': wasm_exec.js and loader.js, and the
//     compiling of tenfoot.wasm; no inline script, no eval;
//   - style-src 'self': tenfoot.css; the app sets styles through the DOM, which the
//     policy allows, and never writes style attributes or elements;
//   - connect-src 'self': the .wasm, kiosk.json and the API, all on this origin, so a
//     script that got in anyway could not fetch the token to another site (it could
//     still navigate away with it: the policy is a second line, keeping scripts out
//     is the first);
//   - img-src data: the empty icon that keeps browsers from asking for favicon.ico;
//   - base-uri 'none' and form-action 'none': the page has no <base> and no form, so
//     injected ones can redirect nothing;
//   - frame-ancestors 'none': no other site may frame the app and trick a click on
//     "Sign out of all devices" or on an approval.
var appPagePolicy = strings.Join([]string{
	"default-src 'none'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"style-src 'self'",
	"connect-src 'self'",
	"img-src data:",
	"base-uri 'none'",
	"form-action 'none'",
	"frame-ancestors 'none'",
}, "; ")

// legacyAppPagePolicy is appPagePolicy for Chromium before version 97, which does not
// know 'wasm-unsafe-eval' and compiles WebAssembly only where 'unsafe-eval' is
// allowed. The TVs of recent years run such browsers (webOS 6 has Chromium 79, Tizen
// 6.5 Chromium 85); without it, the app would not start on them at all.
var legacyAppPagePolicy = strings.Replace(appPagePolicy, "'wasm-unsafe-eval'", "'wasm-unsafe-eval' 'unsafe-eval'", 1)

// chromeVersion finds the major version of Chromium in a User-Agent: after
// "Chrome/" for Chrome and the browsers built on it, webOS's and headless Chromium's
// ("HeadlessChrome/") among them, and as a bare version after "like Gecko) " for
// Samsung's Tizen TVs, which do not say "Chrome".
var chromeVersion = regexp.MustCompile(`(?:Chrome/|like Gecko\) )(\d+)\.\d+\.\d+\.\d+`)

// setPageHeaders sets the security headers of an HTML page of the browser build for
// a browser that sent userAgent.
func setPageHeaders(h http.Header, userAgent string) {
	policy := appPagePolicy
	if m := chromeVersion.FindStringSubmatch(userAgent); m != nil {
		if v, err := strconv.Atoi(m[1]); err == nil && v < 97 {
			policy = legacyAppPagePolicy
		}
	}
	h.Set("Content-Security-Policy", policy)
	h.Add("Vary", "User-Agent") // the policy depends on it
	// For browsers older than frame-ancestors.
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	// The page links nowhere; whatever it loads needs no address of it.
	h.Set("Referrer-Policy", "no-referrer")
}
