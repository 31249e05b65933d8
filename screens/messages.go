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
	msgCannotSave           i18n.Key = "cannotSave"
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
	msgSignOutAllUncounted  i18n.Key = "signOutAllUncounted"
	msgMoreDevices          i18n.Key = "moreDevices"
	msgDevicesSignedOut     i18n.Key = "devicesSignedOut"
	msgEveryDeviceSignedOut i18n.Key = "everyDeviceSignedOut"
	msgDevicesWaitOffline   i18n.Key = "devicesWaitOffline"
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
	msgTitleFacts           i18n.Key = "titleFacts"
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
	msgEditProfileOf        i18n.Key = "editProfileOf"
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
	msgProfileGone          i18n.Key = "profileGone"
	msgProfileMadeKids      i18n.Key = "profileMadeKids"
	msgProfileNameEmpty     i18n.Key = "profileNameEmpty"
	msgNameTooLong          i18n.Key = "nameTooLong"
	msgNameHidden           i18n.Key = "nameHiddenCharacter"
	msgLastProfileStays     i18n.Key = "lastProfileStays"
	msgTooManyProfiles      i18n.Key = "tooManyProfiles"
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
	msgKioskSomeGuest       i18n.Key = "kioskSomeGuest"
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
	msgCodeExpired          i18n.Key = "codeExpired"
	msgCodeApprovedAlready  i18n.Key = "codeApprovedAlready"
	msgCodeRefusedAlready   i18n.Key = "codeRefusedAlready"
	msgTVApproved           i18n.Key = "tvApproved"
	msgDownloaded           i18n.Key = "downloaded"
	msgPercentDownloaded    i18n.Key = "percentDownloaded"
	msgDownloadPaused       i18n.Key = "downloadPaused"
	msgDownloadsPaused      i18n.Key = "downloadsPaused"
	msgDownloadsPausedWhy   i18n.Key = "downloadsPausedWhy"
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
	msgStateOn              i18n.Key = "stateOn"
	msgStateOff             i18n.Key = "stateOff"
	msgSpokenComma          i18n.Key = "spokenComma"
	msgCharacters           i18n.Key = "characters"
	msgUnavailable          i18n.Key = "unavailable"
)

// MsgFontFailed is what the app says when the font of some letters on screen did
// not arrive, so that they cannot be shown yet (App.ShowFontFailed). In Arabic and
// Japanese it is written by the fonts the app embeds, as that font may be the
// language's own.
const MsgFontFailed i18n.Key = "fontFailed"

// MsgNoStorage is what the browser page says when the browser keeps no data for
// the site, so that nothing of a sign-in outlives the page.
const MsgNoStorage i18n.Key = "noStorage"

// MsgNotKept is what the app says when the device shows changes its storage
// refused to keep (session.Device.Unsaved): a full disk, a read-only card.
const MsgNotKept i18n.Key = "notKept"

// messages is the catalog of every language the screens speak.
var messages = i18n.NewCatalog(map[i18n.Lang]i18n.Table{
	i18n.English:  english,
	i18n.German:   german,
	i18n.Arabic:   arabic,
	i18n.Japanese: japanese,
})

