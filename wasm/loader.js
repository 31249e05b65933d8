// Loads tenfoot.wasm with a real progress bar, starts it, and hides the
// loader once the app has drawn its first frame.
//
// The server sends the .wasm brotli- or gzip-compressed; the bytes a reader
// sees are decoded, so progress is counted against X-Decoded-Length (the
// uncompressed size), or Content-Length when nothing is compressed, or shown
// as an indeterminate bar when neither is known.
'use strict';

(() => {
  const WASM_URL = 'tenfoot.wasm';
  const KIOSK_URL = 'kiosk.json';
  const MB = 1e6;

  const loader = document.getElementById('loader');
  const progress = document.getElementById('progress');
  const bar = document.getElementById('bar');
  const statusText = document.getElementById('status');
  const errorText = document.getElementById('error');

  const mb = (n) => (n / MB).toFixed(1);

  function showProgress(loaded, total) {
    if (total > 0) {
      const pct = Math.min(100, (100 * loaded) / total);
      progress.classList.remove('indeterminate');
      progress.setAttribute('aria-valuenow', pct.toFixed(0));
      bar.style.width = pct.toFixed(1) + '%';
      statusText.textContent = `Loading ${mb(loaded)} of ${mb(total)} MB`;
    } else {
      progress.classList.add('indeterminate');
      progress.removeAttribute('aria-valuenow');
      statusText.textContent = `Loading ${mb(loaded)} MB`;
    }
  }

  // fail replaces the progress bar with what went wrong, in words for the
  // viewer first and the browser's own message below them.
  function fail(what, err, hint = 'Reload the page to try again.') {
    console.error(`tenfoot: ${what}:`, err);
    const line = (cls, text) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    loader.classList.remove('done');
    loader.classList.add('failed');
    statusText.textContent = '';
    errorText.replaceChildren(
      line('what', `${what}.`),
      line('detail', (err && err.message) || String(err)),
      line('hint', hint),
    );
  }

  // expectedSize is the decoded size of the response body, or 0 if unknown.
  function expectedSize(resp) {
    const decoded = Number(resp.headers.get('X-Decoded-Length'));
    if (decoded > 0) return decoded;
    const encoding = resp.headers.get('Content-Encoding');
    if (!encoding || encoding === 'identity') {
      const length = Number(resp.headers.get('Content-Length'));
      if (length > 0) return length;
    }
    return 0;
  }

  async function download(url) {
    const resp = await fetch(url);
    if (!resp.ok) {
      throw new Error(`${url}: HTTP ${resp.status} ${resp.statusText}`.trim());
    }
    const total = expectedSize(resp);
    showProgress(0, total);
    if (!resp.body || !resp.body.getReader) {
      const buf = new Uint8Array(await resp.arrayBuffer());
      showProgress(buf.length, buf.length);
      return buf;
    }
    // Fill one buffer of the announced size; grow it only if the server
    // announced too little, so a large .wasm is not held twice.
    let buf = new Uint8Array(total);
    let loaded = 0;
    const reader = resp.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > buf.length) {
        const grown = new Uint8Array(Math.max(2 * buf.length, loaded + value.length));
        grown.set(buf.subarray(0, loaded));
        buf = grown;
      }
      buf.set(value, loaded);
      loaded += value.length;
      showProgress(loaded, total);
    }
    if (total > 0 && loaded !== total) {
      throw new Error(`${url}: got ${loaded} bytes, expected ${total}`);
    }
    showProgress(loaded, loaded);
    return buf.subarray(0, loaded);
  }

  // The app's canvas takes the keys; give it focus whenever the page has it.
  function focusCanvas() {
    const canvas = document.querySelector('canvas');
    if (canvas && document.activeElement !== canvas) canvas.focus();
  }

  // tenfootFont fetches a language's font for the app (it is not in the .wasm),
  // with the progress bar over the app until it is here: the app calls it when
  // it first speaks Arabic or Japanese, at start (?lang=ja) or from Settings.
  let fontsLoading = 0;
  window.tenfootFont = async (url) => {
    fontsLoading++;
    loader.classList.remove('done');
    loader.removeAttribute('aria-hidden');
    try {
      return await download(url);
    } finally {
      if (--fontsLoading === 0 && window.tenfoot && window.tenfoot.frames > 0) {
        loader.classList.add('done');
        loader.setAttribute('aria-hidden', 'true');
        focusCanvas();
      }
    }
  };

  function hideOnFirstFrame() {
    if (window.tenfoot && window.tenfoot.frames > 0 && fontsLoading === 0) {
      loader.classList.add('done');
      loader.setAttribute('aria-hidden', 'true');
      focusCanvas();
      return;
    }
    if (!loader.classList.contains('failed')) {
      requestAnimationFrame(hideOnFirstFrame);
    }
  }

  async function start() {
    if (typeof WebAssembly !== 'object' || typeof Go !== 'function') {
      fail('This browser cannot run tenfoot', new Error('WebAssembly is not available'));
      return;
    }
    // A kiosk (the page opened with ?kiosk, as by Chromium's --kiosk) needs its
    // config, kiosk.json next to this page: without it, it does not start.
    if (new URLSearchParams(location.search).has('kiosk')) {
      try {
        const resp = await fetch(KIOSK_URL, { cache: 'no-store' });
        if (!resp.ok) throw new Error(`${KIOSK_URL}: HTTP ${resp.status} ${resp.statusText}`.trim());
        window.tenfootKioskConfig = await resp.text();
      } catch (err) {
        fail('This kiosk cannot start without its config', err, 'Put kiosk.json next to index.html, then reload.');
        return;
      }
    }
    let bytes;
    try {
      bytes = await download(WASM_URL);
    } catch (err) {
      fail('Could not download tenfoot', err, 'Check the connection, then reload the page.');
      return;
    }
    statusText.textContent = 'Starting…';
    const go = new Go();
    go.exit = (code) => {
      if (window.tenfootKioskError) {
        fail('This kiosk cannot start', new Error(window.tenfootKioskError), 'Fix kiosk.json, then reload.');
      } else if (code !== 0) {
        fail('tenfoot stopped', new Error(`exit code ${code}`));
      }
    };
    let instance;
    try {
      ({ instance } = await WebAssembly.instantiate(bytes, go.importObject));
    } catch (err) {
      fail('Could not start tenfoot', err);
      return;
    }
    bytes = null; // let the download be collected once compiled
    window.addEventListener('focus', focusCanvas);
    requestAnimationFrame(hideOnFirstFrame);
    try {
      await go.run(instance);
    } catch (err) {
      fail('tenfoot stopped', err);
    }
  }

  start();
})();
