package screens

import (
	"strconv"
	"strings"

	"tenfoot/catalog"
	"tenfoot/i18n"
	"tenfoot/input"
	"tenfoot/ui"
)

// details shows one title: what it is, Play, and more titles like it.
type details struct {
	env   *Env
	title catalog.Title
}

// newDetails returns the details screen of t.
func newDetails(env *Env, t catalog.Title) *details { return &details{env: env, title: t} }

func (d *details) Name() string { return "details" }

// MemoryKey gives each title's page its own focus memory.
func (d *details) MemoryKey() string { return "details/" + d.title.ID }

func (d *details) Build() *ui.Node {
	t := d.title
	root := box("", ui.Canvas)
	hero := &ui.Node{Role: ui.RoleBox, Hue: t.Hue, Rect: ui.Rect{W: ui.CanvasWidth, H: 620}}
	y := safe.Y + 120
	hero.Add(
		text(t.Name, ui.TextHeadline, ui.Rect{X: safe.X, Y: y, W: safe.W, H: textHeight(ui.TextHeadline, 1)}),
		text(d.env.t(msgTitleFacts, i18n.S("year", strconv.Itoa(t.Year)), i18n.S("genre", d.env.Catalog.GenreIn(t.Genre, d.env.Lang().Tag())),
			i18n.S("minutes", strconv.Itoa(t.Minutes))), ui.TextCaption,
			ui.Rect{X: safe.X, Y: y + 110, W: safe.W, H: textHeight(ui.TextCaption, 1)}),
	)
	desc := text(t.Description, ui.TextBody, ui.Rect{X: safe.X, Y: y + 170, W: paragraphW, H: textHeight(ui.TextBody, 3)})
	desc.Wrap = true
	hero.Add(desc)
	root.Add(hero)

	root.Add(button("play", d.env.t(msgPlay), ui.Rect{X: safe.X, Y: y + 330, W: buttonW, H: buttonH}))

	rowY := 700.0
	root.Add(text(d.env.t(msgMoreLikeThis), ui.TextTitle, ui.Rect{X: safe.X, Y: rowY, W: safe.W, H: headerH}))
	row := &ui.Node{Key: "row/similar", Role: ui.RoleRow, Scroll: ui.ScrollHorizontal, Remember: true,
		Rect: ui.Rect{X: safe.X, Y: rowY + headerH + 20, W: safe.W, H: tileH}}
	for _, s := range d.similar() {
		row.Add(tile("title/similar/"+s.ID, s))
	}
	ui.LayoutRow(row.Rect.X, row.Rect.Y, tileW, tileH, tileGap, row.Children...)
	root.Add(row)
	return root
}

// similarTitles is how many titles More like this suggests.
const similarTitles = 8

// similar returns the titles More like this suggests: for a kids profile only
// titles for kids, as its Home shows, since any title suggested here is two
// presses from playing.
func (d *details) similar() []catalog.Title {
	if !d.env.kids() {
		return d.env.Catalog.Similar(d.title, similarTitles)
	}
	var out []catalog.Title
	for _, s := range d.env.Catalog.Similar(d.title, len(d.env.Catalog.Titles)) {
		if s.Kids && len(out) < similarTitles {
			out = append(out, s)
		}
	}
	return out
}

func (d *details) Handle(ev Event) Command {
	if ev.Action == input.ActionPlayPause || ev.Action == input.ActionPlay {
		return Push(newPlayer(d.env, d.title))
	}
	if ev.Action != input.ActionOK {
		return None
	}
	switch {
	case ev.Focused == "play":
		return Push(newPlayer(d.env, d.title))
	case strings.HasPrefix(ev.Focused, "title/similar/"):
		if t, ok := d.env.Catalog.ByID(strings.TrimPrefix(ev.Focused, "title/similar/")); ok {
			return Replace(newDetails(d.env, t))
		}
	}
	return None
}
