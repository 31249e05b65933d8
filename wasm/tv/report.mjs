// Prints the README's table of TV engines from what the TV tests recorded:
//
//   node wasm/tv/report.mjs [build/shots/tv-engines.json]

import fs from 'node:fs';

import { CURRENT, ENGINES } from './engines.mjs';

const file = process.argv[2] ?? 'build/shots/tv-engines.json';
const runs = JSON.parse(fs.readFileSync(file, 'utf8'));
const mb = (bytes) => (bytes / 1e6).toFixed(1);
const s = (ms) => (ms / 1000).toFixed(1);

console.log('| engine | the TVs that ship about it | build | first frame | walk | JS heap | WebAssembly memory |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const e of [...ENGINES, CURRENT]) {
  const r = runs[`chromium-${e.major}`];
  if (!r) continue;
  const name = r.engine.replace(/^(Headless)?Chrome\//, 'Chromium ');
  if (r.message) {
    console.log(`| ${name} | ${e.tvs} | none | — | says it is too old in ${s(r.messageMs)} s: "${r.message[1]}" | — | — |`);
    continue;
  }
  const steps = Object.values(r.steps);
  const passed = steps.filter((x) => x === 'pass').length;
  const walk = passed === steps.length ? `all ${steps.length} steps pass` : `${passed} of ${steps.length} steps pass`;
  console.log(`| ${name} | ${e.tvs} | ${r.wasm} | ${s(r.firstFrameMs)} s | ${walk} | ${mb(r.memory.jsHeapBytes)} MB | ${mb(r.memory.wasmMemoryBytes)} MB |`);
}
for (const major of [80, 'current']) {
  const b = runs[`chromium-${major}-builds`];
  if (b) console.log(`\nChromium ${major}, first frame (medians of 3, in turns): tenfoot.wasm ${s(b.medianMs.plain)} s, tenfoot-mvp.wasm ${s(b.medianMs.lowered)} s`);
}
