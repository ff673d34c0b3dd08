#!/bin/sh
# Fidelity of docskill's slide renderer against LibreOffice, slide by slide.
#
# usage: scripts/render_similarity.sh [CORPUS_DIR] [WORK_DIR]
#   CORPUS_DIR  folder of .pptx/.potx (default ../shared/corpus/pptx)
#   WORK_DIR    scratch folder (default target/render-similarity)
# Needs: a built docskill (target/release or target/debug), soffice, pdftoppm, and a Python with
# numpy + Pillow (PYTHON, default the bench venv made by ../shared/bench/setup.sh) for ../shared/bench/slide_similarity.py.
# Prints "score deck slide" per slide (worst first), then the median and 10th percentile.
# Slides LibreOffice does not export (hidden ones) are left out of the pairing.
set -eu
HERE=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:-$HERE/../shared/corpus/pptx}
WD=${2:-$HERE/target/render-similarity}
PY=${PYTHON:-$HERE/../main/target/bench/venv/bin/python}
SIM=$HERE/../shared/bench/slide_similarity.py
DS=$HERE/target/release/docskill
[ -x "$DS" ] || DS=$HERE/target/debug/docskill
WIDTH=320
for t in soffice pdftoppm; do
    command -v $t >/dev/null || { echo "skipping: $t not installed"; exit 0; }
done
[ -f "$SIM" ] || { echo "skipping: $SIM not found"; exit 0; }
mkdir -p "$WD"
SCORES=$WD/scores.txt
: > "$SCORES"
for f in "$CORPUS"/*.pptx "$CORPUS"/*.potx; do
    [ -f "$f" ] || continue
    b=$(basename "$f"); b=${b%.*}
    d=$WD/$b
    rm -rf "$d/ds"; mkdir -p "$d/ds" "$d/lo"
    "$DS" pptx thumbnails "$f" -o "$d/ds" --width $WIDTH --json > "$d/ds.json" 2>/dev/null || continue
    # LibreOffice's images are kept between runs (delete WORK_DIR to redo them).
    if [ -z "$(ls "$d/lo")" ]; then
        timeout 120 soffice -env:UserInstallation=file://$WD/lo_profile --headless --convert-to pdf --outdir "$d" "$f" >/dev/null 2>&1 || continue
        pdf=$(ls "$d"/*.pdf 2>/dev/null | head -1)
        [ -n "$pdf" ] || continue
        pdftoppm -png -scale-to-x $WIDTH -scale-to-y -1 "$pdf" "$d/lo/slide"
    fi
    # LibreOffice skips hidden slides: pair only when the counts agree.
    nds=$(ls "$d/ds" | wc -l); nlo=$(ls "$d/lo" | wc -l)
    [ "$nds" -eq "$nlo" ] || { echo "# $b: $nds vs $nlo slides, skipped" >&2; continue; }
    i=1
    for lo in $(ls "$d/lo" | sort -t- -k2 -n); do
        s=$("$PY" "$SIM" "$d/ds/slide-$i.png" "$d/lo/$lo")
        echo "$s $b $i" >> "$SCORES"
        i=$((i + 1))
    done
done
sort -n "$SCORES"
"$PY" - "$SCORES" <<'PYEOF'
import sys
v = sorted(float(l.split()[0]) for l in open(sys.argv[1]) if l.strip())
if not v:
    print("no slides scored"); sys.exit(0)
pick = lambda q: v[min(len(v) - 1, int(q * (len(v) - 1) + 0.5))]
print("slides %d  median %.3f  p10 %.3f" % (len(v), pick(0.5), pick(0.1)))
PYEOF
