package game

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Poster art works out the rounded corners' coverage only in the corner squares:
// everywhere else a pixel lies wholly inside, so skipping it paints the same pixels,
// and every alpha is the coverage's.
func TestPosterPixelsTakeTheCoverageOnlyAtTheCorners(t *testing.T) {
	for _, size := range [][2]int{{300, 450}, {426, 240}, {160, 160}, {17, 9}, {1, 1}} {
		w, h := size[0], size[1]
		for _, radius := range []float64{0, 6, 12.5, 24} {
			corner := int(math.Ceil(radius))
			pix := posterPixels(w, h, 210, radius)
			for y := range h {
				for x := range w {
					a := roundedCoverage(float64(x)+0.5, float64(y)+0.5, float64(w), float64(h), radius, 0)
					inCorner := (y < corner || y >= h-corner) && (x < corner || x >= w-corner)
					if !inCorner {
						require.Equal(t, 1.0, a, "%dx%d, radius %v: (%d, %d) is not wholly inside", w, h, radius, x, y)
					}
					require.Equal(t, byte(math.Round(a*255)), pix[4*(y*w+x)+3], "%dx%d, radius %v: alpha at (%d, %d)", w, h, radius, x, y)
				}
			}
		}
	}
	assert.Equal(t, byte(0), posterPixels(300, 450, 210, 12)[3], "the top left corner is cut off")
}

func BenchmarkPosterPixels(b *testing.B) {
	for b.Loop() {
		posterPixels(300, 450, 210, 12)
	}
}
