// Browser end-to-end test of two tabs of the demo taking turns at their shared
// state. With no tenfootd behind the page, both tabs keep the device and the
// demo's own service in the site's localStorage; each reads, changes and saves it
// holding the Web Lock named for what it saves, so that neither saves over what
// the other has just saved. Here the second tab holds the device's lock, as it
// would while it changes the device: the first tab, whose downloads move on every
// two seconds, must wait for the lock to save them (the browser lists its request
// as pending), and save them once the lock is let go.
// Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { FIRST_FRAME_TIMEOUT, TENFOOT_WEB, openTV, problems, until, waitFor } from './harness.mjs';
import { serveFiles } from './measure.mjs';

// The device's state is kept under this key, and its lock is named the same.
const DEVICE = 'tenfoot.device';

describe('two tabs of the demo', () => {
  let server;
  let context;
  let first;
  let profileDir;

  before(async () => {
    server = await serveFiles((p) => path.join(TENFOOT_WEB, path.normalize(p.replace(/^\/$/, '/index.html'))));
    ({ context, page: first, profileDir } = await openTV(`http://127.0.0.1:${server.address().port}/`, 'twotabs'));
    await waitFor(first, 'the first frame', () => window.tenfoot?.frames > 0, undefined, FIRST_FRAME_TIMEOUT);
  });

  after(async () => {
    await context?.close();
    server?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
  });

  it('wait for each other to save the device', async () => {
    const second = await context.newPage();
    await second.goto(first.url());
    await waitFor(second, 'the second tab draws', () => window.tenfoot?.frames > 0, undefined, FIRST_FRAME_TIMEOUT);
    const saved = () => first.evaluate((key) => localStorage.getItem(key), DEVICE);
    // Downloads in progress are what the first tab saves without a key pressed.
    await waitFor(first, 'a download saved', ([key, was]) => localStorage.getItem(key) !== was, [DEVICE, await saved()],
      FIRST_FRAME_TIMEOUT);

    await second.evaluate((name) => new Promise((held) => {
      navigator.locks.request(name, () => {
        held();
        return new Promise((letGo) => { window.letGo = letGo; });
      });
    }), DEVICE);
    const whileHeld = await saved();
    await until('the first tab waiting for the lock to save its downloads', () => first.evaluate(async (name) => {
      const { pending } = await navigator.locks.query();
      return pending.some((lock) => lock.name === name);
    }, DEVICE));
    assert.equal(await saved(), whileHeld, 'the first tab saved the device while the second held its lock');

    await second.evaluate(() => window.letGo());
    await waitFor(first, 'the first tab saves once the lock is let go', ([key, was]) => localStorage.getItem(key) !== was,
      [DEVICE, whileHeld]);
    assert.deepEqual(problems, []);
  });
});
