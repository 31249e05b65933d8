package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/font"
)

func TestFacesMeasureText(t *testing.T) {
	for _, w := range []Weight{WeightRegular, WeightBold} {
		face, err := Face(w, 32)
		require.NoError(t, err)
		wide := font.MeasureString(face, "Sign out of all devices").Ceil()
		narrow := font.MeasureString(face, "OK").Ceil()
		assert.Greater(t, wide, 5*narrow)
		for _, r := range "•·…●○ABCabc0123@" {
			_, ok := face.GlyphAdvance(r)
			assert.True(t, ok, "font %d has %q", w, r)
		}
	}
}
