#!/bin/sh
# Regenerates the embedded font subsets from the full DejaVu fonts (Debian: fonts-dejavu-core, python3-fonttools).
#
# SkiaSharp's PDF backend embeds a TrueType font whole (it is built without HarfBuzz's subsetter:
# https://github.com/mono/SkiaSharp/issues/2180), so every certificate, packing list and label sheet carried 1.4 MB
# of font, deflated to 0.75 MB, and spent most of its rendering time compressing it. These subsets keep the scripts a
# US district's records are written in (Latin with every accent, Greek, Cyrillic, Vietnamese), the punctuation,
# currency and arrows the documents print, and check marks. Hinting stays: Skia places glyphs by their hinted advances,
# and without the hints text extractors (pdftotext, screen readers) find spaces inside words. Scripts that need
# shaping (Arabic, Hebrew, Indic) are left out: Skia draws them unshaped, so they never printed correctly.
# Each face is cut twice: the full subset below, and a core one (Latin with its accents, the punctuation, currency,
# arrows and check marks the documents print: about 45 KB against 150-170 KB) that every document is drawn in; a string
# with a character beyond the core is drawn in the full face (PrintedText), so most PDFs deflate only the core faces
# (a 10-device certificate is drawn in about 9 ms instead of 17). The core faces also leave out the layout (GSUB, GPOS) and MATH
# tables, which Skia's unshaped drawing never reads.
# EmbeddedFontsTests pins that the full faces draw the names districts write and the core faces every character the
# documents' own text prints.
set -eu
cd "$(dirname "$0")"
RANGES="U+0020-007E,U+00A0-024F,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+20A0-20CF,U+2100-214F,U+2150-215F,U+2190-21FF,U+2212,U+2248,U+2260,U+2264,U+2265,U+221E,U+25A0,U+25A1,U+25CB,U+25CF,U+2713-2718,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$RANGES" \
    --layout-features='*' --output-file="$face-Subset.ttf"
done
CORE="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122,U+2190-2193,U+2212,U+215D,U+2713,U+2717,U+FFFD"
for face in DejaVuSans DejaVuSans-Bold; do
  python3 -m fontTools.subset "/usr/share/fonts/truetype/dejavu/$face.ttf" --unicodes="$CORE" \
    --layout-features='' --drop-tables+=MATH --output-file="$face-Core.ttf"
done
