package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// ninePatch draws a rounded rectangle of any size from one small image: the corners
// are drawn as they are, the edges and middle stretched. It allocates nothing per draw.
type ninePatch struct {
	parts  [9]*ebiten.Image
	corner float64
	op     ebiten.DrawImageOptions
}

// newNinePatch makes a white rounded rectangle of the given corner radius, filled or,
// with stroke > 0, only outlined that thick.
func newNinePatch(radius, stroke float64) *ninePatch {
	c := int(math.Ceil(radius))
	size := 2*c + 2
	img := ebiten.NewImage(size, size)
	img.WritePixels(roundedRectPixels(size, size, radius, stroke))
	n := &ninePatch{corner: float64(c)}
	cuts := [4]int{0, c, c + 2, size}
	for row := 0; row < 3; row++ {
		for col := 0; col < 3; col++ {
			r := image.Rect(cuts[col], cuts[row], cuts[col+1], cuts[row+1])
			n.parts[row*3+col] = img.SubImage(r).(*ebiten.Image)
		}
	}
	return n
}

// draw fills x, y, w, h on dst with the patch tinted by cs, its corners scale times
// their drawn size, as on a screen drawn smaller than the canvas.
func (n *ninePatch) draw(dst *ebiten.Image, x, y, w, h, scale float64, cs ebiten.ColorScale) {
	c := min(n.corner*scale, w/2, h/2)
	xs := [3]float64{x, x + c, x + w - c}
	ys := [3]float64{y, y + c, y + h - c}
	ws := [3]float64{c, w - 2*c, c}
	hs := [3]float64{c, h - 2*c, c}
	for row := 0; row < 3; row++ {
		for col := 0; col < 3; col++ {
			if ws[col] <= 0 || hs[row] <= 0 {
				continue
			}
			part := n.parts[row*3+col]
			b := part.Bounds()
			n.op.GeoM.Reset()
			n.op.GeoM.Scale(ws[col]/float64(b.Dx()), hs[row]/float64(b.Dy()))
			n.op.GeoM.Translate(xs[col], ys[row])
			n.op.ColorScale = cs
			n.op.Filter = ebiten.FilterLinear
			dst.DrawImage(part, &n.op)
		}
	}
}

// roundedRectPixels returns RGBA pixels of a white, anti-aliased rounded rectangle
// filling w×h, or its outline when stroke > 0, premultiplied as Ebitengine expects.
func roundedRectPixels(w, h int, radius, stroke float64) []byte {
	pix := make([]byte, 4*w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := roundedCoverage(float64(x)+0.5, float64(y)+0.5, float64(w), float64(h), radius, stroke)
			v := byte(math.Round(a * 255))
			i := 4 * (y*w + x)
			pix[i], pix[i+1], pix[i+2], pix[i+3] = v, v, v, v
		}
	}
	return pix
}

// roundedCoverage returns how much of the pixel centred at px, py lies inside the
// rounded rectangle (or its outline), from its signed distance to the edge.
func roundedCoverage(px, py, w, h, radius, stroke float64) float64 {
	// Signed distance to a rounded box centred in w×h.
	qx := math.Abs(px-w/2) - (w/2 - radius)
	qy := math.Abs(py-h/2) - (h/2 - radius)
	ox, oy := max(qx, 0), max(qy, 0)
	outside := math.Sqrt(ox*ox + oy*oy)
	d := outside + min(max(qx, qy), 0) - radius
	cov := clamp01(0.5 - d)
	if stroke > 0 {
		cov *= clamp01(d + stroke + 0.5)
	}
	return cov
}

// clamp01 uses the built-in min and max, which the compiler inlines: math.Min and
// math.Max, which also order NaNs and signed zeros, took two fifths of painting a
// poster.
func clamp01(v float64) float64 { return max(0, min(1, v)) }

// posterPixels paints generated poster art: a diagonal gradient of the hue, a soft
// light from the top left and rounded corners, so every title is recognisable by colour
// without anyone's artwork.
//
// Only the pixels of the four corner squares can lie partly outside; the rest are
// painted whole, without working their coverage out: a poster took 6 ms, and Home
// paints a screenful of them the first time it opens.
func posterPixels(w, h int, hue, radius float64) []byte {
	pix := make([]byte, 4*w*h)
	top := hsv(hue, 0.55, 0.85)
	bottom := hsv(hue+25, 0.75, 0.32)
	corner := int(math.Ceil(radius))
	for y := 0; y < h; y++ {
		fy := float64(y) / float64(h)
		cornerRow := y < corner || y >= h-corner
		for x := 0; x < w; x++ {
			fx := float64(x) / float64(w)
			t := (fx + 2*fy) / 3
			gx, gy := fx-0.2, fy-0.15
			glow := max(0, 0.35-math.Sqrt(gx*gx+gy*gy)*0.45)
			a := 1.0
			if cornerRow && (x < corner || x >= w-corner) {
				a = roundedCoverage(float64(x)+0.5, float64(y)+0.5, float64(w), float64(h), radius, 0)
			}
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

// heroPixels paints a details screen's backdrop: the title's hue, darkened on the left
// where the text sits and fading into the background at the bottom, so white text
// stays readable on every hue. pad rows and columns at each edge repeat the border.
func heroPixels(w, h, pad int, hue float64, bg color.RGBA) []byte {
	pix := make([]byte, 4*w*h)
	light := hsv(hue, 0.6, 0.7)
	back := [3]float64{float64(bg.R) / 255, float64(bg.G) / 255, float64(bg.B) / 255}
	iw, ih := float64(w-2*pad-1), float64(h-2*pad-1)
	for y := 0; y < h; y++ {
		fy := clamp01(float64(y-pad) / ih)
		for x := 0; x < w; x++ {
			fx := clamp01(float64(x-pad) / iw)
			// Brightest to the upper right, where no text is.
			lit := 0.25 + 0.75*clamp01(fx*1.2-0.1)*(1-0.5*fy)
			fade := clamp01((fy - 0.55) / 0.45) // into the background at the bottom
			i := 4 * (y*w + x)
			for c := 0; c < 3; c++ {
				v := light[c]*lit*(1-fade) + back[c]*fade
				v = max(v, back[c]*(1-lit)) // never darker than the background
				pix[i+c] = byte(math.Round(clamp01(v) * 255))
			}
			pix[i+3] = 255
		}
	}
	return pix
}

// hsv converts a hue in degrees, saturation and value to RGB in [0, 1].
func hsv(h, s, v float64) [3]float64 {
	h = math.Mod(math.Mod(h, 360)+360, 360) / 60
	c := v * s
	x := c * (1 - math.Abs(math.Mod(h, 2)-1))
	var r, g, b float64
	switch int(h) {
	case 0:
		r, g, b = c, x, 0
	case 1:
		r, g, b = x, c, 0
	case 2:
		r, g, b = 0, c, x
	case 3:
		r, g, b = 0, x, c
	case 4:
		r, g, b = x, 0, c
	default:
		r, g, b = c, 0, x
	}
	m := v - c
	return [3]float64{r + m, g + m, b + m}
}
