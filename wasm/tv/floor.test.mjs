// Below the floor: an engine that cannot run tenfoot says so, within 5 s, in words
// read from across a room, and names what it lacks. Never a page that loads forever.
// Chromium 64 (as on Tizen 5.0, 2019) lacks AbortController; Chromium 80 is also
// started without WebAssembly and without WebGL, as some TVs ship it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { TENFOOT_WEB, engine, firstFrame, open, record, shot, startServer, tenfoot } from './harness.mjs';

// The message must be up this soon after navigation.
const WITHIN_MS = 5_000;

// message opens the app on e, started with args, and returns the message the page
// shows and when it showed it, in ms from navigation.
async function message(url, e, args = []) {
  const { browser, page } = await open(e, {
    args,
    // Note, in the page's clock, when the reason is on screen.
    init: [`(function () {
      var poll = function () {
        var l = document.getElementById('loader');
        if (l && / too-old/.test(' ' + l.className)) window.__tenfootTooOldMs = performance.now();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    })();`],
  });
  try {
    await page.goto(url);
    await page.waitFor('the reason is shown', 'window.__tenfootTooOldMs', 30_000,
      "document.getElementById('loader').className + ': ' + document.getElementById('error').textContent");
    const shown = {
      ms: Math.round(await page.evaluate('window.__tenfootTooOldMs')),
      lines: await page.evaluate("Array.prototype.map.call(document.querySelectorAll('#error span'), function (s) { return s.textContent; })"),
      progressShown: await page.evaluate("getComputedStyle(document.getElementById('progress')).display !== 'none'"),
      canvas: await page.evaluate("document.querySelectorAll('canvas').length"),
      problems: page.problems,
    };
    return { browser, page, shown };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

describe('below the floor', () => {
  let server;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await once(server.proc, 'exit');
    }
  });

  it('Chromium 64 says it is too old for tenfoot, and why, within 5 s', async () => {
    const { browser, page, shown } = await message(server.url, engine(64));
    try {
      await page.screenshot(shot('64-too-old'));
      await record('chromium-64', {
        engine: browser.version.product, tvs: engine(64).tvs, messageMs: shown.ms, message: shown.lines,
      });
      assert.ok(shown.ms < WITHIN_MS, `the reason came ${shown.ms} ms after navigation`);
      assert.equal(shown.lines[0], "This TV's browser is too old for tenfoot; it needs Chromium 66 or newer, as on TVs from 2020 on.");
      assert.equal(shown.lines[1], 'This one is Chromium 64. It lacks AbortController (Chromium 66).');
      assert.match(shown.lines[2], /Update the TV's software/);
      assert.equal(shown.progressShown, false, 'no progress bar that would never move');
      assert.equal(shown.canvas, 0, 'the app was not started');
      assert.deepEqual(shown.problems, []);
    } finally {
      await browser.close();
    }
  });

  it('an engine without WebAssembly says so at once', async () => {
    const { browser, page, shown } = await message(server.url, engine(80), ['--js-flags=--noexpose-wasm']);
    try {
      await page.screenshot(shot('80-no-webassembly'));
      assert.ok(shown.ms < WITHIN_MS, `the reason came ${shown.ms} ms after navigation`);
      assert.equal(shown.lines[1], 'This one is Chromium 80. It lacks WebAssembly (Chromium 57).');
    } finally {
      await browser.close();
    }
  });

  it('an engine that refuses WebGL says so once the app finds out', async () => {
    const { browser, page, shown } = await message(server.url, engine(80), ['--disable-webgl', '--disable-3d-apis']);
    try {
      await page.screenshot(shot('80-no-webgl'));
      assert.match(shown.lines[1], /^This one is Chromium 80\. It lacks (WebGL \(Chromium 9\)|a WebGL context, which this TV refuses)\.$/);
    } finally {
      await browser.close();
    }
  });

  // make web serves no tenfoot-mvp.wasm: engines that can run the other build still
  // start, the others say what the server lacks.
  describe('a server without the lowered build', () => {
    let bare;
    let web;

    before(async () => {
      web = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-tv-web-'));
      await fs.cp(TENFOOT_WEB, web, { recursive: true, filter: (src) => !path.basename(src).startsWith('tenfoot-mvp.wasm') });
      bare = await startServer('-web', web);
    });

    after(async () => {
      if (bare && bare.proc.exitCode === null) {
        bare.proc.kill('SIGTERM');
        await once(bare.proc, 'exit');
      }
      if (web) await fs.rm(web, { recursive: true, force: true });
    });

    it('Chromium 80 starts tenfoot.wasm instead', async () => {
      const { browser, page } = await open(engine(80));
      try {
        await page.goto(bare.url);
        await firstFrame(page);
        assert.equal(await page.evaluate('window.tenfootEngine.wasm'), 'tenfoot.wasm');
        assert.equal((await tenfoot(page)).screen, 'signin');
      } finally {
        await browser.close();
      }
    });

    it('Chromium 67 says the server lacks the build for older TVs', async () => {
      const { browser, page } = await open(engine(67));
      try {
        await page.goto(bare.url);
        await page.waitFor('the loader fails', "document.getElementById('loader').className.indexOf('failed') >= 0", 30_000);
        const lines = await page.evaluate("Array.prototype.map.call(document.querySelectorAll('#error span'), function (s) { return s.textContent; })");
        assert.deepEqual(lines, ['This server has no build of tenfoot for this TV.',
          'tenfoot-mvp.wasm: HTTP 404 Not Found: this browser runs only the build for older TVs',
          'Build it with make web-tv, then reload.']);
      } finally {
        await browser.close();
      }
    });
  });
});
