// What the end-to-end tests share: where the builds are, starting tenfootd,
// launching Chromium, and reading and driving the app through what it publishes
// on window.tenfoot: { frames, focused: the focused label, screen: its name, title,
// announced: what the live regions said last }.
//
// Environment:
//   TENFOOTD_BIN     the tenfootd binary (default build/tenfootd)
//   TENFOOT_BIN      the native app (default build/tenfoot)
//   TENFOOT_WEB      the browser build tenfootd serves (default build/web)
//   TENFOOT_SHOTS    where screenshots and timings go (default build/shots)
//   TENFOOT_CHROMIUM the browser (default /usr/bin/chromium)

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { env } from './server.mjs';

export { TENFOOTD_BIN, TENFOOT_WEB, SHOTS, env, startServer } from './server.mjs';
export const TENFOOT_BIN = path.resolve(env('TENFOOT_BIN', 'build/tenfoot'));
export const CHROMIUM = env('TENFOOT_CHROMIUM', '/usr/bin/chromium');
// Chromium as root in a closed network: without the background-networking flags it
// keeps trying to reach Google.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// A slow two-core machine needs this long to download, compile and start a
// 20 MB module in a software-rendered browser; it normally takes a few seconds.
export const FIRST_FRAME_TIMEOUT = 60_000;
// Every later step is one key press and at most a few frames.
export const REMOTE_BACK = 461; // the Back key of webOS remotes

export const STEP_TIMEOUT = 10_000;

export const problems = []; // page errors and console errors, in order

// expectedFailure is a console error the browser logs for an answer that is part of
// the protocol: while a TV waits for its code to be approved, RFC 8628 has the
// service answer its polls with 400 authorization_pending; a wrong password is
// refused with 401; a page served without tenfootd hears 404 when it asks for one,
// and runs its embedded demo. A page a
// test takes offline (context.setOffline) cannot reach the service, as it says.
export function expectedFailure(msg) {
  const { url } = msg.location();
  return msg.text().includes('status of 400') && url.endsWith('/api/v1/device/token') ||
    msg.text().includes('status of 401') && url.endsWith('/api/v1/signin') ||
    msg.text().includes('status of 404') && url.endsWith('/api/v1/health') ||
    msg.text().includes('net::ERR_INTERNET_DISCONNECTED');
}

// CSP_VIOLATION starts the console error that reportPolicyViolations logs.
export const CSP_VIOLATION = 'Content-Security-Policy violation';

// reportPolicyViolations makes every page of context log what its
// Content-Security-Policy blocks as a console error, which the tests count as a
// problem: the page must run under its policy with nothing refused.
export async function reportPolicyViolations(context) {
  await context.addInitScript((prefix) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`${prefix}: ${e.effectiveDirective} refused ${e.blockedURI || 'an inline script or style'}` +
        (e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''));
    });
  }, CSP_VIOLATION);
}

// openTV launches Chromium on a profile folder of its own, one TV, that records
// every page error, console error and Content-Security-Policy violation in
// problems, and opens url in a 1280×720 page with gotoOptions. It returns the
// context, the page and the folder, which the caller removes after closing the
// context. If it fails, it closes Chromium and removes the folder itself before
// throwing: the caller has neither to clean up, and a Chromium left running would
// keep the test's process from ever exiting.
export async function openTV(url, name, gotoOptions = {}) {
  const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), `tenfoot-e2e-${name}-`));
  let context;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 720 }, args: CHROMIUM_ARGS,
    });
    await reportPolicyViolations(context);
    const page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.stack || err}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !expectedFailure(msg)) problems.push(`console error: ${msg.text()}`);
    });
    await page.goto(url, gotoOptions);
    return { context, page, profileDir };
  } catch (err) {
    await context?.close().catch(() => {});
    await fs.rm(profileDir, { recursive: true, force: true });
    throw err;
  }
}

// state is what the app publishes about itself.
export const state = (page) => page.evaluate(() => ({
  frames: window.tenfoot.frames,
  focused: window.tenfoot.focused,
  screen: window.tenfoot.screen,
  title: window.tenfoot.title,
  reducedMotion: window.tenfoot.reducedMotion,
  announced: window.tenfoot.announced,
}));

// waitFor polls pred(window.tenfoot) in the page until it holds.
export async function waitFor(page, what, pred, arg, timeout = STEP_TIMEOUT) {
  try {
    await page.waitForFunction(pred, arg, { timeout, polling: 'raf' });
  } catch (err) {
    const now = await state(page).catch(() => 'unavailable');
    const seen = problems.length ? `; errors: ${problems.join(' | ')}` : '';
    throw new Error(`timed out waiting until ${what}; app state: ${JSON.stringify(now)}${seen}`,
      { cause: err });
  }
}

// frames waits until the app has drawn n more frames: time as the app counts it,
// enough for a press to be seen, or for a key to have had its effect, or none.
export async function frames(page, n, what = `${n} more frames`) {
  const from = await page.evaluate(() => window.tenfoot.frames);
  await waitFor(page, what, ([f, k]) => window.tenfoot.frames >= f + k, [from, n]);
}

// until calls check, in Node, until it resolves to something truthy, which it
// returns: for what is seen outside the page, such as the service or a file.
export async function until(what, check, timeout = STEP_TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The live region must say what is focused once the app has caught up: last, after
// the title of a screen or dialog that has just appeared, what else is new on it, and
// the name of the row focus has entered.
export async function assertAnnounced(page) {
  await waitFor(page, 'the announcer says the focused label',
    () => window.tenfoot.announced.includes(window.tenfoot.focused));
  const s = await state(page);
  assert.ok(s.focused, 'something is focused');
  assert.ok(s.announced === s.focused || s.announced.startsWith(s.title) || s.announced.includes(`: ${s.focused}`),
    `announced ${JSON.stringify(s.announced)} for ${JSON.stringify(s)}`);
}

// closeSettled closes a page once its last navigation has loaded: Chromium can
// drop a close that races a navigation's commit, and page.close(), which has no
// timeout, then waits forever (Chromium issue 536385539, Playwright issue 41900).
// A phone page closed right after its last click navigated did so about once in
// ten runs.
export async function closeSettled(page) {
  await page.waitForLoadState('load');
  await page.close();
}

// press presses a key and waits until the app shows what pred expects.
export async function press(page, key, what, pred, arg) {
  await page.keyboard.press(key);
  await waitFor(page, what, pred, arg);
}

