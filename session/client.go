package session

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Client is the account service of a tenfootd, reached over HTTP. It implements
// Service with the same behaviour as Embedded; a request that cannot reach the service
// fails with an error that matches ErrOffline. Natively it speaks through net/http; in
// a browser straight through fetch, which keeps net/http (8 MB of WebAssembly) out
// of the page.
type Client struct {
	base string
	t    transport
	// silence is how long an event stream may bring nothing before it is taken
	// for dead; 0 means streamSilence.
	silence time.Duration
}

// transport sends one HTTP request. Its response body streams: event streams are
// read as they come.
type transport interface {
	do(ctx context.Context, method, url string, header map[string]string, body []byte) (*response, error)
}

// response is what a transport got back.
type response struct {
	status int
	header func(name string) string
	body   io.ReadCloser
}

// requestTimeout bounds a request that is not a stream: a TV on a bad network must
// hear "offline" in seconds, not hang.
const requestTimeout = 15 * time.Second

// NewClient returns a client of the tenfootd at baseURL, such as
// "http://127.0.0.1:8080".
func NewClient(baseURL string) *Client {
	return &Client{base: strings.TrimSuffix(baseURL, "/") + APIPrefix, t: newTransport()}
}

// call sends body (if not nil) as JSON to method path with token, and decodes the
// reply into out. A reply that is not the service's JSON, such as the sign-in page
// of a hotel's network answered with 200 in its place, is ErrOffline: nothing was
// done.
func (c *Client) call(ctx context.Context, method, path, token string, body, out any) error {
	return c.callWith(ctx, method, path, token, nil, body, out)
}

// callWith is call with headers of the request's own besides.
func (c *Client) callWith(ctx context.Context, method, path, token string, header map[string]string, body, out any) error {
	ctx, cancel := context.WithTimeout(ctx, requestTimeout)
	defer cancel()
	resp, err := c.do(ctx, method, path, token, header, body)
	if err != nil {
		return err
	}
	defer resp.body.Close()
	if !isMediaType(resp.header("Content-Type"), "application/json") {
		return fmt.Errorf("%w: the answer is %q, not the service's JSON: a network's own sign-in page?", ErrOffline, resp.header("Content-Type"))
	}
	if err := json.NewDecoder(resp.body).Decode(out); err != nil {
		return fmt.Errorf("%w: reading the reply: %v", ErrOffline, err)
	}
	return nil
}

// acknowledge sends a request whose reply only says it was done, such as
// {"signedOut": true}, and fails unless the reply says done: a sign-out is kept
// to send again, and a PIN refused, until the service itself has said so.
func (c *Client) acknowledge(ctx context.Context, method, path, token string, body any, done string) error {
	var reply map[string]bool
	if err := c.call(ctx, method, path, token, body, &reply); err != nil {
		return err
	}
	if !reply[done] {
		return fmt.Errorf("%w: the answer does not say %q", ErrOffline, done)
	}
	return nil
}

// isMediaType reports whether the Content-Type header value is of media type want,
// whatever its case and parameters.
func isMediaType(header, want string) bool {
	mt, _, _ := strings.Cut(header, ";")
	return strings.EqualFold(strings.TrimSpace(mt), want)
}

// do sends a request and returns a successful response; error statuses come back
// as the errors they stand for.
func (c *Client) do(ctx context.Context, method, path, token string, header map[string]string, body any) (*response, error) {
	if header == nil {
		header = map[string]string{}
	}
	var data []byte
	if body != nil {
		var err error
		if data, err = json.Marshal(body); err != nil {
			return nil, err
		}
		header["Content-Type"] = "application/json"
	}
	if token != "" {
		header["Authorization"] = "Bearer " + token
	}
	return c.send(ctx, method, path, header, data)
}

func (c *Client) send(ctx context.Context, method, path string, header map[string]string, data []byte) (*response, error) {
	resp, err := c.t.do(ctx, method, c.base+path, header, data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOffline, err)
	}
	if resp.status/100 == 2 {
		return resp, nil
	}
	defer resp.body.Close()
	if resp.status/100 == 3 {
		// The service never redirects its API: something on the way does, such as
		// a hotel's network sending every request to its own sign-in page.
		return nil, fmt.Errorf("%w: redirected (%d) to %q", ErrOffline, resp.status, resp.header("Location"))
	}
	var w WireError
	json.NewDecoder(io.LimitReader(resp.body, 1<<16)).Decode(&w)
	if resp.status >= 500 && w.Code == "" {
		return nil, fmt.Errorf("%w: the service answered %d", ErrOffline, resp.status)
	}
	return nil, wireError(resp.status, w, resp.header("Retry-After"))
}

