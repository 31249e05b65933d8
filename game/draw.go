package game

import (
	"image"
	"image/color"
	"math"
	"unicode"

	"github.com/boombuler/barcode/qr"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"tenfoot/app"
	"tenfoot/ui"
)

// drawOp is one node to draw, with everything drawing it needs resolved in Update.
type drawOp struct {
	node   *ui.Node
	view   *ui.View      // whose focus and dialog animations apply
	dialog bool          // inside a dialog, which fades in
	image  *ebiten.Image // poster or hero art
	text   bool          // it has text, set in lines
	lines  []textLine
	// initial is what an avatar shows in its disc.
	initial textLine
	// lineTop centres a line's glyphs vertically in its line height.
	lineTop float64
	// content hashes what rebuild resolved (contentKey), for telling what changed.
	content uint64
}

// renderer turns the App's views into draw operations and draws them.
type renderer struct {
	theme    ui.Theme
	type_    *typeface
	fill     *ninePatch
	ring     *ninePatch
	disc     *ninePatch
	circle   *ebiten.Image // drawn scaled for avatars, which are round at any size
	pixel    *ebiten.Image
	art      map[artKey]*ebiten.Image
	qrs      map[string]*ebiten.Image
	initials map[rune]string
	rtl      bool // the app's language is written right to left
	ops      []drawOp
	views    []*ui.View
	top      *ui.View // the active view; focus shows only there
	// lacks holds the languages whose fonts the text of the draw list needs: it
	// has letters that no loaded font writes (rebuild).
	lacks   fontLangs
	imageOp ebiten.DrawImageOptions
	textOp  text.DrawOptions
	sized   sizedFaces // the faces text is drawn in, at the screen's size
	ticks   int        // for the spinner, which turns with time

	// What the frame last drawn showed, to draw only what changed (damage.go):
	// each operation's mark by its node, and the screen's bounds.
	marks, next map[*ui.Node]mark
	size        image.Rectangle
	// Reused by each frame: the operations' keys, bounds and old places, and the
	// longest run of them still in order.
	keys                   []uint64
	bounds                 []image.Rectangle
	olds, prevInRun, tails []int
	kept                   []bool
	// measuring makes drawOp add up where it would draw, in measured, instead.
	measuring bool
	measured  ui.Rect
	// drawn is the part of the screen the frame last drawn drew.
	drawn image.Rectangle
	// canvas is what the app is laid out on, and view maps it onto the screen
	// (setView).
	canvas ui.Rect
	view   ebiten.GeoM
}

type artKey struct {
	hue  float64
	w, h int
}

// Metrics of drawing that screens need not know.
const (
	focusGap     = 4  // space between a focused node and its outline
	buttonPad    = 32 // space between a button's edge and its label
	captionY     = 14 // space between a tile and its title
	selectedBarW = 6  // the accent bar beside a menu's current section
	selectedBarH = 36
	switchW      = 88 // a toggle's switch
	switchH      = 44
	caretW       = 3
	// Hero art is made small and scaled up with linear filtering, which keeps a
	// smooth gradient at a fraction of the memory; heroArtPad is a border of repeated
	// pixels cut off when drawing, so that filtering never blends in transparency.
	heroArtW   = 96
	heroArtH   = 32
	heroArtPad = 2
	discSize   = 64  // the corner art of pills, such as a toggle's switch
	circleSize = 256 // the art avatars are drawn from, scaled
	// avatarCaptionMin is the smallest avatar that shows its name under it.
	avatarCaptionMin = 120
)

func newRenderer(theme ui.Theme) (*renderer, error) {
	tf, err := newTypeface(theme)
	if err != nil {
		return nil, err
	}
	pixel := ebiten.NewImage(1, 1)
	pixel.Fill(color.White)
	circle := ebiten.NewImage(circleSize, circleSize)
	circle.WritePixels(roundedRectPixels(circleSize, circleSize, circleSize/2, 0))
	return &renderer{
		theme:    theme,
		type_:    tf,
		fill:     newNinePatch(theme.Radius, 0),
		ring:     newNinePatch(theme.Radius+focusGap+theme.FocusOutline, theme.FocusOutline),
		disc:     newNinePatch(discSize/2, 0),
		circle:   circle,
		pixel:    pixel,
		art:      make(map[artKey]*ebiten.Image),
		qrs:      make(map[string]*ebiten.Image),
		initials: make(map[rune]string),
		marks:    make(map[*ui.Node]mark),
		next:     make(map[*ui.Node]mark),
	}, nil
}

