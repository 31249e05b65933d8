package kiosk

import (
	"tenfoot/i18n"

	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// Defaults and limits of a kiosk's configuration.
const (
	// DefaultIdleTimeout is how long a guest may leave the TV untouched, with
	// nothing playing, before the countdown starts.
	DefaultIdleTimeout = 4 * time.Hour
	// DefaultWarning is how long the countdown before a sign-out lasts.
	DefaultWarning = 30 * time.Second
	// MinWarning and MaxWarning bound the countdown: long enough to reach the
	// remote, short enough that an empty room is cleared soon.
	MinWarning = 5 * time.Second
	MaxWarning = 10 * time.Minute
	// MaxIdleTimeout is a day: a kiosk must sign an absent guest out at least daily.
	MaxIdleTimeout = 24 * time.Hour
	// MinPINLength and MaxPINLength bound the operator PIN, entered on a d-pad.
	MinPINLength  = 4
	MaxPINLength  = 8
	maxNameLength = 60
)

// The keys of a kiosk config file; flags of the same meaning set the same keys.
const (
	KeyIdleTimeout = "idleTimeout" // a Go duration: "4h", "90m"
	KeyWarning     = "warning"     // a Go duration: "30s"
	KeyCheckout    = "checkout"    // a time of day, 24-hour: "11:00"
	KeySignOutAt   = "signOutAt"   // an RFC 3339 timestamp: "2026-11-28T11:00:00+01:00"
	KeyDeviceName  = "deviceName"  // "Room 214"
	KeyServer      = "server"      // a tenfootd URL: "https://tv.example-hotel.com"
	KeyOperatorPIN = "operatorPin" // 4 to 8 digits
	KeyLanguage    = "language"    // a language tag: "en", "de", "ar", "ja"
	KeyMotion      = "motion"      // "system" (the TV's own setting) or "reduced"
)

// Keys lists the keys a config file may have, in the order the README explains them.
var Keys = []string{KeyIdleTimeout, KeyWarning, KeyCheckout, KeySignOutAt, KeyDeviceName, KeyServer, KeyOperatorPIN, KeyLanguage, KeyMotion}

// Config is how a kiosk behaves. The zero value is not valid; start from Default.
type Config struct {
	// IdleTimeout is how long the TV may go with no input while nothing plays
	// before the countdown to an idle sign-out starts.
	IdleTimeout time.Duration
	// Warning is how long the countdown shows before an idle sign-out, and the
	// notice before a checkout sign-out.
	Warning time.Duration
	// Checkout, if set, signs the guest out every day at this time of day, in the
	// TV's local time zone.
	Checkout TimeOfDay
	// SignOutAt, if not zero, signs out whoever signed in before it, once.
	SignOutAt time.Time
	// DeviceName is what the account's device list calls this TV; "" leaves the
	// host's choice.
	DeviceName string
	// Server is the tenfootd the TV is a device of; "" uses the embedded demo.
	Server string
	// OperatorPIN opens the kiosk settings; "" means they cannot be opened.
	OperatorPIN string
	// Language is what the welcome screen speaks to every new guest, who may
	// switch it there; "" is the device's.
	Language string
	// ReducedMotion makes focus, dialogs and rows land at once, without
	// animating, whatever the TV's own setting says: for TVs whose browser does
	// not pass that setting on, or too slow to animate smoothly.
	ReducedMotion bool
}

// Default returns the configuration of a kiosk with no file and no flags: idle
// sign-out after four hours, a 30-second countdown, no checkout.
func Default() Config {
	return Config{IdleTimeout: DefaultIdleTimeout, Warning: DefaultWarning}
}

// TimeOfDay is a wall-clock time, such as 11:00, that comes every day.
type TimeOfDay struct {
	Hour, Minute int
	Set          bool // false: no time of day configured
}

// String returns the time as "11:00", or "" when none is set.
func (t TimeOfDay) String() string {
	if !t.Set {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", t.Hour, t.Minute)
}

// ConfigError says which key of a kiosk config is wrong and why, in words an
// operator can act on.
type ConfigError struct {
	Source string // the file or flag the value came from, if known
	Key    string
	Value  string
	Reason string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	b.WriteString("kiosk config")
	if e.Source != "" {
		b.WriteString(" " + e.Source)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": %s", e.Key)
		if e.Value != "" {
			fmt.Fprintf(&b, " %q", clip(e.Value))
		}
	}
	b.WriteString(": " + e.Reason)
	return b.String()
}

// maxShownValue is how much of a wrong value an error shows: enough to recognise
// it, not a screenful of a value that is wrong by being huge.
const maxShownValue = 40

// clip shortens a value to maxShownValue characters, marking what it left out.
func clip(v string) string {
	if utf8.RuneCountInString(v) <= maxShownValue {
		return v
	}
	return string([]rune(v)[:maxShownValue]) + "…"
}

// ErrConfig matches every ConfigError with errors.Is.
var ErrConfig = errors.New("kiosk config")

// Is makes errors.Is(err, ErrConfig) true for a ConfigError.
func (e *ConfigError) Is(target error) bool { return target == ErrConfig }

// Set sets one key from its text, as a config file or a flag gives it, and checks
// the value on its own; Validate checks the whole.
func (c *Config) Set(key, value string) error {
	bad := func(reason string) error { return &ConfigError{Key: key, Value: value, Reason: reason} }
	switch key {
	case KeyIdleTimeout, KeyWarning:
		d, err := time.ParseDuration(strings.TrimSpace(value))
		if err != nil {
			return bad(`not a duration; write it like "4h", "90m" or "30s"`)
		}
		if d <= 0 {
			return bad("must be more than zero: a kiosk always signs an idle guest out, after a countdown")
		}
		if key == KeyIdleTimeout {
			c.IdleTimeout = d
		} else {
			c.Warning = d
		}
	case KeyCheckout:
		t, err := parseTimeOfDay(value)
		if err != nil {
			return bad(err.Error())
		}
		c.Checkout = t
	case KeySignOutAt:
		if strings.TrimSpace(value) == "" {
			c.SignOutAt = time.Time{}
			return nil
		}
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(value))
		if err != nil {
			return bad(`not a timestamp with its time zone; write it like "2026-11-28T11:00:00+01:00"`)
		}
		c.SignOutAt = t
	case KeyDeviceName:
		name := strings.TrimSpace(value)
		if name == "" || utf8.RuneCountInString(name) > maxNameLength {
			return bad(fmt.Sprintf("must be 1 to %d characters", maxNameLength))
		}
		c.DeviceName = name
	case KeyServer:
		u, err := url.Parse(strings.TrimSpace(value))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return bad(`must be the URL of a tenfootd, like "https://tv.example.com"`)
		}
		c.Server = strings.TrimRight(u.String(), "/")
	case KeyOperatorPIN:
		if !digits(value) || len(value) < MinPINLength || len(value) > MaxPINLength {
			return &ConfigError{Key: key, Reason: fmt.Sprintf("must be %d to %d digits, which a remote's d-pad can enter", MinPINLength, MaxPINLength)}
		}
		c.OperatorPIN = value
	case KeyLanguage:
		l, ok := i18n.Parse(value)
		if !ok || l == i18n.Pseudo {
			tags := make([]string, len(i18n.Langs))
			for i, l := range i18n.Langs {
				tags[i] = `"` + l.Tag() + `"`
			}
			return bad("not a language tenfoot speaks; it speaks " + strings.Join(tags, ", "))
		}
		c.Language = l.Tag()
	case KeyMotion:
		switch strings.TrimSpace(value) {
		case "system":
			c.ReducedMotion = false
		case "reduced":
			c.ReducedMotion = true
		default:
			return bad(`must be "system", to follow the TV's own setting, or "reduced"`)
		}
	default:
		return &ConfigError{Key: key, Reason: "unknown key; the keys are " + strings.Join(Keys, ", ")}
	}
	return nil
}

