#!/usr/bin/env bash
# Lowers tenfoot's WebAssembly for TV engines older than Chromium 75, which reject
# the saturating float-to-int (Chromium 75), sign-extension (74) and bulk memory (75)
# instructions that Go emits: Binaryen rewrites them into WebAssembly 1.0, then the
# result is checked to use nothing else. compat.js serves it to engines that need it.
#
#   scripts/lower-wasm.sh IN.wasm OUT.wasm
#
# Binaryen is the npm package pinned in wasm/tv (scripts/install-deps.sh tv), or a
# wasm-opt on PATH of version 117 or later. OUT is made again only when IN has
# changed (go build rewrites IN even when nothing changed, so its SHA-256 is kept in
# .OUT.sha256, a name tenfootd never serves), and written whole or not at all. Each step is bounded by
# LOWER_TIMEOUT (300 s).
set -euo pipefail
cd "$(dirname "$0")/.."

in=$1 out=$2
limit=${LOWER_TIMEOUT:-300}
opt=wasm/tv/node_modules/.bin/wasm-opt
if [ ! -x "$opt" ]; then
  opt=$(command -v wasm-opt || true)
fi
if [ -z "$opt" ]; then
  echo "lower-wasm: no Binaryen: run scripts/install-deps.sh tv" >&2
  exit 1
fi
sum=$(sha256sum "$in" | cut -d' ' -f1)
record="$(dirname "$out")/.$(basename "$out").sha256"
if [ -f "$out" ] && [ "$(cat "$record" 2>/dev/null)" = "$sum" ]; then
  echo "lower-wasm: $out is up to date"
  exit 0
fi

tmp=$(mktemp "$(dirname "$out")/.lower.XXXXXX")
trap 'rm -f "$tmp"' EXIT
start=$(date +%s%N)
timeout "$limit" "$opt" "$in" -o "$tmp" \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-bulk-memory \
  --llvm-memory-copy-fill-lowering --llvm-nontrapping-fptoint-lowering --signext-lowering
# Read back with every feature after 1.0 switched off: Binaryen refuses a module
# that still uses one. Chromium 67 also rejects a DataCount section (id 12), which
# bulk memory brings: none may be left.
if ! check=$(timeout "$limit" "$opt" "$tmp" --mvp-features -o /dev/null 2>&1); then
  echo "lower-wasm: the lowered module still uses instructions after WebAssembly 1.0:" >&2
  echo "$check" | tail -5 >&2
  exit 1
fi
node -e '
const b = require("fs").readFileSync(process.argv[1]);
let i = 8;
const leb = () => { let r = 0, s = 0, x; do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return r; };
while (i < b.length) {
  const id = b[i++], n = leb();
  if (id === 12) { console.error("lower-wasm: the lowered module has a DataCount section"); process.exit(1); }
  i += n;
}' "$tmp"
chmod --reference="$in" "$tmp"
mv "$tmp" "$out"
echo "$sum" > "$record"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "lower-wasm: $in $(stat -c %s "$in") bytes -> $out $(stat -c %s "$out") bytes in $((ms / 1000)).$((ms % 1000 / 100)) s"
