// The TV app packages, unpacked as a TV unpacks them and opened from their own files
// on the engine of their platform's years, with the platform's objects stood in for:
// webOS's PalmSystem and Tizen's tizen, which record what the app asks of them.
//   - webOS (Chromium 67): Back on the first screen asks "Exit tenfoot?"; Exit
//     closes the app with platformBack().
//   - Tizen (Chromium 80): the media and colour keys are registered; Back then Exit
//     closes the app with tizen.application's exit(); as a kiosk (kiosk.json in the
//     package) the red key opens "Sign out and clear this TV" and there is no Exit?.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { unpackIPK, unpackWGT } from './archives.mjs';
import {
  PACKAGES_DIR, TENFOOT_WEB, engine, firstFrame, open, press, shot, tap, tenfoot, until,
} from './harness.mjs';

// WEBOS stands in for webOS's own object; platformBack() is counted.
const WEBOS = `window.PalmSystem = {
  platformBack: function () { window.__platformBack = (window.__platformBack || 0) + 1; },
};`;

// TIZEN stands in for the Tizen web runtime's objects: the keys registered and an
// exit() are recorded.
const TIZEN = `window.tizen = {
  application: { getCurrentApplication: function () {
    return { exit: function () { window.__tizenExit = (window.__tizenExit || 0) + 1; } };
  } },
  tvinputdevice: { registerKeyBatch: function (keys) { window.__tizenKeys = keys; } },
};`;

// The keys a Tizen app must register to hear them: media and colour keys.
const TIZEN_KEYS = ['MediaPlayPause', 'MediaPlay', 'MediaPause', 'MediaRewind', 'MediaFastForward',
  'ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue'];

// FILE_ACCESS lets a page from file: read its neighbours with XMLHttpRequest, as the
// TVs' web runtimes let an app read its own files.
const FILE_ACCESS = ['--allow-file-access-from-files'];

// openApp opens an app's start page from its own files on engine e, with the
// platform stood in for by platform, and waits for the first frame.
async function openApp(e, file, platform, name) {
  const { browser, page } = await open(e, { args: FILE_ACCESS, init: [platform] });
  try {
    await page.goto(pathToFileURL(file).href);
    await firstFrame(page);
    assert.equal(await page.evaluate('window.tenfootPlatform.name'), name);
    return { browser, page };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

// exitFromFirstScreen presses Back on the first screen, moves to Exit and presses it.
async function exitFromFirstScreen(page, back) {
  await press(page, back, 'Exit tenfoot?', "window.tenfoot.screen === 'exit'");
  assert.equal((await tenfoot(page)).focused, 'Cancel', 'Cancel first, so a second Back never quits');
  await press(page, 'ArrowRight', 'Exit', "window.tenfoot.focused === 'Exit'");
  await tap(page, 'Enter');
}

describe('the TV app packages', () => {
  let dir;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenfoot-tv-packages-'));
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('webOS: the .ipk runs from its own files on Chromium 67, and Exit goes back to the TV', async () => {
    const ipk = fs.readdirSync(PACKAGES_DIR).find((f) => f.endsWith('_all.ipk'));
    assert.ok(ipk, `an .ipk in ${PACKAGES_DIR}: run make tv-packages`);
    const to = path.join(dir, 'webos');
    assert.deepEqual(unpackIPK(path.join(PACKAGES_DIR, ipk), to), ['debian-binary', 'control.tar.gz', 'data.tar.gz']);
    const id = ipk.replace(/_.*$/, '');
    const app = path.join(to, 'usr/palm/applications', id);
    const info = JSON.parse(fs.readFileSync(path.join(app, 'appinfo.json'), 'utf8'));

    const { browser, page } = await openApp(engine(67), path.join(app, info.main), WEBOS, 'webos');
    try {
      assert.equal(await page.evaluate('window.tenfootEngine.wasm'), 'tenfoot-mvp.wasm');
      await until(page, "Who's watching on the demo household", "window.tenfoot.screen === 'profiles'");
      await page.screenshot(shot('webos-67-whos-watching'));
      await exitFromFirstScreen(page, 'WebOSBack');
      await until(page, 'webOS is asked to go back', 'window.__platformBack === 1');
      assert.deepEqual(page.problems, []);
    } finally {
      await browser.close();
    }
  });

  it('Tizen: the .wgt registers the remote keys on Chromium 80, and Exit closes the app', async () => {
    const to = path.join(dir, 'tizen');
    const names = unpackWGT(path.join(PACKAGES_DIR, 'tenfoot.wgt'), to);
    assert.ok(names.includes('config.xml'));
    const { browser, page } = await openApp(engine(80), path.join(to, 'index.html'), TIZEN, 'tizen');
    try {
      assert.deepEqual(await page.evaluate('window.__tizenKeys'), TIZEN_KEYS);
      await until(page, "Who's watching", "window.tenfoot.screen === 'profiles'");
      await exitFromFirstScreen(page, 'TizenBack');
      await until(page, 'Tizen is asked to close the app', 'window.__tizenExit === 1');
      assert.deepEqual(page.problems, []);
    } finally {
      await browser.close();
    }
  });

  it('Tizen as a kiosk: the red key opens Sign out and clear this TV, and Back never exits', async () => {
    const cfg = path.join(dir, 'kiosk.json');
    fs.writeFileSync(cfg, JSON.stringify({ deviceName: 'Room 214', idleTimeout: '4h' }));
    const out = path.join(dir, 'kiosk');
    execFileSync('go', ['run', './wasm/tvpackage', '-web', TENFOOT_WEB, '-out', out, '-kiosk', cfg], { stdio: 'pipe' });
    const to = path.join(dir, 'tizen-kiosk');
    unpackWGT(path.join(out, 'tenfoot.wgt'), to);
    const { browser, page } = await openApp(engine(80), path.join(to, 'index.html'), TIZEN, 'tizen');
    try {
      await until(page, "the guest's profiles or Home", "['profiles', 'home'].indexOf(window.tenfoot.screen) >= 0");
      if ((await tenfoot(page)).screen === 'profiles') {
        await press(page, 'Enter', 'Home', "window.tenfoot.screen === 'home'");
      }
      await press(page, 'Red', 'the red key signs the guest out', "window.tenfoot.screen === 'signout'");
      const dialog = await tenfoot(page);
      assert.equal(dialog.focused, 'Cancel');
      await page.screenshot(shot('tizen-80-kiosk-red'));
      await press(page, 'TizenBack', 'Back cancels', "window.tenfoot.screen === 'home'");
      await tap(page, 'TizenBack');
      await tap(page, 'TizenBack');
      await press(page, 'Red', 'the red key still answers: nothing left the app', "window.tenfoot.screen === 'signout'");
      assert.equal(await page.evaluate('window.__tizenExit || 0'), 0, 'a kiosk never closes');
      assert.deepEqual(page.problems, []);
    } finally {
      await browser.close();
    }
  });
});