// Validate checks what no single key can: the durations' bounds.
func (c Config) Validate() error {
	switch {
	case c.IdleTimeout <= 0:
		return &ConfigError{Key: KeyIdleTimeout, Reason: "must be more than zero"}
	case c.IdleTimeout > MaxIdleTimeout:
		return &ConfigError{Key: KeyIdleTimeout, Value: c.IdleTimeout.String(), Reason: "must be at most 24h, so an absent guest is signed out at least daily"}
	case c.Warning < MinWarning || c.Warning > MaxWarning:
		return &ConfigError{Key: KeyWarning, Value: c.Warning.String(), Reason: fmt.Sprintf("must be from %s to %s, so a guest can reach the remote in time", MinWarning, MaxWarning)}
	}
	return nil
}

// Parse reads a kiosk config file's contents over the defaults. Every key must be
// known and every value a JSON string; anything else is an error, never ignored.
func Parse(data []byte) (Config, error) {
	c := Default()
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return Config{}, &ConfigError{Reason: "not a JSON object: " + err.Error()}
	}
	if raw == nil {
		return Config{}, &ConfigError{Reason: "not a JSON object: null"}
	}
	// Only white space may follow the object: a stray "}" would otherwise end the
	// reading there, and every key after it be lost unsaid.
	if rest := bytes.TrimSpace(data[dec.InputOffset():]); len(rest) > 0 {
		return Config{}, &ConfigError{Reason: fmt.Sprintf("more after the JSON object: %.20q", rest)}
	}
	// A key given twice would keep only its last value, unseen by whoever reads
	// the file from the top.
	if k, ok := repeatedKey(data); ok {
		return Config{}, &ConfigError{Key: k, Reason: "given twice; give each key once"}
	}
	// Apply the keys in a fixed order so that the first error is always the same.
	for k := range raw {
		if !known(k) {
			return Config{}, &ConfigError{Key: k, Reason: "unknown key; the keys are " + strings.Join(Keys, ", ")}
		}
	}
	for _, k := range Keys {
		v, ok := raw[k]
		if !ok {
			continue
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil || bytes.Equal(v, []byte("null")) {
			shown := string(v)
			if k == KeyOperatorPIN {
				shown = "" // a PIN written as a number is still the PIN
			}
			return Config{}, &ConfigError{Key: k, Value: shown, Reason: "must be a string in quotes, such as \"30s\""}
		}
		if err := c.Set(k, s); err != nil {
			return Config{}, err
		}
	}
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// Load reads and parses the config file at path. A missing or unreadable file is an
// error: a kiosk told to use a file must not start without it.
func Load(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		reason := "cannot be read: " + err.Error()
		if errors.Is(err, os.ErrNotExist) {
			reason = "does not exist"
		}
		return Config{}, &ConfigError{Source: path, Reason: reason}
	}
	c, err := Parse(data)
	var ce *ConfigError
	if errors.As(err, &ce) {
		ce.Source = path
	}
	return c, err
}

