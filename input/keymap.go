package input

// KeyboardAction maps a keyboard key, named by its W3C KeyboardEvent.code (which is
// also what Ebitengine's Key.String returns for these keys), to an action.
// Both Enter and Space are OK because people reach for either; Escape and Backspace
// are Back because browsers on TVs and PC keyboards use them for it.
func KeyboardAction(code string) Action {
	switch code {
	case "ArrowUp":
		return ActionUp
	case "ArrowDown":
		return ActionDown
	case "ArrowLeft":
		return ActionLeft
	case "ArrowRight":
		return ActionRight
	case "Enter", "NumpadEnter", "Space":
		return ActionOK
	case "Escape", "Backspace", "BrowserBack":
		return ActionBack
	case "Home":
		return ActionHome
	case "ContextMenu", "F1":
		return ActionMenu
	case "MediaPlayPause":
		return ActionPlayPause
	case "MediaTrackPrevious":
		return ActionRewind
	case "MediaTrackNext":
		return ActionFastForward
	case "F9":
		return ActionRed
	case "F10":
		return ActionGreen
	case "F11":
		return ActionYellow
	case "F12":
		return ActionBlue
	}
	return ActionNone
}

// The W3C standard gamepad layout's button indices that tenfoot maps.
const (
	GamepadButtonA         = 0  // bottom face button: OK
	GamepadButtonB         = 1  // right face button: Back
	GamepadButtonSelect    = 8  // "View" / "Share": Menu
	GamepadButtonStart     = 9  // "Menu" / "Options": Menu
	GamepadButtonDPadUp    = 12 // d-pad
	GamepadButtonDPadDown  = 13
	GamepadButtonDPadLeft  = 14
	GamepadButtonDPadRight = 15
	GamepadButtonHome      = 16 // the logo button: Home
)

// GamepadButtonAction maps a button of a standard-layout gamepad, by its W3C index,
// to an action.
func GamepadButtonAction(button int) Action {
	switch button {
	case GamepadButtonA:
		return ActionOK
	case GamepadButtonB:
		return ActionBack
	case GamepadButtonSelect, GamepadButtonStart:
		return ActionMenu
	case GamepadButtonDPadUp:
		return ActionUp
	case GamepadButtonDPadDown:
		return ActionDown
	case GamepadButtonDPadLeft:
		return ActionLeft
	case GamepadButtonDPadRight:
		return ActionRight
	case GamepadButtonHome:
		return ActionHome
	}
	return ActionNone
}

// StickDeadZone is how far a stick must lean before it counts as a direction. Worn
// sticks rest well off centre, and a diagonal lean should not count as two directions.
const StickDeadZone = 0.5

// StickDirection maps a stick position (x right, y down, each in [-1, 1]) to the one
// direction it leans in most, or ActionNone inside the dead zone.
func StickDirection(x, y float64) Action {
	ax, ay := abs(x), abs(y)
	if ax < StickDeadZone && ay < StickDeadZone {
		return ActionNone
	}
	if ax >= ay {
		if x < 0 {
			return ActionLeft
		}
		return ActionRight
	}
	if y < 0 {
		return ActionUp
	}
	return ActionDown
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// RemoteKeyAction maps a TV remote's legacy KeyboardEvent.keyCode to an action. These
// keys never reach Ebitengine in a browser, so the browser host listens for them
// itself. Codes come from the platforms' published key tables: LG webOS (461 Back,
// 412/417 rewind/forward), Samsung Tizen (10009 Back, 10252 play/pause), Amazon Fire TV
// (4 Back, 227/228 rewind/forward), HbbTV/CE-HTML (403-406 colour keys, 415 play,
// 19 pause, which LG's and Samsung's remotes have as keys of their own beside
// play/pause) and the media key 179.
func RemoteKeyAction(keyCode int) Action {
	switch keyCode {
	case 461, 10009, 4:
		return ActionBack
	case 403:
		return ActionRed
	case 404:
		return ActionGreen
	case 405:
		return ActionYellow
	case 406:
		return ActionBlue
	case 10252, 179:
		return ActionPlayPause
	case 415:
		return ActionPlay
	case 19:
		return ActionPause
	case 412, 227:
		return ActionRewind
	case 417, 228:
		return ActionFastForward
	}
	return ActionNone
}
