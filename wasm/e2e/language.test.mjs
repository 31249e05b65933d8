// Browser end-to-end test of the app in the viewer's language: opened with ?lang=ja,
// the page fetches the Japanese font with the loader's progress bar, not from the
// .wasm, and shows Japanese once it is here; signed in, Settings → Language switches
// the profile to German and then to Arabic (whose font is fetched then) without a
// reload, and the live region speaks in the language shown. Same environment as
// browser.test.mjs.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  FIRST_FRAME_TIMEOUT, SHOTS, closeSettled, openTV, press, problems, startServer, state, waitFor,
} from './harness.mjs';

describe('tenfoot in the viewer\'s language', () => {
  let server;
  let context;
  let page;
  let profileDir;
  const fonts = []; // the font files the page fetched

  const screenshot = (name) => page.screenshot({ path: path.join(SHOTS, `e2e-lang-${name}.png`) });
  const lang = () => page.evaluate(() => window.tenfoot.lang);
  const loaderHidden = () => page.evaluate(() => document.getElementById('loader').classList.contains('done'));

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    ({ context, page, profileDir } = await openTV('about:blank', 'lang'));
    page.on('response', (r) => { if (r.url().includes('/fonts/')) fonts.push(`${new URL(r.url()).pathname} ${r.status()}`); });
    await page.goto(new URL('?lang=ja', server.url).href);
  });

  after(async () => {
    await context?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    if (server && server.proc.exitCode === null) server.proc.kill('SIGTERM');
  });

  it('opens in Japanese with ?lang=ja once its font has loaded', async () => {
    await waitFor(page, 'the first frame, and the loader gone once the font is here',
      () => window.tenfoot && window.tenfoot.frames > 0 && document.getElementById('loader').classList.contains('done'),
      undefined, FIRST_FRAME_TIMEOUT);
    assert.deepEqual(fonts, ['/fonts/ja-regular.otf 200'], 'the Japanese font is fetched, once, not embedded');
    assert.equal(await lang(), 'ja');
    await waitFor(page, 'the sign-in screen in Japanese', () => window.tenfoot.focused === 'スマートフォンでログイン');
    assert.equal(await page.evaluate(() => document.getElementById('announcer').lang), 'ja', 'the live region speaks Japanese');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await screenshot('01-ja-signin');
  });

  it('signs in with a code approved on a phone, in Japanese', async () => {
    await page.evaluate(() => { window.__sameDocument = true; }); // a reload would lose it
    await press(page, 'Enter', 'the code screen', () => window.tenfoot.screen === 'signin-code');
    await waitFor(page, 'a code to say', () => /コードは[A-Z]{4}-[A-Z]{4}です/.test(window.tenfoot.title));
    const code = /コードは([A-Z]{4}-[A-Z]{4})です/.exec((await state(page)).title)[1];
    const phone = await context.newPage();
    try {
      await phone.goto(new URL(`activate?code=${code}`, server.url).href);
      await phone.fill('#email', 'ana@example.com');
      await phone.fill('#password', 'watch-together');
      await phone.click('button[type=submit]');
      await phone.click('button[value=approve]');
      await phone.getByText('Your TV is signing in').waitFor();
    } finally {
      await closeSettled(phone);
    }
    await waitFor(page, 'Who\'s watching, in Japanese', () => window.tenfoot.screen === 'profiles', undefined, 30_000);
    assert.equal((await state(page)).title.startsWith('だれが視聴しますか？'), true);
    await press(page, 'Enter', 'Home', () => window.tenfoot.screen === 'home');
  });

  it('switches to German in Settings → Language, without a reload', async () => {
    await press(page, 'ArrowLeft', 'the menu', () => window.tenfoot.focused === 'ホーム');
    await press(page, 'ArrowDown', 'Settings', () => window.tenfoot.focused === '設定');
    await press(page, 'Enter', 'Settings', () => window.tenfoot.screen === 'settings');
    for (let i = 0; i < 3; i++) {
      await press(page, 'ArrowDown', 'down the list', (prev) => window.tenfoot.focused !== prev, (await state(page)).focused);
    }
    assert.equal((await state(page)).focused, '言語');
    await press(page, 'Enter', 'the languages', () => window.tenfoot.screen === 'language');
    assert.equal((await state(page)).focused, '日本語', 'the menu opens on the language shown');
    await screenshot('02-ja-languages');
    await press(page, 'ArrowUp', 'العربية', () => window.tenfoot.focused === 'العربية');
    await press(page, 'ArrowUp', 'Deutsch', () => window.tenfoot.focused === 'Deutsch');
    await press(page, 'Enter', 'Settings in German', () => window.tenfoot.screen === 'settings' && window.tenfoot.lang === 'de');
    assert.equal((await state(page)).focused, 'Sprache');
    assert.ok(await page.evaluate(() => window.tenfoot.shows('Einstellungen')));
    assert.ok(await page.evaluate(() => window.__sameDocument), 'no reload');
    assert.equal(await page.evaluate(() => document.getElementById('announcer').lang), 'de');
    await screenshot('03-de-settings');
  });

  it('switches to Arabic, fetching its font then, and mirrors', async () => {
    await press(page, 'Enter', 'the languages', () => window.tenfoot.screen === 'language');
    await press(page, 'ArrowDown', 'العربية', () => window.tenfoot.focused === 'العربية');
    await press(page, 'Enter', 'Settings in Arabic', () => window.tenfoot.screen === 'settings' && window.tenfoot.lang === 'ar');
    await waitFor(page, 'the Arabic font, and the loader gone again',
      () => document.getElementById('loader').classList.contains('done'), undefined, 30_000);
    assert.deepEqual(fonts.slice(1).sort(), ['/fonts/ar-bold.ttf 200', '/fonts/ar-regular.ttf 200']);
    assert.equal((await state(page)).focused, 'اللغة');
    assert.ok(await page.evaluate(() => window.__sameDocument), 'no reload');
    assert.ok(await loaderHidden());
    await screenshot('04-ar-settings');
  });

  it('logged no page errors and no console errors', () => {
    assert.deepEqual(problems, []);
  });
});