// repeatedKey returns the first key that data, a JSON object that decoded, has
// twice.
func repeatedKey(data []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // {
		return "", false
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return "", false
		}
		k, _ := t.(string)
		if seen[k] {
			return k, true
		}
		seen[k] = true
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return "", false
		}
	}
	return "", false
}

func known(key string) bool {
	for _, k := range Keys {
		if k == key {
			return true
		}
	}
	return false
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// parseTimeOfDay reads "11:00" or "7:30"; "" means no time of day.
func parseTimeOfDay(s string) (TimeOfDay, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return TimeOfDay{}, nil
	}
	hh, mm, ok := strings.Cut(s, ":")
	if !ok || !digits(hh) || !digits(mm) || len(hh) > 2 || len(mm) != 2 {
		return TimeOfDay{}, errors.New(`not a time of day; write it on the 24-hour clock, like "11:00"`)
	}
	h, m := atoi(hh), atoi(mm)
	if h > 23 || m > 59 {
		return TimeOfDay{}, errors.New("no such time of day: hours go from 00 to 23, minutes from 00 to 59")
	}
	return TimeOfDay{Hour: h, Minute: m, Set: true}, nil
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		n = 10*n + int(r-'0')
	}
	return n
}

// servedPINReason is why a kiosk.json served over the network may not hold the
// operator PIN.
const servedPINReason = "anyone who can open the page can fetch this file and read the PIN; remove the key (a kiosk in a browser then has no staff settings), or give the PIN to a packaged TV app"

// CheckForBrowser refuses what the config of a kiosk in a browser may not have:
// server, since the page's own origin is its service, and, when the page fetched
// the file from a server (served), operatorPin, since anyone who can open the
// page, a guest's phone included, can fetch the file too. A packaged TV app reads
// its own copy, inside the package.
func (c Config) CheckForBrowser(served bool) error {
	switch {
	case c.Server != "":
		return &ConfigError{Key: KeyServer, Reason: "a browser uses the service that serves the page; remove this key"}
	case served && c.OperatorPIN != "":
		return &ConfigError{Key: KeyOperatorPIN, Reason: servedPINReason}
	}
	return nil
}

// NamesPIN reports whether data, the text of a kiosk config file, has an
// operatorPin key, in any case, whether or not the rest of it parses: a server
// must hand such a file to nobody. ServedPINError says why.
func NamesPIN(data []byte) bool {
	if bytes.Contains(bytes.ToLower(data), []byte(strings.ToLower(KeyOperatorPIN))) {
		return true
	}
	var raw map[string]json.RawMessage // keys written with \u escapes
	_ = json.Unmarshal(data, &raw)
	for k := range raw {
		if strings.EqualFold(k, KeyOperatorPIN) {
			return true
		}
	}
	return false
}

// ServedPINError is the error for a config file at source that NamesPIN, asked for
// over the network.
func ServedPINError(source string) error {
	return &ConfigError{Source: source, Key: KeyOperatorPIN, Reason: servedPINReason}
}
