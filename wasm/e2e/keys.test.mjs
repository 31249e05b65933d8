// Browser end-to-end test of keys held at awkward moments: held as the page loses
// focus and let go elsewhere, the key must not run on when the page has focus
// again; held as the screen changes, it acts on the screen it was pressed on only;
// held on the keyboard while a gamepad holds the other way, the newer wins and
// focus does not swing between two tiles. Each twice. It serves the build as a
// plain page, so the app runs on its embedded demo, signed in. Same environment as
// browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  FIRST_FRAME_TIMEOUT, TENFOOT_WEB, frames, openTV, press, problems, state, waitFor,
} from './harness.mjs';
import { serveFiles } from './measure.mjs';

// A standard gamepad, stubbed: Ebitengine reads navigator.getGamepads() each tick.
function stubGamepad() {
  const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
  const pad = { id: 'Standard Gamepad (stub)', index: 0, connected: true, mapping: 'standard', buttons, axes: [0, 0, 0, 0], timestamp: 0 };
  navigator.getGamepads = () => [pad, null, null, null];
  window.__pad = {
    button(i, down) { buttons[i] = { pressed: down, touched: down, value: down ? 1 : 0 }; pad.timestamp++; },
  };
}

describe('keys held at awkward moments', () => {
  const DPAD_LEFT = 14;
  let server;
  let context;
  let page;
  let profileDir;

  // visits returns the labels focus visits in the next n frames.
  const visits = async (n) => page.evaluate((count) => new Promise((resolve) => {
    const seen = [window.tenfoot.focused];
    const end = window.tenfoot.frames + count;
    const look = () => {
      if (seen[seen.length - 1] !== window.tenfoot.focused) seen.push(window.tenfoot.focused);
      if (window.tenfoot.frames >= end) resolve(seen); else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }), n);

  before(async () => {
    server = await serveFiles((p) => path.join(TENFOOT_WEB, path.normalize(p.replace(/^\/$/, '/index.html'))));
    ({ context, page, profileDir } = await openTV('about:blank', 'keys'));
    await page.addInitScript(stubGamepad);
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await waitFor(page, "Who's watching", () => window.tenfoot?.screen === 'profiles' && window.tenfoot.focused !== '',
      undefined, FIRST_FRAME_TIMEOUT);
    await press(page, 'ArrowRight', 'Ben', () => window.tenfoot.focused === 'Ben');
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
    await press(page, 'ArrowDown', 'the next row', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
    await press(page, 'ArrowDown', 'the catalog, a long row', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
  });

  it('does not run a key on that was let go while the page had no focus', async () => {
    for (let round = 1; round <= 2; round++) {
      const first = (await state(page)).focused;
      await page.keyboard.down('ArrowRight');
      await waitFor(page, `round ${round}: Right repeats`, (f) => window.tenfoot.focused !== f, first);
      // The page loses focus, as when another window or the TV's menu takes it,
      // and the key is let go there.
      await page.evaluate(() => {
        document.querySelector('canvas').blur();
        window.dispatchEvent(new Event('blur'));
      });
      await page.keyboard.up('ArrowRight');
      await page.evaluate(() => {
        document.querySelector('canvas').focus();
        window.dispatchEvent(new Event('focus'));
      });
      await frames(page, 10, 'the page has focus again');
      const still = await visits(90);
      assert.deepEqual(still.length, 1, `round ${round}: focus stays put: ${still}`);
      for (let i = 0; i < 12 && (await state(page)).focused !== first; i++) {
        await press(page, 'ArrowLeft', 'back along the row', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
      }
      assert.equal((await state(page)).focused, first);
    }
  });

  it('acts on the screen it was pressed on only, when held as the screen changes', async () => {
    for (let round = 1; round <= 2; round++) {
      await page.keyboard.down('Enter');
      await waitFor(page, `round ${round}: the title opens`, () => window.tenfoot.screen === 'details');
      await frames(page, 90, 'OK held for a second and a half');
      await page.keyboard.up('Enter');
      await frames(page, 5, 'OK let go');
      assert.equal((await state(page)).screen, 'details', `round ${round}: held OK did not press Play`);
      await press(page, 'Escape', 'back Home', () => window.tenfoot.screen === 'home');
    }
  });

  it('goes the newer way when the keyboard and a gamepad hold opposite directions', async () => {
    for (let round = 1; round <= 2; round++) {
      const first = (await state(page)).focused;
      await page.keyboard.down('ArrowRight');
      await waitFor(page, `round ${round}: Right moves`, (f) => window.tenfoot.focused !== f, first);
      const right = (await state(page)).focused;
      await page.evaluate((b) => window.__pad.button(b, true), DPAD_LEFT);
      const seen = await visits(120);
      await page.evaluate((b) => window.__pad.button(b, false), DPAD_LEFT);
      await page.keyboard.up('ArrowRight');
      assert.ok(seen.lastIndexOf(right) <= 0, `round ${round}: never back to ${right} while both are held: ${seen}`);
      assert.ok(seen.includes(first), `round ${round}: Left, the newer, moves on: ${seen}`);
      await frames(page, 5, 'both let go');
      while ((await state(page)).screen === 'home' && (await state(page)).focused !== first) {
        await press(page, 'ArrowRight', 'back to the row', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
      }
    }
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
