// What this browser can do, decided before anything else runs. TVs keep the
// Chromium they shipped with (webOS 5 has 68, Tizen 5.5 about 69), so this file is
// written in the JavaScript every TV parses (ES5: no arrows, let, classes or
// template strings) and does three things:
//
//   - It stands in for what the Go runtime's wasm_exec.js needs and older engines
//     lack: globalThis (Chromium 71).
//   - It picks the WebAssembly build. tenfoot.wasm uses the saturating
//     float-to-int (Chromium 75), sign-extension (74) and bulk memory (75)
//     instructions. An engine that cannot validate a tiny module using them gets
//     tenfoot-mvp.wasm instead, the same app lowered by Binaryen to WebAssembly 1.0
//     (make web-tv). So does Chromium before 85, which validates them but starts
//     the lowered build far sooner: on Chromium 80 its first frame came after 3.8 s
//     against 7.8 s (medians of three, in turns); from 85 on, and in current
//     browsers, tenfoot.wasm is the faster. Current browsers pay one validation of
//     50 bytes.
//   - An engine below tenfoot's floor says so, in words a person reads from the
//     sofa, at once: "This TV's browser is too old for tenfoot; it needs …".
//     Never a page that loads forever: if loader.js, which needs async functions
//     (Chromium 55), could not even run, the same message says that.
//
// loader.js reads the decision from window.tenfootEngine.
(function () {
  'use strict';

  var w = window;
  if (typeof w.globalThis === 'undefined') {
    w.globalThis = w;
  }

  // The oldest Chromium that runs tenfoot, and what it needs from it. Each check is
  // cheap: nothing here creates a WebGL context or compiles the app.
  var FLOOR = 66;
  // Before this Chromium, tenfoot-mvp.wasm starts faster even where tenfoot.wasm runs.
  var FAST_CURRENT = 85;
  var NEEDS = [
    { what: 'WebAssembly', since: 57, has: function () {
      return typeof w.WebAssembly === 'object' && typeof w.WebAssembly.instantiate === 'function';
    } },
    { what: 'WebGL', since: 9, has: function () { return typeof w.WebGLRenderingContext === 'function'; } },
    { what: 'fetch', since: 42, has: function () { return typeof w.fetch === 'function'; } },
    { what: 'TextDecoder', since: 38, has: function () { return typeof w.TextDecoder === 'function'; } },
    { what: 'AbortController', since: FLOOR, has: function () { return typeof w.AbortController === 'function'; } },
  ];

  // (module (memory 1) (func (param f32 i32) (result i32)
  //   i32.trunc_sat_f32_s(local 0) + i32.extend8_s(local 1)
  //   memory.copy(0, 0, 0)))
  var CURRENT_OPCODES = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7d, 0x7f, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00,
    0x05, 0x03, 0x01, 0x00, 0x01,
    0x0a, 0x16, 0x01, 0x14, 0x00, 0x20, 0x00, 0xfc, 0x00, 0x20, 0x01, 0xc0, 0x6a,
    0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0a, 0x00, 0x00, 0x0b,
  ];

  // chromium is the engine's major version from its User-Agent, or 0: after
  // "Chrome/" for Chrome, webOS and headless Chromium ("HeadlessChrome/"), and after
  // "like Gecko) " for Tizen, which does not say "Chrome".
  function chromium() {
    var m = /(?:Chrome\/|like Gecko\) )(\d+)\.\d+\.\d+\.\d+/.exec(navigator.userAgent);
    return m ? Number(m[1]) : 0;
  }

  var missing = [];
  for (var i = 0; i < NEEDS.length; i++) {
    var ok = false;
    try {
      ok = NEEDS[i].has();
    } catch (e) {
      ok = false;
    }
    if (!ok) {
      missing.push(NEEDS[i].what + ' (Chromium ' + NEEDS[i].since + ')');
    }
  }

  var validates = false;
  if (missing.length === 0) {
    try {
      validates = w.WebAssembly.validate(new Uint8Array(CURRENT_OPCODES));
    } catch (e) {
      validates = false;
    }
  }
  var version = chromium();
  var lowered = !validates || (version > 0 && version < FAST_CURRENT);

  // tooOld replaces the loader's progress with the reason this engine cannot run
  // tenfoot. lacks names what is missing; hint, if given, says what to do instead of
  // the usual advice. It may be called again: the last reason is shown.
  function tooOld(lacks, hint) {
    var version = chromium();
    var loader = document.getElementById('loader');
    var status = document.getElementById('status');
    var error = document.getElementById('error');
    if (!loader || !error) {
      return;
    }
    var line = function (cls, text) {
      var el = document.createElement('span');
      el.className = cls;
      el.textContent = text;
      return el;
    };
    while (error.firstChild) {
      error.removeChild(error.firstChild);
    }
    error.appendChild(line('what', "This TV's browser is too old for tenfoot; it needs " +
      'Chromium ' + FLOOR + ' or newer, as on TVs from 2020 on.'));
    error.appendChild(line('detail', (version ? 'This one is Chromium ' + version + '. ' : '') +
      'It lacks ' + lacks.join(', ') + '.'));
    error.appendChild(line('hint', hint || "Update the TV's software, or watch on a newer device."));
    loader.className = 'failed too-old';
    if (status) {
      status.textContent = '';
    }
    engine.refused = lacks;
  }

  var engine = {
    // wasm is the build to download.
    wasm: lowered ? 'tenfoot-mvp.wasm' : 'tenfoot.wasm',
    // lowered is true when this engine gets the WebAssembly 1.0 build.
    lowered: lowered,
    // validates is true when the engine could also run tenfoot.wasm, which the
    // loader falls back to where the server has no tenfoot-mvp.wasm.
    validates: validates,
    // missing lists what the engine lacks that tenfoot needs; empty when it can run.
    missing: missing,
    // refused is set to what tooOld said was lacking, once it has said so.
    refused: null,
    // started is set by loader.js as it starts: an engine that could not parse it
    // leaves it false.
    started: false,
    tooOld: tooOld,
  };
  w.tenfootEngine = engine;

  var report = function () {
    if (missing.length > 0) {
      tooOld(missing);
    } else if (!engine.started && !engine.refused) {
      tooOld(['JavaScript async functions (Chromium 55)']);
    }
  };
  // The scripts after this one have all run by DOMContentLoaded.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', report);
  } else {
    report();
  }
})();
