package screens

import (
	"errors"
	"strconv"
	"strings"
	"time"

	"tenfoot/i18n"
	"tenfoot/session"
	"tenfoot/ui"
)

// The app's words, in one place: screens never spell out text of their own. Each is
// a key into the catalog (messages), whose English is here and whose other
// languages are in messages_de.go, messages_ar.go and messages_ja.go; Env.t says a
// message in the language of whoever is watching. Arguments go in braces.
const (
	msgWhoIsWatching        i18n.Key = "whoIsWatching"
	msgHome                 i18n.Key = "home"
	msgSettings             i18n.Key = "settings"
	msgAccount              i18n.Key = "account"
	msgSignOut              i18n.Key = "signOut"
	msgSwitchProfile        i18n.Key = "switchProfile"
	msgCancel               i18n.Key = "cancel"
	msgContinue             i18n.Key = "continue"
	msgDone                 i18n.Key = "done"
	msgPlay                 i18n.Key = "play"
	msgPause                i18n.Key = "pause"
	msgPlaying              i18n.Key = "playing"
	msgPaused               i18n.Key = "paused"
	msgExitQuestion         i18n.Key = "exitQuestion"
	msgExit                 i18n.Key = "exit"
	msgMoreLikeThis         i18n.Key = "moreLikeThis"
	msgContinueWatching     i18n.Key = "continueWatching"
	msgDownloads            i18n.Key = "downloads"
	msgThisDevice           i18n.Key = "thisDevice"
	msgDevicesTitle         i18n.Key = "devicesTitle"
	msgSignOutAll           i18n.Key = "signOutAll"
	msgSigningOut           i18n.Key = "signingOut"
	msgLoading              i18n.Key = "loading"
	msgDelete               i18n.Key = "delete"
	msgSignInTitle          i18n.Key = "signInTitle"
	msgSignInPhone          i18n.Key = "signInPhone"
	msgSignInEmail          i18n.Key = "signInEmail"
	msgSignInPhoneHint      i18n.Key = "signInPhoneHint"
	msgEmail                i18n.Key = "email"
	msgLastEmail            i18n.Key = "lastEmail"
	msgPassword             i18n.Key = "password"
	msgSignIn               i18n.Key = "signIn"
	msgWaitingApproval      i18n.Key = "waitingApproval"
	msgNewCode              i18n.Key = "newCode"
	msgCodeRefused          i18n.Key = "codeRefused"
	msgUsePIN               i18n.Key = "usePIN"
	msgUsePassword          i18n.Key = "usePassword"
	msgConfirmAllHint       i18n.Key = "confirmAllHint"
	msgConfirmAllPINHint    i18n.Key = "confirmAllPINHint"
	msgOfflineFollow        i18n.Key = "offlineFollow"
	msgSignedOutElsewhere   i18n.Key = "signedOutElsewhere"
	msgOffline              i18n.Key = "offline"
	msgWrongPassword        i18n.Key = "wrongPassword"
	msgWrongPIN             i18n.Key = "wrongPIN"
	msgStalePlan            i18n.Key = "stalePlan"
	msgNothingLost          i18n.Key = "nothingLost"
	msgKidsProfile          i18n.Key = "kidsProfile"
	msgVersion              i18n.Key = "version"
	msgDeviceName           i18n.Key = "deviceName"
	msgDeviceID             i18n.Key = "deviceID"
	msgSignedIn             i18n.Key = "signedIn"
	msgLanguage             i18n.Key = "language"
	msgLanguageHint         i18n.Key = "languageHint"
	msgTooManyAttempts      i18n.Key = "tooManyAttempts"
	msgTooManyTryIn         i18n.Key = "tooManyTryIn"
	msgSeconds              i18n.Key = "seconds"
	msgMinutes              i18n.Key = "minutes"
	msgHours                i18n.Key = "hours"
	msgSomethingWrong       i18n.Key = "somethingWrong"
	msgSignedOutOf          i18n.Key = "signedOutOf"
	msgSignInOtherDevice    i18n.Key = "signInOtherDevice"
	msgSignInEmailHint      i18n.Key = "signInEmailHint"
	msgProfilesOnScreen     i18n.Key = "profilesOnScreen"
	msgListPair             i18n.Key = "listPair"
	msgSentences            i18n.Key = "sentences"
	msgListMore             i18n.Key = "listMore"
	msgListAndMore          i18n.Key = "listAndMore"
	msgInProgressLost       i18n.Key = "inProgressLost"
	msgDownloadedLost       i18n.Key = "downloadedLost"
	msgInProgressNamed      i18n.Key = "inProgressNamed"
	msgDownloadedNamed      i18n.Key = "downloadedNamed"
	msgSignOutQuestion      i18n.Key = "signOutQuestion"
	msgSignOutAllQuestion   i18n.Key = "signOutAllQuestion"
	msgSignOutAllHint       i18n.Key = "signOutAllHint"
	msgSignOutDevice        i18n.Key = "signOutDevice"
	msgSignOutDeviceHint    i18n.Key = "signOutDeviceHint"
	msgSignOutDeviceOffline i18n.Key = "signOutDeviceOffline"
	msgYouStaySignedIn      i18n.Key = "youStaySignedIn"
	msgSignedOutAllOf       i18n.Key = "signedOutEverywhere"
	msgDeviceOfflineDone    i18n.Key = "deviceOfflineDone"
	msgDeviceDone           i18n.Key = "deviceDone"
	msgAccountLine          i18n.Key = "accountLine"
	msgOfflineLastSeen      i18n.Key = "offlineLastSeen"
	msgActiveNow            i18n.Key = "activeNow"
	msgLastSeen             i18n.Key = "lastSeen"
	msgJustNow              i18n.Key = "justNow"
	msgMinutesAgo           i18n.Key = "minutesAgo"
	msgHoursAgo             i18n.Key = "hoursAgo"
	msgDaysAgo              i18n.Key = "daysAgo"
	msgOnDate               i18n.Key = "onDate"
	msgKindTV               i18n.Key = "kindTV"
	msgDeviceAndKind        i18n.Key = "deviceAndKind"
	msgKindConsole          i18n.Key = "kindConsole"
	msgKindStick            i18n.Key = "kindStick"
	msgKindBrowser          i18n.Key = "kindBrowser"
	msgKindPhone            i18n.Key = "kindPhone"
	msgKindKiosk            i18n.Key = "kindKiosk"
	msgCodeInstructions     i18n.Key = "codeInstructions"
	msgCodeExpires          i18n.Key = "codeExpires"
	msgSignedOutState       i18n.Key = "signedOutState"
	msgPINLocked            i18n.Key = "pinLocked"
	msgChecking             i18n.Key = "checking"
	msgEnterPINFor          i18n.Key = "enterPINFor"
	msgAddProfile           i18n.Key = "addProfile"
	msgManageProfiles       i18n.Key = "manageProfiles"
	msgEditProfile          i18n.Key = "editProfile"
	msgNewProfile           i18n.Key = "newProfile"
	msgProfileName          i18n.Key = "profileName"
	msgAvatar               i18n.Key = "avatar"
	msgKidsToggle           i18n.Key = "kidsToggle"
	msgPINToggle            i18n.Key = "pinToggle"
	msgSave                 i18n.Key = "save"
	msgDeleteProfile        i18n.Key = "deleteProfile"
	msgManageHint           i18n.Key = "manageHint"
	msgDeleteLostHint       i18n.Key = "deleteLostHint"
	msgProfileLocked        i18n.Key = "profileLocked"
	msgProfileKids          i18n.Key = "profileKids"
	msgPINDigits            i18n.Key = "pinDigits"
	msgPictureName          i18n.Key = "pictureName"
	msgChoosePINFor         i18n.Key = "choosePINFor"
	msgChoosePINAgain       i18n.Key = "choosePINAgain"
	msgPINsDiffer           i18n.Key = "pinsDiffer"
	msgForgotPIN            i18n.Key = "forgotPIN"
	msgForgotPINHint        i18n.Key = "forgotPINHint"
	msgWrongAccountPass     i18n.Key = "wrongAccountPass"
	msgNewPIN               i18n.Key = "newPIN"
	msgRemovePIN            i18n.Key = "removePIN"
	msgForgotPINChoice      i18n.Key = "forgotPINChoice"
	msgForgotPINFor         i18n.Key = "forgotPINFor"
	msgPINRemoved           i18n.Key = "pinRemoved"
	msgPINChanged           i18n.Key = "pinChanged"
	msgDeleteProfileQ       i18n.Key = "deleteProfileQuestion"
	msgCodeSpoken           i18n.Key = "codeSpoken"
	msgKioskWelcome         i18n.Key = "kioskWelcome"
	msgKioskWelcomeHint     i18n.Key = "kioskWelcomeHint"
	msgKioskCleared         i18n.Key = "kioskCleared"
	msgKioskStay            i18n.Key = "kioskStay"
	msgKioskCheckout        i18n.Key = "kioskCheckout"
	msgKioskSigningOut      i18n.Key = "kioskSigningOut"
	msgKioskTryingAgain     i18n.Key = "kioskTryingAgain"
	msgSignOutAndClear      i18n.Key = "signOutAndClear"
	msgSignOutAndClearOK    i18n.Key = "signOutAndClearOK"
	msgKioskSettings        i18n.Key = "kioskSettings"
	msgEnterStaffPIN        i18n.Key = "enterStaffPIN"
	msgKioskSignOutNow      i18n.Key = "kioskSignOutNow"
	msgKioskSendSignOuts    i18n.Key = "kioskSendSignOuts"
	msgClose                i18n.Key = "close"
	msgKioskIdleTimeout     i18n.Key = "kioskIdleTimeout"
	msgKioskCheckoutLabel   i18n.Key = "kioskCheckoutLabel"
	msgKioskSignOutAtLabel  i18n.Key = "kioskSignOutAt"
	msgKioskService         i18n.Key = "kioskService"
	msgKioskBuiltIn         i18n.Key = "kioskBuiltIn"
	msgKioskNotSet          i18n.Key = "kioskNotSet"
	msgKioskGuest           i18n.Key = "kioskGuest"
	msgKioskNoGuest         i18n.Key = "kioskNoGuest"
	msgKioskPending         i18n.Key = "kioskPending"
	msgKioskCountdown       i18n.Key = "kioskCountdown"
	msgKioskPolicy          i18n.Key = "kioskPolicy"
	msgKioskPolicyOut       i18n.Key = "kioskPolicyCheckout"
	msgKioskIdleLine        i18n.Key = "kioskIdleLine"
	msgKioskDaily           i18n.Key = "kioskDaily"
	msgBack                 i18n.Key = "back"
	msgMore                 i18n.Key = "more"
	msgAppSettings          i18n.Key = "appSettings"
	msgNoDownloads          i18n.Key = "noDownloads"
	msgProfilesHere         i18n.Key = "profilesHere"
	msgApproveTV            i18n.Key = "approveTV"
	msgApproveTVHint        i18n.Key = "approveTVHint"
	msgCodeField            i18n.Key = "codeField"
	msgApprove              i18n.Key = "approve"
	msgBadCode              i18n.Key = "badCode"
	msgTVApproved           i18n.Key = "tvApproved"
	msgDownloaded           i18n.Key = "downloaded"
	msgPercentDownloaded    i18n.Key = "percentDownloaded"
	msgOnThisTV             i18n.Key = "onThisTV"
	msgOnThisPhone          i18n.Key = "onThisPhone"
	msgOnThisTablet         i18n.Key = "onThisTablet"
	msgThisTV               i18n.Key = "thisTV"
	msgThisPhone            i18n.Key = "thisPhone"
	msgThisTablet           i18n.Key = "thisTablet"
	msgRow                  i18n.Key = "row"
	msgKeyShift             i18n.Key = "keyShift"
	msgKeySpace             i18n.Key = "keySpace"
	msgKeyDelete            i18n.Key = "keyDelete"
	msgKeyShow              i18n.Key = "keyShow"
	msgKeyHide              i18n.Key = "keyHide"
)

