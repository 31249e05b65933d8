// Starting tenfootd for the browser tests, apart from the harness so that tests
// that drive a browser of their own (the TV engine tier) need no Playwright.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

export const env = (name, fallback) => process.env[name] || fallback;
export const TENFOOTD_BIN = path.resolve(env('TENFOOTD_BIN', 'build/tenfootd'));
export const TENFOOT_WEB = path.resolve(env('TENFOOT_WEB', 'build/web'));
export const SHOTS = path.resolve(env('TENFOOT_SHOTS', 'build/shots'));

// startServer runs tenfootd on a free port and resolves to its base URL,
// read from the one line it prints once listening.
export async function startServer(...flags) {
  // A new household every run: the service keeps its accounts in a fresh folder.
  const data = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfootd-e2e-'));
  const proc = spawn(TENFOOTD_BIN, ['-addr', '127.0.0.1:0', '-web', TENFOOT_WEB, '-data', data, ...flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  removeWhenDone(proc, data);
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk) => { stderr += chunk; });
  const spawnError = once(proc, 'error').then(([err]) => { throw err; });
  const exited = once(proc, 'exit').then(([code, signal]) => {
    throw new Error(`tenfootd exited (${code ?? signal}) before serving: ${stderr}`);
  });
  const announced = (async () => {
    for await (const line of readline.createInterface({ input: proc.stdout })) {
      const m = /^tenfootd: serving (http:\/\/\S+\/)$/.exec(line);
      if (m) return m[1];
    }
    throw new Error(`tenfootd closed its output without serving: ${stderr}`);
  })();
  const timeout = new Promise((_, reject) => {
    setTimeout(() => reject(new Error(`tenfootd did not start in 15 s: ${stderr}`)), 15_000).unref();
  });
  try {
    const url = await Promise.race([announced, exited, spawnError, timeout]);
    exited.catch(() => {}); // it exits on purpose at the end
    return { proc, url, stderr: () => stderr };
  } catch (err) {
    proc.kill('SIGKILL');
    throw err;
  }
}

// dataFolders are the folders of the tenfootd still running: the test files end by
// signalling them, and node may exit before they have.
const dataFolders = new Set();
process.once('exit', () => {
  for (const dir of dataFolders) rmSync(dir, { recursive: true, force: true });
});

// removeWhenDone removes a tenfootd's data folder once it has exited, or when node
// does, so that each run leaves no database behind.
function removeWhenDone(proc, dir) {
  dataFolders.add(dir);
  proc.once('close', () => {
    dataFolders.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  });
}
