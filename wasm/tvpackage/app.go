package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"tenfoot/kiosk"
)

// App is what both packages say about the app.
type App struct {
	ID           string // webOS app ID: reverse domain, lower case
	TizenPackage string // Tizen package ID: 10 letters and digits
	Version      string // MAJOR.MINOR.PATCH
	Title        string
	Vendor       string
	// URL, if set, hosts the app: the package opens this tenfootd's page.
	URL string
	// Kiosk, if set, is the kiosk.json the app starts with.
	Kiosk []byte
}

// DefaultApp is the app as the Makefile packages it. A store submission needs an ID
// and a Tizen package ID of its own.
var DefaultApp = App{
	ID:           "org.tenfoot.tv",
	TizenPackage: "TenfootTV1",
	Version:      "0.1.0",
	Title:        "tenfoot",
	Vendor:       "tenfoot",
}

// File is one file of a package, by its slash-separated name in the app's folder.
type File struct {
	Name string
	Data []byte
}

var (
	// webOS: "com.mycompany.app.appname"; lower-case letters, digits, '-' and '.',
	// starting with a letter or digit.
	webOSID = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*[a-z0-9]$`)
	// webOS reserves these prefixes for its own apps.
	webOSReserved = []string{"com.palm", "com.webos", "com.lge", "com.palmdts"}
	// Tizen: exactly 10 letters and digits.
	tizenPackageID = regexp.MustCompile(`^[0-9A-Za-z]{10}$`)
	// Both: three non-negative numbers without leading zeros, each at most 5 digits
	// for webOS and 255 for Tizen's widget version.
	appVersion = regexp.MustCompile(`^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,4})$`)
)

// Validate checks what the vendors' tools would refuse.
func (a App) Validate() error {
	var errs []error
	if !webOSID.MatchString(a.ID) || !strings.Contains(a.ID, ".") {
		errs = append(errs, fmt.Errorf("-id %q: want lower-case reverse domain notation, such as com.example.tenfoot", a.ID))
	}
	for _, p := range webOSReserved {
		if a.ID == p || strings.HasPrefix(a.ID, p+".") {
			errs = append(errs, fmt.Errorf("-id %q: webOS reserves %s for its own apps", a.ID, p))
		}
	}
	if !tizenPackageID.MatchString(a.TizenPackage) {
		errs = append(errs, fmt.Errorf("-tizen-package %q: want 10 letters and digits", a.TizenPackage))
	}
	if !appVersion.MatchString(a.Version) {
		errs = append(errs, fmt.Errorf("-version %q: want MAJOR.MINOR.PATCH, such as 1.0.0", a.Version))
	}
	if strings.TrimSpace(a.Title) == "" {
		errs = append(errs, errors.New("-title: empty"))
	}
	if a.Kiosk != nil {
		c, err := kiosk.Parse(a.Kiosk)
		if err != nil {
			errs = append(errs, fmt.Errorf("-kiosk: %w", err))
		} else if c.Server != "" {
			errs = append(errs, errors.New("-kiosk: a TV app uses the service that serves its page; remove the key server"))
		}
		if a.URL != "" {
			errs = append(errs, errors.New("-kiosk: a hosted app reads the kiosk.json its server has; give -kiosk only to a packaged app, or -url …?kiosk"))
		}
	}
	return errors.Join(errs...)
}

// IPKName is the package's file name as ares-package names it.
func (a App) IPKName() string { return a.ID + "_" + a.Version + "_all.ipk" }

// buildFiles are the files of the browser build a packaged app holds: the page, its
// scripts and both WebAssembly builds. Compressed copies are for servers only.
var buildFiles = []string{
	"index.html", "tenfoot.css", "compat.js", "platform.js", "wasm_exec.js", "loader.js",
	"tenfoot.wasm", "tenfoot-mvp.wasm",
}

// Files returns the app's own files, shared by both packages: the browser build read
// from web for a packaged app, a start page for a hosted one; and the icons.
func (a App) Files(web string) ([]File, error) {
	var files []File
	if a.URL == "" {
		for _, name := range buildFiles {
			data, err := os.ReadFile(filepath.Join(web, name))
			if errors.Is(err, os.ErrNotExist) && name == "tenfoot-mvp.wasm" {
				return nil, fmt.Errorf("%s: not built: TVs before Chromium 75 need it; run make web-tv", filepath.Join(web, name))
			}
			if err != nil {
				return nil, err
			}
			if name == "index.html" && a.Kiosk != nil {
				data = bytes.Replace(data, []byte(`<html lang="en">`), []byte(`<html lang="en" data-kiosk>`), 1)
				if !bytes.Contains(data, []byte("data-kiosk")) {
					return nil, fmt.Errorf("%s: no <html lang=\"en\"> to mark as a kiosk", filepath.Join(web, name))
				}
			}
			files = append(files, File{name, data})
		}
		fonts, err := languageFonts(web)
		if err != nil {
			return nil, err
		}
		files = append(files, fonts...)
		if a.Kiosk != nil {
			files = append(files, File{"kiosk.json", a.Kiosk})
		}
	} else {
		start, err := startPage(a.URL)
		if err != nil {
			return nil, err
		}
		files = append(files, File{"index.html", start})
		for _, name := range []string{"tenfoot.css", "platform.js"} {
			data, err := os.ReadFile(filepath.Join(web, name))
			if err != nil {
				return nil, err
			}
			files = append(files, File{name, data})
		}
	}
	for _, icon := range icons {
		data, err := drawIcon(icon.w, icon.h)
		if err != nil {
			return nil, err
		}
		files = append(files, File{icon.name, data})
	}
	return files, nil
}

// fontsDir holds the fonts of the languages whose letters the app does not carry
// (scripts/fonts.sh): a packaged app holds them too, so that it can switch to Arabic
// or Japanese on a TV with no server.
const fontsDir = "fonts"

// languageFonts returns the fonts under web/fonts, if any, without the compressed
// copies that only servers use.
func languageFonts(web string) ([]File, error) {
	entries, err := os.ReadDir(filepath.Join(web, fontsDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []File
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if !e.Type().IsRegular() || ext == ".br" || ext == ".gz" || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(web, fontsDir, e.Name()))
		if err != nil {
			return nil, err
		}
		files = append(files, File{fontsDir + "/" + e.Name(), data})
	}
	return files, nil
}

// startPage is a hosted app's page: the loader's look while platform.js registers the
// remote's keys, then the tenfootd's page in its place.
func startPage(address string) ([]byte, error) {
	target, err := json.Marshal(address)
	if err != nil {
		return nil, err
	}
	return []byte(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tenfoot</title>
<link rel="stylesheet" href="tenfoot.css">
</head>
<body>
<div id="loader">
  <h1>tenfoot</h1>
  <p id="status">Connecting…</p>
</div>
<script src="platform.js"></script>
<script>window.location.replace(` + string(target) + `);</script>
</body>
</html>
`), nil
}

// icons are the sizes the stores ask for: webOS's icon (80×80) and largeIcon
// (130×130), Tizen TV's (512×423).
var icons = []struct {
	name string
	w, h int
}{
	{"icon.png", 80, 80},
	{"largeIcon.png", 130, 130},
	{"tizen-icon.png", 512, 423},
}

// only returns files without those named drop: each platform takes its own icons.
func only(files []File, drop ...string) []File {
	var kept []File
	for _, f := range files {
		keep := true
		for _, d := range drop {
			if f.Name == d {
				keep = false
			}
		}
		if keep {
			kept = append(kept, f)
		}
	}
	return kept
}
