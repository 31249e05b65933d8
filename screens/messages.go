package screens

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"tenfoot/session"
)

// The app's words, in one place: screens never spell out text of their own, so the
// wording stays consistent and can be translated in one file.
const (
	msgWhoIsWatching      = "Who's watching?"
	msgHome               = "Home"
	msgSettings           = "Settings"
	msgAccount            = "Account"
	msgSignOut            = "Sign out"
	msgSwitchProfile      = "Switch profile"
	msgCancel             = "Cancel"
	msgContinue           = "Continue"
	msgDone               = "Done"
	msgPlay               = "Play"
	msgPause              = "Pause"
	msgPlaying            = "Playing"
	msgPaused             = "Paused"
	msgExitQuestion       = "Exit tenfoot?"
	msgExit               = "Exit"
	msgMoreLikeThis       = "More like this"
	msgContinueWatching   = "Continue watching"
	msgDownloads          = "Downloads"
	msgThisDevice         = "This device"
	msgDevicesTitle       = "Devices signed in"
	msgSignOutAll         = "Sign out of all devices"
	msgSigningOut         = "Signing out…"
	msgLoading            = "Loading…"
	msgEnterPIN           = "Enter the PIN"
	msgDelete             = "Delete"
	msgSignInTitle        = "Sign in to tenfoot"
	msgSignInPhone        = "Sign in with your phone"
	msgSignInEmail        = "Sign in with email"
	msgSignInPhoneHint    = "Use a phone or computer that is signed in. It is quicker, and nobody sees your password on this TV."
	msgEmail              = "Email"
	msgLastEmail          = "Last used here"
	msgPassword           = "Password"
	msgSignIn             = "Sign in"
	msgWaitingApproval    = "Waiting for you to approve this TV…"
	msgNewCode            = "The code expired, so here is a new one."
	msgCodeRefused        = "The sign-in was refused on your phone or computer, so here is a new code."
	msgUsePIN             = "Use a profile PIN instead"
	msgUsePassword        = "Use the password instead"
	msgConfirmAllHint     = "To sign every device out, enter the account's password."
	msgConfirmAllPINHint  = "To sign every device out, enter the PIN of a profile."
	msgOfflineFollow      = "Offline devices are signed out the moment they come online."
	msgSignedOutElsewhere = "This device was signed out. Sign in to continue."
	msgOffline            = "The account service cannot be reached. Check the network connection and try again."
	msgWrongPassword      = "That email and password do not match. Check them and try again."
	msgWrongPIN           = "That PIN is not right."
	msgStalePlan          = "Something changed on this device while you were deciding. Look at what will be signed out and try again."
	msgNothingLost        = "Nothing downloaded on this device will be lost."
	msgKidsProfile        = "Kids"
	msgVersion            = "Version"
	msgDeviceName         = "This device"
	msgDeviceID           = "Device id"
	msgSignedIn           = "Signed in as"
)

func msgTooManyAttempts(wait time.Duration) string {
	if wait <= 0 {
		return "Too many attempts. Wait a little and try again."
	}
	return fmt.Sprintf("Too many attempts. Try again in %s.", roundWait(wait))
}

func roundWait(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%d seconds", int(d.Round(time.Second).Seconds()))
	}
	m := int(d.Round(time.Minute).Minutes())
	if m == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", m)
}

func msgSomethingWrong(err error) string {
	return "Something went wrong: " + err.Error()
}

// msgSignedOutOf is what the sign-in screen says after this device signed out.
func msgSignedOutOf(name string) string {
	return fmt.Sprintf("You signed out of %s on this device.", name)
}

// msgSignInOtherDevice is the code sign-in on a phone or tablet, where the code is
// approved on another device that is signed in.
const msgSignInOtherDevice = "Sign in with another device"

// msgSignInEmailHint is the sign-in screen's hint on a phone or tablet, here.
func msgSignInEmailHint(here string) string {
	return "Sign in with the email and password of your account. Your password manager on " + here + " can fill them in."
}

// msgProfilesOnScreen lists the profiles a sign-out takes off this screen, here.
func msgProfilesOnScreen(here string, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return "Profile on " + here + ": " + names[0] + "."
	}
	return "Profiles on " + here + ": " + msgAnd(names) + "."
}

