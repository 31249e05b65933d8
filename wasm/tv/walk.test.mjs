// The walk on each TV engine, as a person with a remote does it: load, first frame,
// sign in with a code approved on /activate, Settings → Sign out → Cancel (focused
// first) → Sign out → the sign-in screen. Each step passes or fails on its own, and
// what each engine took and holds goes to tv-engines.json in the shots folder, with a
// screenshot of every screen (tv-<engine>-*.png).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';

import {
  CURRENT, ENGINES, engine, firstFrame, memory, open, press, record, shot, startApp, startServer, steps, tenfoot, until,
} from './harness.mjs';

const CODE = /Your code is ([A-Z]{4}-[A-Z]{4})/;

// approveOnActivate approves code on the activation page, opened in a second tab of
// the same engine as the QR code would open it, signed in as Ana.
async function approveOnActivate(browser, base, code) {
  const phone = await browser.newPage();
  try {
    const form = (selector) => `document.querySelector(${JSON.stringify(selector)})`;
    await phone.goto(new URL(`activate?code=${code}`, base).href);
    await phone.evaluate(`${form('#email')}.value = 'ana@example.com'; ${form('#password')}.value = 'watch-together';
      ${form('form[action="/activate/signin"] button[type=submit]')}.click()`);
    const heading = "document.querySelector('h1') && document.querySelector('h1').textContent";
    await phone.waitFor('the page names the TV', `/^Sign in .+ to Ana \\(a•••@example\\.com\\)\\?$/.test(${heading})`,
      15_000, heading);
    assert.equal(await phone.evaluate("document.querySelector('input[name=code]').value"), code);
    await phone.evaluate(`${form('button[value=approve]')}.click()`);
    await phone.waitFor('the TV is approved', `${heading} === 'Your TV is signing in'`, 15_000, heading);
  } finally {
    await browser.closePage(phone);
  }
}

