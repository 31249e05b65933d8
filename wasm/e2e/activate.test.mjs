// Browser end-to-end test of tenfootd's activation page, on a phone (390×844): a TV
// asks for a code, the phone opens the TV's QR link, signs in, is shown what it is
// about to approve, and approves or refuses it. A real browser sends its own Origin
// and Sec-Fetch-Site headers, which the page checks. Same environment as
// browser.test.mjs; needs only tenfootd, not the browser build.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, SHOTS, startServer } from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const EMAIL = 'ana@example.com';
const PASSWORD = 'watch-together';

describe('the activation page on a phone', () => {
  let server;
  let browser;

  // tv asks tenfootd for a code, as a TV called name does, and returns a poll of
  // its sign-in.
  const tv = async (name) => {
    const device = { id: crypto.randomUUID(), name, kind: 'tv', secret: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url') };
    const res = await fetch(new URL('api/v1/device/code', server.url), {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ device }),
    });
    assert.equal(res.status, 200);
    const auth = await res.json();
    const poll = async () => {
      const r = await fetch(new URL('api/v1/device/token', server.url), {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ device_code: auth.device_code }),
      });
      return r.ok ? 'signed in' : (await r.json()).error;
    };
    return { auth, poll };
  };

  // confirmation opens a TV's QR link on a new phone, signs in, and returns the page
  // that asks to confirm.
  const confirmation = async (auth) => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(auth.verification_uri_complete.replace(/^https?:\/\/[^/]+\//, server.url));
    await page.fill('#email', EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('.code');
    return page;
  };

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    server?.proc.kill('SIGTERM');
  });

  it('names the TV before it signs it in', async () => {
    const { auth, poll } = await tv('Living Room TV');
    const page = await confirmation(auth);
    assert.equal(await page.textContent('h1'), 'Sign in Living Room TV (TV) to Ana (a•••@example.com)?');
    assert.match(await page.textContent('main'), /This TV asked for a code just now, at \d\d:\d\d UTC\./);
    assert.equal(await page.textContent('.code'), auth.user_code);
    assert.match(await page.textContent('main'), /Check that this is the code on your TV's screen\./);
    await page.screenshot({ path: path.join(SHOTS, 'activate-confirm.png'), fullPage: true });
    assert.equal(await poll(), 'authorization_pending', 'showing it approved nothing');

    await page.getByRole('button', { name: 'Sign in this TV' }).click();
    await page.waitForSelector('text=Your TV is signing in');
    assert.equal(await poll(), 'signed in');
  });

  it('refuses a TV that is not mine', async () => {
    const { auth, poll } = await tv('Free Prize TV');
    const page = await confirmation(auth);
    await page.getByRole('button', { name: 'Not my TV' }).click();
    await page.waitForSelector('text=The TV was not signed in');
    await page.screenshot({ path: path.join(SHOTS, 'activate-refused.png'), fullPage: true });
    assert.equal(await poll(), 'access_denied');
  });
});
