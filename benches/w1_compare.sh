#!/usr/bin/env bash
# W1 side by side, whole process: docskill xlsx build (release) against openpyxl and
# rust_xlsxwriter's Python sibling, with wall time and peak memory from /usr/bin/time -v.
# usage: bash benches/w1_compare.sh [ROWS] [PYTHON]   (run from the repository root)
set -euo pipefail
rows=${1:-100000}
py=${2:-target/interop-venv/bin/python}
bench=../shared/bench
work=target/bench-w1
mkdir -p "$work"
cargo build --release --quiet
"$py" benches/w1_spec.py "$rows" "$work/w1.json" "$bench"
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt"
  printf '%-28s %8s s %8.1f MiB\n' "$label" \
    "$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')" \
    "$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF / 1024}')"
}
for _ in 1 2 3; do
  measure "docskill xlsx build" target/release/docskill xlsx build "$work/w1.json" -o "$work/docskill.xlsx"
  measure "openpyxl" "$py" "$bench/w1_openpyxl_write.py" "$rows" "$work/openpyxl.xlsx"
  measure "openpyxl write_only" "$py" "$bench/w1_openpyxl_write.py" "$rows" "$work/openpyxl_wo.xlsx" write_only
  measure "docskill xlsx read (json)" target/release/docskill xlsx read "$work/docskill.xlsx" --format json
done
