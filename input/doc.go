// Package input turns what people press into the few actions a 10-foot UI understands.
//
// A TV remote, a gamepad and a keyboard all say the same things: a direction, OK, Back,
// Home, Menu, play/pause and the four colour keys. Hosts read their devices (see
// input/ebitensrc and the browser host) into a HeldSet each tick; a Repeater turns that
// into presses, repeating a held direction after RepeatDelay and faster the longer it is
// held. A gamepad's stick goes through a Stick, whose hysteresis keeps a direction held
// through a thumb's wobble; Sticks keeps one for each connected gamepad and forgets it
// when the gamepad goes, so that one plugged in under the freed number holds nothing. Keymaps for keyboard codes, standard gamepad buttons and TV
// remote key codes live here so that every host maps keys the same way.
//
// The package is pure Go: it imports no graphics or platform code and runs under
// `go test` with no display and under GOOS=js with Node.
package input