describe('the walk on TV engines', () => {
  let server;

  before(async () => {
    server = await startServer('-password-cost', '4');
  });

  after(async () => {
    if (server && server.proc.exitCode === null) {
      server.proc.kill('SIGTERM');
      await once(server.proc, 'exit');
    }
  });

  for (const { major, tvs } of [...ENGINES.filter((e) => e.runs), CURRENT]) {
    it(`runs on Chromium ${major} (${tvs})`, async () => {
      const { browser, page } = await open(engine(major));
      const result = { engine: browser.version.product, tvs, steps: {} };
      try {
        const { results, failure } = await steps([
          ['load', async () => {
            await page.goto(server.url);
            const wasm = await page.evaluate('window.tenfootEngine.wasm');
            result.wasm = wasm;
            assert.equal(wasm, major < 85 ? 'tenfoot-mvp.wasm' : 'tenfoot.wasm', 'the build this engine runs best');
          }],
          ['first frame', async () => {
            result.firstFrameMs = await firstFrame(page);
            const s = await tenfoot(page);
            assert.equal(s.screen, 'signin', 'a new device of the service starts signed out');
            assert.equal(s.focused, 'Sign in with your phone');
            await page.screenshot(shot(`${major}-1-signin`));
          }],
          ['sign in with a code approved on /activate', async () => {
            await press(page, 'Enter', 'the code screen', "window.tenfoot.screen === 'signin-code'");
            await until(page, 'a code to say', `${CODE}.test(window.tenfoot.title)`);
            await page.screenshot(shot(`${major}-2-code`));
            const code = CODE.exec((await tenfoot(page)).title)[1];
            await approveOnActivate(browser, server.url, code);
            await browser.activate(page);
            await until(page, "Who's watching", "window.tenfoot.screen === 'profiles'", 30_000);
            assert.equal((await tenfoot(page)).focused, 'Ana');
            await page.screenshot(shot(`${major}-3-whos-watching`));
          }],
          ['Settings', async () => {
            await press(page, 'Enter', 'Home', "window.tenfoot.screen === 'home'");
            for (let i = 0; i < 6 && (await tenfoot(page)).focused !== 'Home'; i++) {
              const from = (await tenfoot(page)).focused;
              await press(page, 'ArrowLeft', `a move from ${from}`, `window.tenfoot.focused !== ${JSON.stringify(from)}`);
            }
            await until(page, 'the menu', "window.tenfoot.focused === 'Home'");
            await page.screenshot(shot(`${major}-4-home`));
            await press(page, 'ArrowDown', 'Settings in the menu', "window.tenfoot.focused === 'Settings'");
            await press(page, 'Enter', 'Settings opens', "window.tenfoot.screen === 'settings'");
            await press(page, 'ArrowDown', 'Account', "window.tenfoot.focused === 'Account'");
            await press(page, 'ArrowDown', 'Sign out', "window.tenfoot.focused === 'Sign out'");
          }],
          ['Sign out, Cancel first', async () => {
            await press(page, 'Enter', 'the sign-out dialog', "window.tenfoot.screen === 'signout'");
            const dialog = await tenfoot(page);
            assert.match(dialog.title, /^Sign out of Ana \(a•••@example\.com\)\?$/, 'the dialog names the account');
            assert.equal(dialog.focused, 'Cancel', 'Cancel has focus first');
            await page.screenshot(shot(`${major}-5-signout`));
            await press(page, 'Enter', 'Cancel keeps the TV signed in', "window.tenfoot.screen === 'settings'");
          }],
          ['Sign out', async () => {
            await press(page, 'Enter', 'the dialog again', "window.tenfoot.screen === 'signout'");
            assert.equal((await tenfoot(page)).focused, 'Cancel', 'Cancel first again');
            await press(page, 'ArrowRight', 'Sign out, a deliberate move', "window.tenfoot.focused === 'Sign out'");
            await press(page, 'Enter', 'the sign-in screen', "window.tenfoot.screen === 'signin'");
          }],
          ['the sign-in screen', async () => {
            const s = await tenfoot(page);
            assert.equal(s.title, 'Sign in to tenfoot');
            assert.equal(s.focused, 'Sign in with your phone');
            await page.screenshot(shot(`${major}-6-signed-out`));
          }],
        ]);
        result.steps = results;
        result.memory = await memory(page).catch((err) => ({ error: err.message }));
        assert.deepEqual(page.problems, [], 'no page errors or console errors');
        if (failure) throw failure;
      } finally {
        await record(`chromium-${major}`, result);
        console.log(`tv: Chromium ${major}: ${JSON.stringify(result)}`);
        await browser.close();
      }
    });
  }

  // A slow TV that takes seconds to start the app is still a device of the service
  // that serves its page, not of the embedded demo household.
  it('is a device of its service on a slow TV: Chromium 85 at a sixth of the speed', async () => {
    const { browser, page } = await open(engine(85));
    try {
      await page.throttle(6);
      await startApp(page, server.url);
      assert.equal((await tenfoot(page)).screen, 'signin', "a new device of the service, not the demo's signed-in TV");
    } finally {
      await browser.close();
    }
  });

  // The price of the lowered build, on an engine that gets it (Chromium 80) and one
  // that does not (the current one), each made to load the other build too: with a
  // current User-Agent, or failing the opcode check. The builds take turns, three
  // loads each, each in a new browser, and the medians are compared.
  const PLAIN = "Object.defineProperty(navigator, 'userAgent', { get: function () { return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36'; } });";
  const LOWERED = 'WebAssembly.validate = function () { return false; };';
  for (const major of [80, 'current']) {
    it(`measures the first frame on Chromium ${major} with either build`, async () => {
      const builds = [['tenfoot.wasm', major === 80 ? [PLAIN] : []], ['tenfoot-mvp.wasm', major === 80 ? [] : [LOWERED]]];
      const frames = { 'tenfoot.wasm': [], 'tenfoot-mvp.wasm': [] };
      for (const round of [0, 1, 2]) {
        for (const [build, init] of round % 2 ? [...builds].reverse() : builds) {
          const { browser, page } = await open(engine(major), { init });
          try {
            frames[build].push(await startApp(page, server.url));
            assert.equal(await page.evaluate('window.tenfootEngine.wasm'), build);
            assert.equal((await tenfoot(page)).screen, 'signin');
            assert.deepEqual(page.problems, []);
          } finally {
            await browser.close();
          }
        }
      }
      const median = (xs) => [...xs].sort((a, b) => a - b)[1];
      const result = {
        firstFrameMs: frames, medianMs: { plain: median(frames['tenfoot.wasm']), lowered: median(frames['tenfoot-mvp.wasm']) },
      };
      await record(`chromium-${major}-builds`, result);
      console.log(`tv: Chromium ${major} first frame by build: ${JSON.stringify(result)}`);
    });
  }
});
