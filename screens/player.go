package screens

import (
	"fmt"

	"tenfoot/catalog"
	"tenfoot/input"
	"tenfoot/ui"
)

// player plays a title. The demo has no video: it shows the title, the position and a
// progress bar that advance while playing, which is what the rest of the app (continue
// watching, idle sign-out in kiosks) cares about.
type player struct {
	env     *Env
	title   catalog.Title
	ticks   int // position in ticks
	paused  bool
	seconds int // position last shown, so Build runs once a second, not every tick
}

// newPlayer returns a player for t, going on from where the profile left it, as
// Continue watching shows it, or from the beginning when it was not started or was
// watched to the end: starting over, and then saving that place on Back, lost the
// place kept in Continue watching.
func newPlayer(env *Env, t catalog.Title) *player {
	p := &player{env: env, title: t}
	if share := env.watched(t.ID); share < 1 {
		p.ticks = int(share * float64(p.length()))
		p.seconds = p.ticks / TicksPerSecond
	}
	return p
}

func (p *player) Name() string { return "player" }

// Playing reports whether the player is playing, not paused.
func (p *player) Playing() bool { return !p.paused && p.ticks < p.length() }

func (p *player) length() int { return p.title.Minutes * 60 * TicksPerSecond }

func (p *player) Tick() bool {
	if !p.Playing() {
		return false
	}
	p.ticks++
	s := p.ticks / TicksPerSecond
	if s == p.seconds {
		return false
	}
	p.seconds = s
	// Kept as it plays, so that every way out keeps the place: Home on the
	// remote, a tab, as well as Back.
	p.env.watch(p.title.ID, p.share())
	return true
}

// share is how much of the title was played.
func (p *player) share() float64 { return float64(p.ticks) / float64(p.length()) }

func (p *player) Build() *ui.Node {
	root := box("", ui.Canvas)
	root.Add(text(p.title.Name, ui.TextTitle, ui.Rect{X: safe.X, Y: safe.Y, W: safe.W, H: headerH}))
	state := p.env.t(msgPlaying)
	if p.paused {
		state = p.env.t(msgPaused)
	}
	barY := safe.MaxY() - 64 // the bar, then the time under it, inside the safe area
	root.Add(
		text(state, ui.TextHeadline, ui.Rect{X: safe.X, Y: ui.CanvasHeight/2 - 60, W: safe.W, H: textHeight(ui.TextHeadline, 1)}),
		&ui.Node{Role: ui.RoleProgress, Value: p.share(),
			Rect: ui.Rect{X: safe.X, Y: barY, W: safe.W, H: progressH}},
		text(clock(p.ticks/TicksPerSecond)+" / "+clock(p.length()/TicksPerSecond), ui.TextCaption,
			ui.Rect{X: safe.X, Y: barY + 24, W: safe.W, H: textHeight(ui.TextCaption, 1)}),
	)
	label := p.env.t(msgPause)
	if p.paused {
		label = p.env.t(msgPlay)
	}
	root.Add(button("playpause", label, ui.Rect{X: safe.X, Y: barY - 60 - buttonH, W: buttonW, H: buttonH}))
	return root
}

func (p *player) Handle(ev Event) Command {
	switch {
	case ev.Action == input.ActionPlayPause || (ev.Action == input.ActionOK && ev.Focused == "playpause"):
		p.paused = !p.paused
		return Rebuild
	case ev.Action == input.ActionPlay && p.paused, ev.Action == input.ActionPause && !p.paused:
		p.paused = ev.Action == input.ActionPause
		return Rebuild
	case ev.Action == input.ActionBack:
		// Continue watching picks up here next time.
		p.env.watch(p.title.ID, p.share())
		return Pop
	}
	return None
}

// clock formats seconds as h:mm:ss.
func clock(s int) string {
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}
