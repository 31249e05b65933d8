// Every confirmation opens on Cancel, every time: the browser build driven with real
// key presses signs out from Settings and from the profile menu, signs in again and
// does it again, checks that Avatar, Enter, Enter, Enter does not sign out, and
// deletes two profiles, each time finding the dialog on Cancel. What the app
// publishes on window.tenfoot is read, never assumed (see harness.mjs).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  FIRST_FRAME_TIMEOUT, SHOTS, expectedFailure, openTV, press, problems, startServer, state, until, waitFor,
} from './harness.mjs';

// A TV polls for its code every few seconds, so signing in waits for a poll or two.
const SIGN_IN_TIMEOUT = 30_000;

describe('confirmations in the browser', () => {
  let server;
  let context;
  let page;
  let profileDir;
  let phoneToken;

  const screenshot = (name) => page.screenshot({ path: path.join(SHOTS, `e2e-confirm-${name}.png`) });
  const api = (method, p, token, body) => fetch(new URL(`api/v1${p}`, server.url), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (r) => ({ status: r.status, json: await r.json() }));

  // moveUntil presses each key of keys in turn, up to max times in all, until label
  // has focus.
  async function moveUntil(keys, label, max = 12) {
    for (let i = 0; i < max && (await state(page)).focused !== label; i++) {
      const before = (await state(page)).focused;
      await page.keyboard.press(keys[Math.min(i, keys.length - 1)]);
      await page.waitForFunction((b) => window.tenfoot.focused !== b, before, { timeout: 2_000 }).catch(() => {});
    }
    await waitFor(page, `${label} has focus`, (l) => window.tenfoot.focused === l, label);
  }

  // signIn signs the page in with a code that Ana's phone approves, from the sign-in
  // screen, and opens Ana's profile.
  async function signIn() {
    await waitFor(page, 'the sign-in screen', () => window.tenfoot.screen === 'signin');
    assert.equal((await state(page)).focused, 'Sign in with your phone', 'after a sign-out, focus is on the quick way in');
    await press(page, 'Enter', 'the code screen', () => window.tenfoot.screen === 'signin-code');
    await waitFor(page, 'a code to say', () => /Your code is [A-Z]{4}-[A-Z]{4}/.test(window.tenfoot.title));
    const code = /Your code is ([A-Z]{4}-[A-Z]{4})/.exec((await state(page)).title)[1];
    assert.equal((await api('POST', '/device/approve', phoneToken, { user_code: code })).status, 200);
    await waitFor(page, 'the TV signs itself in', () => window.tenfoot.screen === 'profiles', undefined, SIGN_IN_TIMEOUT);
    await waitFor(page, "Ana's profile", () => window.tenfoot.focused === 'Ana');
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
  }

  // toAvatar moves focus to Ana's picture at the top right of Home.
  const toAvatar = () => moveUntil(['ArrowUp', 'ArrowUp', 'ArrowUp', 'ArrowRight'], 'Ana');

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    const phone = await api('POST', '/signin', null, {
      device: { id: '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e', name: "Ana's Phone", kind: 'phone', secret: 'a-phone-secret-of-at-least-32-characters' },
      email: 'ana@example.com', password: 'watch-together',
    });
    assert.equal(phone.status, 200);
    phoneToken = phone.json.token;

    ({ context, page, profileDir } = await openTV(server.url, 'confirm', { waitUntil: 'domcontentloaded' }));
    await waitFor(page, 'the app starts', () => Boolean(window.tenfoot && window.tenfoot.screen && window.tenfoot.focused),
      undefined, FIRST_FRAME_TIMEOUT);
  });

  after(async () => {
    try {
      await context?.close();
      if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    } finally {
      if (server && server.proc.exitCode === null) {
        server.proc.kill('SIGTERM');
        await once(server.proc, 'exit');
      }
    }
    assert.deepEqual(problems, [], 'no page errors');
  });

  it('opens the sign-out dialog from Settings on Cancel, every time', async () => {
    await signIn();
    for (const round of [1, 2]) {
      await moveUntil(['ArrowLeft'], 'Home');
      await press(page, 'ArrowDown', 'Settings in the menu', () => window.tenfoot.focused === 'Settings');
      await press(page, 'Enter', 'Settings', () => window.tenfoot.screen === 'settings');
      assert.equal((await state(page)).focused, 'Switch profile', `round ${round}: Settings opens on its first entry`);
      await moveUntil(['ArrowDown'], 'Sign out');
      await press(page, 'Enter', 'the sign-out dialog', () => window.tenfoot.screen === 'signout');
      assert.equal((await state(page)).focused, 'Cancel', `round ${round}: the dialog opens on Cancel`);
      await screenshot(`signout-${round}`);

      await press(page, 'ArrowRight', 'Sign out', () => window.tenfoot.focused === 'Sign out');
      await press(page, 'Escape', 'Back cancels', () => window.tenfoot.screen === 'settings');
      await press(page, 'Enter', 'the dialog again', () => window.tenfoot.screen === 'signout');
      assert.equal((await state(page)).focused, 'Cancel', `round ${round}: opened again, on Cancel`);

      await press(page, 'ArrowRight', 'Sign out', () => window.tenfoot.focused === 'Sign out');
      await press(page, 'Enter', 'signed out', () => window.tenfoot.screen === 'signin');
      await signIn();
    }
  });

  it('never lets Avatar, Enter, Enter, Enter sign out', async () => {
    for (const round of [1, 2]) {
      await toAvatar();
      await press(page, 'Enter', 'the profile menu', () => window.tenfoot.screen === 'profile-menu');
      assert.equal((await state(page)).focused, 'Switch profile', `round ${round}: the menu opens on its first entry`);
      await moveUntil(['ArrowDown'], 'Sign out');
      await press(page, 'Enter', 'the sign-out dialog', () => window.tenfoot.screen === 'signout');
      assert.equal((await state(page)).focused, 'Cancel');
      await press(page, 'ArrowRight', 'Sign out', () => window.tenfoot.focused === 'Sign out');
      await press(page, 'Enter', 'signed out', () => window.tenfoot.screen === 'signin');
      await signIn();

      await toAvatar();
      await press(page, 'Enter', 'the profile menu', () => window.tenfoot.screen === 'profile-menu');
      assert.equal((await state(page)).focused, 'Switch profile', `round ${round}: not on Sign out`);
      await screenshot(`profile-menu-${round}`);
      await press(page, 'Enter', "Who's watching", () => window.tenfoot.screen === 'profiles');
      await press(page, 'Enter', 'Home again', () => window.tenfoot.screen === 'home');
      assert.equal((await state(page)).screen, 'home', 'still signed in');
    }
  });

  // Two tabs of the page share the device's storage. The first signs out while the
  // network is down: the second, showing Who's watching, goes to the sign-in screen
  // as soon as the browser tells it the storage changed, and the sign-out reaches
  // the service once the network is back. Before, the second tab kept showing Ana's
  // account, and its next change wrote the account back and the sign-out away.
  it('tells a second tab of a sign-out made offline in the first, and loses no sign-out', async () => {
    const second = await context.newPage();
    second.on('pageerror', (err) => problems.push(`second tab: page error: ${err.stack || err}`));
    second.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`second tab: console error: ${msg.text()}`);
    });
    await second.goto(server.url, { waitUntil: 'domcontentloaded' });
    await waitFor(second, "the second tab starts on Who's watching",
      () => Boolean(window.tenfoot && window.tenfoot.screen === 'profiles'), undefined, FIRST_FRAME_TIMEOUT);
    const tv = await page.evaluate(() => JSON.parse(localStorage.getItem('tenfoot.server.device')).device.id);
    const listed = async () => (await api('GET', '/devices', phoneToken)).json.some((d) => d.id === tv);
    assert.ok(await listed(), "Ana's phone lists the TV");

    await context.setOffline(true);
    await moveUntil(['ArrowLeft'], 'Home');
    await press(page, 'ArrowDown', 'Settings in the menu', () => window.tenfoot.focused === 'Settings');
    await press(page, 'Enter', 'Settings', () => window.tenfoot.screen === 'settings');
    await moveUntil(['ArrowDown'], 'Sign out');
    await press(page, 'Enter', 'the sign-out dialog', () => window.tenfoot.screen === 'signout');
    await press(page, 'ArrowRight', 'Sign out', () => window.tenfoot.focused === 'Sign out');
    await press(page, 'Enter', 'signed out, offline', () => window.tenfoot.screen === 'signin');
    await waitFor(second, 'the second tab shows the sign-in screen', () => window.tenfoot.screen === 'signin');
    await second.screenshot({ path: path.join(SHOTS, 'e2e-confirm-second-tab.png') });

    await context.setOffline(false);
    await until('the service has the sign-out', async () => !(await listed()), SIGN_IN_TIMEOUT);
    await second.close();
    await signIn();
  });

  it('opens the Delete-profile dialog on Cancel, every time', async () => {
    await toAvatar();
    await press(page, 'Enter', 'the profile menu', () => window.tenfoot.screen === 'profile-menu');
    await press(page, 'Enter', "Who's watching", () => window.tenfoot.screen === 'profiles');
    await moveUntil(['ArrowDown'], 'Manage profiles');
    await press(page, 'Enter', 'managing', () => window.tenfoot.focused === 'Done');
    for (const name of ['Ben', 'Kids']) {
      await moveUntil(['ArrowUp', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowRight'], name);
      await press(page, 'Enter', `${name}'s editor`, () => window.tenfoot.screen === 'edit-profile');
      await moveUntil(['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight',
        'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown'], 'Delete profile', 24);
      await press(page, 'Enter', 'the delete dialog', () => window.tenfoot.screen === 'delete-profile');
      assert.equal((await state(page)).focused, 'Cancel', `${name}: the dialog opens on Cancel`);
      await screenshot(`delete-${name}`);
      await press(page, 'ArrowRight', 'Delete', () => window.tenfoot.focused === 'Delete');
      await press(page, 'Escape', 'Back cancels', () => window.tenfoot.screen === 'edit-profile');
      await press(page, 'Enter', 'the dialog again', () => window.tenfoot.screen === 'delete-profile');
      assert.equal((await state(page)).focused, 'Cancel', `${name}: opened again, on Cancel`);
      await press(page, 'ArrowRight', 'Delete', () => window.tenfoot.focused === 'Delete');
      await press(page, 'Enter', 'deleted', () => window.tenfoot.screen === 'profiles');
      await waitFor(page, `${name} is gone`, (n) => !window.tenfoot.focused.includes(n), name);
    }
  });
});