// rebuild makes the draw operations for what app shows. It runs in Update, only when
// something changed. The focused node of the top layer is drawn last, so that when it
// grows it is drawn over its neighbours.
func (r *renderer) rebuild(app *app.App) {
	r.canvas = app.Canvas()
	r.ops = r.ops[:0]
	r.lacks = 0
	r.rtl = app.Env().Lang().RTL()
	r.type_.rtl = r.rtl
	r.views = app.Layers(r.views[:0])
	top := r.views[len(r.views)-1]
	r.top = top
	if !app.FocusVisible() {
		r.top = nil // a finger is at work: no focus ring until a key is pressed
	}
	focused := top.Focused()
	for _, v := range r.views {
		r.add(v, v.Root(), focused, true, false)
	}
	if focused != nil {
		r.add(top, focused, focused, false, inDialog(focused))
	}
	if t := app.Toast(); t != nil {
		r.add(top, t, nil, false, false)
	}
}

func inDialog(n *ui.Node) bool {
	for p := n; p != nil; p = p.Parent() {
		if p.Role == ui.RoleDialog {
			return true
		}
	}
	return false
}

// add appends the operations for n and its children. With deferFocused, the focused
// node's subtree is left out, to be added at the end.
func (r *renderer) add(v *ui.View, n, focused *ui.Node, deferFocused, dialog bool) {
	if n.Hidden || (deferFocused && n == focused) {
		return
	}
	dialog = dialog || n.Role == ui.RoleDialog
	op := drawOp{node: n, view: v, dialog: dialog}
	switch n.Role {
	case ui.RoleTile:
		op.image = r.artFor(n.Hue, n.Rect.W, n.Rect.H, true)
		op.text, op.lines = true, r.type_.fit(n.Label, ui.TextBody, false, n.Rect.W, 1, false)
	case ui.RoleAvatar:
		lines := 1
		if n.Wrap {
			lines = 2
		}
		op.text, op.lines = true, r.type_.fit(n.Label, ui.TextBody, false, n.Rect.W+2*captionY, lines, n.Wrap)
		if s := r.initial(n); s != "" {
			style := ui.TextHeadline
			if n.Rect.W < avatarCaptionMin {
				style = ui.TextTitle
			}
			op.initial = r.type_.fit(s, style, true, n.Rect.W, 1, false)[0]
		}
	case ui.RoleBox:
		if n.Hue != 0 {
			op.image = r.heroFor(n.Hue)
		}
	case ui.RoleText, ui.RoleButton, ui.RoleMenuItem, ui.RoleToast, ui.RoleKey, ui.RoleToggle:
		bold := n.Role != ui.RoleText && n.Role != ui.RoleToast
		w := n.Rect.W
		if n.Role != ui.RoleText && n.Role != ui.RoleKey {
			w -= 2 * buttonPad
		}
		if n.Role == ui.RoleToggle {
			w -= switchW + buttonPad
		}
		lines := int(n.Rect.H / r.type_.lineHeight(n.Text))
		if n.Cut != "" && !n.Wrap {
			op.text, op.lines = true, r.type_.fitCutting(n.Label, n.Cut, n.Text, bold, w)
		} else {
			op.text, op.lines = true, r.type_.fit(n.Label, n.Text, bold, w, lines, n.Wrap)
		}
	case ui.RoleQR:
		op.image = r.qrFor(n.Input)
	case ui.RoleTextField:
		shown, _ := n.Shown()
		op.text, op.lines = true, r.type_.fit(shown, n.Text, false, n.Rect.W-2*buttonPad, 1, false)
	}
	for i := range op.lines {
		r.lacks |= op.lines[i].lacks
	}
	r.lacks |= op.initial.lacks
	if op.text {
		style, bold := n.Text, n.Role != ui.RoleText && n.Role != ui.RoleToast && n.Role != ui.RoleTextField
		if n.Role == ui.RoleTile || n.Role == ui.RoleAvatar {
			style, bold = ui.TextBody, false
		}
		m := r.type_.metrics(style, bold)
		op.lineTop = (r.lineHeight(n) - m.HAscent - m.HDescent) / 2
	}
	op.content = r.contentKey(&op)
	r.ops = append(r.ops, op)
	for _, c := range n.Children {
		r.add(v, c, focused, deferFocused, dialog)
	}
}

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

