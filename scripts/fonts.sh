#!/usr/bin/env bash
# Makes the fonts of the languages the Go fonts cannot write, for the browser to
# fetch when a person chooses the language (build/web/fonts), from Debian's Noto
# packages (SIL Open Font License 1.1): Noto Sans Arabic, and the Japanese face of
# Noto Sans CJK cut down to JIS X 0208 (kana, the 6,355 kanji of levels 1 and 2,
# punctuation), which holds every word of the app and nearly every name. The
# native app reads the same fonts from the system (fonts-noto-core, fonts-noto-cjk).
#
# Usage: scripts/fonts.sh OUTDIR
set -euo pipefail
out=${1:?usage: scripts/fonts.sh OUTDIR}
arabic=/usr/share/fonts/truetype/noto
cjk=/usr/share/fonts/opentype/noto
need=()
[ -f "$arabic/NotoSansArabic-Regular.ttf" ] || need+=(fonts-noto-core)
[ -f "$cjk/NotoSansCJK-Regular.ttc" ] || need+=(fonts-noto-cjk)
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || need+=(python3-fonttools)
if [ ${#need[@]} -gt 0 ]; then
  echo "fonts: installing ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mkdir -p "$out"
# Each file is made again only when missing: the fonts change with Debian's package.
subset() { # SRC OUT FONTNUMBER UNICODES
  [ -s "$2" ] && return 0
  /usr/bin/python3 -m fontTools.subset "$1" --font-number="$3" --unicodes="$4" \
    --layout-features='*' --no-hinting --name-IDs='*' --output-file="$2.tmp"
  mv "$2.tmp" "$2"
}
latin='U+0020-007E,U+00A0-00FF,U+2010-2027,U+2030-203A,U+2066-2069,U+200B-200F'
arabicRange='U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF'
subset "$arabic/NotoSansArabic-Regular.ttf" "$out/ar-regular.ttf" 0 "$arabicRange,$latin"
subset "$arabic/NotoSansArabic-Bold.ttf" "$out/ar-bold.ttf" 0 "$arabicRange,$latin"
# JIS X 0208, every character Shift_JIS and EUC-JP encode in two bytes.
jis=$(/usr/bin/python3 -c '
cs = set()
for a in range(0xA1, 0xFF):
    for b in range(0xA1, 0xFF):
        try: cs.add(ord(bytes([a, b]).decode("euc_jp")))
        except UnicodeDecodeError: pass
print(",".join("U+%04X" % c for c in sorted(cs)))')
japanese="$jis,U+3000-30FF,U+FF00-FFEF,U+31F0-31FF,$latin"
subset "$cjk/NotoSansCJK-Regular.ttc" "$out/ja-regular.otf" 0 "$japanese"
subset "$cjk/NotoSansCJK-Bold.ttc" "$out/ja-bold.otf" 0 "$japanese"
cp /usr/share/doc/fonts-noto-core/copyright "$out/LICENSE-noto-core.txt"
cp /usr/share/doc/fonts-noto-cjk/copyright "$out/LICENSE-noto-cjk.txt"
ls -l "$out"