// messages is the catalog of every language the screens speak.
var messages = i18n.NewCatalog(map[i18n.Lang]i18n.Table{
	i18n.English:  english,
	i18n.German:   german,
	i18n.Arabic:   arabic,
	i18n.Japanese: japanese,
})

// Messages returns the catalog of the screens' words, for tests that check every
// language has every message.
func Messages() i18n.Catalog { return messages }

var english = i18n.Table{
	{msgWhoIsWatching, i18n.Msg{Other: "Who's watching?"}},
	{msgHome, i18n.Msg{Other: "Home"}},
	{msgSettings, i18n.Msg{Other: "Settings"}},
	{msgAccount, i18n.Msg{Other: "Account"}},
	{msgSignOut, i18n.Msg{Other: "Sign out"}},
	{msgSwitchProfile, i18n.Msg{Other: "Switch profile"}},
	{msgCancel, i18n.Msg{Other: "Cancel"}},
	{msgContinue, i18n.Msg{Other: "Continue"}},
	{msgDone, i18n.Msg{Other: "Done"}},
	{msgPlay, i18n.Msg{Other: "Play"}},
	{msgPause, i18n.Msg{Other: "Pause"}},
	{msgPlaying, i18n.Msg{Other: "Playing"}},
	{msgPaused, i18n.Msg{Other: "Paused"}},
	{msgExitQuestion, i18n.Msg{Other: "Exit tenfoot?"}},
	{msgExit, i18n.Msg{Other: "Exit"}},
	{msgMoreLikeThis, i18n.Msg{Other: "More like this"}},
	{msgContinueWatching, i18n.Msg{Other: "Continue watching"}},
	{msgDownloads, i18n.Msg{Other: "Downloads"}},
	{msgThisDevice, i18n.Msg{Other: "This device"}},
	{msgDevicesTitle, i18n.Msg{Other: "Devices signed in"}},
	{msgSignOutAll, i18n.Msg{Other: "Sign out of all devices"}},
	{msgSigningOut, i18n.Msg{Other: "Signing out…"}},
	{msgLoading, i18n.Msg{Other: "Loading…"}},
	{msgDelete, i18n.Msg{Other: "Delete"}},
	{msgSignInTitle, i18n.Msg{Other: "Sign in to tenfoot"}},
	{msgSignInPhone, i18n.Msg{Other: "Sign in with your phone"}},
	{msgSignInEmail, i18n.Msg{Other: "Sign in with email"}},
	{msgSignInPhoneHint, i18n.Msg{Other: "Use a phone or computer that is signed in. It is quicker, and nobody sees your password on this TV."}},
	{msgEmail, i18n.Msg{Other: "Email"}},
	{msgLastEmail, i18n.Msg{Other: "Last used here"}},
	{msgPassword, i18n.Msg{Other: "Password"}},
	{msgSignIn, i18n.Msg{Other: "Sign in"}},
	{msgWaitingApproval, i18n.Msg{Other: "Waiting for you to approve this TV…"}},
	{msgNewCode, i18n.Msg{Other: "The code expired, so here is a new one."}},
	{msgCodeRefused, i18n.Msg{Other: "The sign-in was refused on your phone or computer, so here is a new code."}},
	{msgUsePIN, i18n.Msg{Other: "Use a profile PIN instead"}},
	{msgUsePassword, i18n.Msg{Other: "Use the password instead"}},
	{msgConfirmAllHint, i18n.Msg{Other: "To sign every device out, enter the account's password."}},
	{msgConfirmAllPINHint, i18n.Msg{Other: "To sign every device out, enter the PIN of a profile."}},
	{msgOfflineFollow, i18n.Msg{Other: "Offline devices are signed out the moment they come online."}},
	{msgSignedOutElsewhere, i18n.Msg{Other: "This device was signed out. Sign in to continue."}},
	{msgOffline, i18n.Msg{Other: "The account service cannot be reached. Check the network connection and try again."}},
	{msgWrongPassword, i18n.Msg{Other: "That email and password do not match. Check them and try again."}},
	{msgWrongPIN, i18n.Msg{Other: "That PIN is not right."}},
	{msgStalePlan, i18n.Msg{Other: "Something changed on this device while you were deciding. Look at what will be signed out and try again."}},
	{msgNothingLost, i18n.Msg{Other: "Nothing downloaded on this device will be lost."}},
	{msgKidsProfile, i18n.Msg{Other: "Kids"}},
	{msgVersion, i18n.Msg{Other: "Version"}},
	{msgDeviceName, i18n.Msg{Other: "This device"}},
	{msgDeviceID, i18n.Msg{Other: "Device id"}},
	{msgSignedIn, i18n.Msg{Other: "Signed in as"}},
	{msgLanguage, i18n.Msg{Other: "Language"}},
	{msgLanguageHint, i18n.Msg{Other: "The language of this profile, on every device."}},
	{msgTooManyAttempts, i18n.Msg{Other: "Too many attempts. Wait a little and try again."}},
	{msgTooManyTryIn, i18n.Msg{Other: "Too many attempts. Try again in {wait}."}},
	{msgSeconds, i18n.Msg{One: "{n} second", Other: "{n} seconds"}},
	{msgMinutes, i18n.Msg{One: "{n} minute", Other: "{n} minutes"}},
	{msgHours, i18n.Msg{One: "{n} hour", Other: "{n} hours"}},
	{msgSomethingWrong, i18n.Msg{Other: "Something went wrong: {error}"}},
	{msgSignedOutOf, i18n.Msg{Other: "You signed out of {name} on this device."}},
	{msgSignInOtherDevice, i18n.Msg{Other: "Sign in with another device"}},
	{msgSignInEmailHint, i18n.Msg{Other: "Sign in with the email and password of your account. Your password manager {here} can fill them in."}},
	{msgProfilesOnScreen, i18n.Msg{One: "Profile {here}: {names}.", Other: "Profiles {here}: {names}."}},
	{msgListPair, i18n.Msg{Other: "{first} and {last}"}},
	{msgSentences, i18n.Msg{Other: "{first} {next}"}},
	{msgListMore, i18n.Msg{Other: "{first}, {next}"}},
	{msgListAndMore, i18n.Msg{One: "{names} and {n} more", Other: "{names} and {n} more"}},
	{msgInProgressLost, i18n.Msg{One: "1 download in progress will be cancelled.", Other: "{n} downloads in progress will be cancelled."}},
	{msgDownloadedLost, i18n.Msg{One: "1 downloaded title will be deleted.", Other: "{n} downloaded titles will be deleted."}},
	{msgInProgressNamed, i18n.Msg{One: "1 download in progress will be cancelled: {titles}.", Other: "{n} downloads in progress will be cancelled: {titles}."}},
	{msgDownloadedNamed, i18n.Msg{One: "1 downloaded title will be deleted: {titles}.", Other: "{n} downloaded titles will be deleted: {titles}."}},
	{msgSignOutQuestion, i18n.Msg{Other: "Sign out of {name} ({email})?"}},
	{msgSignOutAllQuestion, i18n.Msg{One: "Sign {name} ({email}) out of {n} device?", Other: "Sign {name} ({email}) out of all {n} devices?"}},
	{msgSignOutAllHint, i18n.Msg{Other: "Every device goes back to the sign-in screen, {this} too, and downloads on them are deleted. It takes seconds."}},
	{msgSignOutDevice, i18n.Msg{Other: "Sign {name} out?"}},
	{msgSignOutDeviceHint, i18n.Msg{Other: "It goes back to its sign-in screen, and the titles downloaded on it are deleted."}},
	{msgSignOutDeviceOffline, i18n.Msg{Other: "It is offline, so this happens the moment it comes online."}},
	{msgYouStaySignedIn, i18n.Msg{Other: "You stay signed in {here}."}},
	{msgSignedOutAllOf, i18n.Msg{Other: "Every device was signed out of {name}'s account, this one too."}},
	{msgDeviceOfflineDone, i18n.Msg{Other: "{device} is offline. It is signed out the moment it comes online."}},
	{msgDeviceDone, i18n.Msg{Other: "{device} is signed out."}},
	{msgAccountLine, i18n.Msg{Other: "{email}  ·  {plan} plan"}},
	{msgOfflineLastSeen, i18n.Msg{Other: "Offline, last seen {ago}: signed out when it comes online"}},
	{msgActiveNow, i18n.Msg{Other: "Active now"}},
	{msgLastSeen, i18n.Msg{Other: "Last seen {ago}"}},
	{msgJustNow, i18n.Msg{Other: "just now"}},
	{msgMinutesAgo, i18n.Msg{One: "{n} minute ago", Other: "{n} minutes ago"}},
	{msgHoursAgo, i18n.Msg{One: "an hour ago", Other: "{n} hours ago"}},
	{msgDaysAgo, i18n.Msg{One: "yesterday", Other: "{n} days ago"}},
	{msgOnDate, i18n.Msg{Other: "on {date}"}},
	{msgKindTV, i18n.Msg{Other: "TV"}},
	{msgDeviceAndKind, i18n.Msg{Other: "{name}  ·  {kind}"}},
	{msgKindConsole, i18n.Msg{Other: "Game console"}},
	{msgKindStick, i18n.Msg{Other: "Streaming stick"}},
	{msgKindBrowser, i18n.Msg{Other: "Web browser"}},
	{msgKindPhone, i18n.Msg{Other: "Phone"}},
	{msgKindKiosk, i18n.Msg{Other: "Shared TV"}},
	{msgCodeInstructions, i18n.Msg{Other: "On your phone or computer, go to {url} and enter this code:"}},
	{msgCodeExpires, i18n.Msg{Other: "The code works for {time}."}},
	{msgSignedOutState, i18n.Msg{Other: "Signed out"}},
	{msgPINLocked, i18n.Msg{Other: "PIN"}},
	{msgChecking, i18n.Msg{Other: "Checking…"}},
	{msgEnterPINFor, i18n.Msg{Other: "Enter the PIN for {name}"}},
	{msgAddProfile, i18n.Msg{Other: "Add profile"}},
	{msgManageProfiles, i18n.Msg{Other: "Manage profiles"}},
	{msgEditProfile, i18n.Msg{Other: "Edit profile"}},
	{msgNewProfile, i18n.Msg{Other: "New profile"}},
	{msgProfileName, i18n.Msg{Other: "Name"}},
	{msgAvatar, i18n.Msg{Other: "Picture"}},
	{msgKidsToggle, i18n.Msg{Other: "Kids profile"}},
	{msgPINToggle, i18n.Msg{Other: "Lock with a PIN"}},
	{msgSave, i18n.Msg{Other: "Save"}},
	{msgDeleteProfile, i18n.Msg{Other: "Delete profile"}},
	{msgManageHint, i18n.Msg{Other: "Choose a profile to edit it."}},
	{msgDeleteLostHint, i18n.Msg{Other: "Its downloads on this device are deleted too. This cannot be undone."}},
	{msgProfileLocked, i18n.Msg{Other: "{name}, locked with a PIN"}},
	{msgProfileKids, i18n.Msg{Other: "{name}, Kids profile"}},
	{msgPINDigits, i18n.Msg{One: "PIN, {typed} of {n} digit", Other: "PIN, {typed} of {n} digits"}},
	{msgPictureName, i18n.Msg{Other: "Picture: {avatar}"}},
	{msgChoosePINFor, i18n.Msg{Other: "Choose a PIN for {name}"}},
	{msgChoosePINAgain, i18n.Msg{Other: "Enter the same PIN again"}},
	{msgPINsDiffer, i18n.Msg{Other: "The two PINs were not the same. Choose the PIN again."}},
	{msgForgotPIN, i18n.Msg{Other: "Forgot PIN?"}},
	{msgForgotPINHint, i18n.Msg{Other: "Enter the account's password to change or remove this profile's PIN."}},
	{msgWrongAccountPass, i18n.Msg{Other: "That is not the account's password. Try again."}},
	{msgNewPIN, i18n.Msg{Other: "Choose a new PIN"}},
	{msgRemovePIN, i18n.Msg{Other: "Remove the PIN"}},
	{msgForgotPINChoice, i18n.Msg{Other: "What should happen to the PIN?"}},
	{msgForgotPINFor, i18n.Msg{Other: "Forgot the PIN for {name}?"}},
	{msgPINRemoved, i18n.Msg{Other: "{name}'s profile has no PIN now."}},
	{msgPINChanged, i18n.Msg{Other: "{name}'s profile has a new PIN."}},
	{msgDeleteProfileQ, i18n.Msg{Other: "Delete {name}'s profile?"}},
	{msgCodeSpoken, i18n.Msg{Other: "Sign in with your phone. Your code is {code}. Enter it at {url}."}},
	{msgKioskWelcome, i18n.Msg{Other: "Welcome"}},
	{msgKioskWelcomeHint, i18n.Msg{Other: "Sign in to your own account to watch on this TV."}},
	{msgKioskCleared, i18n.Msg{Other: "The last guest was signed out. Nothing of theirs is left on this TV."}},
	{msgKioskStay, i18n.Msg{Other: "Press any button to stay signed in."}},
	{msgKioskCheckout, i18n.Msg{Other: "It is checkout time. Everything of yours is cleared from this TV."}},
	{msgKioskSigningOut, i18n.Msg{Other: "Signing out and clearing this TV…"}},
	{msgKioskTryingAgain, i18n.Msg{Other: "Trying again in a few seconds."}},
	{msgSignOutAndClear, i18n.Msg{Other: "Sign out and clear this TV"}},
	{msgSignOutAndClearOK, i18n.Msg{Other: "Sign out and clear"}},
	{msgKioskSettings, i18n.Msg{Other: "Kiosk settings"}},
	{msgEnterStaffPIN, i18n.Msg{Other: "Enter the staff PIN"}},
	{msgKioskSignOutNow, i18n.Msg{Other: "Sign the guest out now"}},
	{msgKioskSendSignOuts, i18n.Msg{Other: "Send waiting sign-outs"}},
	{msgClose, i18n.Msg{Other: "Close"}},
	{msgKioskIdleTimeout, i18n.Msg{Other: "Idle sign-out"}},
	{msgKioskCheckoutLabel, i18n.Msg{Other: "Checkout"}},
	{msgKioskSignOutAtLabel, i18n.Msg{Other: "Sign out once at"}},
	{msgKioskService, i18n.Msg{Other: "Account service"}},
	{msgKioskBuiltIn, i18n.Msg{Other: "Built in (demo)"}},
	{msgKioskNotSet, i18n.Msg{Other: "Not set"}},
	{msgKioskGuest, i18n.Msg{Other: "Guest"}},
	{msgKioskNoGuest, i18n.Msg{Other: "Nobody is signed in"}},
	{msgKioskPending, i18n.Msg{Other: "Sign-outs the service has not confirmed"}},
	{msgKioskCountdown, i18n.Msg{Other: "Signing out {name} in {n} s."}},
	{msgKioskPolicy, i18n.Msg{Other: "For your privacy, you are signed out after {idle} without use, and everything of yours is cleared from this TV. You can sign out yourself from Home."}},
	{msgKioskPolicyOut, i18n.Msg{Other: "For your privacy, you are signed out after {idle} without use and at checkout, {checkout}, and everything of yours is cleared from this TV. You can sign out yourself from Home."}},
	{msgKioskIdleLine, i18n.Msg{Other: "After {idle} without use, with a countdown of {warning}"}},
	{msgKioskDaily, i18n.Msg{Other: "Every day at {time}"}},
	{msgBack, i18n.Msg{Other: "‹  Back"}},
	{msgMore, i18n.Msg{Other: "More"}},
	{msgAppSettings, i18n.Msg{Other: "App settings"}},
	{msgNoDownloads, i18n.Msg{Other: "Titles you download on this device appear here."}},
	{msgProfilesHere, i18n.Msg{Other: "Profiles"}},
	{msgApproveTV, i18n.Msg{Other: "Sign in a TV"}},
	{msgApproveTVHint, i18n.Msg{Other: "Type the code the TV shows. It signs in to this account."}},
	{msgCodeField, i18n.Msg{Other: "Code, such as BDFH-JKLM"}},
	{msgApprove, i18n.Msg{Other: "Sign in the TV"}},
	{msgBadCode, i18n.Msg{Other: "That code is not right, or it expired. Check the code on the TV and try again."}},
	{msgTVApproved, i18n.Msg{Other: "Done: the TV showing {code} is signing in."}},
	{msgDownloaded, i18n.Msg{Other: "Downloaded"}},
	{msgPercentDownloaded, i18n.Msg{Other: "{percent}% downloaded"}},
	{msgOnThisTV, i18n.Msg{Other: "on this TV"}},
	{msgOnThisPhone, i18n.Msg{Other: "on this phone"}},
	{msgOnThisTablet, i18n.Msg{Other: "on this tablet"}},
	{msgThisTV, i18n.Msg{Other: "this TV"}},
	{msgThisPhone, i18n.Msg{Other: "this phone"}},
	{msgThisTablet, i18n.Msg{Other: "this tablet"}},
	{msgRow, i18n.Msg{Other: "row"}},
	{msgKeyShift, i18n.Msg{Other: "Shift"}},
	{msgKeySpace, i18n.Msg{Other: "Space"}},
	{msgKeyDelete, i18n.Msg{Other: "Delete"}},
	{msgKeyShow, i18n.Msg{Other: "Show"}},
	{msgKeyHide, i18n.Msg{Other: "Hide"}},
}