// qrFor returns a QR code of content, one pixel a module, made once and kept.
func (r *renderer) qrFor(content string) *ebiten.Image {
	if img, ok := r.qrs[content]; ok {
		return img
	}
	code, err := qr.Encode(content, qr.M, qr.Auto)
	if err != nil {
		return nil // the address is also written out beside it
	}
	b := code.Bounds()
	img := ebiten.NewImage(b.Dx(), b.Dy())
	pix := make([]byte, 4*b.Dx()*b.Dy())
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			v := byte(255)
			if c, _, _, _ := code.At(b.Min.X+x, b.Min.Y+y).RGBA(); c < 0x8000 {
				v = 0
			}
			i := 4 * (y*b.Dx() + x)
			pix[i], pix[i+1], pix[i+2], pix[i+3] = v, v, v, 255
		}
	}
	img.WritePixels(pix)
	r.qrs[content] = img
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

// draw draws on dst what changed since the frame it last drew there: the operations
// made by rebuild that touch the damage, clipped to it (damage.go). It reports
// whether it drew. It runs every frame, and a frame with nothing to draw allocates
// nothing. dst must keep what was drawn on it (ebiten.SetScreenClearedEveryFrame
// false): in a browser without a GPU every frame drawn costs the compositor a
// read-back of the canvas, and on a TV a frame not drawn saves power.
func (r *renderer) draw(dst *ebiten.Image, ticks int) bool {
	r.ticks = ticks
	if r.setView(dst.Bounds()) {
		r.size = image.Rectangle{} // everything moved: draw it all
	}
	area := r.damage(dst.Bounds())
	if area.Empty() {
		return false
	}
	r.drawn = area
	r.paint(dst, area)
	return true
}

// paint draws the part area of the frame on dst: the background, then every
// operation that touches it, clipped to it.
func (r *renderer) paint(dst *ebiten.Image, area image.Rectangle) {
	if area != dst.Bounds() {
		dst = dst.SubImage(area).(*ebiten.Image)
	}
	dst.Fill(r.theme.Background)
	for i := range r.ops {
		if r.bounds[i].Overlaps(area) {
			r.drawOp(dst, &r.ops[i])
		}
	}
}