// msgAnd lists names as a sentence does: "A", "A and B", "A, B and C".
func msgAnd(names []string) string {
	s := names[0]
	for i, n := range names[1:] {
		if i == len(names)-2 {
			s += " and " + n
		} else {
			s += ", " + n
		}
	}
	return s
}

// msgDownloadsLost says what a sign-out loses, naming the titles when there are a
// few: a kiosk's guest sees their downloads by name on Home, finished or not, and a
// count alone does not tell them which ones go.
func msgDownloadsLost(p session.SignOutPlan) string {
	const named = 3 // more names than this are a list, not a sentence
	lost := func(titles []string, one, many string) string {
		n := len(titles)
		switch {
		case n == 0:
			return ""
		case n == 1:
			return one + ": " + titles[0] + "."
		case n <= named:
			return fmt.Sprintf(many+": %s.", n, msgAnd(titles))
		}
		return fmt.Sprintf(many+": %s and %d more.", n, strings.Join(titles[:named], ", "), n-named)
	}
	s := lost(p.InProgress, "1 download in progress will be cancelled", "%d downloads in progress will be cancelled")
	t := lost(p.Downloaded, "1 downloaded title will be deleted", "%d downloaded titles will be deleted")
	if s != "" && t != "" {
		return s + " " + t
	}
	return s + t
}

func msgSignOutAllQuestion(acc session.Account, devices int) string {
	return fmt.Sprintf("Sign %s (%s) out of all %d devices?", acc.DisplayName, session.MaskEmail(acc.Email), devices)
}

func msgSignOutAllHint(here string) string {
	return "Every device, " + here + " too, goes back to the sign-in screen, and downloads on them are deleted. It takes seconds."
}

func msgSignOutDeviceQuestion(name string) string {
	return fmt.Sprintf("Sign %s out?", name)
}

// Words of signing another device out: what happens there, when, and here.
const (
	msgSignOutDeviceHint    = "It goes back to its sign-in screen, and the titles downloaded on it are deleted."
	msgSignOutDeviceOffline = "It is offline, so this happens the moment it comes online."
)

// msgYouStaySignedIn says that signing another device out leaves this one be.
func msgYouStaySignedIn(here string) string { return "You stay signed in on " + here + "." }

// msgSignedOutEverywhere is what the sign-in screen says after this device signed
// every device of name's account out.
func msgSignedOutEverywhere(name string) string {
	return fmt.Sprintf("Every device was signed out of %s's account, this one too.", name)
}

func msgDeviceSignedOut(r session.DeviceSignOut) string {
	if r.State == session.SignOutOffline {
		return fmt.Sprintf("%s is offline. It is signed out the moment it comes online.", r.Device.Name)
	}
	return fmt.Sprintf("%s is signed out.", r.Device.Name)
}

func msgAccountLine(acc session.Account) string {
	return fmt.Sprintf("%s  ·  %s plan", session.MaskEmail(acc.Email), acc.Plan)
}

// msgDeviceState says where one device is in a sign-out of all devices.
func msgDeviceState(r session.DeviceSignOut, now time.Time) string {
	switch r.State {
	case session.SignOutDone:
		return msgSignedOutState
	case session.SignOutPending:
		return "Signing out…"
	}
	return "Offline, last seen " + msgAgo(r.LastSeen, now) + ": signed out when it comes online"
}

// msgLastSeen says when a device was last seen.
func msgLastSeen(t, now time.Time) string {
	if now.Sub(t) < 2*time.Minute {
		return "Active now"
	}
	return "Last seen " + msgAgo(t, now)
}

func msgAgo(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 2*time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d minutes ago", int(d.Minutes()))
	case d < 2*time.Hour:
		return "an hour ago"
	case d < 48*time.Hour:
		return fmt.Sprintf("%d hours ago", int(d.Hours()))
	}
	return fmt.Sprintf("%d days ago", int(d.Hours()/24))
}

// msgDevice names a device in a list: its name, and its kind unless the name is
// nothing but the kind, so a browser named only "Web browser" is not "Web browser ·
// Web browser".
func msgDevice(info session.DeviceInfo) string {
	kind := msgKind(info.Kind)
	if strings.EqualFold(info.Name, kind) {
		return info.Name
	}
	return info.Name + "  ·  " + kind
}

