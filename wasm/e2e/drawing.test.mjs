// Browser end-to-end test of Home drawn the same the second time: each frame redraws
// only the part of the screen where something changed and the canvas keeps the
// rest, and Home's scroll is state a walk leaves behind. A walk down Home, along a
// row to its end (both scroll) and back, done twice, must leave Home as it was
// first drawn, pixel for pixel (within rounding). The first version of this test
// found the list leaving Continue watching's heading cut under the header on the
// way back up. Each frame drawn in part is compared with a whole one in
// game's TestNativeDamageDrawsWhatAWholeFrameWould. A third round follows the
// system's Reduce motion (prefers-reduced-motion), where every move lands at once;
// game's TestReducedMotionDrawsOneFramePerPress checks that a press then draws one
// frame. It serves the build as a plain page, so the app runs on its embedded demo.
// Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PNG } from 'pngjs';
import {
  FIRST_FRAME_TIMEOUT, SHOTS, TENFOOT_WEB, frames, openTV, press, problems, state, waitFor,
} from './harness.mjs';
import { serveFiles } from './measure.mjs';

// differing returns the bounds of the pixels of two screenshots that differ by more
// than rounding, or null: the GPU may filter an image a least step apart once it
// has moved within Ebitengine's atlas, and a part left stale differs by far more.
function differing(a, b) {
  const x = PNG.sync.read(a);
  const y = PNG.sync.read(b);
  assert.deepEqual([x.width, x.height], [y.width, y.height]);
  let box = null;
  for (let i = 0; i < x.data.length; i++) {
    if (Math.abs(x.data[i] - y.data[i]) > 2) {
      const p = i >> 2;
      const px = p % x.width;
      const py = Math.floor(p / x.width);
      box = box ?? { left: px, top: py, right: px, bottom: py };
      box.left = Math.min(box.left, px);
      box.right = Math.max(box.right, px);
      box.bottom = py;
    }
  }
  return box;
}

describe('drawing only what changed, in the browser', () => {
  let server;
  let context;
  let page;
  let profileDir;

  before(async () => {
    server = await serveFiles((p) => path.join(TENFOOT_WEB, path.normalize(p.replace(/^\/$/, '/index.html'))));
    ({ context, page, profileDir } = await openTV(`http://127.0.0.1:${server.address().port}/`, 'drawing'));
    await waitFor(page, 'the first frame', () => window.tenfoot?.frames > 0, undefined, FIRST_FRAME_TIMEOUT);
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
  });

  it('leaves Home as it was after a walk along a row and back, twice, and once more with reduced motion', async () => {
    await waitFor(page, "Who's watching", () => window.tenfoot.screen === 'profiles' && window.tenfoot.focused !== '');
    // Ben's Home: Ana's has downloads in progress, whose bars would move meanwhile.
    await press(page, 'ArrowRight', 'Ben', () => window.tenfoot.focused === 'Ben');
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
    const first = (await state(page)).focused;
    await frames(page, 60, 'Home settles');
    const home = await page.screenshot({ path: path.join(SHOTS, 'e2e-drawing-home.png') });

    // moves presses key and waits for focus to leave what it was on.
    const move = async (key) => press(page, key, `${key} moves focus`, (prev) => window.tenfoot.focused !== prev,
      (await state(page)).focused);
    for (const round of [1, 2, 3]) {
      if (round === 3) {
        assert.equal((await state(page)).reducedMotion, false);
        await page.emulateMedia({ reducedMotion: 'reduce' });
        await waitFor(page, 'reduced motion', () => window.tenfoot.reducedMotion === true);
      }
      await move('ArrowRight');
      await move('ArrowDown');
      await move('ArrowDown'); // Popular on tenfoot, wider than the screen: Home scrolls
      let steps = 0; // to the end of the row, which scrolls
      for (;;) {
        const before = (await state(page)).focused;
        await page.keyboard.press('ArrowRight');
        await frames(page, 30, 'a press seen');
        if ((await state(page)).focused === before) break;
        steps++;
      }
      assert.ok(steps >= 4, `the row goes on for ${steps} steps`);
      for (let i = 0; i < steps; i++) await move('ArrowLeft');
      await move('ArrowUp');
      await move('ArrowUp');
      if ((await state(page)).focused !== first) await move('ArrowLeft');
      assert.equal((await state(page)).focused, first, `round ${round} ends where it began`);
      await frames(page, 60, 'Home settles');
      const now = await page.screenshot();
      const box = differing(home, now);
      if (box) await fs.writeFile(path.join(SHOTS, `e2e-drawing-round-${round}.png`), now);
      assert.equal(box, null, `round ${round}: Home differs from how it was first drawn in ${JSON.stringify(box)}; see e2e-drawing-*.png`);
    }
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await waitFor(page, 'motion again', () => window.tenfoot.reducedMotion === false);
    assert.deepEqual(problems, []);
  });
});
