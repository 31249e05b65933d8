package input

// Pointer is what a mouse, touch or magic-remote pointer did during one tick, in the
// UI's canvas coordinates. Hovering focuses and a click is OK, so pointers and d-pads
// can be mixed freely.
type Pointer struct {
	X, Y    float64
	Moved   bool    // the pointer moved this tick; only then does hovering take focus
	Clicked bool    // the primary button was released over the pointer this tick
	WheelY  float64 // wheel movement this tick; positive scrolls down
	// Finger is the first finger on a touch screen; touches never hover.
	Finger Finger
}
