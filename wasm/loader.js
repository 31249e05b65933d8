// Loads the app's WebAssembly with a real progress bar, starts it, and hides the
// loader once the app has drawn its first frame. Which build to load, and whether
// this engine can run tenfoot at all, compat.js has decided (window.tenfootEngine).
//
// The server sends the .wasm brotli- or gzip-compressed; the bytes a reader
// sees are decoded, so progress is counted against X-Decoded-Length (the
// uncompressed size), or Content-Length when nothing is compressed, or shown
// as an indeterminate bar when neither is known.
//
// Its words are in the page's language (window.tenfootPage, from compat.js):
// the one the app starts in, and then whichever the app speaks.
'use strict';

(() => {
  const engine = window.tenfootEngine;
  const page = window.tenfootPage;
  engine.started = true;
  const WASM_URL = engine.wasm;
  const KIOSK_URL = 'kiosk.json';

  // Whether a tenfootd serves this page (GET /api/v1/health answers JSON), asked
  // while the app downloads, so that the app does not wait for the answer when it
  // starts (wasm/bridge_js.go serverAt). A packaged TV app has no server to ask.
  engine.served = location.protocol === 'file:' ? null : fetch(`${location.origin}/api/v1/health`, { cache: 'no-store' })
    .then((resp) => (resp.ok ? resp.json().then(() => true) : false))
    .catch(() => false);

  const loader = document.getElementById('loader');
  const progress = document.getElementById('progress');
  const bar = document.getElementById('bar');
  const statusText = document.getElementById('status');
  const errorText = document.getElementById('error');

  function showProgress(loaded, total) {
    if (total > 0) {
      const pct = Math.min(100, (100 * loaded) / total);
      progress.classList.remove('indeterminate');
      progress.setAttribute('aria-valuenow', pct.toFixed(0));
      bar.style.width = pct.toFixed(1) + '%';
      say(statusText, 'loadingOf', { loaded: page.megabytes(loaded), total: page.megabytes(total) });
    } else {
      progress.classList.add('indeterminate');
      progress.removeAttribute('aria-valuenow');
      say(statusText, 'loadingMB', { loaded: page.megabytes(loaded) });
    }
    progress.setAttribute('aria-label', page.say('progressLabel'));
  }

  // say shows the words for key in el, and marks el as counting, so that the
  // page's first words no longer take its place.
  function say(el, key, args) {
    el.setAttribute('data-counting', '');
    el.textContent = page.say(key, args);
  }

  // fail replaces the progress bar with what went wrong, in words for the
  // viewer first (what and hint are keys of the page's words) and the
  // browser's own message below them. What another try may mend (a download
  // cut, the app stopped) has a Try again button, focused, that loads the page
  // again: a TV's remote has OK, and no key to reload.
  function fail(what, err, hint = 'reload') {
    console.error(`tenfoot: ${page.say(what)}`, err);
    const line = (cls, text) => {
      const el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    loader.classList.remove('done');
    loader.classList.add('failed');
    statusText.textContent = '';
    errorText.textContent = ''; // not replaceChildren: Chromium 86
    errorText.append(
      line('what', page.say(what)),
      line('detail', (err && err.message) || String(err)),
      line('hint', page.say(hint)),
    );
    if (hint === 'reload' || hint === 'noDownloadHint') {
      const again = document.createElement('button');
      again.id = 'try-again';
      again.type = 'button';
      again.textContent = page.say('tryAgain');
      again.addEventListener('click', () => location.reload());
      errorText.append(again);
      again.focus();
    }
  }

  // hasWebGL reports whether the page can have the WebGL context the app draws
  // with. It is asked only when the app stopped before its first frame: a TV may
  // know WebGL and still refuse it a context.
  function hasWebGL() {
    const canvas = document.createElement('canvas');
    return Boolean(canvas.getContext('webgl2') || canvas.getContext('webgl'));
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

  // A TV app's own files, when the page is a packaged webOS or Tizen app: fetch
  // cannot read file: URLs, XMLHttpRequest can. Status 0 is a file read whole.
  const packaged = location.protocol === 'file:';
  function readFile(url, type, progress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('GET', url);
      xhr.responseType = type;
      if (progress) xhr.onprogress = (e) => progress(e.loaded, e.lengthComputable ? e.total : 0);
      xhr.onload = () => {
        if ((xhr.status === 0 || xhr.status === 200) && xhr.response !== null) resolve(xhr.response);
        else reject(Object.assign(new Error(`${url}: ${xhr.status || 'not found'}`), { status: xhr.status || 404 }));
      };
      xhr.onerror = () => reject(Object.assign(new Error(`${url}: not found in the app`), { status: 404 }));
      xhr.send();
    });
  }

  // fetchOK fetches url, and throws for an error status, with the status.
  async function fetchOK(url) {
    const resp = await fetch(url);
    if (!resp.ok) {
      throw Object.assign(new Error(`${url}: HTTP ${resp.status} ${resp.statusText}`.trim()), { status: resp.status });
    }
    return resp;
  }

  async function download(url) {
    if (packaged) {
      const buf = new Uint8Array(await readFile(url, 'arraybuffer', showProgress));
      showProgress(buf.length, buf.length);
      return buf;
    }
    const resp = await fetchOK(url);
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
    const loaded = await readBody(resp, url, (value, at) => {
      if (at + value.length > buf.length) {
        const grown = new Uint8Array(Math.max(2 * buf.length, at + value.length));
        grown.set(buf.subarray(0, at));
        buf = grown;
      }
      buf.set(value, at);
    });
    return buf.subarray(0, loaded);
  }

  // readBody reads resp's body, handing take each chunk and where it starts and
  // counting the progress, and resolves to its length. It throws if the body ends
  // short of the size the server announced.
  async function readBody(resp, url, take) {
    const total = expectedSize(resp);
    const reader = resp.body.getReader();
    let loaded = 0;
    showProgress(0, total);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      take(value, loaded);
      loaded += value.length;
      showProgress(loaded, total);
    }
    if (total > 0 && loaded !== total) {
      throw new Error(`${url}: got ${loaded} bytes, expected ${total}`);
    }
    showProgress(loaded, loaded);
    return loaded;
  }

  // The browser compiles the .wasm while it downloads when it may read it as a
  // stream; the app then starts as soon as the last byte is in.
  const streams = !packaged && typeof WebAssembly.instantiateStreaming === 'function' &&
    typeof ReadableStream === 'function' && typeof Response === 'function';

  // counted passes resp's body on, as a .wasm for instantiateStreaming, counting
  // the progress as it goes. What went wrong with the download itself, rather than
  // with compiling it, it keeps in failed.error.
  function counted(resp, url) {
    const failed = { error: null };
    const body = new ReadableStream({
      start(ctrl) {
        readBody(resp, url, (value) => ctrl.enqueue(value)).then(() => {
          say(statusText, 'starting');
          ctrl.close();
        }, (err) => {
          failed.error = err;
          ctrl.error(err);
        });
      },
    });
    return { wasm: new Response(body, { headers: { 'Content-Type': 'application/wasm' } }), failed };
  }

  // kioskLanguage is the language a kiosk's config greets its guests in, which
  // the app starts in whatever the page's address or the browser asks for; ''
  // when it names none. The app checks the config; a bad one stops it anyway.
  function kioskLanguage(config) {
    try {
      const language = JSON.parse(config).language;
      return typeof language === 'string' ? language : '';
    } catch (err) {
      return '';
    }
  }

  // The app's canvas takes the keys; give it focus whenever the page has it.
  function focusCanvas() {
    if (loader.classList.contains('failed')) return; // Try again keeps it
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
    if (engine.missing.length > 0) {
      return; // compat.js has said why
    }
    if (typeof Go !== 'function') {
      engine.tooOld(['classes']);
      return;
    }
    // A kiosk (the page opened with ?kiosk, as by Chromium's --kiosk, or marked
    // data-kiosk, as a TV app package built for a kiosk is) needs its config,
    // kiosk.json next to this page: without it, it does not start.
    if (new URLSearchParams(location.search).has('kiosk') || document.documentElement.hasAttribute('data-kiosk')) {
      try {
        if (packaged) {
          window.tenfootKioskConfig = await readFile(KIOSK_URL, 'text');
        } else {
          const resp = await fetch(KIOSK_URL, { cache: 'no-store' });
          if (resp.status === 403) {
            // tenfootd keeps a kiosk.json to itself that anyone could read the
            // staff PIN in, and says why in plain words.
            fail('kioskFails', new Error((await resp.text()).slice(0, 400)), 'kioskFailsHint');
            return;
          }
          if (!resp.ok) throw new Error(`${KIOSK_URL}: HTTP ${resp.status} ${resp.statusText}`.trim());
          window.tenfootKioskConfig = await resp.text();
        }
      } catch (err) {
        fail('noKioskConfig', err, 'noKioskConfigHint');
        return;
      }
      page.useLang(kioskLanguage(window.tenfootKioskConfig));
    }
    // Site data blocked (a kiosk's policy, a browser's privacy setting): reading
    // localStorage then throws, which the app, in WebAssembly, could not catch.
    // It runs keeping nothing, and says so.
    try {
      window.localStorage.getItem('tenfoot.');
    } catch (err) {
      window.tenfootNoStorage = String((err && err.message) || err);
    }
    const go = new Go();
    go.exit = (code) => {
      if (window.tenfootKioskError) {
        fail('kioskFails', new Error(window.tenfootKioskError), 'kioskFailsHint');
      } else if (code !== 0 && !(window.tenfoot && window.tenfoot.frames > 0) && !hasWebGL()) {
        engine.tooOld(['webglRefused']);
      } else if (code !== 0) {
        fail('stopped', new Error(`exit code ${code}`));
      } else {
        // The person chose Exit. The app's listeners are still on the page, and
        // anything they hear now (the Exit key going up) would find no Go to run.
        for (const type of ['keydown', 'keyup', 'pointerdown', 'pointerup', 'pointermove', 'mousedown', 'mouseup',
          'mousemove', 'wheel', 'touchstart', 'touchmove', 'touchend', 'blur', 'focus']) {
          window.addEventListener(type, (e) => e.stopImmediatePropagation(), true);
        }
        if (window.tenfootPlatform) window.tenfootPlatform.exit(); // the TV's own way out
      }
    };
    // get is the download: the whole .wasm, or its response to compile as it comes.
    const get = streams ? fetchOK : download;
    let got;
    try {
      try {
        got = await get(WASM_URL);
      } catch (err) {
        // A server without the lowered build (make web instead of make web-tv) still
        // serves the engines that can run the other one, if not at their fastest.
        if (!(engine.lowered && engine.validates && err.status === 404)) throw err;
        engine.wasm = 'tenfoot.wasm';
        got = await get(engine.wasm);
      }
    } catch (err) {
      if (engine.lowered && err.status === 404) {
        fail('noBuild', new Error(`${err.message}: ${page.say('noBuildDetail')}`), 'noBuildHint');
      } else {
        fail('noDownload', err, 'noDownloadHint');
      }
      return;
    }
    let instance;
    if (streams && got.body && got.body.getReader) {
      const { wasm, failed } = counted(got, engine.wasm);
      try {
        ({ instance } = await WebAssembly.instantiateStreaming(wasm, go.importObject));
      } catch (err) {
        if (failed.error) fail('noDownload', failed.error, 'noDownloadHint');
        else fail('noStart', err);
        return;
      }
    } else {
      let bytes = got;
      if (!(bytes instanceof Uint8Array)) {
        try {
          bytes = new Uint8Array(await got.arrayBuffer()); // a response it cannot read as a stream
        } catch (err) {
          fail('noDownload', err, 'noDownloadHint');
          return;
        }
      }
      say(statusText, 'starting');
      try {
        ({ instance } = await WebAssembly.instantiate(bytes, go.importObject));
      } catch (err) {
        fail('noStart', err);
        return;
      }
      bytes = null; // let the download be collected once compiled
    }
    // What the app's memory has grown to, for the TV engine tests.
    engine.memoryBytes = () => instance.exports.mem.buffer.byteLength;
    window.addEventListener('focus', focusCanvas);
    requestAnimationFrame(hideOnFirstFrame);
    try {
      await go.run(instance);
    } catch (err) {
      fail('stopped', err);
    }
  }

  start();
})();