// Lang returns the language the screens speak: the watching profile's, if it chose
// one, else the device's (Env.Language).
func (env *Env) Lang() i18n.Lang {
	if env.Profile != nil && env.Profile.Language != "" {
		if l, ok := i18n.Parse(env.Profile.Language); ok {
			return l
		}
	}
	return env.Language
}

// t says message k in the language of whoever is watching.
func (env *Env) t(k i18n.Key, args ...i18n.Arg) string {
	return messages.Format(env.Lang(), k, args...)
}

// Words returns what the toolkit and App say on their own, in the screens'
// language: the on-screen keyboard's keys, the word a screen reader adds after a
// row's name, and the touch Back button.
func (env *Env) Words() ui.Words {
	return ui.Words{
		Row: env.t(msgRow), Shift: env.t(msgKeyShift), Space: env.t(msgKeySpace),
		Delete: env.t(msgKeyDelete), Show: env.t(msgKeyShow), Hide: env.t(msgKeyHide), Done: env.t(msgDone),
		Back: env.t(msgBack),
	}
}

// here says where the app runs, after a preposition: "on this TV".
func (env *Env) here() string {
	switch env.Form {
	case ui.FormPhone:
		return env.t(msgOnThisPhone)
	case ui.FormTablet:
		return env.t(msgOnThisTablet)
	}
	return env.t(msgOnThisTV)
}

