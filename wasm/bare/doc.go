// Package bare holds the yardsticks the browser build is measured against:
// Ebitengine apps with nothing of tenfoot in them. Two are built for the browser by
// `make measure-wasm` and loaded side by side with tenfoot in one Chromium
// (wasm/e2e/firstframe.mjs).
//
//   - bare/rect draws one rectangle: Ebitengine itself, its shader compiler and
//     the Go runtime, which every Ebitengine app in a browser pays for.
//   - bare/text adds text/v2 drawing one line in the Go font: the shaper
//     (go-text, HarfBuzz's port) that any app showing Arabic or Japanese needs.
//   - bare/keys moves a rectangle on Left and Right, drawn only then: how soon
//     a press can be painted at all, on the TV-class CPU of `make measure-tv-cpu`
//     (wasm/e2e/tvcpu.mjs -bare).
//
// Each tells the page when it has drawn its first frame as tenfoot does: it sets
// window.tenfoot.frames.
package bare