func flag(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func (r *renderer) drawOp(dst *ebiten.Image, op *drawOp) {
	n := op.node
	rect := n.ScreenRect()
	th := &r.theme
	alpha := 1.0
	if op.dialog {
		alpha = op.view.LayerOpacity()
	}
	if n.Disabled {
		alpha *= 0.4
	}
	focus := 0.0
	if op.view == r.top {
		focus = op.view.FocusAmount(n) // under a dialog, nothing looks focused
	}
	switch n.Role {
	case ui.RoleBox:
		switch {
		case op.image != nil:
			r.drawImage(dst, op.image, rect, alpha)
		case n.Fill == ui.FillBackground:
			r.fillRect(dst, rect, th.Background, alpha)
		case n.Fill == ui.FillSurface:
			r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Surface, alpha))
		}
	case ui.RoleDialog:
		r.fillRect(dst, rect, th.Scrim, alpha)
	case ui.RoleText:
		clr := th.Text
		if n.Text == ui.TextCaption {
			clr = th.TextDim
		}
		if n.Center {
			r.drawLines(dst, op, rect.CenterX(), rect.Y, text.AlignCenter, clr, alpha)
		} else {
			x, align := r.start(rect, 0)
			r.drawLines(dst, op, x, rect.Y, align, clr, alpha)
		}
	case ui.RoleQR:
		if op.image != nil {
			// A quiet zone of white round the code, as scanners need.
			r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Outline, alpha))
			inset := rect.W * 0.06
			o := &r.imageOp
			o.GeoM.Reset()
			b := op.image.Bounds()
			o.GeoM.Scale((rect.W-2*inset)/float64(b.Dx()), (rect.H-2*inset)/float64(b.Dy()))
			o.GeoM.Translate(rect.X+inset, rect.Y+inset)
			o.ColorScale.Reset()
			o.ColorScale.ScaleAlpha(float32(alpha))
			o.Filter = ebiten.FilterNearest // modules stay sharp squares
			r.put(dst, op.image, o)
		}
	case ui.RoleButton, ui.RoleMenuItem, ui.RoleKey, ui.RoleToggle:
		r.drawButton(dst, op, rect, focus, alpha)
	case ui.RoleTile:
		r.drawTile(dst, op, rect, focus, alpha)
	case ui.RoleAvatar:
		r.drawAvatar(dst, op, rect, focus, alpha)
	case ui.RoleTextField:
		r.drawField(dst, op, rect, focus, alpha)
	case ui.RoleProgress:
		r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Raised, alpha))
		if v := min(max(n.Value, 0), 1); v > 0 {
			w := max(rect.W*v, rect.H)
			r.patch(dst, r.fill, r.fromStart(rect, w), rect.Y, w, rect.H, colorScale(th.Accent, alpha))
		}
	case ui.RoleSpinner:
		r.drawSpinner(dst, rect, alpha)
	case ui.RoleToast:
		a := alpha * n.Value
		r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Raised, a))
		y := rect.CenterY() - float64(len(op.lines))*r.lineHeight(n)/2
		r.drawLines(dst, op, rect.CenterX(), y, text.AlignCenter, th.Text, a)
	}
}

// drawButton draws buttons, menu items, keys and toggles. Focused, they grow, turn
// light with dark text and get a bright outline, easing in over a few ticks; a menu
// item at rest is just its label.
func (r *renderer) drawButton(dst *ebiten.Image, op *drawOp, rect ui.Rect, focus, alpha float64) {
	th := &r.theme
	n := op.node
	rest := th.Raised
	if n.Role == ui.RoleMenuItem {
		rest = th.Background
	}
	if n.Role == ui.RoleKey && n.Checked {
		rest = th.Accent // Shift or Show is on
	}
	if focus > 0 {
		rect = rect.GrowWithin(1+(th.FocusScale-1)*focus, op.view.Safe(), th.FocusOutline*focus)
	}
	if n.Role != ui.RoleMenuItem || focus > 0 {
		r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(lerp(rest, th.SurfaceFocused, focus), alpha))
	}
	r.drawRing(dst, rect, focus*alpha)
	textClr := lerp(th.Text, th.Background, focus)
	if n.Role == ui.RoleMenuItem && focus == 0 && !n.Selected {
		textClr = th.TextDim
	}
	switch {
	case n.Selected && focus < 1 && n.Center: // a tab: the bar lies along its top
		r.patch(dst, r.fill, rect.CenterX()-selectedBarH, rect.Y, 2*selectedBarH, selectedBarW, colorScale(th.Accent, alpha*(1-focus)))
	case n.Selected && focus < 1:
		x := rect.X
		if r.rtl {
			x = rect.MaxX() - selectedBarW
		}
		r.patch(dst, r.fill, x, rect.CenterY()-selectedBarH/2, selectedBarW, selectedBarH, colorScale(th.Accent, alpha*(1-focus)))
	}
	align, x := text.AlignCenter, rect.CenterX()
	if (n.Role == ui.RoleMenuItem || n.Role == ui.RoleToggle) && !n.Center {
		x, align = r.start(rect, buttonPad)
	}
	y := rect.CenterY() - float64(len(op.lines))*r.lineHeight(n)/2
	r.drawLines(dst, op, x, y, align, textClr, alpha)
	if n.Role == ui.RoleToggle {
		x := rect.MaxX() - buttonPad - switchW
		if r.rtl {
			x = rect.X + buttonPad
		}
		r.drawSwitch(dst, n.Checked, x, rect.CenterY()-switchH/2, alpha)
	}
}