// this names the screen the app runs on: "this TV".
func (env *Env) this() string {
	switch env.Form {
	case ui.FormPhone:
		return env.t(msgThisPhone)
	case ui.FormTablet:
		return env.t(msgThisTablet)
	}
	return env.t(msgThisTV)
}

func (env *Env) msgTooManyAttempts(wait time.Duration) string {
	if wait <= 0 {
		return env.t(msgTooManyAttempts)
	}
	return env.t(msgTooManyTryIn, i18n.S("wait", env.roundWait(wait)))
}

// roundWait says a wait to the second below a minute, else to the minute.
func (env *Env) roundWait(d time.Duration) string {
	if d < time.Minute {
		return env.t(msgSeconds, i18n.N("n", int(d.Round(time.Second).Seconds())))
	}
	return env.t(msgMinutes, i18n.N("n", int(d.Round(time.Minute).Minutes())))
}

// msgProfilesOnScreen lists the profiles a sign-out takes off this screen.
func (env *Env) msgProfilesOnScreen(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return env.t(msgProfilesOnScreen, i18n.N("n", len(names)), i18n.S("here", env.here()), i18n.S("names", env.msgAnd(names)))
}

// msgAnd lists names as a sentence does: "A", "A and B", "A, B and C".
func (env *Env) msgAnd(names []string) string {
	if len(names) == 0 {
		return ""
	}
	last := names[len(names)-1]
	if len(names) == 1 {
		return last
	}
	first := names[0]
	for _, n := range names[1 : len(names)-1] {
		first = env.t(msgListMore, i18n.S("first", first), i18n.S("next", n))
	}
	return env.t(msgListPair, i18n.S("first", first), i18n.S("last", last))
}

