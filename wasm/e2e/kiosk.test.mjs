// Browser end-to-end test of kiosk mode: the page opened with ?kiosk fetches
// kiosk.json from beside index.html and starts on the kiosk's welcome screen, where
// Back, even a TV remote's, does nothing; a kiosk.json that is missing or wrong
// stops it with the reason on screen, and one that names the staff PIN, which anyone
// could fetch, is not even served. A packaged TV app, opened from its own files,
// keeps the PIN inside, and there Back held for 3 s asks for it. Same environment
// as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, CSP_VIOLATION, FIRST_FRAME_TIMEOUT, REMOTE_BACK, SHOTS, STEP_TIMEOUT, TENFOOT_WEB, frames,
  reportPolicyViolations, startServer,
} from './harness.mjs';

describe('tenfoot as a kiosk in the browser', () => {
  let server;
  let url;
  let web;
  let context;
  let page;
  let profileDir;
  const violations = []; // of the page's Content-Security-Policy

  before(async () => {
    // The build, copied so that this test can put its own kiosk.json beside it.
    web = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-kiosk-web-'));
    await fs.cp(TENFOOT_WEB, web, { recursive: true });
    server = await startServer('-web', web); // the last -web is the one tenfootd takes
    url = server.url;
    await fs.mkdir(SHOTS, { recursive: true });
    profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-kiosk-e2e-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 720 },
      args: CHROMIUM_ARGS,
    });
    await reportPolicyViolations(context);
    page = context.pages()[0] ?? await context.newPage();
    // The loader reports a missing or wrong kiosk.json as console errors on purpose;
    // what the policy refuses never is.
    page.on('console', (msg) => {
      if (msg.text().startsWith(CSP_VIOLATION)) violations.push(msg.text());
    });
  });

  after(async () => {
    await context?.close();
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await once(server.proc, 'exit');
    }
    for (const dir of [profileDir, web]) {
      if (dir) await fs.rm(dir, { recursive: true, force: true });
    }
  });

  const failure = async () => {
    await page.waitForSelector('#loader.failed', { timeout: FIRST_FRAME_TIMEOUT });
    return page.textContent('#error');
  };

  it('refuses to start without kiosk.json', async () => {
    await page.goto(`${url}?kiosk`);
    const text = await failure();
    assert.match(text, /This kiosk cannot start without its config/);
    assert.match(text, /kiosk\.json: HTTP 404/);
  });

  it('refuses to start with a kiosk.json it does not understand', async () => {
    await fs.writeFile(path.join(web, 'kiosk.json'), '{"idleTimeout": "-5m"}');
    await page.goto(`${url}?kiosk`);
    const text = await failure();
    assert.match(text, /This kiosk cannot start/);
    assert.match(text, /kiosk config kiosk\.json: idleTimeout "-5m": must be more than zero/);
  });

  it('refuses a kiosk.json that names the staff PIN, which the server hands to nobody', async () => {
    await fs.writeFile(path.join(web, 'kiosk.json'), JSON.stringify({ checkout: '11:00', operatorPin: '24681357' }));
    const resp = await fetch(`${url}kiosk.json`); // as a guest's phone on the hotel's network would
    const said = await resp.text();
    assert.equal(resp.status, 403);
    assert.doesNotMatch(said, /24681357/);
    await page.goto(`${url}?kiosk`);
    const text = await failure();
    assert.match(text, /This kiosk cannot start/);
    assert.match(text, /operatorPin: anyone who can open the page can fetch this file and read the PIN/);
    assert.doesNotMatch(text, /24681357/);
    await page.screenshot({ path: path.join(SHOTS, 'e2e-kiosk-pin-refused.png') });
  });

  it('starts on the welcome screen, where Back does nothing', async () => {
    await fs.writeFile(path.join(web, 'kiosk.json'), JSON.stringify({ checkout: '11:00', deviceName: 'Room 214' }));
    await page.goto(`${url}?kiosk`);
    await page.waitForFunction(() => window.tenfoot && window.tenfoot.screen === 'kiosk-welcome',
      null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
    assert.equal(await page.evaluate(() => window.tenfoot.focused), 'Sign in with your phone');
    assert.equal(await page.evaluate(() => window.tenfoot.reducedMotion), false, 'motion, as the TV has it');

    await page.keyboard.press('Escape');
    const cdp = await context.newCDPSession(page);
    const key = { windowsVirtualKeyCode: REMOTE_BACK, nativeVirtualKeyCode: REMOTE_BACK, code: '', key: 'GoBack' };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    await cdp.detach();
    await frames(page, 30, 'the app has had 30 frames to act on the keys');
    const s = await page.evaluate(() => ({ screen: window.tenfoot.screen, focused: window.tenfoot.focused }));
    assert.deepEqual(s, { screen: 'kiosk-welcome', focused: 'Sign in with your phone' }, 'no Exit? and nowhere to go');
    await page.screenshot({ path: path.join(SHOTS, 'e2e-kiosk-welcome.png') });

    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.tenfoot.screen === 'signin-code', null, { polling: 'raf' });
  });

  it('opens the staff PIN of a packaged kiosk only when Back is held for 3 s, twice', async () => {
    // A packaged TV app: the page and its kiosk.json, PIN and all, from the TV's
    // own files, on the built-in demo household with its first guest signed in.
    await fs.writeFile(path.join(web, 'kiosk.json'), JSON.stringify({ operatorPin: '2468', deviceName: 'Room 214' }));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-kiosk-packaged-'));
    const packaged = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 720 },
      args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
    });
    try {
      const tv = packaged.pages()[0] ?? await packaged.newPage();
      await tv.goto(`${pathToFileURL(path.join(web, 'index.html')).href}?kiosk`);
      await tv.waitForFunction(() => window.tenfoot && window.tenfoot.screen === 'profiles',
        null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
      for (let round = 0; round < 2; round++) {
        const start = await tv.evaluate(() => performance.now());
        await tv.keyboard.down('Escape');
        await tv.waitForFunction(() => window.tenfoot.screen === 'staff-pin', null, { timeout: 15_000, polling: 'raf' });
        const held = await tv.evaluate((t) => performance.now() - t, start);
        await tv.keyboard.up('Escape');
        assert.ok(held >= 2500, `round ${round}: the PIN came after ${Math.round(held)} ms of Back, not a long press`);
        if (round === 0) await tv.screenshot({ path: path.join(SHOTS, 'e2e-kiosk-staff-pin.png') });
        await tv.keyboard.press('Escape'); // Back on the PIN is Cancel
        await tv.waitForFunction(() => window.tenfoot.screen === 'profiles', null, { polling: 'raf' });
      }
    } finally {
      await packaged.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('checks out at the time of day of the zone the TV is in now, as the zone changes, twice', async () => {
    // A TV left on across a change to summer time, or set to another zone: the
    // checkout comes at its time of day in the zone the TV is in now. Checkout is
    // in 3 minutes in Tokyo, more than 8 hours away in UTC, where the page starts.
    const soon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(Date.now() + 3 * 60_000));
    await fs.writeFile(path.join(web, 'kiosk.json'), JSON.stringify({ checkout: soon, warning: '10m' }));
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-kiosk-zone-'));
    const packaged = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 720 },
      args: [...CHROMIUM_ARGS, '--allow-file-access-from-files'],
    });
    try {
      const tv = packaged.pages()[0] ?? await packaged.newPage();
      const cdp = await packaged.newCDPSession(tv);
      const zone = (timezoneId) => cdp.send('Emulation.setTimezoneOverride', { timezoneId });
      await zone('UTC');
      await tv.goto(`${pathToFileURL(path.join(web, 'index.html')).href}?kiosk`);
      await tv.waitForFunction(() => window.tenfoot && window.tenfoot.screen === 'profiles',
        null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
      for (let round = 0; round < 2; round++) {
        await frames(tv, 30, 'half a second in UTC, checkout hours away');
        assert.equal(await tv.evaluate(() => window.tenfoot.screen), 'profiles', `round ${round}`);
        await zone('Asia/Tokyo');
        await tv.waitForFunction(() => window.tenfoot.screen === 'kiosk-countdown', null, { timeout: STEP_TIMEOUT, polling: 'raf' });
        assert.match(await tv.evaluate(() => window.tenfoot.title), /^Signing out Ana in 1?[0-9]{1,2} s\./, `round ${round}`);
        if (round === 0) await tv.screenshot({ path: path.join(SHOTS, 'e2e-kiosk-checkout-zone.png') });
        await zone('UTC'); // back: checkout is hours away again
        await tv.waitForFunction(() => window.tenfoot.screen === 'profiles', null, { timeout: STEP_TIMEOUT, polling: 'raf' });
      }
    } finally {
      await packaged.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('reduces motion when kiosk.json says so, whatever the TV says', async () => {
    await fs.writeFile(path.join(web, 'kiosk.json'), JSON.stringify({ motion: 'reduced' }));
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto(`${url}?kiosk`);
    await page.waitForFunction(() => window.tenfoot && window.tenfoot.screen === 'kiosk-welcome',
      null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
    await frames(page, 10, 'the app has had 10 frames to follow the TV');
    assert.equal(await page.evaluate(() => window.tenfoot.reducedMotion), true);
  });

  it('broke no rule of the page\'s Content-Security-Policy, fetching kiosk.json included', () => {
    assert.deepEqual(violations, []);
  });
});
