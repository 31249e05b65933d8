package screens

import (
	"context"

	"tenfoot/input"
	"tenfoot/ui"
)

// Screen is one page of the app.
type Screen interface {
	// Name is the screen's stable name, such as "home"; tests and the browser page read it.
	Name() string
	// Build returns the tree for the screen's current state. App calls it when the
	// screen is shown, and again whenever it may have changed (see "Screen lifecycle").
	Build() *ui.Node
	// Handle answers one event: an action, with the key of the node focused at the time.
	Handle(ev Event) Command
}

// Overlay is implemented by screens drawn over the screen below them, such as dialogs.
type Overlay interface {
	Screen
	IsOverlay()
}

// Starter is implemented by screens that start something as soon as they are shown,
// such as asking the service for a sign-in code.
type Starter interface {
	Start() Command
}

// Poller is implemented by screens that check on something from time to time while
// they are on top, such as whether a sign-in code was approved. Poll runs every tick.
type Poller interface {
	Poll() Command
}

// Resumer is implemented by screens that refresh what they show when they are back
// on top, after the screen over them was closed.
type Resumer interface {
	Resume() Command
}

// Fresh is implemented by screens that start afresh every time they are shown, with
// nothing remembered of where focus was on an earlier visit, such as Home after a
// profile was chosen: it starts on the first title, as streaming apps do, not on the
// profile picture the last person left it on.
type Fresh interface {
	StartsFresh()
}

// Ticker is implemented by screens whose state changes with time, such as a player's
// position. Tick reports whether the screen must be rebuilt.
type Ticker interface {
	Tick() bool
}

// TicksPerSecond is how many ticks App runs a second: the hosts' fixed update rate,
// Ebitengine's. Ticker and Poller are called once a tick.
const TicksPerSecond = 60

// MemoryKeyed is implemented by screens whose one Name covers many pages, such as
// the details of each title: MemoryKey names what the page's focus memory belongs
// to, such as "details/tide".
type MemoryKeyed interface {
	MemoryKey() string
}

// Titled is implemented by screens that say what they are about better than their
// first heading, for a screen reader.
type Titled interface {
	Title() string
}

// Paced is implemented by screens whose title changes faster than a listener can
// follow, such as a countdown's every second: SpokenTitle is the title a screen
// reader says, which changes only as often as it is worth saying again.
type Paced interface {
	SpokenTitle() string
}

// SignedOutScreen is implemented by the screens that may belong on a signed-out
// device: the sign-in screens always, and those that sign this device out while
// their own sign-out is under way, so that they can say how it went. Any other
// screen is replaced by Routes.SignedOut when the device is signed out.
type SignedOutScreen interface {
	WorksSignedOut() bool
}

// Committer is implemented by screens that send a change the person confirmed, such
// as a sign-out, a sign-in or a deletion. While Committing, Back and Home wait until
// the change is done: leaving would drop its outcome and show the app as if it had
// not happened, while it had.
type Committer interface {
	Committing() bool
}

// TabScreen is implemented by the screens of the touch tab bar (Routes.Tabs).
type TabScreen interface {
	Tab() Tab
}

// Player is implemented by screens that play a title. A kiosk never counts a guest
// idle while a title plays anywhere on the stack.
type Player interface {
	Playing() bool
}

// StaffOnly is implemented by the screens for a kiosk's staff: holding Back there
// does not ask for their PIN again.
type StaffOnly interface {
	StaffOnly()
}

// Event is one press delivered to a screen. Directions are handled by the focus engine
// and reach the screen only when focus cannot move.
type Event struct {
	Action  input.Action
	Focused string // key of the focused node when the action happened
	// Hovered is set when the pointer has just moved focus to Focused.
	Hovered bool
	// Typed is set when a keyboard typed into the field Focused, which now holds
	// Text: the device's own keyboard on a touch screen, or a hardware keyboard on a
	// TV. Submit is set when its Enter key finished the text.
	Typed, Submit bool
	Text          string
}

// CommandKind says what App should do after an event.
type CommandKind uint8

// The commands.
const (
	CommandNone    CommandKind = iota // nothing changed
	CommandRebuild                    // the screen's state changed: build it again
	CommandPush                       // show Screen on top
	CommandPop                        // go back to the screen below
	CommandReplace                    // show Screen instead of the top screen
	CommandHome                       // go back to the first screen
	CommandToast                      // show Text in a toast
	CommandRun                        // run Task in the background
	CommandReset                      // show Screen alone, as after signing in or out
	CommandExit                       // leave the app
)

// Command is what a screen asks App to do.
type Command struct {
	Kind   CommandKind
	Screen Screen
	Text   string // a toast to show with the command
	Task   Task
	// Focus, with CommandRebuild, moves focus to the node with this key, as when a
	// step of a flow should start where the person will act next.
	Focus string
}

// RebuildFocus returns a command that rebuilds the screen and focuses key.
func RebuildFocus(key string) Command { return Command{Kind: CommandRebuild, Focus: key} }

// Task is work a screen hands to App to do off the UI tick, such as asking the
// account service. Run makes one.
type Task struct {
	work func(ctx context.Context) func() Command
}

// Do does the task's work and returns what finishes it: a function to call back on
// the UI tick, if the screen that asked is still on the stack, whose command is that
// screen's answer to the result. App calls Do on a goroutine of its own; ctx ends
// when the app closes.
func (t Task) Do(ctx context.Context) (finish func() Command) { return t.work(ctx) }

// Run returns a command that does work in the background and hands what it returns
// to done, back on the UI tick; the command done returns is the screen's answer.
// So every result arrives typed, at the method that expects it.
func Run[R any](work func(ctx context.Context) R, done func(R) Command) Command {
	return Command{Kind: CommandRun, Task: Task{work: func(ctx context.Context) func() Command {
		r := work(ctx)
		return func() Command { return done(r) }
	}}}
}

// Reset returns a command that shows s alone, dropping every other screen.
func Reset(s Screen) Command { return Command{Kind: CommandReset, Screen: s} }

// Toast returns a command that shows message in a toast.
func Toast(message string) Command { return Command{Kind: CommandToast, Text: message} }

// Push returns a command that shows s on top of the current screen.
func Push(s Screen) Command { return Command{Kind: CommandPush, Screen: s} }

// Replace returns a command that shows s instead of the current screen.
func Replace(s Screen) Command { return Command{Kind: CommandReplace, Screen: s} }

// Pop, Rebuild, Exit and None are the commands that carry no screen.
var (
	Pop     = Command{Kind: CommandPop}
	Rebuild = Command{Kind: CommandRebuild}
	Exit    = Command{Kind: CommandExit}
	None    = Command{}
)
