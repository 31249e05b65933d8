// Package wasm is tenfoot's browser host. The page in index.html downloads the app's
// WebAssembly with a progress bar and starts it. Run opens the page's device with
// demo.OpenDevice, as cmd/tenfoot opens its own: a device of the tenfootd that served
// the page if one answers, else of the demo household, each kept under a
// localStorage prefix of its own. It then starts the game and bridges what
// Ebitengine does not do in a browser.
//
// # TV engines
//
// TVs keep the Chromium they shipped with, so the page's first two scripts are in
// ES5. compat.js decides what this engine gets: tenfoot.wasm, or tenfoot-mvp.wasm
// (the same app lowered to WebAssembly 1.0 by scripts/lower-wasm.sh, make web-tv)
// for engines that cannot validate Go's newer instructions and for Chromium before
// 85, which starts it sooner; or, below the floor (Chromium 66), a message saying
// the TV's browser is too old and what it lacks. It also chooses the page's language
// as the app will (?lang=, else navigator.languages), so that the loader speaks it,
// right to left in Arabic, before the app runs; Run then keeps the page's lang and
// dir as the app's. platform.js, on LG webOS and
// Samsung Tizen, registers Tizen's media and colour keys, pauses the app while the
// TV hides it (game.Options.Paused) and closes its event stream, and lets the first
// screen's Exit close the app the platform's way; tvPlatform is its Go side.
// wasm/tvpackage makes the TV app packages; wasm/tv tests all of it on old Chromium.
//
// # The bridge
//
//   - TV remote keys. Ebitengine maps keys by KeyboardEvent.code, and remotes' Back
//     (461 on webOS, 10009 on Tizen, 4 on Fire TV), colour and media keys have none,
//     so Run listens for them itself and maps their keyCode with input.RemoteKeyAction.
//   - Screen readers. What App.Announce says of each change is written to the page's
//     ARIA live regions (#announcer and #announcer-2, in turn, so that the same words
//     twice in a row are a change each time): the title of a new screen or dialog, a
//     dialog's text, errors, then the focused item after the row it entered ("Sign
//     out of Ana (a•••@example.com)? Profiles on this TV: … Cancel").
//   - Tests. window.tenfoot has frames (frames drawn), focused (the focused label),
//     screen (the current screen's name), title (its title or dialog question),
//     form (tv, phone or tablet: the layout the page chose), reducedMotion
//     (whether the app animates) and announced (what the live regions said last); find(label) says where a focusable item is, and
//     shows(label) whether anything on the screen on top, text too, is labelled so.
package wasm
