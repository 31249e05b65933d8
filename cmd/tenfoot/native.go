//go:build !js

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"tenfoot/app"
	"tenfoot/demo"
	"tenfoot/game"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/kiosk"
	"tenfoot/session"
	"tenfoot/ui"
)

// kioskFlags are the flags that set a key of the kiosk config, over its file.
var kioskFlags = map[string]string{
	"idle-timeout": kiosk.KeyIdleTimeout,
	"warning":      kiosk.KeyWarning,
	"checkout":     kiosk.KeyCheckout,
	"signout-at":   kiosk.KeySignOutAt,
	"operator-pin": kiosk.KeyOperatorPIN,
	"name":         kiosk.KeyDeviceName,
	"server":       kiosk.KeyServer,
}

// maxSettleTicks is the longest -after: an hour of ticks.
const maxSettleTicks = 60 * 60 * 60

func run(args []string) error {
	fs := flag.NewFlagSet("tenfoot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fullscreen := fs.Bool("fullscreen", false, "fill the screen instead of opening a window")
	keys := fs.String("keys", "", "comma-separated actions to play after start: "+strings.Join(input.ScriptNames(), ", "))
	shot := fs.String("screenshot", "", "write the frame drawn after the last key to this PNG file, then exit")
	after := fs.Int("after", game.DefaultSettleTicks, "ticks (1/60 s) to wait after the last key, or after start without -keys, before the screenshot")
	stateDir := fs.String("state", defaultStateDir(), "folder keeping this device's state and the embedded account service")
	name := fs.String("name", "", "this device's name, as the account's device list shows it (default: the host name)")
	server := fs.String("server", "", "URL of a tenfootd to use, such as http://127.0.0.1:8080 (default: the embedded demo service)")
	announce := fs.Bool("announce", false, "print the screen, its title, the focused item and what a screen reader says of the change on standard output whenever they change, one tab-separated line each, for a speech synthesizer or a script")
	langTag := fs.String("lang", "", "the device's language: en, de, ar or ja (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG); a profile may choose its own in Settings")
	fontsDir := fs.String("fonts", "", "a folder with the fonts scripts/fonts.sh makes, looked in before the system's Noto fonts")
	reduceMotion := fs.Bool("reduce-motion", false, "move focus, open dialogs and scroll at once, without animating: for people whom motion troubles, and for a TV too slow to animate smoothly")
	formName := fs.String("form", "tv", "the screen to lay out for: tv, or phone or tablet in a window of that shape, driven with the mouse")
	kioskMode := fs.Bool("kiosk", false, "run as a kiosk for a shared TV: full screen, no way out, guests signed out when idle and at checkout")
	kioskFile := fs.String("kiosk-config", "", "the kiosk's JSON config file (with -kiosk); the flags below override its keys")
	fs.String("idle-timeout", "", "kiosk: sign the guest out after this long without input while nothing plays (default 4h)")
	fs.String("warning", "", "kiosk: how long the countdown before a sign-out lasts (default 30s)")
	fs.String("checkout", "", "kiosk: sign the guest out every day at this time, such as 11:00")
	fs.String("signout-at", "", "kiosk: sign the guest out once at this RFC 3339 time, such as 2026-11-28T11:00:00+01:00")
	fs.String("operator-pin", "", "kiosk: the staff PIN (4 to 8 digits) that opens the kiosk settings")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(os.Stdout)
			fs.PrintDefaults()
			return nil
		}
		return fmt.Errorf("%w (run tenfoot -h for the flags)", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (run tenfoot -h for the flags)", fs.Arg(0))
	}
	script, err := input.ParseScript(*keys)
	if err != nil {
		return err
	}
	form, ok := ui.ParseForm(*formName)
	if !ok {
		return fmt.Errorf("-form must be tv, phone or tablet, not %q", *formName)
	}
	lang := osLanguage()
	if *langTag != "" {
		l, ok := i18n.Parse(*langTag)
		if !ok || l == i18n.Pseudo && *langTag != "qps" {
			return fmt.Errorf("-lang must be en, de, ar or ja, not %q", *langTag)
		}
		lang = l
	}
	if *after < 1 {
		return fmt.Errorf("-after must be at least 1 tick, not %d", *after)
	}
	if *after > maxSettleTicks {
		// Added to the script's ticks, a larger one could wrap round below zero,
		// and the screenshot would never be taken nor tenfoot end.
		return fmt.Errorf("-after must be at most %d ticks (an hour), not %d", maxSettleTicks, *after)
	}
	var cfg *kiosk.Config
	if *kioskMode {
		c, err := kioskConfig(fs, *kioskFile)
		if err != nil {
			return err
		}
		cfg = &c
		*name, *server = c.DeviceName, c.Server
		*fullscreen = true
	} else if err := kioskFlagsNeedKiosk(fs); err != nil {
		return err
	}
	if *name == "" {
		host, _ := os.Hostname()
		*name = deviceName(host)
	} else if clean, err := session.CleanName(session.FieldDeviceName, *name); err != nil {
		// Refused here, before the state folder takes the name: the service
		// refuses it at every sign-in, where it reads as "Something went wrong".
		return fmt.Errorf("-name %q (or the kiosk config's deviceName): %w", *name, err)
	} else {
		*name = clean
	}
	var service session.Service
	if *server != "" {
		service = session.NewClient(*server)
	}
	device, kioskState, err := demo.OpenDevice(context.Background(), demo.HostOptions{Server: service, Kiosk: cfg != nil,
		Device: session.DeviceInfo{Name: *name, Kind: session.DeviceKindTV}, Storage: stateFolder(*stateDir)})
	if device == nil {
		return err
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tenfoot:", err) // set aside and started afresh; say so
	}
	device.CheckAtStart(context.Background()) // a device checks its session at start
	opts := app.Options{CanExit: true, Version: version, Catalog: demo.Catalog, Language: lang, ReducedMotion: *reduceMotion}
	if cfg != nil {
		opts.Kiosk, opts.KioskState, opts.Log = cfg, kioskState, os.Stderr
		opts.ReducedMotion = opts.ReducedMotion || cfg.ReducedMotion
	}
	app := app.NewTenfoot(opts, device)
	defer app.Close()
	gopts := game.Options{Script: script, Screenshot: *shot, SettleTicks: *after, Kiosk: cfg != nil, Form: form,
		Fonts: systemFonts(*fontsDir)}
	if *announce {
		gopts.OnShow = func(screen, title, focused, spoken string) {
			announceLine(os.Stdout, screen, title, focused, spoken, app.Env().Lang().Tag())
		}
	}
	g, err := game.New(app, gopts)
	if err != nil {
		return err
	}
	if err := game.Run(g, *fullscreen); err != nil {
		return err
	}
	if *shot != "" {
		s := app.Screen().Name()
		label := ""
		if f := app.Focused(); f != nil {
			label = f.Label
		}
		fmt.Printf("screen=%s focused=%q screenshot=%s\n", s, label, *shot)
	}
	return nil
}

