// The TV engines: old headless Chromium builds that npm packages ship, brotli-packed
// (chrome-aws-lambda), each standing for the TVs whose web engine it matches, and
// how to unpack and start them here.
//
//   node wasm/tv/engines.mjs unpack DIR   unpacks every engine into DIR/<major>/
//
// An engine draws WebGL in software: from Chromium 80 on with the SwiftShader its
// package ships, Chromium 64 and 67 with Debian's OSMesa (libosmesa6), which they
// load as libosmesa.so from their own folder.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// OSMESA is where Debian's libosmesa6 puts the library.
const OSMESA = ['/usr/lib/x86_64-linux-gnu/libOSMesa.so.8', '/usr/lib/x86_64-linux-gnu/libOSMesa.so.6'];

// ENGINES, oldest first. tvs names the TVs that ship about this engine (from LG's and
// Samsung's developer documentation); runs says whether tenfoot is meant to run on
// it, or to say it is too old.
export const ENGINES = [
  {
    major: 64, pkg: 'chromium-64', gl: 'osmesa', runs: false,
    tvs: 'Tizen 5.0 (2019, Chromium 63); webOS 4.x (2018–2019) has 53',
  },
  {
    major: 67, pkg: 'chromium-67', gl: 'osmesa', runs: true,
    tvs: 'webOS 5 (2020, Chrome 68), Tizen 5.5 (2020, Chromium 69)',
  },
  {
    major: 80, pkg: 'chromium-80', gl: 'swiftshader', runs: true, archives: ['aws', 'swiftshader'],
    tvs: 'webOS 6 (2021, Chrome 79), Tizen 6 (2021, Chromium 76)',
  },
  {
    major: 85, pkg: 'chromium-85', gl: 'swiftshader', runs: true, archives: ['aws', 'swiftshader'],
    tvs: 'Tizen 6.5 (2022, Chromium 85)',
  },
  {
    major: 88, pkg: 'chromium-88', gl: 'swiftshader', runs: true, archives: ['aws', 'swiftshader'],
    tvs: 'webOS 22 (2022, Chrome 87)',
  },
  {
    major: 92, pkg: 'chromium-92', gl: 'swiftshader', runs: true, archives: ['aws', 'swiftshader'],
    tvs: 'webOS 23 (2023, Chrome 94), Tizen 7 (2023, Chromium 94)',
  },
];

// CURRENT is the system's own Chromium (Debian's), standing for the TVs of 2024 on
// (webOS 24 has Chrome 108, webOS 25 120) and for every current browser.
export const CURRENT = {
  major: 'current', exe: process.env.TENFOOT_CHROMIUM || '/usr/bin/chromium', gl: null, runs: true,
  tvs: 'webOS 24 (Chrome 108), webOS 25 (Chrome 120) and current browsers',
};

// engineDir is where an engine is unpacked under dir.
export const engineDir = (dir, engine) => path.join(dir, String(engine.major));

// unbrotli decodes a .br file of the package into memory.
const unbrotli = (file) => zlib.brotliDecompressSync(fs.readFileSync(file));

// unpack makes DIR/<major>/chromium (and its libraries) for every engine, unless
// already there, and returns the engines with their executables.
export function unpack(dir) {
  return ENGINES.map((engine) => {
    const to = engineDir(dir, engine);
    const exe = path.join(to, 'chromium');
    if (!fs.existsSync(exe)) {
      const bin = path.join(here, 'node_modules', engine.pkg, 'bin');
      const tmp = `${to}.tmp`;
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      for (const name of engine.archives ?? []) {
        const into = name === 'swiftshader' ? path.join(tmp, 'swiftshader') : tmp;
        fs.mkdirSync(into, { recursive: true });
        execFileSync('tar', ['-x', '--no-same-owner', '-C', into], { input: unbrotli(path.join(bin, `${name}.tar.br`)) });
      }
      if (engine.gl === 'osmesa') {
        const lib = OSMESA.find((f) => fs.existsSync(f));
        if (!lib) throw new Error(`Chromium ${engine.major} draws with OSMesa: install Debian's libosmesa6`);
        fs.copyFileSync(lib, path.join(tmp, 'libosmesa.so'));
      }
      fs.writeFileSync(path.join(tmp, 'chromium'), unbrotli(path.join(bin, 'chromium.br')), { mode: 0o755 });
      fs.rmSync(to, { recursive: true, force: true });
      fs.renameSync(tmp, to);
    }
    return { ...engine, exe, dir: to };
  });
}

// launchOptions are the arguments and environment that start engine headless here:
// as root, with no network but loopback, and WebGL in software.
export function launchOptions(engine) {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--no-default-browser-check',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-translate',
    '--disable-dev-shm-usage', '--mute-audio', '--hide-scrollbars', '--enable-precise-memory-info',
    '--window-size=1280,720',
  ];
  const env = { ...process.env };
  if (engine.gl === 'swiftshader') {
    args.push('--use-gl=swiftshader');
    env.LD_LIBRARY_PATH = [path.join(engine.dir, 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  } else if (engine.gl === 'osmesa') {
    args.push('--use-gl=osmesa');
  }
  return { args, env };
}

if (process.argv[2] === 'unpack') {
  const dir = path.resolve(process.argv[3] ?? 'build/tv/engines');
  for (const e of unpack(dir)) console.log(`Chromium ${e.major}: ${e.exe}`);
}
