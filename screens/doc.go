// Package screens holds the screens of the tenfoot app and the App that stacks them.
//
// A Screen is a value: it builds a ui tree from its state and answers events with
// Commands (push, pop, replace, exit). It never touches the game loop or a GPU. App owns
// the stack, one ui.View per screen for focus and scrolling, and the Repeater that
// turns held keys into presses; a host feeds App the input of each tick and draws what
// it shows. So every flow can be driven by a script of actions in `go test`.
//
// No screen owns a title: what Home, Details and Downloads show comes from
// Options.Catalog, which the host fills with package demo's.
package screens
