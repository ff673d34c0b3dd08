#!/usr/bin/env python3
"""Cell-text agreement of `docskill pdf tables` with pdfplumber on the corpus
PDFs that hold tables (MANIFEST.tsv features `tables-ruled` / `tables-unruled`).

usage: PYTHON scripts/compare_pdfplumber_tables.py DOCSKILL_BIN [CORPUS_DIR]

PYTHON needs pdfplumber (the bench venv: /work/main/target/bench/venv/bin/python).
Ruled files: docskill `--strategy lines` against pdfplumber's default (lines)
settings. Unruled files: docskill `--strategy text` against pdfplumber with
vertical and horizontal strategy `text`. Per file, the non-empty cell texts of
all tables (whitespace collapsed), keyed by page, are compared as multisets:
precision, recall and F1 (1.0 when both find nothing). A second F1
("F1-ns") compares the cell texts with all whitespace removed: pdfplumber's
default word spacing drops the spaces of tightly set text ("DOCUMENTNO.") and
splits letter-spaced figures ("0 3 / 2 5"), and that column shows whether
the cells themselves agree.
"""
import collections
import json
import os
import statistics
import subprocess
import sys

BIN = sys.argv[1]
CORPUS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "corpus")
TIMEOUT = 120


def norm(s):
    return " ".join((s or "").split())


def plumber(path, text_strategy):
    code = r"""
import json, sys, pdfplumber
settings = {"vertical_strategy": "text", "horizontal_strategy": "text"} if sys.argv[2] == "1" else {}
out = []
with pdfplumber.open(sys.argv[1]) as pdf:
    for i, page in enumerate(pdf.pages, start=1):
        for t in page.extract_tables(settings):
            out.append([i, [[c for c in row] for row in t]])
        page.close()
print(json.dumps(out))
"""
    r = subprocess.run([sys.executable, "-c", code, path, "1" if text_strategy else "0"],
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        raise RuntimeError(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "failed")
    cells = collections.Counter()
    tables = 0
    for page, rows in json.loads(r.stdout):
        tables += 1
        for row in rows:
            for c in row:
                t = norm(c)
                if t:
                    cells[(page, t)] += 1
    return cells, tables


def ours(path, strategy):
    r = subprocess.run([BIN, "pdf", "tables", path, "--strategy", strategy, "--format", "json"],
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        raise RuntimeError(r.stdout.strip()[:200] or r.stderr.strip()[:200])
    data = json.loads(r.stdout)
    cells = collections.Counter()
    for t in data["tables"]:
        for row in t["rows"]:
            for c in row:
                s = norm(c["text"])
                if s:
                    cells[(t["page"], s)] += 1
    return cells, len(data["tables"])


def no_spaces(cells):
    out = collections.Counter()
    for (page, text), n in cells.items():
        out[(page, "".join(text.split()))] += n
    return out


def f1(a, b):
    if not a and not b:
        return 1.0, 1.0, 1.0
    common = sum((a & b).values())
    p = common / sum(a.values()) if a else 0.0
    r = common / sum(b.values()) if b else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    rows = []
    with open(os.path.join(CORPUS, "MANIFEST.tsv")) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 7 or not parts[0].endswith(".pdf"):
                continue
            feats = parts[6].split(",")
            if "tables-ruled" in feats:
                rows.append((parts[0], "lines"))
            elif "tables-unruled" in feats:
                rows.append((parts[0], "text"))
    results = {"lines": [], "text": []}
    results_ns = {"lines": [], "text": []}
    print("%-55s %-5s %6s %6s %6s %6s %4s %4s" % ("file", "strat", "prec", "recall", "F1", "F1-ns", "ours", "plum"))
    for rel, strategy in rows:
        path = os.path.join(CORPUS, rel)
        try:
            a, na = ours(path, strategy)
            b, nb = plumber(path, strategy == "text")
        except Exception as e:  # noqa: BLE001 - reported per file
            print("%-55s %-5s error: %s" % (rel, strategy, str(e)[:80]))
            continue
        p, r, f = f1(a, b)
        _, _, fns = f1(no_spaces(a), no_spaces(b))
        results[strategy].append((f, rel))
        results_ns[strategy].append((fns, rel))
        print("%-55s %-5s %6.3f %6.3f %6.3f %6.3f %4d %4d" % (rel[:55], strategy, p, r, f, fns, na, nb))
    for label, table in (("", results), (" (whitespace ignored)", results_ns)):
        summary(label, table)


def summary(label, results):
    for strategy, res in results.items():
        if not res:
            continue
        fs = sorted(x[0] for x in res)
        print("\n%s%s: %d files, mean F1 %.3f, median %.3f, 10th percentile %.3f" % (
            strategy, label, len(fs), statistics.mean(fs), statistics.median(fs),
            fs[max(0, int(len(fs) * 0.1) - 1)] if len(fs) >= 10 else fs[0]))
        print("worst: " + ", ".join("%s %.2f" % (n, f) for f, n in sorted(res)[:5]))


if __name__ == "__main__":
    main()
