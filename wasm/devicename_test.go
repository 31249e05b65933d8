package wasm

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"tenfoot/session"
)

func TestBrowserDevicesAreNamedByBrowserAndSystem(t *testing.T) {
	browser, tv := session.DeviceKindBrowser, session.DeviceKindTV
	tests := map[string]struct {
		report BrowserReport
		name   string
		kind   session.DeviceKind
	}{
		"Chrome's brands": {BrowserReport{Brands: []string{"Not)A;Brand", "Chromium", "Google Chrome"}, Platform: "Linux",
			UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"}, "Chrome on Linux", browser},
		"Chromium's brands": {BrowserReport{Brands: []string{"Chromium", "Not-A.Brand"}, Platform: "Linux",
			UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"}, "Chromium on Linux", browser},
		"Edge on a Mac": {BrowserReport{Brands: []string{"Microsoft Edge", "Chromium"}, Platform: "macOS"}, "Edge on Mac", browser},
		"Edge by its user agent": {BrowserReport{UserAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0"},
			"Edge on Windows", browser},
		"Safari on an iPhone": {BrowserReport{UserAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"},
			"Safari on iPhone", browser},
		"Chrome on an iPhone": {BrowserReport{UserAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1"},
			"Chrome on iPhone", browser},
		"Firefox on Windows": {BrowserReport{UserAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0"}, "Firefox on Windows", browser},
		"Safari on a Mac": {BrowserReport{UserAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"},
			"Safari on Mac", browser},
		"Samsung Internet on Android": {BrowserReport{UserAgent: "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36"},
			"Samsung Internet on Android", browser},
		"a Samsung TV": {BrowserReport{UserAgent: "Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) 85.0.4183.93/6.5 TV Safari/537.36"},
			"Samsung TV browser", tv},
		"an LG TV": {BrowserReport{UserAgent: "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88 Safari/537.36 WebAppManager"},
			"LG TV browser", tv},
		"a Fire TV": {BrowserReport{UserAgent: "Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7633) AppleWebKit/537.36 (KHTML, like Gecko) Silk/112.3.1 like Chrome/112.0.5615.213 Safari/537.36"},
			"Fire TV browser", tv},
		"says nothing":               {BrowserReport{}, "Web browser", browser},
		"only its system":            {BrowserReport{UserAgent: "Mozilla/5.0 (X11; Linux x86_64)"}, "Web browser on Linux", browser},
		"a platform too long to say": {BrowserReport{Brands: []string{"Google Chrome"}, Platform: strings.Repeat("x", 70)}, "Chrome", browser},
		"a platform with a control":  {BrowserReport{Brands: []string{"Google Chrome"}, Platform: "Linux\x00"}, "Web browser", browser},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			info := tt.report.DeviceInfo()
			assert.Equal(t, tt.name, info.Name)
			assert.Equal(t, tt.kind, info.Kind)
			_, err := session.CleanName(session.FieldDeviceName, info.Name)
			assert.NoError(t, err, "the service takes the name as it is")
		})
	}
}