// kioskConfig reads the kiosk config file, if one is named, over the defaults, then
// the flags that were given over it. Any error stops the kiosk from starting: a
// kiosk that runs with a setting it did not understand runs unprotected.
func kioskConfig(fs *flag.FlagSet, file string) (kiosk.Config, error) {
	c := kiosk.Default()
	if file != "" {
		var err error
		if c, err = kiosk.Load(file); err != nil {
			return kiosk.Config{}, err
		}
	}
	var err error
	fs.Visit(func(f *flag.Flag) {
		if key, ok := kioskFlags[f.Name]; ok && err == nil {
			if serr := c.Set(key, f.Value.String()); serr != nil {
				err = fmt.Errorf("-%s: %w", f.Name, serr)
			}
		}
	})
	if err != nil {
		return kiosk.Config{}, err
	}
	if err := c.Validate(); err != nil {
		return kiosk.Config{}, err
	}
	return c, nil
}

// kioskFlagsNeedKiosk refuses kiosk settings given without -kiosk, which would
// otherwise be ignored.
func kioskFlagsNeedKiosk(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		_, kioskOnly := kioskFlags[f.Name]
		kioskOnly = kioskOnly && f.Name != "name" && f.Name != "server"
		if (kioskOnly || f.Name == "kiosk-config") && err == nil {
			err = fmt.Errorf("-%s needs -kiosk", f.Name)
		}
	})
	return err
}

// defaultStateDir is where the app keeps its state unless told otherwise.
func defaultStateDir() string {
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "tenfoot")
	}
	return ".tenfoot"
}

// stateFolder keeps each part of the state (demo.HostOptions.Storage) in a
// folder of dir: the demo device in dir itself, the others in a folder named by
// the part. A kiosk TV of a tenfootd keeps its state in server, as a TV does.
func stateFolder(dir string) func(part string) (session.Storage, error) {
	return func(part string) (session.Storage, error) {
		if part == "kiosk-server" {
			part = "server"
		}
		return session.NewDirStorage(filepath.Join(dir, part))
	}
}

// deviceName names this device in Settings until the user names it: by its host
// name, unless that is one no device list can show (Linux allows 64 characters, a
// device name 60), which the service would refuse at every sign-in.
func deviceName(host string) string {
	if name, err := session.CleanName(session.FieldDeviceName, host); err == nil {
		return name
	}
	return "This computer"
}

// announceLine prints the screen now, on one line: its name, its title, the focused
// item, what a screen reader says of what changed (the title of what appeared, a
// dialog's text, an error, the focused item in its row), which `cut -f4` hands to a
// speech synthesizer, and the language it is in (`espeak-ng -v "$(cut -f5)"`).
func announceLine(w io.Writer, screen, title, focused, spoken, lang string) {
	fmt.Fprintln(w, screen+"\t"+oneLine(title)+"\t"+oneLine(focused)+"\t"+oneLine(spoken)+"\t"+lang)
}

// oneLine returns s with every character that could end a line or a column, or
// drive the terminal, as a space: not only tabs and newlines but every control
// character (a carriage return, an escape, NEL) and the line and paragraph
// separators, which a profile's name may hold and Unicode's readers of lines
// break at. The screen draws those as spaces too.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
