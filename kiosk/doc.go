// Package kiosk holds what makes tenfoot safe on a TV that strangers share, such as a
// hotel room's: the kiosk's configuration and the rules that decide when the guest
// signed in is signed out.
//
// It is pure: it reads no clock and draws nothing. Package app asks a Guard,
// with the time from an injectable clock, what to show each tick; the hosts
// (cmd/tenfoot, wasm) read the Config from a file or the page and refuse to start on
// any error in it, since a kiosk that runs unprotected is worse than one that does
// not run.
//
// # When a guest is signed out
//
//   - Idle: after Config.IdleTimeout with no input while nothing plays, a countdown of
//     Config.Warning; any input cancels it, else the guest is signed out.
//   - Checkout: at Config.Checkout every day and at Config.SignOutAt, whoever signed
//     in before that moment is signed out, with a notice of Config.Warning first that
//     no input cancels.
//   - At start: a guest whose checkout passed, or whose idle time and countdown ran
//     out, while the TV was off is signed out before anything of theirs is shown.
//
// The Guard keeps only two moments, when the guest signed in and when they last did
// something; the State that persists them holds nothing that names the guest.
package kiosk
