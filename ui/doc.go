// Package ui is tenfoot's toolkit: a tree of nodes that screens build, the layout
// helpers that place them on a fixed 1920×1080 canvas, the focus engine that moves
// between them with a d-pad, and the theme that says how they look.
//
// # Lifecycle
//
// A screen builds a tree of Nodes when its state changes (never per frame) and lays it
// out with the helpers in layout.go. Each tick the host gives the screen's View the
// actions of that tick: View.Move moves focus geometrically, View.Hover follows the
// pointer, and View.Tick advances the focus, dialog and scroll animations, which
// land at once where the system asks for reduced motion (View.SetReducedMotion).
// The host then draws the tree, reading each node's ScreenRect and whether it is
// focused; drawing lives outside this package so that all of it runs in `go test`
// with no display.
//
// # Focus
//
// Exactly one focusable node of the active layer is focused while the tree has any.
// Containers marked Remember give focus back to the child that last had it, matched by
// Key, so focus survives rebuilt trees and screens that are popped and pushed again.
// A screen pushed again whose first trees have nothing focusable, a list still
// loading, keeps its memory until they do: focus lands where it was left.
// Dialogs are the exception: a RoleDialog layer opens on its DefaultFocus, else its
// first focusable node, every time it appears, and forgets what was focused in it
// before. Dialogs and menus that confirm or destroy something ("Sign out?", "Delete
// this profile?") rely on this to open on Cancel however they were left last time.
//
// # Where a press moves focus
//
// View.Move follows two public bodies of expectations for TV remotes: BBC's
// LRUD-spatial, which BBC iPlayer's TV app uses, and the W3C/WICG CSS Spatial
// Navigation draft with its polyfill. A focus container is a node that remembers
// (Remember), scrolls, or is a row, a keyboard or a dialog. The rules, in the order
// they decide, with where each comes from and the test that pins it
// (TestLayouts cases are named by the layout they rebuild):
//
//	rule                                                source              test
//	a node's Next override decides first                tenfoot             TestNavigationOnAwkwardLayouts
//	search the container focus is in, then widen        LRUD, WICG          TestLayouts "the current container first"
//	  one container at a time up to the layer                               TestDownFromTheEndOfARowReachesTheShortRowBelow (app)
//	a container's Next (Stay) applies when nothing      LRUD block-exit     TestLayouts "a blocked exit keeps focus inside",
//	  inside lies that way: a blocked exit                                  "a container blocking Down"
//	a candidate is ahead when 30% into it lies past     LRUD overlap        TestLayouts "staggered tiles", "more than 30%"
//	  the focused node's far edge                         threshold
//	nearest by the distance from the exit edge's        LRUD                TestLayouts "rows of three sizes", "equal distances",
//	  midpoint to the candidate's nearest point                             "the nearer of two wins"
//	less 5 px for lying wholly straight ahead           WICG polyfill       TestLayouts "a tile one pixel nearer"
//	Left and Right prefer what is level                 Android, WICG       TestSidewaysPrefersLevelAndDownPrefersNearer,
//	                                                                        TestLayouts "disabled nodes", "a tall item"
//	from a row's tile or a keyboard's key, Left and     tenfoot             TestLayouts "from the end of a row",
//	  Right reach only what is level; else stay                             TestNavigationOnAwkwardLayouts (keyboard)
//	a press straight back the way the last move came    tenfoot             TestLayouts "a button centred under a row",
//	  returns where it came from, when that lies as                         "what lies between comes first",
//	  near as what geometry picks; focus moved any                          "a keyboard grid with a wide space bar",
//	  other way forgets it                                                    TestAPressStraightBackSurvivesARebuild
//	entering a container lands on the child it          LRUD data-focus     TestLayouts "two containers stacked", "rows entered",
//	  remembers, else its DefaultFocus, else its first                      "a container with a default", TestMemory
//	EnterNearest opts a container out: geometry         LRUD prioritise-    TestLayouts "a container that searches by geometry",
//	  picks the child                                     children=false    "a keyboard grid"
//	a node scrolled out of view is reached only by      WICG scroll         TestLayouts "an item scrolled out of view",
//	  moving along its scroller, which scrolls it         containers        "items outside every visible scroller",
//	  wholly into view with the usual easing                                TestReachingAnItemScrollsItFullyIntoView
//	a scroll on the same way while the last still      tenfoot             TestHeldKeyKeepsTheFocusOnScreen
//	  eases lands the last first: a held key never
//	  leaves the content behind the focus
//	a focused node that vanishes hands focus to the     WICG search-origin- TestVanishedFocus
//	  next node of its container in reading order,        vanish, LRUD last
//	  else the one before; the next press moves on         active child
//	  from there
//	a node that lost focus only because it was          tenfoot             TestDisabledFocusComesBackWhenEnabled,
//	  disabled gets it back once enabled, if focus                          TestDialogGivesNoFocusBackToItsConfirmButton
//	  stayed where it went; never in a dialog
//	hidden and disabled nodes never take focus          LRUD, WICG          TestLayouts "hidden nodes", "disabled nodes"
//
// Where the two disagree, tenfoot follows LRUD-spatial for Up and Down: the WICG
// polyfill and Android's FocusFinder weigh lying in line so heavily that Down from
// the end of a row skips a shorter row beneath for one in line further down, and a
// TV screen is rows. For Left and Right it follows the WICG polyfill and Android,
// which keep to what is level: rows and lines run across, and LRUD's nearest-point
// rule lets a sideways press land diagonally on the next line. Entering a container
// at its remembered or first child is LRUD's rule (the WICG draft has no memory): it
// is what makes Down, Up, Down return to the same tile.
package ui