// Reachable reports whether a tenfootd answers at the client's address.
func (c *Client) Reachable(ctx context.Context) bool {
	return c.acknowledge(ctx, "GET", "/health", "", nil, "ok") == nil
}

// SignIn implements Service.
func (c *Client) SignIn(ctx context.Context, device DeviceIdentity, email, password string) (Grant, error) {
	var g Grant
	err := c.call(ctx, "POST", "/signin", "", SignInRequest{device, email, password}, &g)
	return g, err
}

// StartDeviceAuth implements Service.
func (c *Client) StartDeviceAuth(ctx context.Context, device DeviceIdentity) (DeviceAuth, error) {
	var j DeviceAuthJSON
	err := c.call(ctx, "POST", "/device/code", "", DeviceCodeRequest{device}, &j)
	return j.DeviceAuth(), err
}

// PollDeviceAuth implements Service.
func (c *Client) PollDeviceAuth(ctx context.Context, deviceCode string) (Grant, error) {
	var g Grant
	err := c.call(ctx, "POST", "/device/token", "", TokenRequest{deviceCode}, &g)
	return g, err
}

// ApproveDeviceAuth implements Service.
func (c *Client) ApproveDeviceAuth(ctx context.Context, token, userCode string) error {
	return c.acknowledge(ctx, "POST", "/device/approve", token, ApproveRequest{userCode}, "approved")
}

// Check implements Service.
func (c *Client) Check(ctx context.Context, token string) (Grant, error) {
	var g Grant
	err := c.call(ctx, "GET", "/session", token, nil, &g)
	g.Token = token
	return g, err
}

// Devices implements Service.
func (c *Client) Devices(ctx context.Context, token string) ([]SignedInDevice, error) {
	var d []SignedInDevice
	err := c.call(ctx, "GET", "/devices", token, nil, &d)
	return d, err
}

// SignOut implements Service.
func (c *Client) SignOut(ctx context.Context, token string) error {
	return c.acknowledge(ctx, "POST", "/signout", token, nil, "signedOut")
}

// SignOutDevice implements Service.
func (c *Client) SignOutDevice(ctx context.Context, token string, device uuid.UUID) (DeviceSignOut, error) {
	var r DeviceSignOut
	err := c.call(ctx, "POST", "/devices/"+device.String()+"/signout", token, nil, &r)
	return r, err
}

// SignOutAll implements Service.
func (c *Client) SignOutAll(ctx context.Context, token string, proof Proof) (SignOutAllResult, error) {
	var r SignOutAllResult
	err := c.call(ctx, "POST", "/signout-all", token, proof, &r)
	if r.Count.Total() == 0 {
		// A tenfootd of an earlier version lists every device and counts none.
		for _, d := range r.Devices {
			r.Count.Add(d.State, 1)
		}
	}
	return r, err
}

// VerifyPIN implements Service.
func (c *Client) VerifyPIN(ctx context.Context, token string, profile uuid.UUID, pin string) error {
	return c.acknowledge(ctx, "POST", "/profiles/"+profile.String()+"/verify-pin", token, PINRequest{pin}, "ok")
}

// SaveProfile implements Service.
func (c *Client) SaveProfile(ctx context.Context, token string, change ProfileChange) ([]Profile, error) {
	var header map[string]string
	if change.NewID != uuid.Nil {
		header = map[string]string{"Idempotency-Key": change.NewID.String()}
	}
	var ps []Profile
	err := c.callWith(ctx, "POST", "/profiles", token, header, change, &ps)
	return ps, err
}

// DeleteProfile implements Service.
// A proof goes in the body, which the service reads when there is one.
func (c *Client) DeleteProfile(ctx context.Context, token string, profile uuid.UUID, proof Proof) ([]Profile, error) {
	var body any
	if !proof.IsZero() {
		body = ProfileDeletion{Proof: proof}
	}
	var ps []Profile
	err := c.call(ctx, "DELETE", "/profiles/"+profile.String(), token, body, &ps)
	return ps, err
}

// Subscribe implements Service with the service's server-sent events.
func (c *Client) Subscribe(ctx context.Context, token string, after uint64) (<-chan Event, error) {
	return c.stream(ctx, "/events", token, after)
}

