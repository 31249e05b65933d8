package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// confirmDialog is a dialog asking to confirm something, Cancel first.
func confirmDialog() *Node {
	d := &Node{Key: "dialog", Role: RoleDialog, Rect: Canvas}
	return d.Add(focusable("cancel", 700, 500, 200, 80), focusable("confirm", 950, 500, 200, 80))
}

// A dialog that was left on its confirm button opens on Cancel the next time, and
// the time after: memory never carries a press onto the button that destroys.
func TestDialogInAScreenOpensOnItsDefaultEveryTime(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	require.True(t, v.Focus("r1/b"))
	for range 2 {
		v.SetRoot(menuAndRows().Add(confirmDialog()))
		assert.Equal(t, "cancel", v.FocusedKey(), "the dialog opens on Cancel")
		require.True(t, v.Move(DirRight))
		require.Equal(t, "confirm", v.FocusedKey())
		v.SetRoot(menuAndRows().Add(confirmDialog())) // rebuilt while open: focus stays
		assert.Equal(t, "confirm", v.FocusedKey())
		v.SetRoot(menuAndRows())
		assert.Equal(t, "r1/b", v.FocusedKey(), "closing the dialog gives focus back")
	}
}

// A screen that is a dialog, shown again with the memory of its last showing, opens
// on its default too, as do the containers in it.
func TestDialogScreenForgetsWhereItWasLeft(t *testing.T) {
	mem := NewMemory()
	build := func() *Node {
		d := confirmDialog()
		d.Children[0].Key, d.Children[1].Key = "keep", "delete"
		pad := &Node{Key: "pad", Remember: true, Rect: Rect{X: 700, Y: 600, W: 500, H: 100}}
		pad.Add(focusable("pad/1", 700, 600, 100, 80), focusable("pad/2", 850, 600, 100, 80))
		return d.Add(pad)
	}
	for range 2 {
		var v View
		v.SetMemory(mem)
		v.SetRoot(build())
		assert.Equal(t, "keep", v.FocusedKey(), "the dialog opens on its first button")
		require.True(t, v.Focus("pad/2"))
		require.True(t, v.Focus("delete"))

		var again View
		again.SetMemory(mem)
		again.SetRoot(build())
		assert.Equal(t, "keep", again.FocusedKey(), "not on Delete, where it was left")
		require.True(t, again.Move(DirDown))
		assert.Equal(t, "pad/1", again.FocusedKey(), "the pad in it forgot its last key too")
	}
}

// A dialog's DefaultFocus decides where it opens, every time.
func TestDialogOpensOnItsDefaultFocus(t *testing.T) {
	mem := NewMemory()
	for range 2 {
		var v View
		v.SetMemory(mem)
		d := confirmDialog()
		d.DefaultFocus = "confirm" // a dialog whose safe choice comes second
		v.SetRoot(d)
		assert.Equal(t, "confirm", v.FocusedKey())
		require.True(t, v.Move(DirLeft))
		require.Equal(t, "cancel", v.FocusedKey())
	}
}

// A dialog whose buttons come a moment after it opens, a spinner first, opens on its
// default all the same, and so does one whose buttons went while it was busy and came
// back: what a loading screen's memory keeps is never a dialog's.
func TestDialogStillLoadingOpensOnItsDefault(t *testing.T) {
	mem := NewMemory()
	busy := func() *Node { return &Node{Key: "dialog", Role: RoleDialog, Rect: Canvas} }
	for range 2 {
		var v View
		v.SetMemory(mem)
		v.SetRoot(busy())
		require.Nil(t, v.Focused())
		v.SetRoot(confirmDialog())
		assert.Equal(t, "cancel", v.FocusedKey(), "opens on Cancel, not where it was left")
		require.True(t, v.Focus("confirm"))
		v.SetRoot(busy()) // confirming
		v.SetRoot(confirmDialog())
		assert.Equal(t, "cancel", v.FocusedKey(), "back from busy, on Cancel again")
	}
}

// In a dialog, a confirm button disabled while it works and enabled again does not
// get focus back: focus never comes back by itself to the button that confirms.
func TestDialogGivesNoFocusBackToItsConfirmButton(t *testing.T) {
	var v View
	v.SetRoot(menuAndRows())
	for range 2 {
		v.SetRoot(menuAndRows().Add(confirmDialog()))
		require.True(t, v.Move(DirRight))
		require.Equal(t, "confirm", v.FocusedKey())
		working := confirmDialog()
		working.Children[1].Disabled = true
		v.SetRoot(menuAndRows().Add(working))
		require.Equal(t, "cancel", v.FocusedKey())
		v.SetRoot(menuAndRows().Add(confirmDialog())) // it failed: enabled again
		assert.Equal(t, "cancel", v.FocusedKey())
		v.SetRoot(menuAndRows())
	}
}
