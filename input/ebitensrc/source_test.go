package ebitensrc

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"

	"tenfoot/input"
)

// The keymap in package input is keyed by W3C code names; this checks that
// Ebitengine names the keys we use the same way.
func TestEbitengineKeyNamesMatchKeymap(t *testing.T) {
	tests := map[ebiten.Key]input.Action{
		ebiten.KeyArrowUp: input.ActionUp, ebiten.KeyArrowDown: input.ActionDown,
		ebiten.KeyArrowLeft: input.ActionLeft, ebiten.KeyArrowRight: input.ActionRight,
		ebiten.KeyEnter: input.ActionOK, ebiten.KeySpace: input.ActionOK, ebiten.KeyNumpadEnter: input.ActionOK,
		ebiten.KeyEscape: input.ActionBack, ebiten.KeyBackspace: input.ActionBack,
		ebiten.KeyHome: input.ActionHome, ebiten.KeyContextMenu: input.ActionMenu,
		ebiten.KeyA: input.ActionNone, ebiten.KeyTab: input.ActionNone,
	}
	for k, want := range tests {
		assert.Equal(t, want, input.KeyboardAction(k.String()), k.String())
	}
}

// Ebitengine numbers standard-layout buttons in W3C order; the keymap relies on it.
func TestStandardButtonsFollowW3COrder(t *testing.T) {
	assert.Equal(t, input.GamepadButtonA, int(ebiten.StandardGamepadButtonRightBottom))
	assert.Equal(t, input.GamepadButtonB, int(ebiten.StandardGamepadButtonRightRight))
	assert.Equal(t, input.GamepadButtonStart, int(ebiten.StandardGamepadButtonCenterRight))
	assert.Equal(t, input.GamepadButtonDPadUp, int(ebiten.StandardGamepadButtonLeftTop))
	assert.Equal(t, input.GamepadButtonDPadLeft, int(ebiten.StandardGamepadButtonLeftLeft))
	assert.Equal(t, input.GamepadButtonHome, int(ebiten.StandardGamepadButtonCenterCenter))
}
