package game

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"tenfoot/screens"
	"tenfoot/ui"
)

// drawOp is one node to draw, with everything drawing it needs resolved in Update.
type drawOp struct {
	node    *ui.Node
	focused bool
	image   *ebiten.Image // poster or hero art
	face    *text.GoXFace
	lines   []string
	// lineTop centres a line's glyphs vertically in its line height.
	lineTop float64
}

// renderer turns the App's trees into draw operations and draws them.
type renderer struct {
	theme   ui.Theme
	type_   *typeface
	fill    *ninePatch
	ring    *ninePatch
	pixel   *ebiten.Image
	art     map[artKey]*ebiten.Image
	ops     []drawOp
	layers  []*ui.Node
	imageOp ebiten.DrawImageOptions
	textOp  text.DrawOptions
}

type artKey struct {
	hue  float64
	w, h int
}

// focusGap is the space between a focused node and its outline.
const focusGap = 4

func newRenderer(theme ui.Theme) (*renderer, error) {
	tf, err := newTypeface(theme)
	if err != nil {
		return nil, err
	}
	pixel := ebiten.NewImage(1, 1)
	pixel.Fill(color.White)
	return &renderer{
		theme: theme,
		type_: tf,
		fill:  newNinePatch(theme.Radius, 0),
		ring:  newNinePatch(theme.Radius+focusGap+theme.FocusOutline, theme.FocusOutline),
		pixel: pixel,
		art:   make(map[artKey]*ebiten.Image),
	}, nil
}

// rebuild makes the draw operations for what app shows. It runs in Update, only when
// something changed. The focused node of the top layer is drawn last, so that when it
// grows it is drawn over its neighbours.
func (r *renderer) rebuild(app *screens.App) {
	r.ops = r.ops[:0]
	r.layers = app.Layers(r.layers[:0])
	focused := app.Focused()
	for _, root := range r.layers {
		r.add(root, focused, true)
	}
	if focused != nil {
		r.add(focused, focused, false)
	}
}

// add appends the operations for n and its children. With deferFocused, the focused
// node's subtree is left out, to be added at the end.
func (r *renderer) add(n, focused *ui.Node, deferFocused bool) {
	if n.Hidden || (deferFocused && n == focused) {
		return
	}
	op := drawOp{node: n, focused: n == focused}
	switch n.Role {
	case ui.RoleTile:
		op.image = r.artFor(n.Hue, n.Rect.W, n.Rect.H, true)
		op.face = r.type_.face(ui.TextBody, false)
		op.lines = r.type_.fit(n.Label, op.face, n.Rect.W, 1, false)
	case ui.RoleBox:
		if n.Hue != 0 {
			op.image = r.heroFor(n.Hue)
		}
	case ui.RoleText, ui.RoleButton, ui.RoleMenuItem:
		op.face = r.type_.face(n.Text, n.Role != ui.RoleText)
		w := n.Rect.W
		if n.Role != ui.RoleText {
			w -= 2 * buttonPad
		}
		lines := int(n.Rect.H / r.type_.lineHeight(n.Text))
		op.lines = r.type_.fit(n.Label, op.face, w, lines, n.Wrap)
	}
	if op.face != nil {
		m := op.face.Metrics()
		op.lineTop = (r.lineHeight(n) - m.HAscent - m.HDescent) / 2
	}
	r.ops = append(r.ops, op)
	for _, c := range n.Children {
		r.add(c, focused, deferFocused)
	}
}

// Metrics of drawing that screens need not know.
const (
	buttonPad    = 32 // space between a button's edge and its label
	captionY     = 14 // space between a tile and its title
	selectedBarW = 6  // the accent bar beside a menu's current section
	selectedBarH = 36
	// Hero art is made small and scaled up with linear filtering, which keeps a
	// smooth gradient at a fraction of the memory; heroArtPad is a border of repeated
	// pixels cut off when drawing, so that filtering never blends in transparency.
	heroArtW   = 96
	heroArtH   = 32
	heroArtPad = 2
)