// drawSwitch draws a toggle's switch: a track, accent-coloured when on, and a knob at
// the end it is switched to, so on and off differ by position, not colour alone.
func (r *renderer) drawSwitch(dst *ebiten.Image, on bool, x, y, alpha float64) {
	th := &r.theme
	track := th.TextDim
	knobX := x + 4
	if on {
		track = th.Accent
		knobX = x + switchW - switchH + 4
	}
	r.patch(dst, r.disc, x, y, switchW, switchH, colorScale(track, alpha))
	r.patch(dst, r.disc, knobX, y+4, switchH-8, switchH-8, colorScale(th.Outline, alpha))
}

// drawTile draws a poster and its title under it; focused, the poster grows and is
// outlined and the title brightens.
func (r *renderer) drawTile(dst *ebiten.Image, op *drawOp, rect ui.Rect, focus, alpha float64) {
	th := &r.theme
	art := rect.Scale(1 + (th.FocusScale-1)*focus)
	r.drawImage(dst, op.image, art, alpha)
	if v := op.node.Value; v > 0 {
		// How far in: a bar along the bottom of the poster.
		bar := ui.Rect{X: art.X + 16, Y: art.MaxY() - 22, W: art.W - 32, H: 8}
		r.patch(dst, r.fill, bar.X, bar.Y, bar.W, bar.H, colorScale(th.Scrim, alpha))
		w := max(bar.W*min(v, 1), bar.H)
		r.patch(dst, r.fill, r.fromStart(bar, w), bar.Y, w, bar.H, colorScale(th.Accent, alpha))
	}
	r.drawRing(dst, art, focus*alpha)
	x, align := r.start(rect, 0)
	r.drawLines(dst, op, x, art.MaxY()+captionY, align, lerp(th.TextDim, th.Text, focus), alpha)
}

// drawAvatar draws a profile's disc with its initial and its name under it.
func (r *renderer) drawAvatar(dst *ebiten.Image, op *drawOp, rect ui.Rect, focus, alpha float64) {
	th := &r.theme
	n := op.node
	disc := rect.Scale(1 + (th.FocusScale-1)*focus)
	c := hsv(n.Hue, 0.55, 0.75)
	if focus > 0 || n.Selected {
		// The focus outline in white; the chosen picture of a choice in the accent.
		o := focusGap + th.FocusOutline
		ring, a := th.Outline, focus*alpha
		if focus == 0 {
			ring, a = th.Accent, alpha
		}
		r.drawCircle(dst, disc.Inset(-o, -o), ring, a)
		r.drawCircle(dst, disc.Inset(-focusGap, -focusGap), th.Background, a)
	}
	r.drawCircle(dst, disc, color.RGBA{uint8(c[0] * 255), uint8(c[1] * 255), uint8(c[2] * 255), 255}, alpha)
	r.drawInitial(dst, op, disc, alpha)
	if rect.W >= avatarCaptionMin { // a small avatar, as in a header, goes without its name
		r.drawLines(dst, op, rect.CenterX(), disc.MaxY()+captionY, text.AlignCenter, lerp(th.TextDim, th.Text, focus), alpha)
	}
}

// drawCircle fills the circle inscribed in rect.
func (r *renderer) drawCircle(dst *ebiten.Image, rect ui.Rect, clr color.RGBA, alpha float64) {
	o := &r.imageOp
	o.GeoM.Reset()
	o.GeoM.Scale(rect.W/circleSize, rect.H/circleSize)
	o.GeoM.Translate(rect.X, rect.Y)
	o.ColorScale = colorScale(clr, alpha)
	o.Filter = ebiten.FilterLinear
	r.put(dst, r.circle, o)
}

// initial returns what an avatar shows: its Input, such as + to add a profile, or
// the first letter of its name, upper-cased. Letters are kept, so rebuilding the draw
// list makes no new strings.
func (r *renderer) initial(n *ui.Node) string {
	if n.Input != "" {
		return n.Input
	}
	for _, c := range n.Label {
		c = unicode.ToUpper(c)
		s, ok := r.initials[c]
		if !ok {
			s = string(c)
			r.initials[c] = s
		}
		return s
	}
	return ""
}

