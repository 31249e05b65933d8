// What the TV engine tests share: the engines, opening the app on one, reading what
// it publishes on window.tenfoot ({ frames, focused, screen, title }), and the
// report of each engine's walk.
//
// Environment, besides what wasm/e2e/server.mjs reads (TENFOOTD_BIN, TENFOOT_WEB,
// TENFOOT_SHOTS):
//   TENFOOT_TV_ENGINES   where the engines are unpacked (default build/tv/engines)
//   TENFOOT_TV_PACKAGES  where make tv-packages put the packages (default build/tv)

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';

import { Browser } from './cdp.mjs';
import { CURRENT, ENGINES, launchOptions, unpack } from './engines.mjs';
import { SHOTS, env } from '../e2e/server.mjs';

export { SHOTS, TENFOOTD_BIN, TENFOOT_WEB, startServer } from '../e2e/server.mjs';

export const ENGINES_DIR = path.resolve(env('TENFOOT_TV_ENGINES', 'build/tv/engines'));
export const PACKAGES_DIR = path.resolve(env('TENFOOT_TV_PACKAGES', 'build/tv'));

// A 17 MB module compiled by an old engine drawing in software on a shared two-core
// machine: Chromium 67 takes about 13 s to its first frame here.
export const FIRST_FRAME_TIMEOUT = 120_000;
// Every later step is one key press and a few frames, or one request.
export const STEP_TIMEOUT = 15_000;

// engines returns the engines unpacked, oldest first, then the system's Chromium.
export const engines = () => [...unpack(ENGINES_DIR), CURRENT];
export const engine = (major) => engines().find((e) => e.major === major);
export { CURRENT, ENGINES };

// FIRST_FRAME_PROBE notes, in the page's own clock (which starts at navigation),
// when the app drew its first frame.
export const FIRST_FRAME_PROBE = `(function () {
  var poll = function () {
    if (window.tenfoot && window.tenfoot.frames > 0) window.__tenfootFirstFrameMs = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;

// open launches engine e, with extra arguments, and opens a page on which the
// scripts in init run before the page's own.
export async function open(e, { args = [], init = [] } = {}) {
  await fs.mkdir(SHOTS, { recursive: true });
  const opts = launchOptions(e);
  const browser = await Browser.launch(e.exe, { args: [...opts.args, ...args], env: opts.env });
  if (e !== CURRENT) assert.equal(browser.major, e.major, `the engine is Chromium ${e.major}: ${browser.version.product}`);
  const page = await browser.newPage();
  for (const source of [FIRST_FRAME_PROBE, ...init]) await page.addInitScript(source);
  return { browser, page };
}

// STATE describes the app and the loader for a failure's report.
export const STATE = `JSON.stringify({
  app: window.tenfoot || null,
  loader: document.getElementById('loader') && document.getElementById('loader').className,
  error: document.getElementById('error') && document.getElementById('error').textContent,
})`;

// until waits for a condition on the page, reporting the app's state on failure.
export const until = (page, what, expression, timeout = STEP_TIMEOUT) => page.waitFor(what, expression, timeout, STATE);

// HELD_TWO_FRAMES holds a key down until the app has drawn two more frames, so that
// at least one of its ticks saw it down; or for 30 of the browser's frames, when
// the app draws no more (it has exited).
const HELD_TWO_FRAMES = `new Promise(function (resolve) {
  var from = window.tenfoot ? window.tenfoot.frames : 0;
  var left = 30;
  var poll = function () {
    if (!window.tenfoot || window.tenfoot.frames >= from + 2 || --left === 0) resolve();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})`;

// tap presses a key as a remote does: down until the app has seen it, then up.
export const tap = (page, key) => page.press(key, HELD_TWO_FRAMES);

// press taps a key and waits until the app shows what expression expects.
export async function press(page, key, what, expression) {
  await tap(page, key);
  await until(page, what, expression);
}

// tenfoot reads what the app publishes.
export const tenfoot = (page) => page.evaluate('JSON.parse(JSON.stringify(window.tenfoot))');

// startApp navigates to url and waits for the first frame and the loader to go; it
// returns the first frame's time from navigation, in ms.
export async function startApp(page, url) {
  await page.goto(url);
  return firstFrame(page);
}

// firstFrame waits for the page loading now to draw its first frame and hide the
// loader, and returns when that frame came, in ms from navigation.
export async function firstFrame(page) {
  // A loader that failed will never draw: no need to wait out the timeout.
  await until(page, 'the first frame', "window.__tenfootFirstFrameMs || document.getElementById('loader').className.indexOf('failed') >= 0",
    FIRST_FRAME_TIMEOUT);
  const failed = await page.evaluate("document.getElementById('error').textContent");
  assert.equal(failed, '', 'the loader shows no error');
  await until(page, 'the loader is gone', "getComputedStyle(document.getElementById('loader')).opacity === '0'");
  return Math.round(await page.evaluate('window.__tenfootFirstFrameMs'));
}

// memory is what the page holds once the walk is over: its JavaScript heap in use
// after a garbage collection, and the size of the app's WebAssembly memory.
export async function memory(page) {
  return {
    jsHeapBytes: await page.jsHeap(),
    wasmMemoryBytes: await page.evaluate('window.tenfootEngine.memoryBytes()'),
  };
}

export const shot = (name) => path.join(SHOTS, `tv-${name}.png`);

// record adds one engine's results to tv-engines.json in the shots folder, which the
// README's table is made from, keyed by what was run.
export async function record(key, result) {
  await fs.mkdir(SHOTS, { recursive: true });
  const file = path.join(SHOTS, 'tv-engines.json');
  let all = {};
  try {
    all = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    // the first engine of this run
  }
  all[key] = result;
  await fs.writeFile(file, JSON.stringify(all, null, 2) + '\n');
}

// steps runs named steps in order and records each as passed or failed; the first
// failure ends the walk and is thrown once all are recorded.
export async function steps(list) {
  const results = {};
  let failure = null;
  for (const [name, fn] of list) {
    if (failure) {
      results[name] = 'not reached';
      continue;
    }
    try {
      await fn();
      results[name] = 'pass';
    } catch (err) {
      results[name] = 'fail';
      failure = new Error(`step "${name}": ${err.message}`, { cause: err });
    }
  }
  return { results, failure };
}
