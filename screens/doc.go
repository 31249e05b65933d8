// Package screens holds the screens of the tenfoot app: each page and dialog, what it
// shows and what it does with a press. Package app's App runs them.
//
// A Screen is a value. It builds a ui tree from its state and answers events with a
// Command: rebuild, push a screen, pop, replace, reset, go home, show a toast, run a
// task, exit. It never touches the game loop or a GPU, nor another screen's state:
// what the screens share is the Env (the device and its session, who is watching,
// the form the app is laid out for). So every flow is a script of actions that runs
// in `go test`; package app's tests drive them all.
//
// The screens' types are unexported. App reaches the screens it shows on its own
// account through Routes (Tenfoot returns tenfoot's); every other screen is pushed
// by one before it. No screen owns a title: what Home, Details and Downloads show
// comes from Env.Catalog, which the host fills with package demo's. Every word the
// screens say is a message of the catalog in messages.go (English) and
// messages_de.go, messages_ar.go, messages_ja.go, said through Env.t in the language
// Env.Lang returns: the watching profile's choice (Settings → Language), else the
// device's (Env.Language).
//
// # Screen lifecycle
//
// App calls a screen's methods on its tick, from one goroutine. Every screen has
// Name, Build and Handle; the rest a screen has only when it needs them, and App
// finds them by type assertion to the interfaces named here, which are all there
// are.
//
//   - Shown: pushed by a command (Push, Replace, Reset) or a route. App gives the
//     screen a ui.View, with the focus memory kept under its MemoryKeyed key, else
//     its Name, from an earlier visit (a Fresh screen gets an empty one every time),
//     builds it, then calls Start if it is a Starter and carries out what Start
//     returns.
//   - Each tick: Tick on every Ticker on the stack, top or not, rebuilding those
//     that report true; then Poll on the top screen, if it is a Poller.
//   - Each press: directions move focus in the View and reach Handle only when
//     focus cannot move; any other action goes to the top screen's Handle, with the
//     key of the focused node, and so do the pointer's hover (Event.Hovered) and
//     text typed into a field (Event.Typed). App carries out the Command Handle
//     returns; Back or Home that Handle leaves as None goes back, asks Exit?
//     (Routes.Exit), or goes to the first screen.
//   - Background work: Run(work, done) is a command whose work App runs on a
//     goroutine of its own, and whose done it calls on a later tick with what work
//     returned, if the screen is still on the stack. Results arrive typed, at the
//     method that expects them. Only the top screen's commands change the stack; a
//     screen under it may still rebuild itself, run work and show a toast.
//   - Rebuilt: Build runs again when the screen's own command asks for it (Rebuild,
//     RebuildFocus, Run), when Tick reports true, when the screen is uncovered, when
//     the device's session changes, and when the form or canvas changes. Nothing
//     built is kept from one Build to the next: focus is kept by key.
//   - Covered: a screen stays on the stack, with its state, under the screens pushed
//     over it. When the one over it pops, App calls Resume if it is a Resumer.
//   - Gone: popped, replaced or reset away, a screen is dropped, and so is the
//     result of work it started. Its focus memory stays until a Reset, or a kiosk's
//     sign-out.
//
// What else a screen may be:
//   - Overlay: drawn over the screens below it, down to the first that is not one,
//     as dialogs and menus are; on touch forms App lays a dialog out as a bottom
//     sheet.
//   - Titled: says what it is about, for a screen reader, better than its first
//     heading does.
//   - SignedOutScreen: stays when the device is signed out (a sign-out dialog only
//     while its own sign-out runs); any other screen is then replaced by
//     Routes.SignedOut.
//   - Committer: sends a change the person confirmed; while it does, Back and Home
//     wait for the outcome.
//   - TabScreen: one of the tabs of a touch form (Routes.Tabs); App draws the tab
//     bar under it.
//   - Player: plays a title; a kiosk never counts its guest idle while one plays.
//   - StaffOnly: for a kiosk's staff; holding Back there does not ask for their PIN
//     again.
//   - Countdown: a kiosk's countdown (Routes.Countdown), which App keeps up to date
//     with what the kiosk's guard says, and over which it signs the guest out.
//
// There are TicksPerSecond ticks a second, but a busy browser page runs fewer: time a
// person counts on, such as a code's life or a countdown, is read from Env.Clock.
package screens