// msgPlanWarning says in plain words what a sign-out loses, counted, or "" when
// nothing.
func (env *Env) msgPlanWarning(p session.SignOutPlan) string {
	var s, t string
	if n := len(p.InProgress); n > 0 {
		s = env.t(msgInProgressLost, i18n.N("n", n))
	}
	if n := len(p.Downloaded); n > 0 {
		t = env.t(msgDownloadedLost, i18n.N("n", n))
	}
	return env.sentences(s, t)
}

// msgDownloadsLost says what a sign-out loses, naming the titles when there are a
// few: a kiosk's guest sees their downloads by name on Home, finished or not, and a
// count alone does not tell them which ones go.
func (env *Env) msgDownloadsLost(p session.SignOutPlan) string {
	const named = 3 // more names than this are a list, not a sentence
	lost := func(titles []string, k i18n.Key) string {
		n := len(titles)
		switch {
		case n == 0:
			return ""
		case n <= named:
			return env.t(k, i18n.N("n", n), i18n.S("titles", env.msgAnd(titles)))
		}
		list := titles[0]
		for _, t := range titles[1:named] {
			list = env.t(msgListMore, i18n.S("first", list), i18n.S("next", t))
		}
		more := env.t(msgListAndMore, i18n.N("n", n-named), i18n.S("names", list))
		return env.t(k, i18n.N("n", n), i18n.S("titles", more))
	}
	return env.sentences(lost(p.InProgress, msgInProgressNamed), lost(p.Downloaded, msgDownloadedNamed))
}

