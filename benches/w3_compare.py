"""Side by side, whole process: `docskill xlsx recalc` (one or more binaries) and
LibreOffice's `--convert-to xlsx` (the W3 reference of ../shared/bench), alternated
N times in the same minutes, with the load average at the start and the end.

usage: python3 benches/w3_compare.py N INPUT.xlsx DOCSKILL [DOCSKILL...]
       NO_LO=1 to leave LibreOffice out (e.g. for the 1M-formula file)."""
import os
import statistics
import subprocess
import sys
import tempfile
import time

n, inp, bins = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
work = tempfile.mkdtemp(prefix="w3_compare.")


def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


lo = ["soffice", f"-env:UserInstallation=file://{work}/lo_profile", "--headless",
      "--convert-to", "xlsx", "--outdir", f"{work}/lo_out", inp]
res = {b: [] for b in bins}
res["libreoffice"] = []
with_lo = os.environ.get("NO_LO") != "1"
if with_lo:
    run(lo)  # first start creates the profile
print("load average at start", os.getloadavg())
for _ in range(n):
    for b in bins:
        res[b].append(run([b, "xlsx", "recalc", inp, "-o", f"{work}/out.xlsx"]))
    if with_lo:
        res["libreoffice"].append(run(lo))
print("load average at end", os.getloadavg())
for k, v in res.items():
    if v:
        print(f"{k}: median {statistics.median(v):.3f} s, min {min(v):.3f}, max {max(v):.3f} ({len(v)} runs)")
