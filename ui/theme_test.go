package ui

import (
	"image/color"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contrast returns the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.RGBA) float64 {
	lum := func(c color.RGBA) float64 {
		lin := func(v uint8) float64 {
			s := float64(v) / 255
			if s <= 0.03928 {
				return s / 12.92
			}
			return math.Pow((s+0.055)/1.055, 2.4)
		}
		return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// Every pair of text and background colours the host draws reads at WCAG AA (4.5:1).
func TestThemeContrast(t *testing.T) {
	th := Dark
	pairs := []struct {
		name   string
		fg, bg color.RGBA
	}{
		{"text on background", th.Text, th.Background},
		{"dim text on background", th.TextDim, th.Background},
		{"text on a dialog", th.Text, th.Surface},
		{"dim text on a dialog", th.TextDim, th.Surface},
		{"text on a button", th.Text, th.Raised},
		{"focused button label", th.Background, th.SurfaceFocused},
		{"text on the accent", th.Text, th.Accent},
	}
	for _, p := range pairs {
		assert.GreaterOrEqual(t, contrast(p.fg, p.bg), 4.5, "%s: %.2f:1", p.name, contrast(p.fg, p.bg))
	}
}

// No text style is under 28 px at 1080p: hints, statuses, tags and the keyboard's
// word keys are read from the sofa too.
func TestNoTextUnder28Pixels(t *testing.T) {
	names := map[TextStyle]string{TextBody: "body", TextTitle: "title", TextHeadline: "headline", TextCaption: "caption"}
	require.Len(t, names, len(Dark.TextSizes), "every style is named here")
	for style, size := range Dark.TextSizes {
		assert.GreaterOrEqual(t, size, 28.0, "%s text is %v px", names[TextStyle(style)], size)
	}
}

func TestThemeSizesForTenFeet(t *testing.T) {
	th := Dark
	assert.GreaterOrEqual(t, th.TextSizes[TextBody], 32.0)
	assert.GreaterOrEqual(t, th.TextSizes[TextTitle], 48.0)
	assert.GreaterOrEqual(t, th.TextSizes[TextHeadline], 48.0)
	assert.Greater(t, th.FocusScale, 1.0, "focus is shown by size")
	assert.Positive(t, th.FocusOutline, "and by an outline, never by colour alone")
	assert.Equal(t, Rect{X: 96, Y: 54, W: 1728, H: 972}, SafeArea(Canvas))
}
