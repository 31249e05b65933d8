package ui

// Form is the kind of screen the app is laid out for. The flows are the same on
// every form; only where things go differs.
type Form uint8

// The forms.
const (
	// FormTV is a screen across a room, driven with a d-pad: the 1920×1080 canvas
	// with its title-safe margin. It is the default.
	FormTV Form = iota
	// FormPhone is a touch screen in a hand: one column, a tab bar at the bottom,
	// dialogs as bottom sheets.
	FormPhone
	// FormTablet is a wide touch screen: the phone's layout with a wider column and
	// longer rows.
	FormTablet
)

// Touch reports whether f is laid out for fingers rather than a d-pad.
func (f Form) Touch() bool { return f != FormTV }

func (f Form) String() string {
	switch f {
	case FormPhone:
		return "phone"
	case FormTablet:
		return "tablet"
	}
	return "tv"
}

// ParseForm returns the form named s ("tv", "phone" or "tablet").
func ParseForm(s string) (Form, bool) {
	for _, f := range [...]Form{FormTV, FormPhone, FormTablet} {
		if f.String() == s {
			return f, true
		}
	}
	return FormTV, false
}

// UnitsPerCSSPixel is how many canvas pixels a CSS pixel is on a touch form. At 2,
// the theme's 32 px body text reads at 16 CSS px on a phone, as platform guidelines
// ask, and a 96 px button is the 48 CSS px a fingertip needs.
const UnitsPerCSSPixel = 2

// MinTouchTarget is the smallest height or width of anything tapped on a touch
// form, in canvas pixels: 48 CSS px.
const MinTouchTarget = 48 * UnitsPerCSSPixel

// phoneShortSide is the short side, in CSS px, below which a touch screen is a
// phone in either orientation: phones are under 500, tablets 744 and more.
const phoneShortSide = 600

// ChooseForm picks the form for a viewport of w×h CSS pixels: a touch screen that is
// portrait or narrow is a phone, a wide one a tablet, and anything without touch a
// TV, whatever its size.
func ChooseForm(w, h float64, touch bool) Form {
	switch {
	case !touch || w <= 0 || h <= 0:
		return FormTV
	case w <= h || min(w, h) < phoneShortSide:
		return FormPhone
	}
	return FormTablet
}

// CanvasFor returns the canvas to lay out on for form in a viewport of w×h CSS
// pixels: the fixed TV canvas, which the host letterboxes, or on touch forms the
// viewport itself at UnitsPerCSSPixel.
func CanvasFor(form Form, w, h float64) Rect {
	if !form.Touch() || w <= 0 || h <= 0 {
		return Canvas
	}
	return Rect{W: float64(int(w * UnitsPerCSSPixel)), H: float64(int(h * UnitsPerCSSPixel))}
}