// artFor returns generated art for a hue at w×h, made once and kept.
func (r *renderer) artFor(hue, w, h float64, rounded bool) *ebiten.Image {
	key := artKey{hue: hue, w: int(w), h: int(h)}
	if img, ok := r.art[key]; ok {
		return img
	}
	radius := 0.0
	if rounded {
		radius = r.theme.Radius
	}
	img := ebiten.NewImage(key.w, key.h)
	img.WritePixels(posterPixels(key.w, key.h, hue, radius))
	r.art[key] = img
	return img
}

// heroFor returns the backdrop of a details screen for a hue, made once and kept.
func (r *renderer) heroFor(hue float64) *ebiten.Image {
	key := artKey{hue: hue, w: -1}
	if img, ok := r.art[key]; ok {
		return img
	}
	w, h := heroArtW+2*heroArtPad, heroArtH+2*heroArtPad
	img := ebiten.NewImage(w, h)
	img.WritePixels(heroPixels(w, h, heroArtPad, hue, r.theme.Background))
	sub := img.SubImage(image.Rect(heroArtPad, heroArtPad, w-heroArtPad, h-heroArtPad)).(*ebiten.Image)
	r.art[key] = sub
	return sub
}

// draw draws the operations made by rebuild. It runs every frame and allocates nothing.
func (r *renderer) draw(dst *ebiten.Image) {
	dst.Fill(r.theme.Background)
	for i := range r.ops {
		r.drawOp(dst, &r.ops[i])
	}
}

func (r *renderer) drawOp(dst *ebiten.Image, op *drawOp) {
	n := op.node
	rect := n.ScreenRect()
	if rect.MaxX() < 0 || rect.X > ui.CanvasWidth || rect.MaxY() < 0 || rect.Y > ui.CanvasHeight {
		return
	}
	th := &r.theme
	switch n.Role {
	case ui.RoleBox:
		switch {
		case op.image != nil:
			r.drawImage(dst, op.image, rect, 1)
		case n.Fill == ui.FillBackground:
			r.fillRect(dst, rect, th.Background, 1)
		case n.Fill == ui.FillSurface:
			r.fill.draw(dst, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Surface, 1))
		}
	case ui.RoleDialog:
		r.fillRect(dst, rect, th.Scrim, 1)
	case ui.RoleText:
		clr := th.Text
		if n.Text == ui.TextCaption {
			clr = th.TextDim
		}
		r.drawLines(dst, op, rect.X, rect.Y, text.AlignStart, clr)
	case ui.RoleButton, ui.RoleMenuItem:
		r.drawButton(dst, op, rect)
	case ui.RoleTile:
		r.drawTile(dst, op, rect)
	case ui.RoleProgress:
		r.fill.draw(dst, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Surface, 1))
		if v := min(max(n.Value, 0), 1); v > 0 {
			r.fill.draw(dst, rect.X, rect.Y, max(rect.W*v, rect.H), rect.H, colorScale(th.Accent, 1))
		}
	}
}

// drawButton draws buttons and menu items. Focused, they grow, turn light with dark
// text and get a bright outline; a menu item at rest is just its label.
func (r *renderer) drawButton(dst *ebiten.Image, op *drawOp, rect ui.Rect) {
	th := &r.theme
	n := op.node
	textClr, alpha := th.Text, 1.0
	if n.Disabled {
		alpha = 0.4
	}
	switch {
	case op.focused:
		rect = rect.Scale(th.FocusScale)
		r.fill.draw(dst, rect.X, rect.Y, rect.W, rect.H, colorScale(th.SurfaceFocused, 1))
		r.drawRing(dst, rect)
		textClr = th.Background
	case n.Role == ui.RoleButton:
		r.fill.draw(dst, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Raised, alpha))
	case n.Selected:
		r.fill.draw(dst, rect.X, rect.CenterY()-selectedBarH/2, selectedBarW, selectedBarH, colorScale(th.Accent, 1))
	default:
		textClr = th.TextDim
	}
	align, x := text.AlignCenter, rect.CenterX()
	if n.Role == ui.RoleMenuItem {
		align, x = text.AlignStart, rect.X+buttonPad
	}
	y := rect.CenterY() - float64(len(op.lines))*r.lineHeight(n)/2
	r.drawLinesAlpha(dst, op, x, y, align, textClr, alpha)
}

