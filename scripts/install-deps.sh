#!/usr/bin/env bash
# Installs what tenfoot's tests need on Debian 12 and skips what is already there:
# Xvfb and Mesa to run the native app, Chromium for the browser tests, PostgreSQL for
# the store's and tenfootd's tests (from apt; its own service is not needed, the tests
# start a server of their own), Noto's Arabic and Japanese fonts with fontTools
# (the native app draws those languages in them, and scripts/fonts.sh cuts the
# browser's from them), and playwright-core and pngjs (from npm, pinned in
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

# npm_ci dir what installs dir's npm packages, again only when its lock file changed
# since the last install.
npm_ci() {
  if [ ! -f "$1/node_modules/.package-lock.json" ] || [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
    echo "installing $2 from npm"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

if [ "${1:-}" = tv ]; then
  npm_ci wasm/tv "Binaryen and the TV engines"
  node wasm/tv/engines.mjs unpack build/tv/engines >/dev/null
  echo "TV dependencies: ok"
  exit 0
fi

npm_ci wasm/e2e "playwright-core and pngjs"
echo "dependencies: ok"
