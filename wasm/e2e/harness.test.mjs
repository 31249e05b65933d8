// The harness cleans up after itself when it fails: openTV that cannot open its
// page closes the Chromium it launched and removes its profile folder, so that a
// failing test leaves neither behind nor a test process that never exits.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';

import { openTV } from './harness.mjs';

describe('the harness', () => {
  it('leaves no Chromium and no folder when openTV fails', async () => {
    const name = `openfail-${crypto.randomUUID().slice(0, 8)}`;
    // Chromium refuses port 1 at once (ERR_UNSAFE_PORT).
    await assert.rejects(openTV('http://127.0.0.1:1/', name), /ERR_UNSAFE_PORT/);
    const left = (await fs.readdir(os.tmpdir())).filter((f) => f.startsWith(`tenfoot-e2e-${name}-`));
    assert.deepEqual(left, [], 'its profile folder is removed');
    let running = '';
    try {
      running = execFileSync('pgrep', ['-f', `tenfoot-e2e-${name}-`], { encoding: 'utf8' });
    } catch { /* pgrep exits 1 when nothing matches */ }
    assert.equal(running, '', 'no Chromium of its profile runs');
  });
});
