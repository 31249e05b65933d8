// Browser end-to-end test of what a screen reader hears from the page's live
// regions: words said twice in a row, as a password refused twice is, reach it each
// time. A screen reader speaks a live region when its text changes; the same text
// set into the same region again changes nothing, and the second refusal went
// unheard. Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import {
  FIRST_FRAME_TIMEOUT, SHOTS, frames, openTV, press, problems, startServer, state, waitFor,
} from './harness.mjs';

// heardChanges records, in window.__heard, the text of each live region each time it
// changes to something other than it said, as a screen reader hears it.
function heardChanges() {
  window.__heard = [];
  document.addEventListener('DOMContentLoaded', () => {
    for (const region of document.querySelectorAll('[aria-live]')) {
      let was = region.textContent;
      new MutationObserver(() => {
        const now = region.textContent;
        if (now !== was && now !== '') window.__heard.push(now);
        was = now;
      }).observe(region, { childList: true, characterData: true, subtree: true });
    }
  });
}

describe('the live regions', () => {
  const refused = 'That email and password do not match. Check them and try again.';
  let server;
  let context;
  let page;
  let profileDir;

  const heard = (text) => page.evaluate((t) => window.__heard.filter((s) => s.startsWith(t)).length, text);

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    ({ context, page, profileDir } = await openTV('about:blank', 'announce'));
    await page.addInitScript(heardChanges);
    await page.goto(server.url);
    await waitFor(page, 'the sign-in screen', () => window.tenfoot && window.tenfoot.screen === 'signin',
      undefined, FIRST_FRAME_TIMEOUT);
  });

  after(async () => {
    try {
      await context?.close();
      if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    } finally {
      server?.proc.kill('SIGTERM');
    }
  });

  it('says a password refused three times in a row each time', async () => {
    await press(page, 'ArrowDown', 'Sign in with email', () => window.tenfoot.focused === 'Sign in with email');
    await press(page, 'Enter', 'the email screen', () => window.tenfoot.screen === 'signin-email');
    await page.keyboard.type('ana@example.com');
    await waitFor(page, 'focus follows typing into the field', () => window.tenfoot.focused === 'Email');
    await frames(page, 3, 'the email typed');
    await press(page, 'Enter', 'on to the password', () => window.tenfoot.focused === 'Password');
    await page.keyboard.type('not-my-password');
    await frames(page, 3, 'the password typed');
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.keyboard.press('Enter');
      await waitFor(page, `refusal ${attempt} said`, ([t, n]) => window.__heard.filter((s) => s.startsWith(t)).length >= n,
        [refused, attempt]);
      assert.equal(await heard(refused), attempt, `attempt ${attempt}: said once for each refusal`);
      assert.equal((await state(page)).announced, `${refused}`, `attempt ${attempt}: the app's last words`);
    }
    assert.equal((await state(page)).screen, 'signin-email');
  });

  it('speaks from one region at a time, in the language shown', async () => {
    const regions = await page.evaluate(() => [...document.querySelectorAll('[aria-live]')].map((r) => ({
      id: r.id, lang: r.lang, text: r.textContent, hidden: getComputedStyle(r).position === 'absolute',
    })));
    assert.equal(regions.length, 2, JSON.stringify(regions));
    assert.deepEqual(regions.map((r) => r.text).filter((t) => t !== ''), [refused], 'the other region is empty');
    for (const r of regions) {
      assert.equal(r.lang, 'en', `${r.id} speaks the language shown`);
      assert.ok(r.hidden, `${r.id} is read, not seen`);
    }
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