// sentences puts two sentences one after the other, either of which may be "": with
// a space between them, or none in Japanese.
func (env *Env) sentences(first, next string) string {
	if first == "" || next == "" {
		return first + next
	}
	return env.t(msgSentences, i18n.S("first", first), i18n.S("next", next))
}

// msgSignOutQuestion asks which account a sign-out signs out of.
func (env *Env) msgSignOutQuestion(p session.SignOutPlan) string {
	return env.t(msgSignOutQuestion, i18n.S("name", p.AccountName), i18n.S("email", p.MaskedEmail))
}

func (env *Env) msgSignOutAllQuestion(acc session.Account, devices int) string {
	return env.t(msgSignOutAllQuestion, i18n.N("n", devices), i18n.S("name", acc.DisplayName), i18n.S("email", session.MaskEmail(acc.Email)))
}

func (env *Env) msgAccountLine(acc session.Account) string {
	return env.t(msgAccountLine, i18n.S("email", session.MaskEmail(acc.Email)), i18n.S("plan", acc.Plan))
}

func (env *Env) msgDeviceSignedOut(r session.DeviceSignOut) string {
	if r.State == session.SignOutOffline {
		return env.t(msgDeviceOfflineDone, i18n.S("device", r.Device.Name))
	}
	return env.t(msgDeviceDone, i18n.S("device", r.Device.Name))
}

