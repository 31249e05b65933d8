package ui

import "image/color"

// Theme is how tenfoot looks: colours, type sizes and the metrics of focus. It is read
// by the host when drawing and by screens when laying out, so that sizes agree.
type Theme struct {
	Background, Surface, Raised, SurfaceFocused, Scrim color.RGBA
	Text, TextDim, Accent, Outline                     color.RGBA
	// TextSizes holds the pixel size of each TextStyle on the 1080-line canvas. Nothing
	// is smaller than 28 px: text must be readable from three metres away, and TV
	// guidelines put the smallest readable text there.
	TextSizes [4]float64
	// FocusScale and FocusOutline make the focused node unmistakable from across a room
	// by size and a bright outline, never by colour alone.
	FocusScale   float64
	FocusOutline float64
	// Radius rounds the corners of panels, buttons and tiles.
	Radius float64
}

// Dark is the default theme: dark surfaces that do not glare in a dim living room.
var Dark = Theme{
	Background:     color.RGBA{0x0e, 0x10, 0x15, 0xff},
	Surface:        color.RGBA{0x1d, 0x21, 0x2b, 0xff},
	Raised:         color.RGBA{0x33, 0x39, 0x48, 0xff},
	SurfaceFocused: color.RGBA{0xf2, 0xf4, 0xf8, 0xff},
	Scrim:          color.RGBA{0x00, 0x00, 0x00, 0xc0},
	Text:           color.RGBA{0xf2, 0xf4, 0xf8, 0xff},
	TextDim:        color.RGBA{0x9a, 0xa3, 0xb5, 0xff},
	Accent:         color.RGBA{0x25, 0x63, 0xeb, 0xff},
	Outline:        color.RGBA{0xff, 0xff, 0xff, 0xff},
	TextSizes: [4]float64{
		TextBody:     32,
		TextTitle:    48,
		TextHeadline: 72,
		TextCaption:  28,
	},
	FocusScale:   1.08,
	FocusOutline: 6,
	Radius:       12,
}
