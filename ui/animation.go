package ui

// Animation lengths in ticks of the 60 Hz update loop. Ticks, not wall time, keep
// tests deterministic.
const (
	// FocusTicks is how long the focused node takes to grow and its outline to
	// appear (~120 ms): quick enough to follow a held key, slow enough to see.
	FocusTicks = 7
	// DialogTicks is how long a dialog takes to fade in (~200 ms).
	DialogTicks = 12
)

// SetReducedMotion makes focus, dialogs and scrolling land at once instead of
// easing there, for people whom motion troubles, as the platforms' Reduce motion
// settings ask, and for a TV whose every frame costs: a press then draws one frame,
// not one per tick of an animation. A flung list still glides, as it follows a
// finger. Turning it on finishes any animation under way.
func (v *View) SetReducedMotion(on bool) {
	v.still = on
	if on {
		v.finishAnimations()
	}
}

// ReducedMotion reports whether the View moves without animating.
func (v *View) ReducedMotion() bool { return v.still }

// finishAnimations finishes the focus, dialog and scroll animations under way.
func (v *View) finishAnimations() {
	v.focusIn, v.previous = FocusTicks, nil
	v.layerIn = DialogTicks
	if v.mem == nil {
		return
	}
	for _, st := range v.mem.scroll {
		if st.velocity == 0 && st.current != st.target {
			st.current = st.target
			if st.node != nil {
				st.node.setScroll(st.current)
			}
		}
	}
}

// tickFocus advances the focus and dialog animations and reports whether they moved.
func (v *View) tickFocus() bool {
	moved := false
	if v.focusIn < FocusTicks {
		v.focusIn++
		moved = true
	}
	if v.previous != nil {
		v.prevOut++
		moved = true
		if v.prevOut >= FocusTicks {
			v.previous = nil
		}
	}
	if v.layer != nil && v.layer != v.root && v.layerIn < DialogTicks {
		v.layerIn++
		moved = true
	}
	return moved
}

// FocusAmount returns how focused n looks, from 0 (at rest) to 1 (grown and
// outlined), easing in as focus arrives and out as it leaves.
func (v *View) FocusAmount(n *Node) float64 {
	switch {
	case n == nil:
		return 0
	case n == v.focused:
		return easeOut(float64(v.focusIn) / FocusTicks)
	case n == v.previous:
		return 1 - easeOut(float64(v.prevOut)/FocusTicks)
	}
	return 0
}

// Previous returns the node focus just left while it is still animating back to rest.
func (v *View) Previous() *Node { return v.previous }

// LayerOpacity returns how far the active dialog has faded in, from 0 to 1; 1 when
// there is no dialog.
func (v *View) LayerOpacity() float64 {
	if v.layer == nil || v.layer == v.root {
		return 1
	}
	return easeOut(float64(v.layerIn) / DialogTicks)
}

// easeOut is a cubic ease-out of t in [0, 1]: fast at first, settling gently.
func easeOut(t float64) float64 {
	t = min(max(t, 0), 1)
	u := 1 - t
	return 1 - u*u*u
}
