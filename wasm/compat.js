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
//   - It picks the page's language as the app will pick its own, so that the
//     loader speaks it while the app downloads: ?lang=, else the first of
//     navigator.languages that tenfoot speaks, else English (a kiosk's config,
//     which the loader reads before the download, overrides both). Arabic turns
//     the page right to left.
//
// loader.js reads the decision from window.tenfootEngine, and says its words
// through window.tenfootPage.
(function () {
  'use strict';

  var w = window;
  if (typeof w.globalThis === 'undefined') {
    w.globalThis = w;
  }

  // WORDS are the loader's words in each language the app speaks. Where the app's
  // catalog has the same message (Loading…), they are its words (a Go test in
  // screens holds them to it). {name} is an argument.
  var WORDS = {
    en: {
      progressLabel: 'Loading tenfoot',
      loading: 'Loading…',
      loadingOf: 'Loading {loaded} of {total} MB',
      loadingMB: 'Loading {loaded} MB',
      starting: 'Starting…',
      reload: 'Press Try again, or reload the page.',
      tryAgain: 'Try again',
      noKioskConfig: 'This kiosk cannot start without its config.',
      noKioskConfigHint: 'Put kiosk.json next to index.html, then reload.',
      kioskFails: 'This kiosk cannot start.',
      kioskFailsHint: 'Fix kiosk.json, then reload.',
      noBuild: 'This server has no build of tenfoot for this TV.',
      noBuildDetail: 'this browser runs only the build for older TVs',
      noBuildHint: 'Build it with make web-tv, then reload.',
      noDownload: 'Could not download tenfoot.',
      noDownloadHint: 'Check the connection, then press Try again.',
      noStart: 'Could not start tenfoot.',
      stopped: 'tenfoot stopped.',
      tooOld: "This TV's browser is too old for tenfoot; it needs Chromium {floor} or newer, as on TVs from 2020 on.",
      thisOne: 'This one is Chromium {version}. ',
      lacks: 'It lacks {what}.',
      listSep: ', ',
      tooOldHint: "Update the TV's software, or watch on a newer device.",
      asyncFunctions: 'JavaScript async functions (Chromium 55)',
      classes: 'classes in JavaScript (Chromium 49)',
      webglRefused: 'a WebGL context, which this TV refuses',
    },
    de: {
      progressLabel: 'tenfoot wird geladen',
      loading: 'Wird geladen …',
      loadingOf: 'Wird geladen: {loaded} von {total} MB',
      loadingMB: 'Wird geladen: {loaded} MB',
      starting: 'Wird gestartet …',
      reload: 'Drücke „Noch einmal versuchen“ oder lade die Seite neu.',
      tryAgain: 'Noch einmal versuchen',
      noKioskConfig: 'Dieser gemeinsame Fernseher kann ohne seine Konfiguration nicht starten.',
      noKioskConfigHint: 'Lege kiosk.json neben index.html und lade die Seite dann neu.',
      kioskFails: 'Dieser gemeinsame Fernseher kann nicht starten.',
      kioskFailsHint: 'Korrigiere kiosk.json und lade die Seite dann neu.',
      noBuild: 'Dieser Server hat keinen Build von tenfoot für diesen Fernseher.',
      noBuildDetail: 'dieser Browser kann nur den Build für ältere Fernseher ausführen',
      noBuildHint: 'Erstelle ihn mit make web-tv und lade die Seite dann neu.',
      noDownload: 'tenfoot konnte nicht heruntergeladen werden.',
      noDownloadHint: 'Prüfe die Verbindung und drücke dann „Noch einmal versuchen“.',
      noStart: 'tenfoot konnte nicht gestartet werden.',
      stopped: 'tenfoot wurde beendet.',
      tooOld: 'Der Browser dieses Fernsehers ist zu alt für tenfoot: Es braucht Chromium {floor} oder neuer, wie auf Fernsehern ab 2020.',
      thisOne: 'Dieser hat Chromium {version}. ',
      lacks: 'Ihm fehlt: {what}.',
      listSep: ', ',
      tooOldHint: 'Aktualisiere die Software des Fernsehers oder schau auf einem neueren Gerät.',
      asyncFunctions: 'asynchrone Funktionen in JavaScript (Chromium 55)',
      classes: 'Klassen in JavaScript (Chromium 49)',
      webglRefused: 'ein WebGL-Kontext, den dieser Fernseher verweigert',
    },
    ar: {
      progressLabel: 'جارٍ تحميل tenfoot',
      loading: 'جارٍ التحميل…',
      loadingOf: 'جارٍ التحميل: {loaded} من {total} ميغابايت',
      loadingMB: 'جارٍ التحميل: {loaded} ميغابايت',
      starting: 'جارٍ التشغيل…',
      reload: 'اضغط «حاول مرة أخرى» أو أعد تحميل الصفحة.',
      tryAgain: 'حاول مرة أخرى',
      noKioskConfig: 'لا يمكن تشغيل هذا التلفاز المشترك بدون إعداداته.',
      noKioskConfigHint: 'ضع kiosk.json بجانب index.html، ثم أعد تحميل الصفحة.',
      kioskFails: 'تعذّر تشغيل هذا التلفاز المشترك.',
      kioskFailsHint: 'صحّح kiosk.json، ثم أعد تحميل الصفحة.',
      noBuild: 'لا يوجد على هذا الخادم إصدار من tenfoot لهذا التلفاز.',
      noBuildDetail: 'هذا المتصفح لا يشغّل إلا الإصدار المخصّص لأجهزة التلفاز الأقدم',
      noBuildHint: 'أنشئه بالأمر make web-tv، ثم أعد تحميل الصفحة.',
      noDownload: 'تعذّر تنزيل tenfoot.',
      noDownloadHint: 'تحقّق من الاتصال، ثم اضغط «حاول مرة أخرى».',
      noStart: 'تعذّر تشغيل tenfoot.',
      stopped: 'توقّف tenfoot.',
      tooOld: 'متصفح هذا التلفاز أقدم من أن يشغّل tenfoot؛ فهو يحتاج إلى Chromium {floor} أو أحدث، كما في أجهزة التلفاز من عام 2020 فصاعدًا.',
      thisOne: 'هذا المتصفح هو Chromium {version}. ',
      lacks: 'ينقصه: {what}.',
      listSep: '، ',
      tooOldHint: 'حدّث برنامج التلفاز، أو شاهد على جهاز أحدث.',
      asyncFunctions: 'الدوال غير المتزامنة في JavaScript (Chromium 55)',
      classes: 'الأصناف في JavaScript (Chromium 49)',
      webglRefused: 'سياق WebGL، الذي يرفضه هذا التلفاز',
    },
    ja: {
      progressLabel: 'tenfootを読み込んでいます',
      loading: '読み込んでいます…',
      loadingOf: '読み込んでいます（{loaded} / {total} MB）',
      loadingMB: '読み込んでいます（{loaded} MB）',
      starting: '起動しています…',
      reload: '「もう一度試す」を押すか、ページを再読み込みしてください。',
      tryAgain: 'もう一度試す',
      noKioskConfig: 'この共用テレビは、設定ファイルがないと起動できません。',
      noKioskConfigHint: 'index.htmlと同じ場所にkiosk.jsonを置いてから、再読み込みしてください。',
      kioskFails: 'この共用テレビを起動できません。',
      kioskFailsHint: 'kiosk.jsonを修正してから、再読み込みしてください。',
      noBuild: 'このサーバーには、このテレビ用のtenfootのビルドがありません。',
      noBuildDetail: 'このブラウザーで実行できるのは、古いテレビ用のビルドだけです',
      noBuildHint: 'make web-tvでビルドしてから、再読み込みしてください。',
      noDownload: 'tenfootをダウンロードできませんでした。',
      noDownloadHint: '接続を確認してから、「もう一度試す」を押してください。',
      noStart: 'tenfootを起動できませんでした。',
      stopped: 'tenfootが停止しました。',
      tooOld: 'このテレビのブラウザーは古すぎて、tenfootを実行できません。Chromium {floor}以降（2020年以降のテレビに搭載）が必要です。',
      thisOne: 'このテレビはChromium {version}です。',
      lacks: '{what}がありません。',
      listSep: '、',
      tooOldHint: 'テレビのソフトウェアを更新するか、新しいデバイスで視聴してください。',
      asyncFunctions: 'JavaScriptの非同期関数（Chromium 55）',
      classes: 'JavaScriptのクラス（Chromium 49）',
      webglRefused: 'WebGLコンテキスト（このテレビが拒否しています）',
    },
  };

  // langOf returns the language of a BCP 47 tag or POSIX locale that tenfoot
  // speaks, as the app's i18n.Parse reads it (only the primary subtag counts), or
  // '' for one it does not. Its pseudo-English (qps) has English words here.
  function langOf(tag) {
    var primary = String(tag || '').replace(/^\s+|\s+$/g, '').toLowerCase().split(/[-_.@]/)[0];
    if (primary === 'qps') {
      return 'en';
    }
    return WORDS.hasOwnProperty(primary) ? primary : '';
  }

  // queryLang is ?lang= of the page's address, or ''.
  function queryLang() {
    var m = /[?&]lang=([^&#]*)/.exec(w.location.search);
    if (!m) {
      return '';
    }
    try {
      return decodeURIComponent(m[1].replace(/\+/g, ' '));
    } catch (e) {
      return '';
    }
  }

  // startLang is the language the app starts in: ?lang=, else the first of the
  // browser's languages that tenfoot speaks, else English. Nothing the app keeps
  // decides it: a profile's own language applies once the profile is chosen.
  function startLang() {
    var prefs = [queryLang()];
    var nav = w.navigator || {};
    prefs = prefs.concat(nav.languages ? Array.prototype.slice.call(nav.languages) : [nav.language]);
    for (var i = 0; i < prefs.length; i++) {
      var l = langOf(prefs[i]);
      if (l) {
        return l;
      }
    }
    return 'en';
  }

  // words returns the words of the page's language: the one set on <html>, which
  // the app keeps as its own once it runs, so a font fetched for a language chosen
  // later is announced in it.
  function words() {
    return WORDS[langOf(document.documentElement.lang)] || WORDS.en;
  }

  // say returns the words for key with its {arguments} filled in.
  function say(key, args) {
    var text = words()[key];
    if (text === undefined) {
      text = WORDS.en[key] || key;
    }
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return args && args.hasOwnProperty(name) ? String(args[name]) : all;
    });
  }

  // megabytes writes n bytes in MB with one decimal, with German's decimal comma.
  function megabytes(n) {
    var s = (n / 1e6).toFixed(1);
    return langOf(document.documentElement.lang) === 'de' ? s.replace('.', ',') : s;
  }

  // useLang makes tag the page's language: its lang and direction, and the words
  // the loader shows before it has anything to count.
  function useLang(tag) {
    var l = langOf(tag);
    if (!l) {
      return;
    }
    var html = document.documentElement;
    html.lang = l;
    html.dir = l === 'ar' ? 'rtl' : 'ltr';
    var progress = document.getElementById('progress');
    if (progress) {
      progress.setAttribute('aria-label', say('progressLabel'));
    }
    var status = document.getElementById('status');
    if (status && status.getAttribute('data-counting') === null) {
      status.textContent = say('loading');
    }
  }

  w.tenfootPage = { say: say, megabytes: megabytes, useLang: useLang, lang: function () { return langOf(document.documentElement.lang) || 'en'; } };
  useLang(startLang());

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
    var said = [];
    for (var i = 0; i < lacks.length; i++) {
      said.push(words()[lacks[i]] || lacks[i]); // a feature's own name is not translated
    }
    error.appendChild(line('what', say('tooOld', { floor: FLOOR })));
    error.appendChild(line('detail', (version ? say('thisOne', { version: version }) : '') +
      say('lacks', { what: said.join(say('listSep')) })));
    error.appendChild(line('hint', hint || say('tooOldHint')));
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
      tooOld(['asyncFunctions']);
    }
  };
  // The scripts after this one have all run by DOMContentLoaded.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', report);
  } else {
    report();
  }
})();