// The loader speaks the language the app will start in while the .wasm downloads,
// before Go runs: held back here, so the words are read before the first frame.
describe('the loader, in the language the app starts in', () => {
  let server;
  let context;
  let page;
  let profileDir;

  before(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    server = await startServer();
    ({ context, page, profileDir } = await openTV('about:blank', 'loader-lang'));
  });

  after(async () => {
    await context?.close();
    if (profileDir) await fs.rm(profileDir, { recursive: true, force: true });
    if (server && server.proc.exitCode === null) server.proc.kill('SIGTERM');
  });

  const loader = () => page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    status: document.getElementById('status').textContent,
    label: document.getElementById('progress').getAttribute('aria-label'),
    app: typeof window.tenfoot,
  }));

  for (const { lang, dir, loading, label, after: afterwards } of [
    // Arabic fetches its font once the app runs: the loader counts it in Arabic.
    { lang: 'ar', dir: 'rtl', loading: 'جارٍ التحميل…', label: 'جارٍ تحميل tenfoot', after: /^جارٍ التحميل: [\d.]+ من [\d.]+ ميغابايت$/ },
    { lang: 'de', dir: 'ltr', loading: 'Wird geladen …', label: 'tenfoot wird geladen', after: /^Wird gestartet …$/ },
  ]) {
    it(`?lang=${lang} shows the loader in ${lang} before the app's first frame`, async () => {
      let release;
      const held = new Promise((resolve) => { release = resolve; });
      let asked;
      const requested = new Promise((resolve) => { asked = resolve; });
      await page.route('**/tenfoot.wasm', async (route) => {
        asked();
        await held;
        await route.continue();
      });
      try {
        await page.goto(new URL(`?lang=${lang}`, server.url).href);
        await requested;
        const before = await loader();
        assert.deepEqual(before, { lang, dir, status: loading, label, app: 'undefined' }, 'the loader, with no app yet');
        await page.screenshot({ path: path.join(SHOTS, `e2e-lang-00-${lang}-loader.png`) });
      } finally {
        release();
      }
      await waitFor(page, 'the first frame, and the loader gone',
        () => window.tenfoot && window.tenfoot.frames > 0 && document.getElementById('loader').classList.contains('done'),
        undefined, FIRST_FRAME_TIMEOUT);
      const now = await loader();
      assert.equal(now.lang, lang, 'the app keeps the page in its language');
      assert.equal(now.dir, dir);
      assert.match(now.status, afterwards, 'the loader\'s last words');
      await page.unroute('**/tenfoot.wasm');
    });
  }
});
