package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/rand/v2"
	"strings"
)

// Log formats, as -log-format names them.
const (
	logJSON = "json"
	logText = "text"
)

// newLogger returns the service's logger, writing lines in format ("json" or "text")
// at level and above to out. Every line logged with a request's context carries its
// request ID; an attribute whose key names a secret is written as "[redacted]",
// should one ever be logged by mistake.
func newLogger(out io.Writer, format string, level slog.Level) (*slog.Logger, error) {
	opts := &slog.HandlerOptions{Level: level, ReplaceAttr: redact}
	var h slog.Handler
	switch format {
	case logJSON:
		h = slog.NewJSONHandler(out, opts)
	case logText:
		h = slog.NewTextHandler(out, opts)
	default:
		return nil, fmt.Errorf("-log-format must be json or text, not %q", format)
	}
	return slog.New(requestIDHandler{h}), nil
}

// secretKeys are the attribute keys redact hides: whatever could hold a token, a
// password, a PIN, a code or a key. "code" is the device or user code of RFC 8628;
// the status of a request is logged as "status".
var secretKeys = []string{"token", "password", "pin", "secret", "code", "authorization", "cookie", "ticket", "key"}

// redact hides the value of an attribute whose key names a secret.
func redact(_ []string, a slog.Attr) slog.Attr {
	key := strings.ToLower(a.Key)
	for _, s := range secretKeys {
		if strings.Contains(key, s) {
			return slog.String(a.Key, "[redacted]")
		}
	}
	return a
}

// requestIDKey is the context key of a request's ID.
type requestIDKey struct{}

// requestHeaderID is the header that carries a request's ID, both ways: a proxy in
// front may send one, and every answer has one.
const requestHeaderID = "X-Request-ID"

// requestID returns the ID a proxy sent in header, if it is a plain one of at most 64
// letters, digits, dots, dashes and underscores, or else a new one: 16 hex digits.
// An ID from outside is never taken as it comes: it ends up in every log line of the
// request.
func requestID(header string) string {
	if len(header) > 0 && len(header) <= 64 && strings.Trim(header, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == "" {
		return header
	}
	return fmt.Sprintf("%016x", rand.Uint64())
}

// withRequestID returns ctx carrying the request ID id.
func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// requestIDHandler adds the request ID of a line's context to the line.
type requestIDHandler struct{ slog.Handler }

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// serverLog returns the logger for what net/http says of the server that serves
// addr (the flag that names it): accept errors, handler panics, misuse of a
// ResponseWriter. They are lines of the log as any other, at ERROR, not plain text
// among them.
func serverLog(l *slog.Logger, addr string) *log.Logger {
	return slog.NewLogLogger(l.With("server", addr).Handler(), slog.LevelError)
}

// parseLevel reads -log-level: debug, info, warn or error.
func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("-log-level must be debug, info, warn or error, not %q", s)
	}
	return l, nil
}

// logTap, when set, also receives every line that every server of this process logs,
// in JSON at every level and before any redaction, whatever logger the server was
// given. The tests set it in TestMain to check that a whole run logged no secret;
// tenfootd itself never does.
var logTap io.Writer

// tapped returns l, also writing to logTap if it is set.
func tapped(l *slog.Logger) *slog.Logger {
	if logTap == nil {
		return l
	}
	tap := requestIDHandler{slog.NewJSONHandler(logTap, &slog.HandlerOptions{Level: slog.LevelDebug})}
	return slog.New(teeHandler{l.Handler(), tap})
}

// teeHandler hands each line to both of its handlers.
type teeHandler struct{ a, b slog.Handler }

func (h teeHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return h.a.Enabled(ctx, level) || h.b.Enabled(ctx, level)
}

func (h teeHandler) Handle(ctx context.Context, r slog.Record) error {
	var errA error
	if h.a.Enabled(ctx, r.Level) {
		errA = h.a.Handle(ctx, r.Clone())
	}
	if h.b.Enabled(ctx, r.Level) {
		if err := h.b.Handle(ctx, r); err != nil {
			return err
		}
	}
	return errA
}

func (h teeHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return teeHandler{h.a.WithAttrs(attrs), h.b.WithAttrs(attrs)}
}

func (h teeHandler) WithGroup(name string) slog.Handler {
	return teeHandler{h.a.WithGroup(name), h.b.WithGroup(name)}
}
