// Measures the browser build on a TV-class CPU: headless Chromium with its CPU
// slowed 4× (DevTools Emulation.setCPUThrottlingRate), about a 2020 TV's SoC. It
// serves the build as a plain page, so the app runs on its embedded demo, and
// reports
//   - the first frame, from navigation;
//   - key press to focus change drawn, p50 and p99 over 100 presses on Home: until
//     the task that drew the frame ends, when the browser has taken it. Each press
//     comes once the one before is drawn, or -gap ms after it, at a person's pace;
//   - key press to painted: its Event Timing duration (the browser's measure behind
//     Interaction to Next Paint), to when the next frame after it was presented,
//     in steps of 8 ms;
//   - frame times while a row scrolls, their p50 and p99, and frames dropped (a
//     frame longer than 1.5 refresh intervals of the display's 60 Hz: the median
//     frame time would call every frame of a uniformly slow app on time).
//
//   node wasm/e2e/tvcpu.mjs [-rate 4] [-presses 100] [-gap 0] [-gpu] [-reduced-motion] [-bare DIR] [-json]
//
// -bare DIR measures the bare app in DIR instead (make measure-tv-cpu builds
// wasm/bare/keys there): a rectangle that moves on Left and Right and is drawn only
// then, the floor under tenfoot's presses on the same browser and CPU. It has no
// rows to scroll.
//
// -reduced-motion has the page ask for reduced motion (prefers-reduced-motion), as
// a TV's accessibility setting would: every move then lands in one frame.
//
// Headless Chromium here has no GPU: by default it composites the page in software,
// on the (throttled) main thread, reading the WebGL canvas back each frame. A TV
// composites on its GPU. -gpu has Chromium composite on its GPU process, which runs
// SwiftShader on the CPU without the throttling (chrome://gpu then says
// "Compositing: Hardware accelerated"): closer to a TV, but bounded by how fast
// SwiftShader draws on a machine's other cores.
//
// It reads TENFOOT_WEB and TENFOOT_CHROMIUM as the browser tests do (harness.mjs).
// A measurement, not a test: it prints figures and fails only if the app does not
// run.

import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, FIRST_FRAME_TIMEOUT, TENFOOT_WEB, waitFor } from './harness.mjs';
import { arg, serveFiles } from './measure.mjs';

const RATE = Number(arg('rate', 4));
const PRESSES = Number(arg('presses', 100));
const JSON_OUT = process.argv.includes('-json');
const GPU = process.argv.includes('-gpu');
const GAP = Number(arg('gap', 0));
const STILL = process.argv.includes('-reduced-motion');
const BARE = arg('bare', '');
const GPU_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];

// serve answers with the build's files.
const serve = (dir) => serveFiles((p) => path.join(dir, path.normalize(p.replace(/^\/$/, '/index.html'))));

