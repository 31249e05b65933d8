// Package ui is tenfoot's toolkit: a tree of nodes that screens build, the layout
// helpers that place them on a fixed 1920×1080 canvas, the focus engine that moves
// between them with a d-pad, and the theme that says how they look.
//
// # Lifecycle
//
// A screen builds a tree of Nodes when its state changes (never per frame) and lays it
// out with the helpers in layout.go. Each tick the host gives the screen's View the
// actions of that tick: View.Move moves focus geometrically, View.Hover follows the
// pointer, and View.Tick advances scroll animations. The host then draws the tree,
// reading each node's ScreenRect and whether it is focused; drawing lives outside this
// package so that all of it runs in `go test` with no display.
//
// # Focus
//
// Exactly one focusable node of the active layer is focused while the tree has any.
// Containers marked Remember give focus back to the child that last had it, matched by
// Key, so focus survives rebuilt trees and screens that are popped and pushed again.
// Dialogs are the exception: a RoleDialog layer opens on its DefaultFocus, else its
// first focusable node, every time it appears, and forgets what was focused in it
// before. Dialogs and menus that confirm or destroy something ("Sign out?", "Delete
// this profile?") rely on this to open on Cancel however they were left last time.
package ui
