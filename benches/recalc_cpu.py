"""Whole-process wall time, CPU time (user + sys) and peak RSS of `docskill xlsx recalc`,
one or more binaries alternated N times, with the load average at the start and the end.
CPU time is the steadier measure on a shared machine.

usage: python3 benches/recalc_cpu.py N INPUT.xlsx DOCSKILL [DOCSKILL...]"""
import os
import statistics
import subprocess
import sys
import tempfile

out = os.path.join(tempfile.mkdtemp(prefix="recalc_cpu."), "out.xlsx")
n=int(sys.argv[1]); inp=sys.argv[2]; bins=sys.argv[3:]
res={b:{'wall':[],'cpu':[],'rss':[]} for b in bins}
print("load at start", os.getloadavg())
for _ in range(n):
    for b in bins:
        r=subprocess.run(["/usr/bin/time","-f","%e %U %S %M",b,"xlsx","recalc",inp,"-o",out],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,text=True,check=True)
        e,u,s,m=r.stderr.strip().split('\n')[-1].split()
        res[b]['wall'].append(float(e)); res[b]['cpu'].append(float(u)+float(s)); res[b]['rss'].append(int(m)/1024)
print("load at end", os.getloadavg())
for b,v in res.items():
    print(f"{b}: wall median {statistics.median(v['wall']):.2f} s (min {min(v['wall']):.2f}), cpu median {statistics.median(v['cpu']):.2f} s (min {min(v['cpu']):.2f}), peak RSS {max(v['rss']):.0f} MiB")