// instrument records, in the page, when each key goes down, when the app says focus
// moved and when it draws a frame: the setters of window.tenfoot, which the app
// sets as it shows a focus and as it draws.
function instrument(bare) {
  const perf = { keys: [], frames: [], latencies: [], painted: [], first: 0 };
  // Event Timing: a keydown's duration runs to the next paint after its handlers,
  // as the browser presents it, on the GPU process where it composites there. Only
  // those of 16 ms or more are reported (the API's least threshold).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'keydown') perf.painted.push([e.startTime, e.duration]);
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  const channel = new MessageChannel();
  const queued = [];
  channel.port1.onmessage = () => queued.shift()();
  const afterTask = (f) => { queued.push(f); channel.port2.postMessage(0); };
  window.__perf = perf;
  let pendingKey = 0; // the time of a key not yet drawn
  let moved = false; // focus moved since that key
  document.addEventListener('keydown', (e) => { pendingKey = e.timeStamp; moved = false; perf.keys.push(e.timeStamp); }, true);
  let state;
  Object.defineProperty(window, 'tenfoot', {
    configurable: true,
    get: () => state,
    set(v) {
      state = v;
      const values = { frames: v.frames, focused: v.focused };
      Object.defineProperty(v, 'focused', {
        get: () => values.focused,
        set(x) {
          if (x !== values.focused && pendingKey) moved = true;
          values.focused = x;
        },
      });
      Object.defineProperty(v, 'frames', {
        get: () => values.frames,
        set(x) {
          const now = performance.now();
          if (!perf.first && x > 0) perf.first = now;
          perf.frames.push(now);
          values.frames = x;
          if ((moved || bare) && pendingKey) {
            // Drawn when the task that drew it ends: the browser has then taken
            // the frame, reading the canvas back where it composites in software.
            const key = pendingKey;
            pendingKey = 0;
            moved = false;
            afterTask(() => perf.latencies.push(performance.now() - key));
          }
        },
      });
    },
  });
}

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function main() {
  const web = BARE || TENFOOT_WEB;
  const wasm = BARE ? 'app.wasm' : 'tenfoot.wasm';
  await fs.access(path.join(web, wasm)).catch(() => {
    throw new Error(`no ${wasm} in ${web}: run ${BARE ? 'make measure-tv-cpu' : 'make web, or set TENFOOT_WEB'}`);
  });
  const server = await serve(web);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: GPU ? [...CHROMIUM_ARGS.filter((a) => a !== '--disable-gpu'), ...GPU_ARGS] : CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, reducedMotion: STILL ? 'reduce' : 'no-preference' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    await page.addInitScript(instrument, !!BARE);
    await page.goto(url);
    await waitFor(page, 'the first frame', () => window.__perf.first > 0, undefined, FIRST_FRAME_TIMEOUT * RATE);
    const first = await page.evaluate(() => window.__perf.first);

    if (!BARE) {
      // The demo opens on Who's watching; OK chooses Ana, and Home opens on her first title.
      await waitFor(page, "Who's watching", () => window.tenfoot.focused !== '', undefined, 30_000);
      await page.keyboard.press('Enter');
      await waitFor(page, 'Home', () => window.tenfoot.screen === 'home', undefined, 30_000);
    }

    // Presses along and between Home's rows, each drawn before the next: Right to
    // the second title, Left back, Down into Downloads, Up back. Every one moves;
    // so does each Right and Left of the bare app.
    await page.evaluate(() => { window.__perf.latencies.length = 0; window.__perf.keys.length = 0; });
    const moves = BARE ? ['ArrowRight', 'ArrowLeft'] : ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'];
    for (let i = 0; i < PRESSES; i++) {
      const before = await page.evaluate(() => window.__perf.latencies.length);
      await page.keyboard.press(moves[i % moves.length]);
      await waitFor(page, `press ${i + 1} drawn`, (n) => window.__perf.latencies.length > n, before, 10_000 * RATE);
      if (GAP) await page.waitForTimeout(GAP); // a person's pace, not a wait for a condition
    }
    const latencies = await page.evaluate(() => window.__perf.latencies);
    // Each press's Event Timing duration. Chromium reports none for some presses
    // (a fifth to two fifths here), as if painted within 16 ms, which no frame here
    // is: they are left out, and counted.
    // The last presses' entries come some frames after their paint: wait out 30
    // of the display's frames.
    await page.evaluate(() => new Promise((done) => {
      let n = 0;
      const frame = () => (++n >= 30 ? done() : requestAnimationFrame(frame));
      requestAnimationFrame(frame);
    }));
    const painted = await page.evaluate(() => window.__perf.keys.flatMap((k) => {
      const e = window.__perf.painted.find(([start]) => Math.abs(start - k) < 1);
      return e ? [e[1]] : [];
    }));

    // A row scrolling: Right held along the catalog row, frame times meanwhile.
    let gaps = [];
    const refresh = 1000 / 60; // headless Chromium's display
    if (!BARE) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const mark = await page.evaluate(() => window.__perf.frames.length);
      await page.keyboard.down('ArrowRight');
      await page.waitForTimeout(2000); // a measurement window, not a wait for a condition
      await page.keyboard.up('ArrowRight');
      const times = await page.evaluate((m) => window.__perf.frames.slice(m), mark);
      gaps = times.slice(1).map((t, i) => t - times[i]);
    }
    const dropped = gaps.filter((g) => g > 1.5 * refresh).length;

    const result = {
      rate: RATE,
      compositing: GPU ? 'gpu' : 'software',
      reducedMotion: STILL,
      firstFrameMs: Math.round(first),
      pressToDrawnMs: { presses: latencies.length, gapMs: GAP, p50: +pct(latencies, 50).toFixed(1), p99: +pct(latencies, 99).toFixed(1) },
      pressToPaintedMs: { reported: painted.length, p50: pct(painted, 50), p99: pct(painted, 99) },
      scrolling: BARE ? null : { frames: gaps.length, p50Ms: +pct(gaps, 50).toFixed(1), p99Ms: +pct(gaps, 99).toFixed(1), dropped },
    };
    if (JSON_OUT) {
      console.log(JSON.stringify(result));
    } else {
      const what = [result.compositing + ' compositing', STILL && 'reduced motion', BARE && 'the bare app'].filter(Boolean).join(', ');
      console.log(`tv-cpu ${RATE}× (${what}): first frame ${result.firstFrameMs} ms; press to ${BARE ? '' : 'focus '}drawn p50 ${result.pressToDrawnMs.p50} ms, ` +
        `p99 ${result.pressToDrawnMs.p99} ms over ${latencies.length} presses${GAP ? ` ${GAP} ms apart` : ''}; ` +
        `to painted (Event Timing, ${painted.length} of them) p50 ${result.pressToPaintedMs.p50} ms, p99 ${result.pressToPaintedMs.p99} ms` +
        (BARE ? '' : `; scrolling: ${gaps.length} frames, p50 ${result.scrolling.p50Ms} ms, p99 ${result.scrolling.p99Ms} ms, ` +
          `${dropped} dropped (over ${refresh.toFixed(1)} ms × 1.5)`));
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((err) => {
  console.error('tvcpu:', err.message);
  process.exit(1);
});