func msgKind(k session.DeviceKind) string {
	switch k {
	case session.DeviceKindTV:
		return "TV"
	case session.DeviceKindConsole:
		return "Game console"
	case session.DeviceKindStick:
		return "Streaming stick"
	case session.DeviceKindBrowser:
		return "Web browser"
	case session.DeviceKindPhone:
		return "Phone"
	case session.DeviceKindKiosk:
		return "Shared TV"
	}
	return string(k)
}

func msgCodeInstructions(url string) string {
	return "On your phone or computer, go to " + url + " and enter this code:"
}

func msgCodeExpires(left time.Duration) string {
	return fmt.Sprintf("The code works for %s.", roundWait(left))
}

// maskEmail shows an address without spelling it out on a shared screen.
var maskEmail = session.MaskEmail

// msgSignedOutState is a device's state once it has signed out.
const msgSignedOutState = "Signed out"

// Words of the profile gate and the PIN pad.
const (
	msgPINLocked = "PIN"
	msgChecking  = "Checking…"
)

func msgEnterPINFor(name string) string { return "Enter the PIN for " + name }

// Words of managing profiles.
const (
	msgAddProfile     = "Add profile"
	msgManageProfiles = "Manage profiles"
	msgEditProfile    = "Edit profile"
	msgNewProfile     = "New profile"
	msgProfileName    = "Name"
	msgAvatar         = "Picture"
	msgKidsToggle     = "Kids profile"
	msgPINToggle      = "Lock with a PIN"
	msgSave           = "Save"
	msgDeleteProfile  = "Delete profile"
	msgManageHint     = "Choose a profile to edit it."
	msgDeleteLostHint = "Its downloads on this device are deleted too. This cannot be undone."
)

// msgProfileSpoken is how a screen reader names a profile on Who's watching: with
// what the note under its picture shows.
func msgProfileSpoken(p session.Profile) string {
	switch {
	case p.Locked:
		return p.Name + ", locked with a PIN"
	case p.Kids:
		return p.Name + ", Kids profile"
	}
	return p.Name
}

// msgPINDigits says how much of a PIN was typed, for a screen reader.
func msgPINDigits(typed, of int) string {
	return "PIN, " + strconv.Itoa(typed) + " of " + strconv.Itoa(of) + " digits"
}

// msgPictureName names a profile picture for a screen reader, such as "Picture: owl".
func msgPictureName(avatar string) string { return msgAvatar + ": " + avatar }

func msgChoosePINFor(name string) string { return "Choose a PIN for " + name }

// Words of choosing a PIN, and of a PIN forgotten.
const (
	msgChoosePINAgain   = "Enter the same PIN again"
	msgPINsDiffer       = "The two PINs were not the same. Choose the PIN again."
	msgForgotPIN        = "Forgot PIN?"
	msgForgotPINHint    = "Enter the account's password to change or remove this profile's PIN."
	msgWrongAccountPass = "That is not the account's password. Try again."
	msgNewPIN           = "Choose a new PIN"
	msgRemovePIN        = "Remove the PIN"
	msgForgotPINChoice  = "What should happen to the PIN?"
)

func msgForgotPINFor(name string) string { return "Forgot the PIN for " + name + "?" }

// msgPINChanged says how a forgotten PIN was dealt with.
func msgPINChanged(name string, removed bool) string {
	if removed {
		return name + "'s profile has no PIN now."
	}
	return name + "'s profile has a new PIN."
}

func msgDeleteProfileQuestion(name string) string { return "Delete " + name + "'s profile?" }

func msgCodeSpoken(code, url string) string {
	return msgSignInPhone + ". Your code is " + code + ". Enter it at " + url + "."
}

