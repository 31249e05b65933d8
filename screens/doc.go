// Package screens holds the screens of the tenfoot app.
//
// A Screen is a value: it builds a ui tree from its state and answers events with
// Commands (push, pop, replace, run a task, exit). It never touches the game loop or
// a GPU. Package app runs the screens: it stacks them, delivers their events, runs
// their tasks and applies their commands; it reaches the screens it shows on its own
// account through Routes (Tenfoot's), and what a screen can do through the
// interfaces in screen.go. So every flow can be driven by a script of actions in
// `go test`.
//
// No screen owns a title: what Home, Details and Downloads show comes from
// Env.Catalog, which the host fills with package demo's.
package screens
