// The TV platform's own ways, when the page runs as an LG webOS or a Samsung Tizen
// app. In a plain browser it only publishes that there is no platform. Written in
// ES5, like compat.js, since it runs on the engines TVs shipped with.
//
// window.tenfootPlatform tells the app (wasm/platform_js.go) and the loader:
//   - name: 'webos', 'tizen' or '' in a browser;
//   - canExit: the platform has a way to close the app, so the first screen's
//     Back asks "Exit tenfoot?" as on any TV app;
//   - exit(): closes the app the platform's way, webOS.platformBack() (or
//     PalmSystem.platformBack() without LG's webOSTV.js) or Tizen's
//     tizen.application.getCurrentApplication().exit(); the loader calls it when
//     the app ends because the person chose Exit;
//   - paused: the app is in the background. The platform hides it
//     (visibilitychange, webkitvisibilitychange on older webOS) and shows it again
//     (the same, or a relaunch: webOSRelaunch, Tizen's appcontrol). While paused
//     the app does not tick, and its event stream is closed and not reopened; on
//     resume the stream reopens and catches up on what it missed (Last-Event-ID).
//   - streams: how many event streams are open, for tests.
//
// On Tizen the remote's media and colour keys reach a web app only once
// registered through tizen.tvinputdevice; Back (10009) always does.
(function () {
  'use strict';

  var w = window;
  var doc = document;
  var EVENTS_PATH = '/api/v1/events';
  var TIZEN_KEYS = [
    'MediaPlayPause', 'MediaPlay', 'MediaPause', 'MediaRewind', 'MediaFastForward',
    'ColorF0Red', 'ColorF1Green', 'ColorF2Yellow', 'ColorF3Blue',
  ];

  var name = '';
  if (w.tizen && w.tizen.application) {
    name = 'tizen';
  } else if ((w.webOS && w.webOS.platformBack) || w.PalmSystem) {
    name = 'webos';
  }

  var platform = {
    name: name,
    canExit: name !== '',
    paused: false,
    streams: 0,
    exit: function () {
      if (name === 'webos') {
        if (w.webOS && w.webOS.platformBack) {
          w.webOS.platformBack();
        } else {
          w.PalmSystem.platformBack();
        }
      } else if (name === 'tizen') {
        w.tizen.application.getCurrentApplication().exit();
      }
    },
  };
  w.tenfootPlatform = platform;
  if (name === '') {
    return;
  }

  if (name === 'tizen' && w.tizen.tvinputdevice) {
    var input = w.tizen.tvinputdevice;
    try {
      if (input.registerKeyBatch) {
        input.registerKeyBatch(TIZEN_KEYS);
      } else {
        for (var i = 0; i < TIZEN_KEYS.length; i++) {
          input.registerKey(TIZEN_KEYS[i]);
        }
      }
    } catch (e) {
      // A model without some of these keys: the others still work.
      if (w.console) {
        w.console.warn('tenfoot: registering the remote keys: ' + e);
      }
    }
  }

  // The event stream is a fetch of EVENTS_PATH that stays open. Paused, open
  // streams are aborted and new ones wait for the resume; a stream the app itself
  // gives up on while it waits is rejected at once, as fetch would.
  var realFetch = w.fetch;
  var open = [];
  var waiting = [];

  var abortError = function () {
    try {
      return new DOMException('The event stream was paused.', 'AbortError');
    } catch (e) {
      var err = new Error('The event stream was paused.');
      err.name = 'AbortError';
      return err;
    }
  };

  var startStream = function (input, init) {
    var ctl = new AbortController();
    var signal = init && init.signal;
    if (signal) {
      if (signal.aborted) {
        return Promise.reject(abortError());
      }
      signal.addEventListener('abort', function () { ctl.abort(); });
    }
    var opts = {};
    for (var k in init) {
      if (Object.prototype.hasOwnProperty.call(init, k)) {
        opts[k] = init[k];
      }
    }
    opts.signal = ctl.signal;
    open.push(ctl);
    platform.streams = open.length;
    var done = function () {
      var at = open.indexOf(ctl);
      if (at >= 0) {
        open.splice(at, 1);
        platform.streams = open.length;
      }
    };
    ctl.signal.addEventListener('abort', done);
    return realFetch.call(w, input, opts).then(function (resp) {
      if (!resp.ok) {
        done();
      }
      return resp;
    }, function (err) {
      done();
      throw err;
    });
  };

  if (realFetch) {
    w.fetch = function (input, init) {
      var url = typeof input === 'string' ? input : (input && input.url) || '';
      if (url.indexOf(EVENTS_PATH) < 0) {
        return realFetch.apply(w, arguments);
      }
      if (!platform.paused) {
        return startStream(input, init);
      }
      return new Promise(function (resolve, reject) {
        var entry = { input: input, init: init, resolve: resolve, reject: reject };
        waiting.push(entry);
        var signal = init && init.signal;
        if (signal) {
          signal.addEventListener('abort', function () {
            var at = waiting.indexOf(entry);
            if (at >= 0) {
              waiting.splice(at, 1);
              reject(abortError());
            }
          });
        }
      });
    };
  }

  var pause = function () {
    if (platform.paused) {
      return;
    }
    platform.paused = true;
    var streams = open.slice();
    for (var i = 0; i < streams.length; i++) {
      streams[i].abort();
    }
  };
  var resume = function () {
    if (!platform.paused) {
      return;
    }
    platform.paused = false;
    var queued = waiting;
    waiting = [];
    for (var i = 0; i < queued.length; i++) {
      var q = queued[i];
      startStream(q.input, q.init).then(q.resolve, q.reject);
    }
  };

  var hiddenKey = typeof doc.hidden !== 'undefined' ? 'hidden' : 'webkitHidden';
  var onVisibility = function () {
    if (doc[hiddenKey]) {
      pause();
    } else {
      resume();
    }
  };
  doc.addEventListener('visibilitychange', onVisibility);
  doc.addEventListener('webkitvisibilitychange', onVisibility);
  if (name === 'webos') {
    doc.addEventListener('webOSRelaunch', resume);
  } else {
    w.addEventListener('appcontrol', resume);
  }
})();