// Words of a kiosk: a TV that guests share, such as a hotel room's.
const (
	msgKioskWelcome        = "Welcome"
	msgKioskWelcomeHint    = "Sign in to your own account to watch on this TV."
	msgKioskCleared        = "The last guest was signed out. Nothing of theirs is left on this TV."
	msgKioskStay           = "Press any button to stay signed in."
	msgKioskCheckout       = "It is checkout time. Everything of yours is cleared from this TV."
	msgKioskSigningOut     = "Signing out and clearing this TV…"
	msgKioskTryingAgain    = "Trying again in a few seconds."
	msgSignOutAndClear     = "Sign out and clear this TV"
	msgSignOutAndClearOK   = "Sign out and clear"
	msgKioskSettings       = "Kiosk settings"
	msgEnterStaffPIN       = "Enter the staff PIN"
	msgKioskSignOutNow     = "Sign the guest out now"
	msgKioskSendSignOuts   = "Send waiting sign-outs"
	msgClose               = "Close"
	msgKioskIdleTimeout    = "Idle sign-out"
	msgKioskCheckoutLabel  = "Checkout"
	msgKioskSignOutAtLabel = "Sign out once at"
	msgKioskService        = "Account service"
	msgKioskBuiltIn        = "Built in (demo)"
	msgKioskNotSet         = "Not set"
	msgKioskGuest          = "Guest"
	msgKioskNoGuest        = "Nobody is signed in"
	msgKioskPending        = "Sign-outs the service has not confirmed"
)

// msgKioskCountdown is the countdown before a kiosk signs name out.
func msgKioskCountdown(name string, left time.Duration) string {
	s := int((left + time.Second - 1) / time.Second)
	return fmt.Sprintf("Signing out %s in %d s.", name, max(s, 0))
}

// msgKioskPolicy tells a guest when they will be signed out.
func msgKioskPolicy(idle time.Duration, checkout string) string {
	s := "For your privacy, you are signed out after " + msgDuration(idle) + " without use"
	if checkout != "" {
		s += " and at checkout, " + checkout
	}
	return s + ", and everything of yours is cleared from this TV. You can sign out yourself from Home."
}

// msgKioskLine says one setting: its idle time and countdown.
func msgKioskIdleLine(idle, warning time.Duration) string {
	return fmt.Sprintf("After %s without use, with a countdown of %s", msgDuration(idle), msgDuration(warning))
}

func msgKioskDaily(at string) string { return "Every day at " + at }

// msgDuration says a duration as a person would: "4 hours", "90 minutes", "30 seconds".
func msgDuration(d time.Duration) string {
	unit := func(n int64, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %ss", n, one)
	}
	switch {
	case d%time.Hour == 0:
		return unit(int64(d/time.Hour), "hour")
	case d%time.Minute == 0:
		return unit(int64(d/time.Minute), "minute")
	}
	return unit(int64(d.Round(time.Second)/time.Second), "second")
}

// The words of the touch layouts.
const (
	msgBack          = "‹  Back"
	msgMore          = "More"
	msgAppSettings   = "App settings"
	msgNoDownloads   = "Titles you download on this device appear here."
	msgProfilesHere  = "Profiles"
	msgApproveTV     = "Sign in a TV"
	msgApproveTVHint = "Type the code the TV shows. It signs in to this account."
	msgCodeField     = "Code, such as BDFH-JKLM"
	msgApprove       = "Sign in the TV"
	msgBadCode       = "That code is not right, or it expired. Check the code on the TV and try again."
)

// msgTVApproved says that the TV with code is signing in.
func msgTVApproved(code string) string {
	return "Done: the TV showing " + code + " is signing in."
}

// msgDownloadState says how far a download has got.
func msgDownloadState(d session.Download) string {
	if d.Complete() {
		return "Downloaded"
	}
	return fmt.Sprintf("%d%% downloaded", int(d.Progress()*100))
}

// errorText says what went wrong in words a person can act on.
func errorText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, session.ErrOffline):
		return msgOffline
	case errors.Is(err, session.ErrWrongCredentials):
		return msgWrongPassword
	case errors.Is(err, session.ErrWrongPIN):
		return msgWrongPIN
	case errors.Is(err, session.ErrRateLimited):
		var rl *session.RateLimitError
		if errors.As(err, &rl) {
			return msgTooManyAttempts(rl.RetryAfter)
		}
		return msgTooManyAttempts(0)
	case errors.Is(err, session.ErrRevoked):
		return msgSignedOutElsewhere
	case errors.Is(err, session.ErrStalePlan):
		return msgStalePlan
	}
	return msgSomethingWrong(err)
}
