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

	"tenfoot/game"
	"tenfoot/input"
	"tenfoot/screens"
	"tenfoot/session"
)

func run(args []string) error {
	fs := flag.NewFlagSet("tenfoot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fullscreen := fs.Bool("fullscreen", false, "fill the screen instead of opening a window")
	keys := fs.String("keys", "", "comma-separated actions to play after start: up, down, left, right, ok, back, home, menu, playpause, red, green, yellow, blue")
	shot := fs.String("screenshot", "", "write the frame drawn after the last key to this PNG file, then exit")
	after := fs.Int("after", game.DefaultSettleTicks, "ticks (1/60 s) to wait after the last key, or after start without -keys, before the screenshot")
	stateDir := fs.String("state", defaultStateDir(), "folder keeping this device's state and the embedded account service")
	name := fs.String("name", "", "this device's name, as the account's device list shows it (default: the host name)")
	server := fs.String("server", "", "URL of a tenfootd to use, such as http://127.0.0.1:8080 (default: the embedded demo service)")
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
	if *after < 1 {
		return fmt.Errorf("-after must be at least 1 tick, not %d", *after)
	}
	if *name == "" {
		host, _ := os.Hostname()
		*name = deviceName(host)
	}
	store, err := session.NewDirStorage(*stateDir)
	if err != nil {
		return err
	}
	info := session.DeviceInfo{Name: *name, Kind: session.DeviceKindTV}
	var device *session.Device
	if *server != "" {
		// A device of a real household: its own state, the service's accounts.
		store, err = session.NewDirStorage(filepath.Join(*stateDir, "server"))
		if err != nil {
			return err
		}
		device, err = session.OpenDevice(store, session.NewClient(*server), nil, info)
	} else {
		_, device, err = session.OpenDemo(context.Background(), session.DemoOptions{Storage: store, Device: info})
	}
	if device == nil {
		return err
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tenfoot:", err) // set aside and started afresh; say so
	}
	device.Refresh(context.Background()) // a device checks its session at start
	app := screens.NewTenfoot(screens.Options{CanExit: true, Version: version}, device)
	defer app.Close()
	g, err := game.New(app, game.Options{Script: script, Screenshot: *shot, SettleTicks: *after})
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

// defaultStateDir is where the app keeps its state unless told otherwise.
func defaultStateDir() string {
	if dir, err := os.UserConfigDir(); err == nil {
		return filepath.Join(dir, "tenfoot")
	}
	return ".tenfoot"
}

// deviceName names this device in Settings until the user names it.
func deviceName(host string) string {
	if host == "" {
		return "This computer"
	}
	return host
}
