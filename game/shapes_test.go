package game

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// posterPixelsEverywhere is posterPixels as it was first written, with the corner
// coverage worked out for every pixel: the reference the faster one must match.
func posterPixelsEverywhere(w, h int, hue, radius float64) []byte {
	pix := make([]byte, 4*w*h)
	top := hsv(hue, 0.55, 0.85)
	bottom := hsv(hue+25, 0.75, 0.32)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			t := (float64(x)/float64(w) + 2*float64(y)/float64(h)) / 3
			dx, dy := float64(x)/float64(w)-0.2, float64(y)/float64(h)-0.15
			glow := math.Max(0, 0.35-math.Hypot(dx, dy)*0.45)
			a := roundedCoverage(float64(x)+0.5, float64(y)+0.5, float64(w), float64(h), radius, 0)
			i := 4 * (y*w + x)
			for c := 0; c < 3; c++ {
				v := top[c]*(1-t) + bottom[c]*t + glow
				pix[i+c] = byte(math.Round(clamp01(v) * a * 255))
			}
			pix[i+3] = byte(math.Round(a * 255))
		}
	}
	return pix
}

// Poster art works out the rounded corners' coverage only where there are corners,
// and paints the same pixels as when it worked it out everywhere.
func TestPosterPixelsMatchTheCoverageEverywhere(t *testing.T) {
	for _, size := range [][2]int{{300, 450}, {426, 240}, {160, 160}, {17, 9}, {1, 1}} {
		for _, radius := range []float64{0, 6, 12.5, 24} {
			want := posterPixelsEverywhere(size[0], size[1], 210, radius)
			got := posterPixels(size[0], size[1], 210, radius)
			assert.Equal(t, want, got, "%dx%d, radius %v", size[0], size[1], radius)
		}
	}
}

func BenchmarkPosterPixels(b *testing.B) {
	for b.Loop() {
		posterPixels(300, 450, 210, 12)
	}
}
