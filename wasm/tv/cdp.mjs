// A small DevTools protocol driver for old Chromium. Puppeteer's and Playwright's
// calls are newer than the engines TVs ship (Chromium 67 knows no
// --remote-debugging-pipe and few of their commands), so the TV tests speak the
// protocol themselves, with the commands every engine since Chromium 64 has: one
// WebSocket per page, Runtime.evaluate, Input.dispatchKeyEvent,
// Page.captureScreenshot.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

// Connection is one WebSocket to a DevTools target.
class Connection {
  constructor(ws) {
    this.ws = ws;
    this.next = 1;
    this.calls = new Map();
    this.listeners = new Map();
    ws.on('message', (data) => this.receive(JSON.parse(data.toString())));
    ws.on('close', () => {
      for (const { reject, method } of this.calls.values()) reject(new Error(`${method}: the connection closed`));
      this.calls.clear();
    });
  }

  static async open(url) {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 << 20 });
    await Promise.race([once(ws, 'open'), once(ws, 'error').then(([err]) => { throw err; })]);
    return new Connection(ws);
  }

  receive(msg) {
    if (msg.id !== undefined) {
      const call = this.calls.get(msg.id);
      if (!call) return;
      this.calls.delete(msg.id);
      if (msg.error) call.reject(new Error(`${call.method}: ${msg.error.message}`));
      else call.resolve(msg.result);
      return;
    }
    for (const fn of this.listeners.get(msg.method) ?? []) fn(msg.params);
  }

  // send calls a protocol method and resolves to its result.
  send(method, params = {}) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, method });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  // on calls fn with the parameters of every event named method.
  on(method, fn) {
    if (!this.listeners.has(method)) this.listeners.set(method, []);
    this.listeners.get(method).push(fn);
  }

  close() {
    this.ws.close();
  }
}

// Keys as a remote or keyboard sends them: what Ebitengine reads (code) and what
// the app's own remote listener reads (keyCode).
export const KEYS = {
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', keyCode: 38 },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  ArrowLeft: { key: 'ArrowLeft', code: 'ArrowLeft', keyCode: 37 },
  ArrowRight: { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39 },
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' },
  // The Back key of webOS remotes and of Tizen's, which have no code.
  WebOSBack: { key: 'GoBack', code: '', keyCode: 461 },
  TizenBack: { key: 'XF86Back', code: '', keyCode: 10009 },
  // The red colour key, as webOS and Tizen remotes send it.
  Red: { key: 'ColorF0Red', code: '', keyCode: 403 },
};

// Page is one tab.
export class Page {
  constructor(conn) {
    this.conn = conn;
    this.problems = []; // uncaught exceptions and console errors, in order
    this.console = []; // every console message, for a failure's report
  }

  async init() {
    this.conn.on('Runtime.exceptionThrown', ({ exceptionDetails: d }) => {
      this.problems.push(`page error: ${d.exception?.description ?? d.text}`);
    });
    this.conn.on('Runtime.consoleAPICalled', ({ type, args }) => {
      const text = args.map((a) => a.value ?? a.description ?? '').join(' ');
      this.console.push(`${type}: ${text}`);
      if (type === 'error') this.problems.push(`console error: ${text}`);
    });
    await this.conn.send('Page.enable');
    await this.conn.send('Runtime.enable');
  }

  // addInitScript runs source in every document before its own scripts.
  addInitScript(source) {
    return this.conn.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }

  async goto(url) {
    const loaded = new Promise((resolve) => this.conn.on('Page.loadEventFired', resolve));
    await this.conn.send('Page.navigate', { url });
    await loaded;
  }

