#!/usr/bin/env bash
# W4 side by side: 100 tracked replacements in the 200-page reference document,
# docskill vs the usual Python approach (minidom over document.xml,
# ../shared/bench/w4_docx_tracked.py). Prints the median of 5 runs of each.
# usage: bash scripts/bench-w4.sh   (needs ../shared/bench and network access to PyPI once)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench
out=target/bench/w4
venv=target/bench-venv
mkdir -p "$out"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q python-docx==1.2.0 defusedxml==0.7.1
fi
[ -f "$out/w4.docx" ] || (cd "$bench" && "$OLDPWD/$venv/bin/python" gen_w4.py "$OLDPWD/$out/w4.docx" "$OLDPWD/$out/w4_pairs.json")
"$venv/bin/python" - "$out/w4_pairs.json" "$out/edits.json" <<'PY'
import json, sys
pairs = json.load(open(sys.argv[1]))
json.dump([{"replace": {"find": o, "replace": n}} for o, n in pairs], open(sys.argv[2], "w"))
PY
cargo build --release -q
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_runs() { for _ in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done | median; }
ours=$(time_runs target/release/docskill docx edit "$out/w4.docx" -o "$out/ours.docx" --author Agent --date 2026-01-01 --edits "$out/edits.json")
theirs=$(time_runs "$venv/bin/python" "$bench/w4_docx_tracked.py" "$out/w4.docx" "$out/w4_pairs.json" "$out/theirs.docx")
single=$(time_runs "$venv/bin/python" "$bench/w4_docx_tracked.py" "$out/w4.docx" "$out/w4_pairs.json" "$out/theirs1.docx" single-pass)
echo "W4, 100 tracked replacements in 200 pages (median of 5, whole process):"
echo "  docskill docx edit             ${ours} ms"
echo "  python minidom (per edit scan) ${theirs} ms  ($(( theirs / (ours > 0 ? ours : 1) ))x)"
echo "  python minidom (single pass)   ${single} ms  ($(( single / (ours > 0 ? ours : 1) ))x)"
target/release/docskill docx changes "$out/ours.docx" | tail -1
