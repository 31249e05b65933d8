package input

import (
	"fmt"
	"slices"
	"strings"
)

// Action is one meaningful press: what the user wants, not which key they used.
type Action uint8

// The actions, in the order remotes usually lay them out.
const (
	ActionNone Action = iota
	ActionUp
	ActionDown
	ActionLeft
	ActionRight
	ActionOK
	ActionBack
	ActionHome
	ActionMenu
	ActionPlayPause
	ActionPlay  // a remote's own Play key: plays, never pauses
	ActionPause // and its Pause key: pauses, never plays
	ActionRewind
	ActionFastForward
	ActionRed
	ActionGreen
	ActionYellow
	ActionBlue
	actionCount
)

var actionNames = [actionCount]string{
	ActionNone:        "none",
	ActionUp:          "up",
	ActionDown:        "down",
	ActionLeft:        "left",
	ActionRight:       "right",
	ActionOK:          "ok",
	ActionBack:        "back",
	ActionHome:        "home",
	ActionMenu:        "menu",
	ActionPlayPause:   "playpause",
	ActionPlay:        "play",
	ActionPause:       "pause",
	ActionRewind:      "rewind",
	ActionFastForward: "fastforward",
	ActionRed:         "red",
	ActionGreen:       "green",
	ActionYellow:      "yellow",
	ActionBlue:        "blue",
}

// String returns the action's script name, such as "right" or "ok".
func (a Action) String() string {
	if a < actionCount {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// IsDirection reports whether a is one of the four d-pad directions, the only
// actions that repeat while held.
func (a Action) IsDirection() bool {
	return a >= ActionUp && a <= ActionRight
}

// ScriptNames returns the names ParseAction and ParseScript take, in order: "up",
// "down" … "blue".
func ScriptNames() []string {
	return slices.Clone(actionNames[ActionUp:])
}

// ParseAction returns the action named name ("up", "OK", "Back" …), ignoring case.
func ParseAction(name string) (Action, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	for a := ActionUp; a < actionCount; a++ {
		if actionNames[a] == n {
			return a, nil
		}
	}
	return ActionNone, fmt.Errorf("input: unknown action %q (want one of %s)", name, strings.Join(actionNames[ActionUp:], ", "))
}

// ParseScript parses a comma-separated list of action names, such as
// "right,right,ok,back", as used by the -keys flag and scenario tests.
// Empty items are an error so that a typo never silently drops a press.
func ParseScript(script string) ([]Action, error) {
	if strings.TrimSpace(script) == "" {
		return nil, nil
	}
	parts := strings.Split(script, ",")
	actions := make([]Action, 0, len(parts))
	for i, p := range parts {
		a, err := ParseAction(p)
		if err != nil {
			return nil, fmt.Errorf("input: key script item %d: %w", i+1, err)
		}
		actions = append(actions, a)
	}
	return actions, nil
}

// HeldSet is the set of actions whose keys or buttons are down during one tick.
type HeldSet uint32

// Add returns s with a added.
func (s HeldSet) Add(a Action) HeldSet { return s | 1<<a }

// Has reports whether a is held.
func (s HeldSet) Has(a Action) bool { return s&(1<<a) != 0 }
