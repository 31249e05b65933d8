package wasm

import (
	"strings"
	"unicode/utf8"

	"tenfoot/session"
)

// BrowserReport is what a browser says about itself: navigator.userAgent, and where
// the browser has it (Chromium's navigator.userAgentData), its brands and platform.
type BrowserReport struct {
	UserAgent string
	Brands    []string // such as "Google Chrome", "Chromium", "Not)A;Brand"
	Platform  string   // such as "Linux", "macOS", "Android"
}

// DeviceInfo names the browser's device so that a person can tell it from the other
// browsers of their account in a device list: by browser and system, as the browser
// reports them ("Chrome on Linux", "Safari on iPhone"), or, on a TV's own browser, by
// the TV ("Samsung TV browser", which is a TV). A browser that says too little, or
// something no device name may hold, is a "Web browser".
func (r BrowserReport) DeviceInfo() session.DeviceInfo {
	generic := session.DeviceInfo{Name: "Web browser", Kind: session.DeviceKindBrowser}
	info := generic
	if tv := r.tv(); tv != "" {
		info = session.DeviceInfo{Name: tv, Kind: session.DeviceKindTV}
	} else {
		browser, system := r.browser(), r.system()
		switch {
		case browser != "" && system != "":
			info.Name = browser + " on " + system
		case browser != "":
			info.Name = browser
		case system != "":
			info.Name = "Web browser on " + system
		}
	}
	name, err := session.CleanName(session.FieldDeviceName, info.Name)
	if err != nil {
		return generic
	}
	info.Name = name
	return info
}

// tv names the TV platforms whose browsers run the app, from their user agents.
func (r BrowserReport) tv() string {
	ua := r.UserAgent
	switch {
	case strings.Contains(ua, "Tizen"):
		return "Samsung TV browser"
	case strings.Contains(ua, "Web0S"), strings.Contains(ua, "webOS"):
		return "LG TV browser"
	case strings.Contains(ua, "AFT") && strings.Contains(ua, "Android"):
		return "Fire TV browser" // Amazon's Fire TV models are named AFT…
	case strings.Contains(ua, "Android TV"), strings.Contains(ua, "GoogleTV"), strings.Contains(ua, "BRAVIA"):
		return "Android TV browser"
	}
	return ""
}

// browser names the browser: from its brands where it reports them, which is exact,
// else from the user agent, whose tokens are checked from the most specific on,
// since almost every browser claims to be Safari and most to be Chrome.
func (r BrowserReport) browser() string {
	named := map[string]string{"Google Chrome": "Chrome", "Microsoft Edge": "Edge", "Opera": "Opera",
		"Brave": "Brave", "Vivaldi": "Vivaldi", "Samsung Internet": "Samsung Internet", "YaBrowser": "Yandex Browser"}
	for _, b := range r.Brands {
		if name, ok := named[b]; ok {
			return name
		}
	}
	for _, b := range r.Brands {
		if b == "Chromium" {
			return "Chromium" // Chromium itself: no brand of its own but Chromium's
		}
	}
	ua := r.UserAgent
	for _, t := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"EdgiOS/", "Edge"}, {"EdgA/", "Edge"}, {"OPR/", "Opera"}, {"SamsungBrowser/", "Samsung Internet"},
		{"YaBrowser/", "Yandex Browser"}, {"Vivaldi/", "Vivaldi"}, {"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
		{"CriOS/", "Chrome"}, {"Chromium/", "Chromium"}, {"HeadlessChrome/", "Chrome"}, {"Chrome/", "Chrome"},
	} {
		if strings.Contains(ua, t.token) {
			return t.name
		}
	}
	if strings.Contains(ua, "Safari/") && strings.Contains(ua, "Version/") {
		return "Safari"
	}
	return ""
}

// maxPlatform is the longest platform name taken as it is: the names browsers give
// are short, and a device name must fit one line of a device list.
const maxPlatform = 24

// system names the operating system or the device, as people call it.
func (r BrowserReport) system() string {
	ua := r.UserAgent
	switch {
	case strings.Contains(ua, "iPhone"):
		return "iPhone"
	case strings.Contains(ua, "iPad"):
		return "iPad"
	}
	switch r.Platform {
	case "", "Unknown":
	case "macOS":
		return "Mac"
	case "Chrome OS", "Chromium OS":
		return "ChromeOS"
	default:
		if utf8.RuneCountInString(r.Platform) <= maxPlatform {
			return r.Platform
		}
	}
	switch {
	case strings.Contains(ua, "Android"):
		return "Android"
	case strings.Contains(ua, "CrOS"):
		return "ChromeOS"
	case strings.Contains(ua, "Windows"):
		return "Windows"
	case strings.Contains(ua, "Macintosh"), strings.Contains(ua, "Mac OS X"):
		return "Mac"
	case strings.Contains(ua, "Linux"), strings.Contains(ua, "X11"):
		return "Linux"
	}
	return ""
}