// msgDeviceState says where one device is in a sign-out of all devices.
func (env *Env) msgDeviceState(r session.DeviceSignOut, now time.Time) string {
	switch r.State {
	case session.SignOutDone:
		return env.t(msgSignedOutState)
	case session.SignOutPending:
		return env.t(msgSigningOut)
	}
	return env.t(msgOfflineLastSeen, i18n.S("ago", env.msgAgo(r.LastSeen, now)))
}

// msgLastSeen says when a device was last seen.
func (env *Env) msgLastSeen(t, now time.Time) string {
	if now.Sub(t) < 2*time.Minute {
		return env.t(msgActiveNow)
	}
	return env.t(msgLastSeen, i18n.S("ago", env.msgAgo(t, now)))
}

// msgAgo says how long ago t was, and after a month the day it was.
func (env *Env) msgAgo(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < 2*time.Minute:
		return env.t(msgJustNow)
	case d < time.Hour:
		return env.t(msgMinutesAgo, i18n.N("n", int(d.Minutes())))
	case d < 48*time.Hour:
		return env.t(msgHoursAgo, i18n.N("n", int(d.Hours())))
	case d < 30*24*time.Hour:
		return env.t(msgDaysAgo, i18n.N("n", int(d.Hours()/24)))
	}
	return env.t(msgOnDate, i18n.S("date", env.Lang().Date(t, now)))
}

