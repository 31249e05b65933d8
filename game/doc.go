// Package game is tenfoot's Ebitengine host: the one ebiten.Game. Each tick it polls
// input/ebitensrc, feeds the pure app.App and, when what is shown changed,
// rebuilds a flat list of draw operations with everything they need (poster images,
// text fitted to its box). Each frame it draws from that list only the damage, the
// part of the screen where an operation changed (damage.go), or nothing: no image is
// created and no string formatted in Draw.
package game