// drawTile draws a poster and its title under it; focused, the poster grows and is
// outlined and the title brightens.
func (r *renderer) drawTile(dst *ebiten.Image, op *drawOp, rect ui.Rect) {
	th := &r.theme
	art := rect
	clr := th.TextDim
	if op.focused {
		art = rect.Scale(th.FocusScale)
		clr = th.Text
	}
	r.drawImage(dst, op.image, art, 1)
	if op.focused {
		r.drawRing(dst, art)
	}
	r.drawLines(dst, op, rect.X, art.MaxY()+captionY, text.AlignStart, clr)
}

// drawRing draws the focus outline around rect, a little outside it.
func (r *renderer) drawRing(dst *ebiten.Image, rect ui.Rect) {
	o := focusGap + r.theme.FocusOutline
	r.ring.draw(dst, rect.X-o, rect.Y-o, rect.W+2*o, rect.H+2*o, colorScale(r.theme.Outline, 1))
}

func (r *renderer) drawLines(dst *ebiten.Image, op *drawOp, x, y float64, align text.Align, clr color.RGBA) {
	r.drawLinesAlpha(dst, op, x, y, align, clr, 1)
}

func (r *renderer) drawLinesAlpha(dst *ebiten.Image, op *drawOp, x, y float64, align text.Align, clr color.RGBA, alpha float64) {
	lh := r.lineHeight(op.node)
	o := &r.textOp
	o.LayoutOptions.PrimaryAlign = align
	o.LineSpacing = lh
	o.ColorScale = colorScale(clr, alpha)
	for i, line := range op.lines {
		o.GeoM.Reset()
		o.GeoM.Translate(x, y+float64(i)*lh+op.lineTop)
		text.Draw(dst, line, op.face, o)
	}
}

// lineHeight returns the line height of n's text; tiles' titles are body text.
func (r *renderer) lineHeight(n *ui.Node) float64 {
	if n.Role == ui.RoleTile {
		return r.type_.lineHeight(ui.TextBody)
	}
	return r.type_.lineHeight(n.Text)
}

func (r *renderer) drawImage(dst, img *ebiten.Image, rect ui.Rect, alpha float64) {
	b := img.Bounds()
	o := &r.imageOp
	o.GeoM.Reset()
	o.GeoM.Scale(rect.W/float64(b.Dx()), rect.H/float64(b.Dy()))
	o.GeoM.Translate(rect.X, rect.Y)
	o.ColorScale.Reset()
	o.ColorScale.ScaleAlpha(float32(alpha))
	o.Filter = ebiten.FilterLinear
	dst.DrawImage(img, o)
}

func (r *renderer) fillRect(dst *ebiten.Image, rect ui.Rect, clr color.RGBA, alpha float64) {
	o := &r.imageOp
	o.GeoM.Reset()
	o.GeoM.Scale(rect.W, rect.H)
	o.GeoM.Translate(rect.X, rect.Y)
	o.ColorScale = colorScale(clr, alpha)
	o.Filter = ebiten.FilterNearest
	dst.DrawImage(r.pixel, o)
}

// colorScale turns a colour and an opacity into a ColorScale for a white source.
func colorScale(c color.RGBA, alpha float64) ebiten.ColorScale {
	var cs ebiten.ColorScale
	a := float32(c.A) / 255 * float32(alpha)
	cs.Scale(float32(c.R)/255*a, float32(c.G)/255*a, float32(c.B)/255*a, a)
	return cs
}
