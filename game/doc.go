// Package game is tenfoot's Ebitengine host: the one ebiten.Game. Each tick it polls
// input/ebitensrc, feeds the pure app.App and, when what is shown changed,
// rebuilds a flat list of draw operations with everything they need (poster images,
// text fitted to its box). Each frame it draws that list and nothing else: no image is
// created, no string formatted and no map read in Draw.
package game
