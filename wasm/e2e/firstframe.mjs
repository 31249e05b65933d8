// Measures the browser build against two bare Ebitengine apps (wasm/bare), side by
// side in one headless Chromium: rect, which draws one rectangle, and text, which
// draws one line with text/v2. Each round loads the three in turn, in a new browser
// context each (no cache shared), in an order that rotates from round to round, and
// times the first frame from navigation. It reports the median first frame of each,
// tenfoot's as a ratio to each bare app's, and each one's size: raw and with brotli
// at quality 11 (the same compressor for all three).
//
//   node wasm/e2e/firstframe.mjs [-rounds 5] [-rate 1] [-latency 0] [-json]
//
// TENFOOT_WEB is the browser build (make web); BARE_WEB holds rect/ and text/, each
// with index.html, wasm_exec.js and app.wasm (make measure-wasm builds them). A
// measurement, not a test: it fails only if an app does not draw.

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, FIRST_FRAME_TIMEOUT, TENFOOT_WEB, env, waitFor } from './harness.mjs';
import { arg, serveFiles } from './measure.mjs';

const ROUNDS = Number(arg('rounds', 5));
const RATE = Number(arg('rate', 1));
const LATENCY = Number(arg('latency', 0)); // ms added to each request, as a network away from loopback
const JSON_OUT = process.argv.includes('-json');
const BARE_WEB = path.resolve(env('BARE_WEB', 'build/bare'));

const APPS = [
  { name: 'rect', dir: path.join(BARE_WEB, 'rect'), wasm: 'app.wasm' },
  { name: 'text', dir: path.join(BARE_WEB, 'text'), wasm: 'app.wasm' },
  { name: 'tenfoot', dir: TENFOOT_WEB, wasm: 'tenfoot.wasm' },
];

// serve answers with the files of the apps, each under /<name>/: the same server for
// all, so that only the apps differ.
const serve = () => serveFiles((p) => {
  const [, name, ...rest] = p.split('/');
  const app = APPS.find((a) => a.name === name);
  return app ? path.join(app.dir, path.normalize(rest.join('/') || 'index.html')) : '';
});

// instrument records when the page's app first sets window.tenfoot.frames above 0.
function instrument() {
  window.__first = 0;
  let state;
  Object.defineProperty(window, 'tenfoot', {
    configurable: true,
    get: () => state,
    set(v) {
      state = v;
      let frames = v.frames;
      Object.defineProperty(v, 'frames', {
        get: () => frames,
        set(x) {
          if (!window.__first && x > 0) window.__first = performance.now();
          frames = x;
        },
      });
    },
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// firstFrame loads app in a new context and returns its first frame in ms.
async function firstFrame(browser, base, app) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    if (RATE > 1 || LATENCY > 0) {
      const cdp = await context.newCDPSession(page);
      if (RATE > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
      if (LATENCY > 0) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1,
        });
      }
    }
    await page.addInitScript(instrument);
    await page.goto(`${base}${app.name}/`);
    await waitFor(page, `${app.name}'s first frame`, () => window.__first > 0, undefined, FIRST_FRAME_TIMEOUT * RATE);
    return await page.evaluate(() => window.__first);
  } finally {
    await context.close();
  }
}

async function sizes(app) {
  const raw = await fs.readFile(path.join(app.dir, app.wasm));
  const br = await new Promise((resolve, reject) => zlib.brotliCompress(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }, (err, out) => (err ? reject(err) : resolve(out.length))));
  return { raw: raw.length, br };
}

async function main() {
  for (const app of APPS) {
    await fs.access(path.join(app.dir, app.wasm)).catch(() => {
      throw new Error(`no ${app.wasm} in ${app.dir}: run make measure-wasm`);
    });
  }
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const times = Object.fromEntries(APPS.map((a) => [a.name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < APPS.length; i++) {
        const app = APPS[(round + i) % APPS.length];
        times[app.name].push(await firstFrame(browser, base, app));
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const result = { rounds: ROUNDS, rate: RATE, latencyMs: LATENCY, apps: {} };
  for (const app of APPS) {
    result.apps[app.name] = { firstFrameMs: Math.round(median(times[app.name])), runsMs: times[app.name].map(Math.round), ...(await sizes(app)) };
  }
  const t = result.apps.tenfoot;
  for (const name of ['rect', 'text']) {
    const b = result.apps[name];
    result[`vs_${name}`] = { firstFrame: +(t.firstFrameMs / b.firstFrameMs).toFixed(2), br: +(t.br / b.br).toFixed(2), raw: +(t.raw / b.raw).toFixed(2) };
  }
  if (JSON_OUT) {
    console.log(JSON.stringify(result));
    return;
  }
  const mb = (n) => (n / 1e6).toFixed(2);
  for (const app of APPS) {
    const a = result.apps[app.name];
    console.log(`${app.name.padEnd(8)} first frame ${a.firstFrameMs} ms (median of ${ROUNDS}: ${a.runsMs.join(', ')}), ${mb(a.raw)} MB, ${mb(a.br)} MB brotli`);
  }
  for (const name of ['rect', 'text']) {
    const v = result[`vs_${name}`];
    console.log(`tenfoot / ${name}: first frame ${v.firstFrame}×, brotli ${v.br}×, raw ${v.raw}×`);
  }
}

main().catch((err) => {
  console.error('firstframe:', err.message);
  process.exit(1);
});
