package session

// Observer is told what the service did that its operators count: how sign-ins with
// a code end, and which limit refused whom. tenfootd turns these into metrics; the
// session package itself imports no metrics library, since it also runs in the
// browser. Embedded calls an Observer on the goroutine of the call that did the
// thing, once it is done (a change committed, a refusal decided): each method must
// return at once, and may be called from many goroutines together.
type Observer interface {
	// DeviceCode is told each step of a sign-in with a code (RFC 8628).
	DeviceCode(step DeviceCodeStep)
	// RateLimited is told each attempt a limit refused, by the limit's rule.
	RateLimited(rule RateLimitRule)
}

// DeviceCodeStep is a step of a sign-in with a code, as an Observer is told it.
type DeviceCodeStep int

// The steps of a sign-in with a code. A code is issued once, then approved or
// denied at most once, then signs its device in once, or expires.
const (
	// DeviceCodeIssued: a device asked for a code to show.
	DeviceCodeIssued DeviceCodeStep = iota
	// DeviceCodeApproved: a person approved the code from a signed-in device.
	DeviceCodeApproved
	// DeviceCodeDenied: a person refused the code ("Not my TV").
	DeviceCodeDenied
	// DeviceCodeSignedIn: the device polled its approved code and was signed in.
	DeviceCodeSignedIn
	// DeviceCodeExpired: the device polled a code that had expired unused; it is
	// forgotten at once, so each expired code is told once. A code whose device
	// never polls again is forgotten later without a word.
	DeviceCodeExpired
)

// DeviceCodeSteps lists every step, in order, for an Observer that prepares a
// counter for each.
var DeviceCodeSteps = []DeviceCodeStep{DeviceCodeIssued, DeviceCodeApproved, DeviceCodeDenied, DeviceCodeSignedIn, DeviceCodeExpired}

// String names the step in snake case, as a metric's label value.
func (s DeviceCodeStep) String() string {
	switch s {
	case DeviceCodeIssued:
		return "issued"
	case DeviceCodeApproved:
		return "approved"
	case DeviceCodeDenied:
		return "denied"
	case DeviceCodeSignedIn:
		return "signed_in"
	case DeviceCodeExpired:
		return "expired"
	}
	return "unknown"
}

// RateLimitRule names a limit of the service, as an Observer is told it.
type RateLimitRule int

// The service's own limits; tenfootd adds its limits per address.
const (
	// RateLimitSignIn: wrong passwords and PINs, per who tries (limit).
	RateLimitSignIn RateLimitRule = iota
	// RateLimitCodeGuess: wrong codes typed by an approving account.
	RateLimitCodeGuess
	// RateLimitDevicePoll: a device polling its code faster than its interval
	// (slow_down, RFC 8628 §3.5).
	RateLimitDevicePoll
)

// RateLimitRules lists every rule of the service, in order.
var RateLimitRules = []RateLimitRule{RateLimitSignIn, RateLimitCodeGuess, RateLimitDevicePoll}

// String names the rule in snake case, as a metric's label value.
func (r RateLimitRule) String() string {
	switch r {
	case RateLimitSignIn:
		return "signin"
	case RateLimitCodeGuess:
		return "code_guess"
	case RateLimitDevicePoll:
		return "device_poll"
	}
	return "unknown"
}

// nopObserver is the Observer of a service that has none.
type nopObserver struct{}

func (nopObserver) DeviceCode(DeviceCodeStep) {}
func (nopObserver) RateLimited(RateLimitRule) {}