var english = i18n.Table{
	{Key: msgWhoIsWatching, Msg: i18n.Msg{Other: "Who's watching?"}},
	{Key: msgHome, Msg: i18n.Msg{Other: "Home"}},
	{Key: msgSettings, Msg: i18n.Msg{Other: "Settings"}},
	{Key: msgAccount, Msg: i18n.Msg{Other: "Account"}},
	{Key: msgSignOut, Msg: i18n.Msg{Other: "Sign out"}},
	{Key: msgSwitchProfile, Msg: i18n.Msg{Other: "Switch profile"}},
	{Key: msgCancel, Msg: i18n.Msg{Other: "Cancel"}},
	{Key: msgContinue, Msg: i18n.Msg{Other: "Continue"}},
	{Key: msgDone, Msg: i18n.Msg{Other: "Done"}},
	{Key: msgPlay, Msg: i18n.Msg{Other: "Play"}},
	{Key: msgPause, Msg: i18n.Msg{Other: "Pause"}},
	{Key: msgPlaying, Msg: i18n.Msg{Other: "Playing"}},
	{Key: msgPaused, Msg: i18n.Msg{Other: "Paused"}},
	{Key: msgExitQuestion, Msg: i18n.Msg{Other: "Exit tenfoot?"}},
	{Key: msgExit, Msg: i18n.Msg{Other: "Exit"}},
	{Key: msgMoreLikeThis, Msg: i18n.Msg{Other: "More like this"}},
	{Key: msgContinueWatching, Msg: i18n.Msg{Other: "Continue watching"}},
	{Key: msgDownloads, Msg: i18n.Msg{Other: "Downloads"}},
	{Key: msgThisDevice, Msg: i18n.Msg{Other: "This device"}},
	{Key: msgDevicesTitle, Msg: i18n.Msg{Other: "Devices signed in"}},
	{Key: msgSignOutAll, Msg: i18n.Msg{Other: "Sign out of all devices"}},
	{Key: msgSigningOut, Msg: i18n.Msg{Other: "Signing out…"}},
	{Key: msgLoading, Msg: i18n.Msg{Other: "Loading…"}},
	{Key: msgDelete, Msg: i18n.Msg{Other: "Delete"}},
	{Key: msgSignInTitle, Msg: i18n.Msg{Other: "Sign in to tenfoot"}},
	{Key: msgSignInPhone, Msg: i18n.Msg{Other: "Sign in with your phone"}},
	{Key: msgSignInEmail, Msg: i18n.Msg{Other: "Sign in with email"}},
	{Key: msgSignInPhoneHint, Msg: i18n.Msg{Other: "Use a phone or computer that is signed in. It is quicker, and nobody sees your password on this TV."}},
	{Key: msgEmail, Msg: i18n.Msg{Other: "Email"}},
	{Key: msgLastEmail, Msg: i18n.Msg{Other: "Last used here"}},
	{Key: msgPassword, Msg: i18n.Msg{Other: "Password"}},
	{Key: msgSignIn, Msg: i18n.Msg{Other: "Sign in"}},
	{Key: msgWaitingApproval, Msg: i18n.Msg{Other: "Waiting for you to approve this TV…"}},
	{Key: msgNewCode, Msg: i18n.Msg{Other: "The code expired, so here is a new one."}},
	{Key: msgCodeRefused, Msg: i18n.Msg{Other: "The sign-in was refused on your phone or computer, so here is a new code."}},
	{Key: msgUsePIN, Msg: i18n.Msg{Other: "Use a profile PIN instead"}},
	{Key: msgUsePassword, Msg: i18n.Msg{Other: "Use the password instead"}},
	{Key: msgConfirmAllHint, Msg: i18n.Msg{Other: "To sign every device out, enter the account's password."}},
	{Key: msgConfirmAllPINHint, Msg: i18n.Msg{Other: "To sign every device out, enter the PIN of a profile."}},
	{Key: msgOfflineFollow, Msg: i18n.Msg{Other: "Offline devices are signed out the moment they come online."}},
	{Key: msgSignedOutElsewhere, Msg: i18n.Msg{Other: "This device was signed out. Sign in to continue."}},
	{Key: msgOffline, Msg: i18n.Msg{Other: "The account service cannot be reached. Check the network connection and try again."}},
	{Key: msgWrongPassword, Msg: i18n.Msg{Other: "That email and password do not match. Check them and try again."}},
	{Key: msgWrongPIN, Msg: i18n.Msg{Other: "That PIN is not right."}},
	{Key: msgStalePlan, Msg: i18n.Msg{Other: "Something changed on this device while you were deciding. Look at what will be signed out and try again."}},
	{Key: msgCannotSave, Msg: i18n.Msg{Other: "This device could not save the change: its storage is full or cannot be written to. Free some space and try again."}},
	{Key: msgNothingLost, Msg: i18n.Msg{Other: "Nothing downloaded on this device will be lost."}},
	{Key: msgKidsProfile, Msg: i18n.Msg{Other: "Kids"}},
	{Key: msgVersion, Msg: i18n.Msg{Other: "Version"}},
	{Key: msgDeviceName, Msg: i18n.Msg{Other: "This device"}},
	{Key: msgDeviceID, Msg: i18n.Msg{Other: "Device id"}},
	{Key: msgSignedIn, Msg: i18n.Msg{Other: "Signed in as"}},
	{Key: msgLanguage, Msg: i18n.Msg{Other: "Language"}},
	{Key: msgLanguageHint, Msg: i18n.Msg{Other: "The language of this profile, on every device."}},
	{Key: msgTooManyAttempts, Msg: i18n.Msg{Other: "Too many attempts. Wait a little and try again."}},
	{Key: msgTooManyTryIn, Msg: i18n.Msg{Other: "Too many attempts. Try again in {wait}."}},
	{Key: msgSeconds, Msg: i18n.Msg{One: "{n} second", Other: "{n} seconds"}},
	{Key: msgMinutes, Msg: i18n.Msg{One: "{n} minute", Other: "{n} minutes"}},
	{Key: msgHours, Msg: i18n.Msg{One: "{n} hour", Other: "{n} hours"}},
	{Key: msgSomethingWrong, Msg: i18n.Msg{Other: "Something went wrong: {error}"}},
	{Key: msgSignedOutOf, Msg: i18n.Msg{Other: "You signed out of {name} on this device."}},
	{Key: msgSignInOtherDevice, Msg: i18n.Msg{Other: "Sign in with another device"}},
	{Key: msgSignInEmailHint, Msg: i18n.Msg{Other: "Sign in with the email and password of your account. Your password manager {here} can fill them in."}},
	{Key: msgProfilesOnScreen, Msg: i18n.Msg{One: "Profile {here}: {names}.", Other: "Profiles {here}: {names}."}},
	{Key: msgListPair, Msg: i18n.Msg{Other: "{first} and {last}"}},
	{Key: msgSentences, Msg: i18n.Msg{Other: "{first} {next}"}},
	{Key: msgListMore, Msg: i18n.Msg{Other: "{first}, {next}"}},
	{Key: msgListAndMore, Msg: i18n.Msg{One: "{names} and {n} more", Other: "{names} and {n} more"}},
	{Key: msgInProgressLost, Msg: i18n.Msg{One: "1 download in progress will be cancelled.", Other: "{n} downloads in progress will be cancelled."}},
	{Key: msgDownloadedLost, Msg: i18n.Msg{One: "1 downloaded title will be deleted.", Other: "{n} downloaded titles will be deleted."}},
	{Key: msgInProgressNamed, Msg: i18n.Msg{One: "1 download in progress will be cancelled: {titles}.", Other: "{n} downloads in progress will be cancelled: {titles}."}},
	{Key: msgDownloadedNamed, Msg: i18n.Msg{One: "1 downloaded title will be deleted: {titles}.", Other: "{n} downloaded titles will be deleted: {titles}."}},
	{Key: msgSignOutQuestion, Msg: i18n.Msg{Other: "Sign out of {name} ({email})?"}},
	{Key: msgSignOutAllQuestion, Msg: i18n.Msg{One: "Sign {name} ({email}) out of {n} device?", Other: "Sign {name} ({email}) out of all {n} devices?"}},
	{Key: msgSignOutAllUncounted, Msg: i18n.Msg{Other: "Sign {name} ({email}) out of all devices?"}},
	{Key: msgMoreDevices, Msg: i18n.Msg{One: "{n} more device: {done} signed out, {pending} signing out, {offline} offline", Other: "{n} more devices: {done} signed out, {pending} signing out, {offline} offline"}},
	{Key: msgDevicesSignedOut, Msg: i18n.Msg{One: "{done} of {n} device signed out.", Other: "{done} of {n} devices signed out."}},
	{Key: msgEveryDeviceSignedOut, Msg: i18n.Msg{Other: "Every device signed out."}},
	{Key: msgDevicesWaitOffline, Msg: i18n.Msg{One: "{n} device is offline and signs out once it is online.", Other: "{n} devices are offline and sign out once they are online."}},
	{Key: msgSignOutAllHint, Msg: i18n.Msg{Other: "Every device goes back to the sign-in screen, {this} too, and downloads on them are deleted. It takes seconds."}},
	{Key: msgSignOutDevice, Msg: i18n.Msg{Other: "Sign {name} out?"}},
	{Key: msgSignOutDeviceHint, Msg: i18n.Msg{Other: "It goes back to its sign-in screen, and the titles downloaded on it are deleted."}},
	{Key: msgSignOutDeviceOffline, Msg: i18n.Msg{Other: "It is offline, so this happens the moment it comes online."}},
	{Key: msgYouStaySignedIn, Msg: i18n.Msg{Other: "You stay signed in {here}."}},
	{Key: msgSignedOutAllOf, Msg: i18n.Msg{Other: "Every device was signed out of {name}'s account, this one too."}},
	{Key: msgDeviceOfflineDone, Msg: i18n.Msg{Other: "{device} is offline. It is signed out the moment it comes online."}},
	{Key: msgDeviceDone, Msg: i18n.Msg{Other: "{device} is signed out."}},
	{Key: msgAccountLine, Msg: i18n.Msg{Other: "{email}  ·  {plan} plan"}},
	{Key: msgOfflineLastSeen, Msg: i18n.Msg{Other: "Offline, last seen {ago}: signed out when it comes online"}},
	{Key: msgActiveNow, Msg: i18n.Msg{Other: "Active now"}},
	{Key: msgLastSeen, Msg: i18n.Msg{Other: "Last seen {ago}"}},
	{Key: msgJustNow, Msg: i18n.Msg{Other: "just now"}},
	{Key: msgMinutesAgo, Msg: i18n.Msg{One: "{n} minute ago", Other: "{n} minutes ago"}},
	{Key: msgHoursAgo, Msg: i18n.Msg{One: "an hour ago", Other: "{n} hours ago"}},
	{Key: msgDaysAgo, Msg: i18n.Msg{One: "yesterday", Other: "{n} days ago"}},
	{Key: msgOnDate, Msg: i18n.Msg{Other: "on {date}"}},
	{Key: msgTitleFacts, Msg: i18n.Msg{Other: "{year}  ·  {genre}  ·  {minutes} min"}},
	{Key: msgKindTV, Msg: i18n.Msg{Other: "TV"}},
	{Key: msgDeviceAndKind, Msg: i18n.Msg{Other: "{name}  ·  {kind}"}},
	{Key: msgKindConsole, Msg: i18n.Msg{Other: "Game console"}},
	{Key: msgKindStick, Msg: i18n.Msg{Other: "Streaming stick"}},
	{Key: msgKindBrowser, Msg: i18n.Msg{Other: "Web browser"}},
	{Key: msgKindPhone, Msg: i18n.Msg{Other: "Phone"}},
	{Key: msgKindKiosk, Msg: i18n.Msg{Other: "Shared TV"}},
	{Key: msgCodeInstructions, Msg: i18n.Msg{Other: "On your phone or computer, go to {url} and enter this code:"}},
	{Key: msgCodeExpires, Msg: i18n.Msg{Other: "The code works for {time}."}},
	{Key: msgSignedOutState, Msg: i18n.Msg{Other: "Signed out"}},
	{Key: msgPINLocked, Msg: i18n.Msg{Other: "PIN"}},
	{Key: msgChecking, Msg: i18n.Msg{Other: "Checking…"}},
	{Key: msgEnterPINFor, Msg: i18n.Msg{Other: "Enter the PIN for {name}"}},
	{Key: msgAddProfile, Msg: i18n.Msg{Other: "Add profile"}},
	{Key: msgManageProfiles, Msg: i18n.Msg{Other: "Manage profiles"}},
	{Key: msgEditProfile, Msg: i18n.Msg{Other: "Edit profile"}},
	{Key: msgNewProfile, Msg: i18n.Msg{Other: "New profile"}},
	{Key: msgEditProfileOf, Msg: i18n.Msg{Other: "Edit profile, {name}"}},
	{Key: msgProfileName, Msg: i18n.Msg{Other: "Name"}},
	{Key: msgAvatar, Msg: i18n.Msg{Other: "Picture"}},
	{Key: msgKidsToggle, Msg: i18n.Msg{Other: "Kids profile"}},
	{Key: msgPINToggle, Msg: i18n.Msg{Other: "Lock with a PIN"}},
	{Key: msgSave, Msg: i18n.Msg{Other: "Save"}},
	{Key: msgDeleteProfile, Msg: i18n.Msg{Other: "Delete profile"}},
	{Key: msgManageHint, Msg: i18n.Msg{Other: "Choose a profile to edit it."}},
	{Key: msgDeleteLostHint, Msg: i18n.Msg{Other: "Its downloads on this device are deleted too. This cannot be undone."}},
	{Key: msgProfileLocked, Msg: i18n.Msg{Other: "{name}, locked with a PIN"}},
	{Key: msgProfileKids, Msg: i18n.Msg{Other: "{name}, Kids profile"}},
	{Key: msgPINDigits, Msg: i18n.Msg{One: "PIN, {typed} of {n} digit", Other: "PIN, {typed} of {n} digits"}},
	{Key: msgPictureName, Msg: i18n.Msg{Other: "Picture: {avatar}"}},
	{Key: msgChoosePINFor, Msg: i18n.Msg{Other: "Choose a PIN for {name}"}},
	{Key: msgChoosePINAgain, Msg: i18n.Msg{Other: "Enter the same PIN again"}},
	{Key: msgPINsDiffer, Msg: i18n.Msg{Other: "The two PINs were not the same. Choose the PIN again."}},
	{Key: msgForgotPIN, Msg: i18n.Msg{Other: "Forgot PIN?"}},
	{Key: msgForgotPINHint, Msg: i18n.Msg{Other: "Enter the account's password to change or remove this profile's PIN."}},
	{Key: msgWrongAccountPass, Msg: i18n.Msg{Other: "That is not the account's password. Try again."}},
	{Key: msgNewPIN, Msg: i18n.Msg{Other: "Choose a new PIN"}},
	{Key: msgRemovePIN, Msg: i18n.Msg{Other: "Remove the PIN"}},
	{Key: msgForgotPINChoice, Msg: i18n.Msg{Other: "What should happen to the PIN?"}},
	{Key: msgForgotPINFor, Msg: i18n.Msg{Other: "Forgot the PIN for {name}?"}},
	{Key: msgPINRemoved, Msg: i18n.Msg{Other: "{name}'s profile has no PIN now."}},
	{Key: msgPINChanged, Msg: i18n.Msg{Other: "{name}'s profile has a new PIN."}},
	{Key: msgDeleteProfileQ, Msg: i18n.Msg{Other: "Delete {name}'s profile?"}},
	{Key: msgProfileGone, Msg: i18n.Msg{Other: "{name}'s profile was deleted on another device."}},
	{Key: msgProfileMadeKids, Msg: i18n.Msg{Other: "{name}'s profile is a kids profile now."}},
	{Key: msgProfileNameEmpty, Msg: i18n.Msg{Other: "Type a name for the profile."}},
	{Key: msgNameTooLong, Msg: i18n.Msg{One: "A name can have at most {n} character.", Other: "A name can have at most {n} characters."}},
	{Key: msgLastProfileStays, Msg: i18n.Msg{Other: "An account keeps at least one profile, so {name}'s profile stays."}},
	{Key: msgNameHidden, Msg: i18n.Msg{Other: "The name holds an invisible character that is not allowed. Type it again."}},
	{Key: msgTooManyProfiles, Msg: i18n.Msg{Other: "This account has as many profiles as it can have. Delete one to add another."}},
	{Key: msgCodeSpoken, Msg: i18n.Msg{Other: "Sign in with your phone. Your code is {code}. Enter it at {url}."}},
	{Key: msgKioskWelcome, Msg: i18n.Msg{Other: "Welcome"}},
	{Key: msgKioskWelcomeHint, Msg: i18n.Msg{Other: "Sign in to your own account to watch on this TV."}},
	{Key: msgKioskCleared, Msg: i18n.Msg{Other: "The last guest was signed out. Nothing of theirs is left on this TV."}},
	{Key: msgKioskStay, Msg: i18n.Msg{Other: "Press any button to stay signed in."}},
	{Key: msgKioskCheckout, Msg: i18n.Msg{Other: "It is checkout time. Everything of yours is cleared from this TV."}},
	{Key: msgKioskSigningOut, Msg: i18n.Msg{Other: "Signing out and clearing this TV…"}},
	{Key: msgKioskTryingAgain, Msg: i18n.Msg{Other: "Trying again in a few seconds."}},
	{Key: msgSignOutAndClear, Msg: i18n.Msg{Other: "Sign out and clear this TV"}},
	{Key: msgSignOutAndClearOK, Msg: i18n.Msg{Other: "Sign out and clear"}},
	{Key: msgKioskSettings, Msg: i18n.Msg{Other: "Kiosk settings"}},
	{Key: msgEnterStaffPIN, Msg: i18n.Msg{Other: "Enter the staff PIN"}},
	{Key: msgKioskSignOutNow, Msg: i18n.Msg{Other: "Sign the guest out now"}},
	{Key: msgKioskSendSignOuts, Msg: i18n.Msg{Other: "Send waiting sign-outs"}},
	{Key: msgClose, Msg: i18n.Msg{Other: "Close"}},
	{Key: msgKioskIdleTimeout, Msg: i18n.Msg{Other: "Idle sign-out"}},
	{Key: msgKioskCheckoutLabel, Msg: i18n.Msg{Other: "Checkout"}},
	{Key: msgKioskSignOutAtLabel, Msg: i18n.Msg{Other: "Sign out once at"}},
	{Key: msgKioskService, Msg: i18n.Msg{Other: "Account service"}},
	{Key: msgKioskBuiltIn, Msg: i18n.Msg{Other: "Built in (demo)"}},
	{Key: msgKioskNotSet, Msg: i18n.Msg{Other: "Not set"}},
	{Key: msgKioskGuest, Msg: i18n.Msg{Other: "Guest"}},
	{Key: msgKioskNoGuest, Msg: i18n.Msg{Other: "Nobody is signed in"}},
	{Key: msgKioskSomeGuest, Msg: i18n.Msg{Other: "Someone is signed in"}},
	{Key: msgKioskPending, Msg: i18n.Msg{Other: "Sign-outs the service has not confirmed"}},
	{Key: msgKioskCountdown, Msg: i18n.Msg{Other: "Signing out {name} in {n} s."}},
	{Key: msgKioskPolicy, Msg: i18n.Msg{Other: "For your privacy, you are signed out after {idle} without use, and everything of yours is cleared from this TV. You can sign out yourself from Home."}},
	{Key: msgKioskPolicyOut, Msg: i18n.Msg{Other: "For your privacy, you are signed out after {idle} without use and at checkout, {checkout}, and everything of yours is cleared from this TV. You can sign out yourself from Home."}},
	{Key: msgKioskIdleLine, Msg: i18n.Msg{Other: "After {idle} without use, with a countdown of {warning}"}},
	{Key: msgKioskDaily, Msg: i18n.Msg{Other: "Every day at {time}"}},
	{Key: msgBack, Msg: i18n.Msg{Other: "‹  Back"}},
	{Key: msgMore, Msg: i18n.Msg{Other: "More"}},
	{Key: msgAppSettings, Msg: i18n.Msg{Other: "App settings"}},
	{Key: msgNoDownloads, Msg: i18n.Msg{Other: "Titles you download on this device appear here."}},
	{Key: msgProfilesHere, Msg: i18n.Msg{Other: "Profiles"}},
	{Key: msgApproveTV, Msg: i18n.Msg{Other: "Sign in a TV"}},
	{Key: msgApproveTVHint, Msg: i18n.Msg{Other: "Type the code the TV shows. It signs in to this account."}},
	{Key: msgCodeField, Msg: i18n.Msg{Other: "Code, such as BDFH-JKLM"}},
	{Key: msgApprove, Msg: i18n.Msg{Other: "Sign in the TV"}},
	{Key: msgBadCode, Msg: i18n.Msg{Other: "That code is not right, or it expired. Check the code on the TV and try again."}},
	{Key: msgCodeExpired, Msg: i18n.Msg{Other: "That code has expired. The TV shows a new one now: enter that one."}},
	{Key: msgCodeApprovedAlready, Msg: i18n.Msg{Other: "That code was approved already: the TV is signing in, or has. There is nothing more to do."}},
	{Key: msgCodeRefusedAlready, Msg: i18n.Msg{Other: "That code was refused already, so the TV was not signed in. If it is your TV, it shows a new code now: enter that one."}},
	{Key: msgTVApproved, Msg: i18n.Msg{Other: "Done: the TV showing {code} is signing in."}},
	{Key: msgDownloaded, Msg: i18n.Msg{Other: "Downloaded"}},
	{Key: msgPercentDownloaded, Msg: i18n.Msg{Other: "{percent}% downloaded"}},
	{Key: msgDownloadPaused, Msg: i18n.Msg{Other: "{percent}% downloaded, paused"}},
	{Key: msgDownloadsPaused, Msg: i18n.Msg{Other: "Downloads · paused: this device's storage is full"}},
	{Key: msgDownloadsPausedWhy, Msg: i18n.Msg{Other: "Downloads are paused: this device's storage is full or cannot be written to. They go on by themselves once there is room."}},
	{Key: msgOnThisTV, Msg: i18n.Msg{Other: "on this TV"}},
	{Key: msgOnThisPhone, Msg: i18n.Msg{Other: "on this phone"}},
	{Key: msgOnThisTablet, Msg: i18n.Msg{Other: "on this tablet"}},
	{Key: msgThisTV, Msg: i18n.Msg{Other: "this TV"}},
	{Key: msgThisPhone, Msg: i18n.Msg{Other: "this phone"}},
	{Key: msgThisTablet, Msg: i18n.Msg{Other: "this tablet"}},
	{Key: msgRow, Msg: i18n.Msg{Other: "row"}},
	{Key: msgStateOn, Msg: i18n.Msg{Other: "on"}},
	{Key: msgStateOff, Msg: i18n.Msg{Other: "off"}},
	{Key: msgSpokenComma, Msg: i18n.Msg{Other: ", "}},
	{Key: msgCharacters, Msg: i18n.Msg{One: "{n} character", Other: "{n} characters"}},
	{Key: msgUnavailable, Msg: i18n.Msg{Other: "unavailable"}},
	{Key: msgKeyShift, Msg: i18n.Msg{Other: "Shift"}},
	{Key: msgKeySpace, Msg: i18n.Msg{Other: "Space"}},
	{Key: msgKeyDelete, Msg: i18n.Msg{Other: "Delete"}},
	{Key: msgKeyShow, Msg: i18n.Msg{Other: "Show"}},
	{Key: msgKeyHide, Msg: i18n.Msg{Other: "Hide"}},
	{Key: MsgFontFailed, Msg: i18n.Msg{Other: "Some letters cannot be shown: their font did not load. Trying again soon."}},
	{Key: MsgNoStorage, Msg: i18n.Msg{Other: "This browser keeps no data for this site: nothing here is kept once the page is closed."}},
	{Key: MsgNotKept, Msg: i18n.Msg{Other: "This device's storage is full or cannot be written to. Your changes still show, but this device keeps them only until it is switched off. Free some space to keep them."}},
}

