// Pause and resume as a TV app, on the oldest engine that runs tenfoot (Chromium 67)
// with webOS's PalmSystem stood in for: the TV hides the app (visibilitychange), its
// event stream closes and the service sees the TV go offline; the account is signed
// out of every device meanwhile, which the hidden app does not hear; webOS relaunches
// the app (webOSRelaunch), the stream reopens, catches up, and the app shows the
// sign-in screen.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { once } from 'node:events';

import { engine, open, press, shot, startApp, startServer, tenfoot, until } from './harness.mjs';

// WEBOS stands in for webOS: PalmSystem, and a page whose visibility the test sets,
// as the TV does when another app or input takes the screen.
const WEBOS = `window.PalmSystem = { platformBack: function () {} };
window.__tvHidden = false;
Object.defineProperty(document, 'hidden', { get: function () { return window.__tvHidden; } });
window.__tvShow = function (visible, relaunch) {
  window.__tvHidden = !visible;
  document.dispatchEvent(new Event(relaunch ? 'webOSRelaunch' : 'visibilitychange'));
};`;

describe('pausing and resuming as a webOS app', () => {
  let server;
  let phoneToken;
  let phoneDevice;
  let tvDevice;

  const api = (method, p, token, body) => fetch(new URL(`api/v1${p}`, server.url), {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, json: await r.json() }));

  // online says whether the service sees the TV listening to its events.
  const online = async () => {
    const { status, json } = await api('GET', '/devices', phoneToken);
    assert.equal(status, 200);
    const tv = json.find((d) => d.id === tvDevice);
    return Boolean(tv && tv.online);
  };

  // eventually polls check until it returns want.
  const eventually = async (what, check, want, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    for (let got = await check(); got !== want; got = await check()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    server = await startServer('-password-cost', '4');
    phoneDevice = crypto.randomUUID();
    const phone = await api('POST', '/signin', null, {
      device: { id: phoneDevice, name: "Ana's Phone", kind: 'phone', secret: crypto.randomBytes(32).toString('base64url') },
      email: 'ana@example.com', password: 'watch-together',
    });
    assert.equal(phone.status, 200);
    phoneToken = phone.json.token;
  });

  after(async () => {
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await once(server.proc, 'exit');
    }
  });

  it('closes the event stream while hidden and catches up when relaunched', async () => {
    const { browser, page } = await open(engine(67), { init: [WEBOS] });
    try {
      await startApp(page, server.url);
      assert.equal(await page.evaluate('window.tenfootPlatform.name'), 'webos');
      await press(page, 'Enter', 'the code screen', "window.tenfoot.screen === 'signin-code'");
      await until(page, 'a code', '/Your code is [A-Z]{4}-[A-Z]{4}/.test(window.tenfoot.title)');
      const code = /Your code is ([A-Z]{4}-[A-Z]{4})/.exec((await tenfoot(page)).title)[1];
      assert.equal((await api('POST', '/device/approve', phoneToken, { user_code: code })).status, 200);
      await until(page, "Who's watching", "window.tenfoot.screen === 'profiles'", 30_000);
      await press(page, 'Enter', 'Home', "window.tenfoot.screen === 'home'");
      await until(page, 'the event stream is open', 'window.tenfootPlatform.streams === 1');
      // The TV is the one device of Ana's, not the phone, that listens.
      const listening = async () => {
        const { json } = await api('GET', '/devices', phoneToken);
        const tvs = json.filter((d) => d.id !== phoneDevice && d.online);
        tvDevice = tvs.length === 1 ? tvs[0].id : undefined;
        return tvs.length;
      };
      await eventually('the service sees the TV listening', listening, 1);
      assert.equal(await online(), true);

      await page.evaluate('window.__tvShow(false)');
      await until(page, 'the stream is closed', 'window.tenfootPlatform.paused && window.tenfootPlatform.streams === 0');
      await eventually('the service sees the TV gone', online, false);

      const all = await api('POST', '/signout-all', phoneToken, { password: 'watch-together' });
      assert.equal(all.status, 200);
      assert.equal((await tenfoot(page)).screen, 'home', 'hidden, the app has not heard');

      await page.evaluate('window.__tvShow(true, true)'); // webOS relaunches it
      await until(page, 'the relaunched app catches up: signed out', "window.tenfoot.screen === 'signin'", 10_000);
      assert.equal(await page.evaluate('window.tenfootPlatform.paused'), false);
      await page.screenshot(shot('webos-67-resumed-signed-out'));
      assert.deepEqual(page.problems.filter((p) => !/status of 40[01]/.test(p)), []);
    } finally {
      await browser.close();
    }
  });
});
