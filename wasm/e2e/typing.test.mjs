// Browser end-to-end test of typing on a hardware keyboard in the TV layout, with
// Playwright's page.keyboard.type: the email and password go into their fields,
// Backspace deletes a character, Enter moves on and signs in, and the next time the
// email used last is one press away. Same environment as browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  FIRST_FRAME_TIMEOUT, REMOTE_BACK, SHOTS, openTV, press, problems, startServer, state, waitFor,
} from './harness.mjs';

describe('typing on a hardware keyboard in the browser', () => {
  let server;
  let context;
  let page;
  let profileDir;

  const screenshot = (name) => page.screenshot({ path: path.join(SHOTS, `e2e-typing-${name}.png`) });

  // ticked waits until the game has drawn a few frames, so that keys typed so far
  // reached it before the next one: two presses within one tick are one press.
  const ticked = async () => {
    const { frames } = await state(page);
    await waitFor(page, 'a few frames', (f) => window.tenfoot.frames > f + 2, frames);
  };

  // signOut goes from Who's watching through Ana's Home and Settings to Sign out.
  const signOut = async () => {
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
    await press(page, 'Escape', 'the menu', () => window.tenfoot.focused === 'Home');
    await press(page, 'ArrowDown', 'Settings', () => window.tenfoot.focused === 'Settings');
    await press(page, 'Enter', 'Settings', () => window.tenfoot.screen === 'settings');
    for (let i = 0; i < 6 && (await state(page)).focused !== 'Sign out'; i++) {
      await press(page, 'ArrowDown', 'toward Sign out', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
    }
    await press(page, 'Enter', 'the sign-out dialog', () => window.tenfoot.screen === 'signout');
    await press(page, 'ArrowRight', 'Sign out', () => window.tenfoot.focused === 'Sign out');
    await press(page, 'Enter', 'the sign-in screen', () => window.tenfoot.screen === 'signin');
  };

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    ({ context, page, profileDir } = await openTV(server.url, 'typing'));
    await waitFor(page, 'the app publishes its screen and focus',
      () => Boolean(window.tenfoot && window.tenfoot.screen && window.tenfoot.focused), undefined, FIRST_FRAME_TIMEOUT);
  });

  after(async () => {
    try {
      await context?.close();
      if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    } finally {
      server?.proc.kill('SIGTERM');
    }
  });

  it('types the email and password, deletes with Backspace and signs in with Enter', async () => {
    assert.equal((await state(page)).screen, 'signin');
    await press(page, 'ArrowDown', 'Sign in with email', () => window.tenfoot.focused === 'Sign in with email');
    await press(page, 'Enter', 'the email screen', () => window.tenfoot.screen === 'signin-email');
    assert.equal((await state(page)).focused, 'q', 'nothing typed here before: the on-screen keyboard');

    await page.keyboard.type('ana@example.comm');
    await waitFor(page, 'focus follows typing into the field', () => window.tenfoot.focused === 'Email');
    await ticked();
    await page.keyboard.press('Backspace');
    await ticked();
    await screenshot('email');
    await press(page, 'Enter', 'Enter goes on to the password', () => window.tenfoot.focused === 'Password');
    assert.equal((await state(page)).screen, 'signin-email', 'Backspace deleted, and was not Back');

    await page.keyboard.type('watch-together');
    await ticked();
    await screenshot('password');
    await press(page, 'Enter', 'Enter signs in', () => window.tenfoot.screen === 'profiles');
    assert.equal((await state(page)).focused, 'Ana');
  });

  it('offers the email used last, and the password is all that is typed', async () => {
    for (let round = 1; round <= 2; round++) {
      await signOut();
      await press(page, 'ArrowDown', 'Sign in with email', () => window.tenfoot.focused === 'Sign in with email');
      await press(page, 'Enter', 'the email screen', () => window.tenfoot.screen === 'signin-email');
      assert.equal((await state(page)).focused, 'ana@example.com', `round ${round}: the email used last, focused`);
      if (round === 1) await screenshot('last-email');
      await press(page, 'Enter', 'on to the password', () => window.tenfoot.focused === 'q');
      await page.keyboard.type('watch-togetherr');
      await waitFor(page, 'focus follows typing into the field', () => window.tenfoot.focused === 'Password');
      await ticked();
      await page.keyboard.press('Backspace');
      await ticked();
      await press(page, 'Enter', 'Enter on the field signs in', () => window.tenfoot.screen === 'profiles');
    }
  });

  it('keeps every key pressed faster than the frames come, in order', async () => {
    assert.equal((await state(page)).screen, 'profiles');
    while ((await state(page)).focused !== 'Ana') {
      await press(page, 'ArrowLeft', 'toward Ana', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
    }
    await ticked();
    // No wait between them: while the app rests, several presses land within one
    // tick. Read as held keys they would be one Right and one Left, in the order
    // actions are numbered, and the focus would end on Ben.
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft']) await page.keyboard.press(key);
    await ticked();
    await waitFor(page, 'three Rights and a Left end on Kids', () => window.tenfoot.focused === 'Kids');
    for (const key of ['ArrowLeft', 'ArrowLeft']) await page.keyboard.press(key);
    await ticked();
    await waitFor(page, 'back on Ana', () => window.tenfoot.focused === 'Ana');
  });

  it('takes two presses of a TV remote\'s Back within one frame as two steps back', async () => {
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
    await press(page, 'Enter', 'a title opens', () => window.tenfoot.screen === 'details');
    await press(page, 'Enter', 'it plays', () => window.tenfoot.screen === 'player');
    await ticked();
    // Back to back, with no wait for an answer between: within one tick. Read as
    // held keys they would be one press, and the app would stop at the title.
    const cdp = await context.newCDPSession(page);
    const key = { windowsVirtualKeyCode: REMOTE_BACK, nativeVirtualKeyCode: REMOTE_BACK, code: '', key: 'GoBack' };
    await Promise.all(['keyDown', 'keyUp', 'keyDown', 'keyUp'].map((type) => cdp.send('Input.dispatchKeyEvent', { type, ...key })));
    await cdp.detach();
    await ticked();
    await waitFor(page, 'two steps back: Home', () => window.tenfoot.screen === 'home');
    await ticked();
    assert.equal((await state(page)).screen, 'home', 'and no further');

    // Back to Who's watching, through the profile menu.
    for (let i = 0; i < 6 && (await state(page)).focused !== 'Ana'; i++) {
      await press(page, 'ArrowUp', 'toward the profile picture', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
    }
    await press(page, 'Enter', 'the profile menu', () => window.tenfoot.screen === 'profile-menu');
    await press(page, 'Enter', 'Who\'s watching', () => window.tenfoot.screen === 'profiles');
  });

  it('takes Backspace in an empty field for Back', async () => {
    await signOut();
    await press(page, 'ArrowDown', 'Sign in with email', () => window.tenfoot.focused === 'Sign in with email');
    await press(page, 'Enter', 'the email screen', () => window.tenfoot.screen === 'signin-email');
    await page.keyboard.type('x');
    await waitFor(page, 'typed', () => window.tenfoot.focused === 'Email');
    await ticked();
    await page.keyboard.press('Backspace');
    await ticked();
    assert.equal((await state(page)).screen, 'signin-email', 'the x was deleted, nothing more');
    await page.keyboard.press('Backspace');
    await waitFor(page, 'Backspace in the empty field goes back', () => window.tenfoot.screen === 'signin');
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
