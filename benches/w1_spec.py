"""W1 as an xlsx.build spec: the rows of ../shared/bench/w1_*_write.py (same seed, same
values, formula column =A*B+C) written as JSON. usage: ROWS OUT.json [BENCH_DIR]"""
import json
import sys

sys.path.insert(0, sys.argv[3] if len(sys.argv) > 3 else "../shared/bench")
from common import HEADER, rng, row_values  # noqa: E402

rows, out = int(sys.argv[1]), sys.argv[2]
r = rng()
data = [HEADER]
for i in range(1, rows + 1):
    rr = i + 1
    data.append(row_values(r, i) + [{"formula": f"=A{rr}*B{rr}+C{rr}"}])
with open(out, "w") as f:
    json.dump({"sheets": [{"name": "Data", "rows": data}]}, f, separators=(",", ":"))
