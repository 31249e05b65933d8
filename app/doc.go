// Package app runs the tenfoot app: it stands between a host, which feeds it each
// tick's input and draws what it shows, and package screens, whose screens take
// events and answer with commands.
//
// An App owns:
//   - the stack of screens, each with its own ui.View (focus, scrolling), and the
//     focus memory of screens while they are off the stack;
//   - input: held keys turned into presses with repeat (input.Repeater), the pointer
//     and the wheel, fingers turned into gestures, and a hardware keyboard's typing
//     handed to the field of the on-screen keyboard;
//   - the commands screens answer with (screens.Command), applied to the stack;
//   - screens' background work (screens.Task), run on goroutines of its own and
//     finished back on the tick, if the screen that asked is still on the stack;
//   - the device: listening to the account service while signed in, going to
//     Routes.SignedOut when the device was signed out from elsewhere, sending the
//     outbox's sign-outs when due, advancing downloads;
//   - a kiosk's guard: the idle and checkout countdowns, the sign-out when their
//     time is up, and holding Back for the staff PIN;
//   - touch forms: each screen laid out again as a column (ui.Flow), dialogs as
//     bottom sheets, a Back button and the tab bar;
//   - right-to-left languages: every tree a screen builds is mirrored
//     (ui.MirrorWithin) before it is shown, so rows start at the right and the
//     focus engine, working on the mirrored geometry, moves Right to the right;
//   - what a screen reader is told (Announce), and the toast.
//
// App knows no screen's type. It shows the screens of a screens.Routes value (the
// first, where a signed-out device goes, Exit?, a kiosk's countdown and staff PIN,
// the tabs), and asks a screen what it can do through the interfaces that package
// screens lists under "Screen lifecycle".
//
// # A tick
//
// A host calls Update screens.TicksPerSecond times a second, with the keys held and
// the pointer. In that order, Update:
//  1. notes input for a kiosk's idle guard, and whether a finger is in use;
//  2. turns held keys into presses and delivers each: a direction moves focus, and
//     reaches the top screen only when focus cannot move; OK on the touch Back
//     button or a tab is App's; anything else goes to the top screen's Handle, and
//     Back or Home that it leaves unanswered pops the stack, asks Exit? or goes to
//     the first screen;
//  3. asks for the staff PIN once Back was held long enough in a kiosk;
//  4. lets the pointer focus what it hovers and click it, the wheel move focus, and
//     a finger tap, drag and fling;
//  5. finishes the background work that is done;
//  6. follows the device's session;
//  7. ticks: each screen's Tick, the top view's animations, the top screen's Poll,
//     the toast, the outbox and the downloads;
//  8. asks a kiosk's guard what to show.
//
// Revision moves whenever what is shown changed: the host then draws Layers again
// and speaks Announce. Everything here runs in `go test` with no display, and under
// GOOS=js; the hosts (package game, wasm, cmd/tenfoot) add Ebitengine.
package app