  // evaluate runs expression in the page and returns its value; a promise is awaited.
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.conn.send('Runtime.evaluate', {
      expression, returnByValue: true, awaitPromise: true,
    });
    if (exceptionDetails) {
      throw new Error(`evaluating ${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    }
    return result.value;
  }

  // waitFor polls the page until expression is true, and fails with what after
  // timeout ms, saying what the page showed then.
  async waitFor(what, expression, timeout, describe = 'JSON.stringify(window.tenfoot || null)') {
    const deadline = Date.now() + timeout;
    for (;;) {
      if (await this.evaluate(`Boolean(${expression})`)) return;
      if (Date.now() > deadline) {
        const now = await this.evaluate(describe).catch((err) => `unreadable: ${err.message}`);
        const seen = this.problems.length ? `; errors: ${this.problems.join(' | ')}` : '';
        throw new Error(`timed out after ${timeout} ms waiting until ${what}; the page shows ${now}${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  // press presses a key of KEYS and releases it once the page has evaluated hold,
  // an expression whose promise settles when the key has been seen: a remote's
  // press lasts a few frames, and a key down and up between two of the app's ticks
  // may never be seen at all.
  async press(name, hold = 'new Promise(function (r) { requestAnimationFrame(function () { requestAnimationFrame(r); }); })') {
    const k = KEYS[name];
    const common = {
      key: k.key, code: k.code, windowsVirtualKeyCode: k.keyCode, nativeVirtualKeyCode: k.keyCode,
    };
    await this.conn.send('Input.dispatchKeyEvent', {
      type: k.text ? 'keyDown' : 'rawKeyDown', ...common, ...(k.text ? { text: k.text, unmodifiedText: k.text } : {}),
    });
    await this.evaluate(hold);
    await this.conn.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
  }

  // throttle slows the page's CPU rate times, as on a slow TV.
  throttle(rate) {
    return this.conn.send('Emulation.setCPUThrottlingRate', { rate });
  }

  async screenshot(file) {
    const { data } = await this.conn.send('Page.captureScreenshot', { format: 'png' });
    await fs.writeFile(file, Buffer.from(data, 'base64'));
  }

  // memory is the page's JavaScript heap in use after a garbage collection, in bytes.
  async jsHeap() {
    await this.conn.send('HeapProfiler.enable');
    await this.conn.send('HeapProfiler.collectGarbage');
    return this.evaluate('performance.memory.usedJSHeapSize');
  }

  close() {
    this.conn.close();
  }
}

// Browser is one running engine.
export class Browser {
  // launch starts executable with args and env on a profile of its own, and
  // resolves once its DevTools endpoint answers.
  static async launch(executable, { args = [], env = process.env, startTimeout = 30_000 } = {}) {
    const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tenfoot-tv-'));
    const proc = spawn(executable, [...args, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], {
      env, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8');
    const endpoint = new Promise((resolve, reject) => {
      proc.stderr.on('data', (chunk) => {
        stderr += chunk;
        const m = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (m) resolve(m[1]);
      });
      proc.on('exit', (code, signal) => reject(new Error(`${executable} exited (${code ?? signal}): ${stderr.slice(-2000)}`)));
      proc.on('error', reject);
      setTimeout(() => reject(new Error(`${executable} did not start in ${startTimeout} ms: ${stderr.slice(-2000)}`)),
        startTimeout).unref();
    });
    let url;
    try {
      url = await endpoint;
    } catch (err) {
      proc.kill('SIGKILL');
      await fs.rm(profile, { recursive: true, force: true });
      throw err;
    }
    const b = new Browser(proc, profile, new URL(url), () => stderr);
    b.conn = await Connection.open(url);
    b.version = await b.conn.send('Browser.getVersion');
    return b;
  }

  constructor(proc, profile, endpoint, stderr) {
    this.proc = proc;
    this.profile = profile;
    this.endpoint = endpoint;
    this.stderr = stderr;
  }

  // major is the engine's Chromium version.
  get major() {
    return Number(/\/(\d+)\./.exec(this.version.product)[1]);
  }

  // newPage opens a tab and connects to it.
  async newPage() {
    const { targetId } = await this.conn.send('Target.createTarget', { url: 'about:blank' });
    const page = new Page(await Connection.open(`ws://${this.endpoint.host}/devtools/page/${targetId}`));
    page.targetId = targetId;
    await page.init();
    return page;
  }

  // activate brings a tab to the front.
  activate(page) {
    return this.conn.send('Target.activateTarget', { targetId: page.targetId });
  }

  closePage(page) {
    page.close();
    return this.conn.send('Target.closeTarget', { targetId: page.targetId });
  }

  // close asks the browser to quit, kills it if it has not within 5 s, and removes
  // its profile once every process of it is gone.
  async close() {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      const exited = once(this.proc, 'exit');
      this.conn.send('Browser.close').catch(() => this.proc.kill('SIGTERM'));
      const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    this.conn.close();
    // Its helper processes may still be writing as they go.
    await fs.rm(this.profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  }
}
