// Browser end-to-end test of the phone and tablet layouts: headless Chromium with
// touch, as a phone (390×844, isMobile, hasTouch), driven with taps and swipes on
// what the app draws and with the phone's own keyboard in a real <input>; the
// browser's Back is the app's Back. Where a thing is comes from the app
// (window.tenfoot.find(label) gives its rect in CSS pixels), never from
// coordinates written here. Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, FIRST_FRAME_TIMEOUT, SHOTS, expectedFailure, problems, reportPolicyViolations, startServer, state,
  waitFor,
} from './harness.mjs';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1180, height: 820 };

describe('tenfoot on a phone', () => {
  let server;
  let browser;
  let context;
  let page;
  let cdp;

  const screenshot = (name, p = page) => p.screenshot({ path: path.join(SHOTS, `e2e-${name}.png`) });

  // where returns the rect of the focusable item labelled label, once it is shown.
  const where = async (label) => {
    await waitFor(page, `"${label}" is on screen`, (l) => window.tenfoot.find(l) !== null, label);
    return page.evaluate((l) => window.tenfoot.find(l), label);
  };

  // tap taps the middle of the item labelled label, as a finger would.
  const tap = async (label) => {
    const r = await where(label);
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
  };

  // swipe drags one finger from (x, y) by (dx, dy) in steps, a frame apart, and lifts it.
  const swipe = async (x, y, dx, dy, steps = 8) => {
    const point = (i) => [{ x: x + (dx * i) / steps, y: y + (dy * i) / steps }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(0) });
    for (let i = 1; i <= steps; i++) {
      await page.evaluate(() => new Promise(requestAnimationFrame));
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(i) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };

  const on = (screen) => waitFor(page, `the ${screen} screen`, (s) => window.tenfoot.screen === s, screen);

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await reportPolicyViolations(context);
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`console error: ${msg.text()}`);
    });
    cdp = await context.newCDPSession(page);
    await page.goto(server.url);
    await page.waitForFunction(() => window.tenfoot && window.tenfoot.frames > 0 && window.tenfoot.screen === 'signin',
      null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
  });

  after(async () => {
    await browser?.close();
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await once(server.proc, 'exit');
    }
  });

  it('lays the app out for a phone', async () => {
    assert.equal(await page.evaluate(() => window.tenfoot.form), 'phone');
    const canvas = await page.evaluate(() => {
      const r = document.querySelector('canvas').getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.deepEqual(canvas, PHONE, 'the canvas fills the phone, not a letterboxed TV');
    const overscroll = await page.evaluate(() => getComputedStyle(document.body).overscrollBehaviorY);
    assert.equal(overscroll, 'none', 'pulling down never reloads the page');
    const r = await where('Sign in with email');
    assert.ok(r.height >= 48 && r.width >= 48, `a tap target of at least 48×48 CSS px, not ${JSON.stringify(r)}`);
    await screenshot('phone-01-signin');
  });

  it("signs in with the phone's own keyboard", async () => {
    await tap('Sign in with email');
    await on('signin-email');
    await tap('Email');
    const input = page.locator('#tenfoot-input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('type'), 'email');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'tenfoot-input', 'the keyboard can type at once');
    await page.keyboard.type('ana@example.com');
    await page.keyboard.press('Enter');
    await waitFor(page, 'the password field has focus', () => window.tenfoot.focused === 'Password');
    await waitFor(page, 'the input turns into a password input',
      () => document.getElementById('tenfoot-input').type === 'password');
    assert.equal(await input.inputValue(), '', 'the email is not left in the password field');

    // The phone's keyboard takes the lower half of the screen: the field stays in view.
    await page.setViewportSize({ width: PHONE.width, height: 400 });
    await waitFor(page, 'the app lays out for what is left', () => {
      const r = document.getElementById('tenfoot-input').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    await page.keyboard.type('watch-together');
    await screenshot('phone-02-typing');
    await page.setViewportSize(PHONE);
    await page.keyboard.press('Enter');
    await on('profiles');
    await input.waitFor({ state: 'hidden' });
    await tap('Ana');
    await on('home');
    assert.equal(problems.length, 0, problems.join('\n'));
  });

  it('swipes a row of titles with momentum', async () => {
    const before = await where('Orbit of Small Things');
    const y = before.y + before.height / 2;
    await swipe(300, y, -200, 0);
    await waitFor(page, 'the row glides on and settles', (x) => {
      const r = window.tenfoot.find('Orbit of Small Things');
      return r.x < x - 200;
    }, before.x);
    assert.equal((await state(page)).screen, 'home', 'a swipe is not a tap');
    await screenshot('phone-03-home');
  });

  it('goes More → Sign out, and Back closes the dialog', async () => {
    await tap('More');
    await on('more');
    await screenshot('phone-04-more');
    await tap('Sign out');
    await on('signout');
    await waitFor(page, 'the dialog names the account', () => /^Sign out of Ana \(a•+@example\.com\)\?$/.test(window.tenfoot.title));
    assert.equal((await state(page)).focused, 'Cancel', 'Cancel comes first');
    const sheet = await where('Sign out');
    assert.ok(sheet.y > PHONE.height / 2, 'the dialog is a bottom sheet, in reach of a thumb');
    await screenshot('phone-05-signout-sheet');

    // An iPhone's home indicator covers the bottom 34 CSS px (env(safe-area-inset-bottom)).
    // Chromium has no notch, so the test sets the CSS variable that stands in for it.
    const gap = async () => { const r = await where('Cancel'); return PHONE.height - (r.y + r.height); };
    const flat = await gap();
    assert.ok(flat >= 16, `Cancel sits ${flat} CSS px from the edge`);
    for (let round = 0; round < 2; round++) {
      await page.evaluate(() => {
        document.documentElement.style.setProperty('--tenfoot-inset-bottom', '34px');
        window.dispatchEvent(new Event('resize'));
      });
      await waitFor(page, 'the buttons move above the home indicator', (h) => {
        const r = window.tenfoot.find('Cancel');
        return r && h - (r.y + r.height) >= 34 + 16;
      }, PHONE.height);
      if (round === 0) await screenshot('phone-05-signout-sheet-inset');
      await page.evaluate(() => {
        document.documentElement.style.removeProperty('--tenfoot-inset-bottom');
        window.dispatchEvent(new Event('resize'));
      });
      await waitFor(page, 'the buttons go back down', (h) => {
        const r = window.tenfoot.find('Cancel');
        return r && h - (r.y + r.height) < 34;
      }, PHONE.height);
    }

    await page.goBack(); // the browser's Back, as the system back gesture
    await on('more');
    await tap('Sign out');
    await on('signout');
    await tap('Cancel');
    await on('more');
  });

  it('signs out from the sheet', async () => {
    await tap('Sign out');
    await on('signout');
    await waitFor(page, 'the sign-out plan', () => window.tenfoot.title.startsWith('Sign out of Ana'));
    const buttons = await page.evaluate(() => {
      const all = [];
      for (const l of ['Cancel', 'Sign out']) all.push(window.tenfoot.find(l));
      return all;
    });
    assert.ok(buttons[0].x < buttons[1].x, 'Cancel first, then Sign out');
    await page.touchscreen.tap(buttons[1].x + buttons[1].width / 2, buttons[1].y + buttons[1].height / 2);
    await on('signin');
    await waitFor(page, 'the sign-in screen says who signed out', () => true);
    await screenshot('phone-06-signed-out');
    assert.equal(problems.length, 0, problems.join('\n'));
  });

  it('lays a wide touch screen out as a tablet', async () => {
    const tablet = await browser.newContext({ viewport: TABLET, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    try {
      const p = await tablet.newPage();
      await p.goto(server.url);
      await p.waitForFunction(() => window.tenfoot && window.tenfoot.frames > 0 && window.tenfoot.screen === 'signin',
        null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
      assert.equal(await p.evaluate(() => window.tenfoot.form), 'tablet');
      await screenshot('tablet-01-signin', p);
    } finally {
      await tablet.close();
    }
  });

  // In Arabic, on a phone and on a tablet: the page is right to left, the sign-in
  // screen's buttons lie within the screen, and Back is on the right.
  for (const [form, viewport] of [['phone', PHONE], ['tablet', TABLET]]) {
    it(`lays the ${form} out mirrored in Arabic`, async () => {
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      try {
        const p = await ctx.newPage();
        await p.goto(new URL('?lang=ar', server.url).href);
        await p.waitForFunction(() => window.tenfoot && window.tenfoot.frames > 0 && window.tenfoot.screen === 'signin' &&
          document.getElementById('loader').classList.contains('done'), null, { timeout: FIRST_FRAME_TIMEOUT, polling: 'raf' });
        assert.equal(await p.evaluate(() => window.tenfoot.form), form);
        assert.deepEqual(await p.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
        const find = (label) => p.waitForFunction((l) => window.tenfoot.find(l), label, { timeout: 10_000, polling: 'raf' })
          .then((h) => h.jsonValue());
        for (const label of ['تسجيل الدخول بالبريد الإلكتروني', 'تسجيل الدخول بجهاز آخر']) {
          const r = await find(label);
          assert.ok(r.x >= 0 && r.x + r.width <= viewport.width, `${label} within the screen: ${JSON.stringify(r)}`);
        }
        await screenshot(`${form}-ar-01-signin`, p);
        const email = await find('تسجيل الدخول بالبريد الإلكتروني');
        await p.touchscreen.tap(email.x + email.width / 2, email.y + email.height / 2);
        await p.waitForFunction(() => window.tenfoot.screen === 'signin-email', null, { timeout: 10_000, polling: 'raf' });
        const back = await find('›  رجوع');
        assert.ok(back.x + back.width / 2 > viewport.width / 2, `Back is on the right: ${JSON.stringify(back)}`);
        assert.ok(back.x + back.width <= viewport.width, 'and on the screen');
        await screenshot(`${form}-ar-02-signin-email`, p);
      } finally {
        await ctx.close();
      }
    });
  }
});