// msgDevice names a device in a list: its name, and its kind unless the name is
// nothing but the kind, so a browser named only "Web browser" is not "Web browser ·
// Web browser".
func (env *Env) msgDevice(info session.DeviceInfo) string {
	kind := env.msgKind(info.Kind)
	if strings.EqualFold(info.Name, kind) || strings.EqualFold(info.Name, messages[i18n.English][kindKey(info.Kind)].Other) {
		return info.Name
	}
	return env.t(msgDeviceAndKind, i18n.S("name", info.Name), i18n.S("kind", kind))
}

func kindKey(k session.DeviceKind) i18n.Key {
	switch k {
	case session.DeviceKindTV:
		return msgKindTV
	case session.DeviceKindConsole:
		return msgKindConsole
	case session.DeviceKindStick:
		return msgKindStick
	case session.DeviceKindBrowser:
		return msgKindBrowser
	case session.DeviceKindPhone:
		return msgKindPhone
	case session.DeviceKindKiosk:
		return msgKindKiosk
	}
	return ""
}

func (env *Env) msgKind(k session.DeviceKind) string {
	if key := kindKey(k); key != "" {
		return env.t(key)
	}
	return string(k)
}

// maskEmail shows an address without spelling it out on a shared screen.
var maskEmail = session.MaskEmail

// msgProfileSpoken is how a screen reader names a profile on Who's watching: with
// what the note under its picture shows.
func (env *Env) msgProfileSpoken(p session.Profile) string {
	switch {
	case p.Locked:
		return env.t(msgProfileLocked, i18n.S("name", p.Name))
	case p.Kids:
		return env.t(msgProfileKids, i18n.S("name", p.Name))
	}
	return p.Name
}

// msgPINDigits says how much of a PIN was typed, for a screen reader.
func (env *Env) msgPINDigits(typed, of int) string {
	return env.t(msgPINDigits, i18n.N("n", of), i18n.S("typed", strconv.Itoa(typed)))
}

// msgPINChanged says how a forgotten PIN was dealt with.
func (env *Env) msgPINChanged(name string, removed bool) string {
	if removed {
		return env.t(msgPINRemoved, i18n.S("name", name))
	}
	return env.t(msgPINChanged, i18n.S("name", name))
}

// msgCodeExpires says how long a sign-in code works.
func (env *Env) msgCodeExpires(left time.Duration) string {
	return env.t(msgCodeExpires, i18n.S("time", env.roundWait(left)))
}

// msgKioskCountdown is the countdown before a kiosk signs name out.
func (env *Env) msgKioskCountdown(name string, left time.Duration) string {
	s := int((left + time.Second - 1) / time.Second)
	return env.t(msgKioskCountdown, i18n.N("n", max(s, 0)), i18n.S("name", name))
}

// msgKioskPolicy tells a guest when they will be signed out.
func (env *Env) msgKioskPolicy(idle time.Duration, checkout string) string {
	if checkout != "" {
		return env.t(msgKioskPolicyOut, i18n.S("idle", env.msgDuration(idle)), i18n.S("checkout", checkout))
	}
	return env.t(msgKioskPolicy, i18n.S("idle", env.msgDuration(idle)))
}

// msgKioskIdleLine says one setting: its idle time and countdown.
func (env *Env) msgKioskIdleLine(idle, warning time.Duration) string {
	return env.t(msgKioskIdleLine, i18n.S("idle", env.msgDuration(idle)), i18n.S("warning", env.msgDuration(warning)))
}

// msgDuration says a duration as a person would: "4 hours", "90 minutes", "30 seconds".
func (env *Env) msgDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return env.t(msgHours, i18n.N("n", int(d/time.Hour)))
	case d%time.Minute == 0:
		return env.t(msgMinutes, i18n.N("n", int(d/time.Minute)))
	}
	return env.t(msgSeconds, i18n.N("n", int(d.Round(time.Second)/time.Second)))
}

// msgDownloadState says how far a download has got.
func (env *Env) msgDownloadState(d session.Download) string {
	if d.Complete() {
		return env.t(msgDownloaded)
	}
	return env.t(msgPercentDownloaded, i18n.S("percent", strconv.Itoa(int(d.Progress()*100))))
}

// errorText says what went wrong in words a person can act on.
func (env *Env) errorText(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, session.ErrOffline):
		return env.t(msgOffline)
	case errors.Is(err, session.ErrWrongCredentials):
		return env.t(msgWrongPassword)
	case errors.Is(err, session.ErrWrongPIN):
		return env.t(msgWrongPIN)
	case errors.Is(err, session.ErrRateLimited):
		var rl *session.RateLimitError
		if errors.As(err, &rl) {
			return env.msgTooManyAttempts(rl.RetryAfter)
		}
		return env.msgTooManyAttempts(0)
	case errors.Is(err, session.ErrRevoked):
		return env.t(msgSignedOutElsewhere)
	case errors.Is(err, session.ErrStalePlan):
		return env.t(msgStalePlan)
	}
	return env.t(msgSomethingWrong, i18n.S("error", err.Error()))
}

// Say says message k, with its arguments, in the language the screens speak; App
// says the tabs' names with it.
func (env *Env) Say(k i18n.Key, args ...i18n.Arg) string { return env.t(k, args...) }