// The pictures' names, as a screen reader says them: avatar.NAME for each name in
// avatarNames (TestEveryAvatarHasAName).
var avatarWords = map[i18n.Lang][6]string{ // in avatarNames' order
	i18n.English:  {"fox", "owl", "bear", "whale", "cat", "robot"},
	i18n.German:   {"Fuchs", "Eule", "Bär", "Wal", "Katze", "Roboter"},
	i18n.Arabic:   {"ثعلب", "بومة", "دب", "حوت", "قطة", "روبوت"},
	i18n.Japanese: {"キツネ", "フクロウ", "クマ", "クジラ", "ネコ", "ロボット"},
}

func init() {
	for l, words := range avatarWords {
		for i, a := range avatarNames {
			messages[l][i18n.Key("avatar."+a)] = i18n.Msg{Other: words[i]}
		}
	}
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
// language: the on-screen keyboard's keys, the words a screen reader adds after a
// row's or a toggle's name, and the touch Back button.
func (env *Env) Words() ui.Words {
	return ui.Words{
		Row: env.t(msgRow), Shift: env.t(msgKeyShift), Space: env.t(msgKeySpace),
		Delete: env.t(msgKeyDelete), Show: env.t(msgKeyShow), Hide: env.t(msgKeyHide), Done: env.t(msgDone),
		Back: env.t(msgBack), RTL: env.Lang().RTL(),
		On: env.t(msgStateOn), Off: env.t(msgStateOff), Comma: env.t(msgSpokenComma), Unavailable: env.t(msgUnavailable),
		Characters: charactersIn[env.Lang()],
	}
}

// charactersIn says "5 characters" in each language, made once so that Words,
// called whenever a keyboard is built, allocates no function.
var charactersIn = func() map[i18n.Lang]func(int) string {
	m := make(map[i18n.Lang]func(int) string)
	for _, l := range i18n.Langs {
		m[l] = func(n int) string { return messages.Format(l, msgCharacters, i18n.N("n", n)) }
	}
	return m
}()

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

// msgSignOutAllQuestion asks whether to sign acc out of all its devices, counted.
//
// No devices is no count: the service lists this device among them, so there are
// none only while they are being counted or cannot be. The question then names no
// number, rather than ask to sign out "of all 0 devices".
func (env *Env) msgSignOutAllQuestion(acc session.Account, devices int) string {
	if devices == 0 {
		return env.t(msgSignOutAllUncounted, i18n.S("name", acc.DisplayName), i18n.S("email", session.MaskEmail(acc.Email)))
	}
	return env.t(msgSignOutAllQuestion, i18n.N("n", devices), i18n.S("name", acc.DisplayName), i18n.S("email", session.MaskEmail(acc.Email)))
}

// msgSignOutProgress says how far a sign-out of all devices has got, for a screen
// reader: how many signed out while any is still signing out, then that every
// device did, or how many wait offline.
func (env *Env) msgSignOutProgress(c session.SignOutCount) string {
	done := env.t(msgDevicesSignedOut, i18n.N("n", c.Total()), i18n.N("done", c.SignedOut))
	switch {
	case c.Pending > 0:
		return done
	case c.Offline == 0:
		return env.t(msgEveryDeviceSignedOut)
	}
	return done + " " + env.t(msgDevicesWaitOffline, i18n.N("n", c.Offline))
}

// msgMoreDevices counts the devices of a sign-out of all devices that its list
// has no room for.
func (env *Env) msgMoreDevices(c session.SignOutCount) string {
	return env.t(msgMoreDevices, i18n.N("n", c.Total()), i18n.N("done", c.SignedOut), i18n.N("pending", c.Pending), i18n.N("offline", c.Offline))
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

// msgProfileGone says that the profile called name, open here, was deleted on
// another device meanwhile.
func (env *Env) msgProfileGone(name string) string {
	return env.t(msgProfileGone, i18n.S("name", name))
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

// msgDownloadState says how far a download has got, and that it is paused while
// the device's storage refuses to save (downloadsPaused).
func (env *Env) msgDownloadState(d session.Download) string {
	if d.Complete() {
		return env.t(msgDownloaded)
	}
	k := msgPercentDownloaded
	if env.downloadsPaused() {
		k = msgDownloadPaused
	}
	return env.t(k, i18n.S("percent", strconv.Itoa(int(d.Progress()*100))))
}

// downloadsPaused reports whether downloads in progress wait, as the device's
// storage refuses to save (a full disk, a read-only card): what they fetch has
// nowhere to go. They go on by themselves once it takes saves again.
func (env *Env) downloadsPaused() bool { return env.Device.StorageFull() }

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
	case errors.Is(err, session.ErrStorage):
		// A full disk or a browser's full storage: the storage's own words
		// ("session: save device: no space left on device") are no one's.
		return env.t(msgCannotSave)
	case errors.Is(err, session.ErrTooManyProfiles):
		return env.t(msgTooManyProfiles)
	}
	return env.t(msgSomethingWrong, i18n.S("error", err.Error()))
}

// Say says message k, with its arguments, in the language the screens speak; App
// says the tabs' names with it.
func (env *Env) Say(k i18n.Key, args ...i18n.Arg) string { return env.t(k, args...) }