// drawInitial draws the first letter of an avatar's name, large, in its disc.
func (r *renderer) drawInitial(dst *ebiten.Image, op *drawOp, disc ui.Rect, alpha float64) {
	if len(op.initial.chunks) == 0 {
		return
	}
	style := ui.TextHeadline
	if disc.W < avatarCaptionMin {
		style = ui.TextTitle
	}
	m := r.type_.metrics(style, true)
	y := disc.CenterY() - (m.HAscent+m.HDescent)/2
	r.drawLine(dst, &op.initial, disc.CenterX()-op.initial.w/2, y, colorScale(r.theme.Text, alpha))
}

// drawField draws a text field: its box, its text (or the placeholder, dimmed) and a
// caret after the text when focused.
func (r *renderer) drawField(dst *ebiten.Image, op *drawOp, rect ui.Rect, focus, alpha float64) {
	th := &r.theme
	n := op.node
	r.patch(dst, r.fill, rect.X, rect.Y, rect.W, rect.H, colorScale(th.Surface, alpha))
	if n.Selected {
		// The field the keyboard types into: an accent bar along its bottom.
		r.fillRect(dst, ui.Rect{X: rect.X, Y: rect.MaxY() - 6, W: rect.W, H: 6}, th.Accent, alpha)
	}
	r.drawRing(dst, rect, focus*alpha)
	_, placeholder := n.Shown()
	clr := th.Text
	if placeholder {
		clr = th.TextDim
	}
	y := rect.CenterY() - r.lineHeight(n)/2
	x, align := r.start(rect, buttonPad)
	r.drawLines(dst, op, x, y, align, clr, alpha)
	if focus > 0 && (r.ticks/30)%2 == 0 { // the caret blinks twice a second
		x := rect.X + buttonPad
		if !placeholder && len(op.lines) > 0 {
			x += op.lines[0].w
		}
		if r.rtl { // at the end of the text, which is on the left of the field
			x = rect.MaxX() - buttonPad - 4
			if !placeholder && len(op.lines) > 0 {
				x -= op.lines[0].w + caretW
			}
		}
		size := r.theme.TextSizes[n.Text]
		r.fillRect(dst, ui.Rect{X: x + 2, Y: rect.CenterY() - size/2, W: caretW, H: size}, th.Text, alpha*focus)
	}
}

// drawSpinner draws twelve dots round a circle, the brightest turning with the ticks.
func (r *renderer) drawSpinner(dst *ebiten.Image, rect ui.Rect, alpha float64) {
	const dots = 12
	head := (r.ticks / 5) % dots
	radius := min(rect.W, rect.H) / 2
	dot := radius / 4
	for i := 0; i < dots; i++ {
		angle := 2 * math.Pi * float64(i) / dots
		x := rect.CenterX() + math.Sin(angle)*(radius-dot) - dot/2
		y := rect.CenterY() - math.Cos(angle)*(radius-dot) - dot/2
		age := (head - i + dots) % dots
		r.patch(dst, r.disc, x, y, dot, dot, colorScale(r.theme.Text, alpha*(1-float64(age)/dots)))
	}
}

// drawRing draws the focus outline around rect, a little outside it, at opacity a.
func (r *renderer) drawRing(dst *ebiten.Image, rect ui.Rect, a float64) {
	if a <= 0 {
		return
	}
	o := focusGap + r.theme.FocusOutline
	r.patch(dst, r.ring, rect.X-o, rect.Y-o, rect.W+2*o, rect.H+2*o, colorScale(r.theme.Outline, a))
}

// start returns where text starting at the reading edge of rect, pad inside it,
// is drawn from: the left edge, or the right in a right-to-left language.
func (r *renderer) start(rect ui.Rect, pad float64) (float64, text.Align) {
	if r.rtl {
		return rect.MaxX() - pad, text.AlignEnd
	}
	return rect.X + pad, text.AlignStart
}

// fromStart returns the left edge of a bar w wide that fills rect from its reading
// start: the left, or the right in a right-to-left language.
func (r *renderer) fromStart(rect ui.Rect, w float64) float64 {
	if r.rtl {
		return rect.MaxX() - w
	}
	return rect.X
}

