// Command tvpackage makes tenfoot's TV app packages from the browser build: an LG
// webOS app (.ipk) and a Samsung Tizen web app (.wgt, unsigned: sign it with your own
// certificate, see the README).
//
// Usage:
//
//	go run ./wasm/tvpackage [-web build/web] [-out build/tv] [-url URL] [-kiosk kiosk.json] [flags]
//
// Without -url an app is packaged: the whole browser build is inside it, both
// WebAssembly builds, and it runs on the embedded demo household, as the page does
// with no tenfootd behind it. With -url it is hosted: it opens that tenfootd's page,
// and the TV is one of its devices. With -kiosk the app starts as a kiosk: packaged,
// with that kiosk.json inside; hosted, with ?kiosk, and the kiosk.json the server
// has beside its index.html.
//
// It writes, under -out:
//
//	webos/                        the webOS app folder, with appinfo.json
//	ID_VERSION_all.ipk            that folder as ares-package packs it
//	tizen/                        the Tizen app folder, with config.xml
//	tenfoot.wgt                   that folder as a widget, unsigned
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tvpackage:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("tvpackage", flag.ContinueOnError)
	flags.SetOutput(stderr)
	web := flags.String("web", "build/web", "the browser build (make web-tv)")
	out := flags.String("out", "build/tv", "where the packages go")
	var app App
	flags.StringVar(&app.ID, "id", DefaultApp.ID, "the webOS app `id`, in reverse domain notation")
	flags.StringVar(&app.TizenPackage, "tizen-package", DefaultApp.TizenPackage, "the Tizen package `id`: 10 letters and digits")
	flags.StringVar(&app.Version, "version", DefaultApp.Version, "the app's `version`: MAJOR.MINOR.PATCH")
	flags.StringVar(&app.Title, "title", DefaultApp.Title, "the app's name on the TV's home screen")
	flags.StringVar(&app.Vendor, "vendor", DefaultApp.Vendor, "who makes the app")
	flags.StringVar(&app.URL, "url", "", "host the app: open this tenfootd's page instead of packaging the build")
	kioskFile := flags.String("kiosk", "", "start as a kiosk, with this kiosk.json")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if flags.NArg() != 0 {
		return fmt.Errorf("unexpected arguments: %v", flags.Args())
	}
	if app.URL != "" {
		u, err := url.Parse(app.URL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("-url %q: want the address of a tenfootd, such as https://tv.example.com/", app.URL)
		}
	}
	if *kioskFile != "" {
		data, err := os.ReadFile(*kioskFile)
		if err != nil {
			return err
		}
		app.Kiosk = data
	}
	if err := app.Validate(); err != nil {
		return err
	}
	files, err := app.Files(*web)
	if err != nil {
		return err
	}

	webOSDir, tizenDir := filepath.Join(*out, "webos"), filepath.Join(*out, "tizen")
	webOSFiles, err := app.WebOS(files)
	if err != nil {
		return err
	}
	tizenFiles, err := app.Tizen(files)
	if err != nil {
		return err
	}
	for _, dir := range []struct {
		path  string
		files []File
	}{{webOSDir, webOSFiles}, {tizenDir, tizenFiles}} {
		if err := writeDir(dir.path, dir.files); err != nil {
			return err
		}
	}
	ipk := filepath.Join(*out, app.IPKName())
	if err := writeAtomically(ipk, func(w io.Writer) error { return writeIPK(w, app, webOSFiles) }); err != nil {
		return err
	}
	wgt := filepath.Join(*out, "tenfoot.wgt")
	if err := writeAtomically(wgt, func(w io.Writer) error { return writeWGT(w, tizenFiles) }); err != nil {
		return err
	}
	kind := "packaged"
	if app.URL != "" {
		kind = "hosted at " + app.URL
	}
	if app.Kiosk != nil {
		kind += ", kiosk"
	}
	fmt.Fprintf(stdout, "tvpackage: %s (%s)\ntvpackage: %s (%s, unsigned)\n", ipk, kind, wgt, kind)
	return nil
}

// writeDir makes dir hold exactly files.
func writeDir(dir string, files []File) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeAtomically writes name through write into a temporary file and renames it
// into place, so that no half-written package is ever left under the name.
func writeAtomically(name string, write func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
