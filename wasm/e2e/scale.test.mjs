// Browser end-to-end test of text at a device scale: a desktop at 150 % or a 4K
// screen at 150 % shows the app on more pixels than its 1920×1080 canvas, and the
// app drew the canvas at its own size and had the browser's drawing buffer scale it
// up, blurring every letter. It now draws on the buffer's own pixels, text in faces
// of that size: the title's edges are as sharp as where the buffer is the canvas.
// Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';
import {
  CHROMIUM, CHROMIUM_ARGS, FIRST_FRAME_TIMEOUT, SHOTS, expectedFailure, frames, problems, startServer,
} from './harness.mjs';

// edgeSharpness measures the title's letters in a screenshot: over the steps
// between neighbouring pixels, the sum of their squares over their sum. A letter
// drawn at the screen's size steps from the background to its colour in one or two
// pixels; one scaled up takes more, smaller steps.
function edgeSharpness(png) {
  const p = PNG.sync.read(png);
  const x0 = Math.round(p.width * 0.33);
  const x1 = Math.round(p.width * 0.67);
  const y0 = Math.round(p.height * 0.24);
  const y1 = Math.round(p.height * 0.33);
  let squares = 0;
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * p.width + x) * 4 + 1; // green
      const step = Math.abs(p.data[i] - p.data[i + 4]);
      squares += step * step;
      sum += step;
    }
  }
  return squares / sum;
}

// unblocky measures how much of a screenshot's title is not drawn in 2×2 blocks:
// of the steps between neighbouring pixels in its rows, the share inside an even
// pair of columns. A screen that is the canvas scaled up twice has none there.
function unblocky(png) {
  const p = PNG.sync.read(png);
  let inside = 0;
  let all = 0;
  for (let y = Math.round(p.height * 0.24); y < Math.round(p.height * 0.33); y++) {
    for (let x = Math.round(p.width * 0.33) & ~1; x < Math.round(p.width * 0.67); x++) {
      const i = (y * p.width + x) * 4 + 1;
      if (p.data[i] === p.data[i + 4]) continue;
      all++;
      if (x % 2 === 0) inside++;
    }
  }
  return inside / all;
}

describe('text at a device scale', () => {
  let server;
  let browser;

  // shown opens the sign-in screen in a page of the CSS size viewport at scale, and
  // returns its screenshot and its canvas's size in CSS and drawing-buffer pixels.
  const shown = async (viewport, scale, name) => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
    try {
      const page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err}`));
      page.on('console', (msg) => {
        if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`console error: ${msg.text()}`);
      });
      await page.goto(server.url);
      await page.waitForFunction(() => window.tenfoot && window.tenfoot.frames > 0 && window.tenfoot.screen === 'signin',
        null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
      await frames(page, 10, 'the sign-in screen settled');
      const canvas = await page.evaluate(() => {
        const c = document.querySelector('canvas');
        const box = c.getBoundingClientRect();
        return { css: [box.width, box.height], buffer: [c.width, c.height], ratio: devicePixelRatio };
      });
      const shot = await page.screenshot({ path: path.join(SHOTS, `e2e-scale-${name}.png`) });
      return { canvas, shot };
    } finally {
      await context.close();
    }
  };

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    try {
      await browser?.close();
    } finally {
      server?.proc.kill('SIGTERM');
    }
  });

  it('draws letters at 150 % and on a 4K screen at 150 % as sharp as on a buffer of the canvas\'s size', async () => {
    const canvasSized = await shown({ width: 1280, height: 720 }, 1.5, '1280x720-at-1.5');
    assert.deepEqual(canvasSized.canvas.buffer, [1920, 1080], 'the buffer is the canvas');
    const sharp = edgeSharpness(canvasSized.shot);
    // A window a pixel wider than the canvas's pixels was the canvas scaled by
    // 1921/1920, every letter resampled half a pixel off.
    for (const [viewport, name, least, blocks] of [
      [{ width: 1920, height: 1080 }, '1920x1080-at-1.5', 0.9, 0],
      [{ width: 2560, height: 1440 }, '2560x1440-at-1.5', 0.9, 0.3],
      [{ width: 1281, height: 721 }, '1281x721-at-1.5', 0.6, 0],
    ]) {
      for (let round = 1; round <= 2; round++) {
        const { canvas, shot } = await shown(viewport, 1.5, name);
        assert.deepEqual(canvas.buffer, canvas.css.map((css) => Math.floor(css * 1.5)),
          `${name}: the drawing buffer is the page's size times the device scale, rounded down`);
        const got = edgeSharpness(shot);
        assert.ok(got >= least * sharp, `${name}, round ${round}: letters as sharp as drawn at their size: ` +
          `${got.toFixed(1)} against ${sharp.toFixed(1)}`);
        assert.ok(unblocky(shot) >= blocks, `${name}, round ${round}: not drawn in blocks: ${unblocky(shot).toFixed(2)}`);
        console.log(`# ${name}: edge sharpness ${got.toFixed(1)} (${sharp.toFixed(1)} at the canvas's size), ` +
          `steps inside column pairs ${unblocky(shot).toFixed(2)}`);
      }
    }
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