// drawLines draws op's lines from y down, each aligned to x as align says.
func (r *renderer) drawLines(dst *ebiten.Image, op *drawOp, x, y float64, align text.Align, clr color.RGBA, alpha float64) {
	lh := r.lineHeight(op.node)
	cs := colorScale(clr, alpha)
	for i := range op.lines {
		line := &op.lines[i]
		left := x
		switch align {
		case text.AlignCenter:
			left -= line.w / 2
		case text.AlignEnd:
			left -= line.w
		}
		r.drawLine(dst, line, left, y+float64(i)*lh+op.lineTop, cs)
	}
}

// drawLine draws a laid-out line with its left edge at x and its top at y.
func (r *renderer) drawLine(dst *ebiten.Image, line *textLine, x, y float64, cs ebiten.ColorScale) {
	o := &r.textOp
	o.LayoutOptions.PrimaryAlign = text.AlignStart
	o.ColorScale = cs
	o.Filter = ebiten.FilterNearest // glyphs at their size stay sharp
	scale := r.view.Element(0, 0)
	for i := range line.chunks {
		c := &line.chunks[i]
		cx := x + c.x
		if c.face.Direction == text.DirectionRightToLeft {
			cx += c.w // drawn leftwards from its first character
		}
		if r.measuring {
			// Glyphs may reach a little beyond their advances and line box.
			pad := c.face.Size / 2
			r.measure(r.toScreen(ui.Rect{X: x + c.x - pad, Y: y + c.dy - pad, W: c.w + c.bold + 2*pad, H: c.face.Size*lineGap + 2*pad}))
			continue
		}
		// Drawn in a face of the screen's size, at the screen's pixels: glyphs
		// made at the canvas's size and scaled to the screen were resampled, and
		// blurred, on any screen but one of the canvas's size.
		sx, sy := r.view.Apply(cx, y+c.dy)
		face := r.sized.face(c.face, scale)
		o.GeoM.Reset()
		o.GeoM.Translate(sx, sy)
		text.Draw(dst, c.s, face, o)
		if c.bold > 0 {
			o.GeoM.Translate(c.bold*scale, 0)
			text.Draw(dst, c.s, face, o)
		}
	}
}

// lineHeight returns the line height of n's text; tiles' and avatars' names are body
// text.
func (r *renderer) lineHeight(n *ui.Node) float64 {
	if n.Role == ui.RoleTile || n.Role == ui.RoleAvatar {
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
	r.put(dst, img, o)
}

func (r *renderer) fillRect(dst *ebiten.Image, rect ui.Rect, clr color.RGBA, alpha float64) {
	o := &r.imageOp
	o.GeoM.Reset()
	o.GeoM.Scale(rect.W, rect.H)
	o.GeoM.Translate(rect.X, rect.Y)
	o.ColorScale = colorScale(clr, alpha)
	o.Filter = ebiten.FilterNearest
	r.put(dst, r.pixel, o)
}

// lerp mixes a and b: t = 0 gives a, t = 1 gives b.
func lerp(a, b color.RGBA, t float64) color.RGBA {
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), mix(a.A, b.A)}
}

// colorScale turns a colour and an opacity into a ColorScale for a white source.
func colorScale(c color.RGBA, alpha float64) ebiten.ColorScale {
	var cs ebiten.ColorScale
	a := float32(c.A) / 255 * float32(alpha)
	cs.Scale(float32(c.R)/255*a, float32(c.G)/255*a, float32(c.B)/255*a, a)
	return cs
}

// sizedFaces are the faces text is drawn in on a screen whose pixels are not the
// canvas's, each face of the draw list at the view's scale: made once for each
// face and scale, and made again only when the view's scale changes.
type sizedFaces struct {
	scale float64
	faces []sizedFace
}

type sizedFace struct{ of, sized *text.GoTextFace }

// face returns f as drawn at scale: f itself at 1.
func (s *sizedFaces) face(f *text.GoTextFace, scale float64) *text.GoTextFace {
	if scale == 1 {
		return f
	}
	if scale != s.scale {
		s.scale, s.faces = scale, s.faces[:0]
	}
	for _, sf := range s.faces {
		if sf.of == f {
			return sf.sized
		}
	}
	sized := *f
	sized.Size *= scale
	s.faces = append(s.faces, sizedFace{f, &sized})
	return &sized
}