// WatchSignOut implements Service.
func (c *Client) WatchSignOut(ctx context.Context, ticket string) (<-chan Event, error) {
	return c.stream(ctx, "/signout-all/watch", ticket, 0)
}

// stream opens an event stream and delivers its events until it ends. A stream the
// service ends after a retry: field, as a replica that is shutting down does, closes
// its channel only once that long has passed (at most maxStreamRetry): whoever
// subscribes again when it closes, as Device.Listen does at once, reconnects when
// the service asked, by then to another replica, and resumes from the last event
// heard.
func (c *Client) stream(ctx context.Context, path, token string, after uint64) (<-chan Event, error) {
	header := map[string]string{"Authorization": "Bearer " + token, "Accept": "text/event-stream"}
	if after > 0 {
		header["Last-Event-ID"] = strconv.FormatUint(after, 10)
	}
	ctx, cancel := context.WithCancel(ctx)
	resp, err := c.send(ctx, "GET", path, header, nil)
	if err != nil {
		cancel()
		return nil, err
	}
	if !isMediaType(resp.header("Content-Type"), "text/event-stream") {
		resp.body.Close()
		cancel()
		return nil, fmt.Errorf("%w: the answer is %q, not the service's events", ErrOffline, resp.header("Content-Type"))
	}
	silence := cmp.Or(c.silence, streamSilence)
	dead := time.AfterFunc(silence, cancel)
	ch := make(chan Event, watcherBuffer)
	go func() {
		defer close(ch)
		defer cancel()
		heard := &heardReader{r: resp.body, dead: dead, silence: silence}
		retry, _ := readEvents(heard, func(ev Event) bool {
			select {
			case ch <- ev:
				return true
			case <-ctx.Done():
				return false
			}
		})
		dead.Stop()
		resp.body.Close()
		if retry > 0 && ctx.Err() == nil {
			wait := time.NewTimer(min(retry, maxStreamRetry))
			defer wait.Stop()
			select {
			case <-wait.C:
			case <-ctx.Done():
			}
		}
	}()
	return ch, nil
}

// streamSilence is how long an event stream may bring nothing, not even the
// keep-alive comment tenfootd sends every 15 seconds, before the client takes it for
// dead and ends it, so that the device subscribes again and hears what it missed. A
// connection that a network dropped without a word (a NAT that forgot it, a TV's
// Wi-Fi that came back on another address) would otherwise wait for an event that
// can never come: the sign-out of all devices among them.
const streamSilence = 45 * time.Second

// maxStreamRetry bounds the wait a retry: field asks for, so that no service can keep
// a device from reconnecting for long.
const maxStreamRetry = time.Minute

// heardReader reads a stream, putting off its end for silence each time it brings
// something.
type heardReader struct {
	r       io.Reader
	dead    *time.Timer
	silence time.Duration
}

func (h *heardReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	if n > 0 {
		h.dead.Reset(h.silence)
	}
	return n, err
}

// readEvents parses server-sent events from r and hands each one's data, decoded as
// an Event, to deliver until it returns false or the stream ends. It returns the
// last reconnection time a retry: field gave, 0 if none did. Comments and other
// fields are skipped; an event that does not decode is skipped too.
func readEvents(r io.Reader, deliver func(Event) bool) (retry time.Duration, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var data []byte
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case len(line) == 0:
			if len(data) > 0 {
				var ev Event
				if json.Unmarshal(data, &ev) == nil && !deliver(ev) {
					return retry, nil
				}
			}
			data = data[:0]
		case bytes.HasPrefix(line, []byte("data:")):
			data = append(data, field(line, "data:")...)
		case bytes.HasPrefix(line, []byte("retry:")):
			// Only ASCII digits, as the HTML standard says; anything else is ignored.
			if ms, err := strconv.ParseUint(string(field(line, "retry:")), 10, 32); err == nil {
				retry = time.Duration(ms) * time.Millisecond
			}
		}
	}
	if err := sc.Err(); err != nil && !errors.Is(err, context.Canceled) {
		return retry, err
	}
	return retry, nil
}

// field returns the value of a line of a server-sent event whose field name, with
// its colon, is name: what follows, less one space.
func field(line []byte, name string) []byte {
	return bytes.TrimPrefix(line[len(name):], []byte(" "))
}
