#!/usr/bin/env bash
# Installs what tenfoot's tests need on Debian 12 and skips what is already there:
# Xvfb and Mesa to run the native app, Chromium for the browser tests, PostgreSQL for
# the store's and tenfootd's tests (from apt; its own service is not needed, the tests
# start a server of their own), Noto's Arabic and Japanese fonts with fontTools
# (the native app draws those languages in them, and scripts/fonts.sh cuts the
# browser's from them), and playwright-core (from npm, pinned in
# wasm/e2e/package-lock.json).
#
# With the argument tv it installs only what the TV tier and make web-tv need:
# Binaryen and the old Chromium builds TVs stand for (from npm, pinned in
# wasm/tv/package-lock.json), unpacked into build/tv/engines, and the OSMesa the
# oldest of them draw with.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = tv ]; then
  packages=(libosmesa6 chromium nodejs npm)
else
  packages=(xvfb xauth libgl1-mesa-dri libx11-6 libxrandr2 libxcursor1 libxinerama1 libxi6 chromium postgresql nodejs npm fonts-noto-core fonts-noto-cjk python3-fonttools)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A machine may have Node and npm from elsewhere; then Debian's are not needed.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = tv ]; then
  # npm ci again only when the lock file changed since the last install.
  if [ ! -f wasm/tv/node_modules/.package-lock.json ] || [ wasm/tv/package-lock.json -nt wasm/tv/node_modules/.package-lock.json ]; then
    echo "installing Binaryen and the TV engines from npm"
    (cd wasm/tv && npm ci --no-audit --no-fund --loglevel=error)
  fi
  node wasm/tv/engines.mjs unpack build/tv/engines >/dev/null
  echo "TV dependencies: ok"
  exit 0
fi

if [ ! -d wasm/e2e/node_modules/playwright-core ]; then
  echo "installing playwright-core from npm"
  (cd wasm/e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "dependencies: ok"
