"""Generate the 1,000,000-formula recalc workload of issue 5 (W3's big brother).

Sheets:
  Data   ROWS rows: id, category (text, 105 values), qty, price, key
  Table  10,000 rows: key 1..10000, category (100 values), amount, rate
  Calc   ROWS rows x 4 formulas:
           A  =Data!C{r}*Data!D{r}+1                                  arithmetic
           B  =SUMIFS(Table!$C$2:$C$10001,Table!$B$2:$B$10001,Data!B{r})
           C  =_xlfn.XLOOKUP(Data!E{r},Table!$A$2:$A$10001,Table!$D$2:$D$10001)
           D  =IF(A{r}>2500,"high","low")
About 1% of the XLOOKUP keys are missing (#N/A) and 5 categories have no table
rows (SUMIFS gives 0), so the error report has something to find.

The package is written directly (no cached values, inline strings), the way
openpyxl writes W3, so no spreadsheet library is needed and 1,000,000 formulas
take seconds.

usage: python3 scripts/gen_recalc_1m.py [ROWS] [OUT]
       (default 250000 rows -> 1,000,000 formulas, target/bench/data/recalc_1m.xlsx)
"""

import os
import sys
import zipfile

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 250_000
OUT = sys.argv[2] if len(sys.argv) > 2 else "target/bench/data/recalc_1m.xlsx"
TABLE = 10_000

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEETS = ["Data", "Table", "Calc"]


class Lcg:
    """Fixed-seed generator so every run writes the same file."""

    def __init__(self, seed):
        self.s = seed

    def next(self):
        self.s = (self.s * 6364136223846793005 + 1) % (1 << 64)
        return (self.s >> 11) / float(1 << 53)


def col(c):
    return "ABCDEFGH"[c]


def text_cell(ref, s):
    return f'<c r="{ref}" t="inlineStr"><is><t>{s}</t></is></c>'


def num_cell(ref, x):
    return f'<c r="{ref}" t="n"><v>{x}</v></c>'


def sheet(rows_xml, last_ref):
    head = (
        f"<worksheet {NS}><dimension ref=\"A1:{last_ref}\"/>"
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/><sheetData>'
    )
    yield head
    yield from rows_xml
    yield "</sheetData></worksheet>"


def row(r, cells):
    return f'<row r="{r}">' + "".join(cells) + "</row>"


def data_rows(rng):
    yield row(1, [text_cell(f"{col(i)}1", h) for i, h in enumerate(["id", "cat", "qty", "price", "key"])])
    for i in range(1, ROWS + 1):
        r = i + 1
        cat = f"C{(i * 37) % 105}"
        qty = 1 + int(rng.next() * 50) % 50
        price = round(rng.next() * 100, 2)
        key = (i * 7919) % (TABLE + TABLE // 100) + 1
        yield row(r, [num_cell(f"A{r}", i), text_cell(f"B{r}", cat), num_cell(f"C{r}", qty),
                      num_cell(f"D{r}", price), num_cell(f"E{r}", key)])


def table_rows(rng):
    yield row(1, [text_cell(f"{col(i)}1", h) for i, h in enumerate(["key", "cat", "amount", "rate"])])
    for k in range(1, TABLE + 1):
        r = k + 1
        yield row(r, [num_cell(f"A{r}", k), text_cell(f"B{r}", f"c{k % 100}"),
                      num_cell(f"C{r}", round(rng.next() * 1000, 2)),
                      num_cell(f"D{r}", round(0.5 + rng.next(), 4))])


def calc_rows():
    yield row(1, [text_cell(f"{col(i)}1", h) for i, h in enumerate(["amount", "by_cat", "rate", "band"])])
    t = TABLE + 1
    for i in range(1, ROWS + 1):
        r = i + 1
        yield (
            f'<row r="{r}">'
            f'<c r="A{r}"><f>Data!C{r}*Data!D{r}+1</f><v></v></c>'
            f'<c r="B{r}"><f>SUMIFS(Table!$C$2:$C${t},Table!$B$2:$B${t},Data!B{r})</f><v></v></c>'
            f'<c r="C{r}"><f>_xlfn.XLOOKUP(Data!E{r},Table!$A$2:$A${t},Table!$D$2:$D${t})</f><v></v></c>'
            f'<c r="D{r}"><f>IF(A{r}&gt;2500,"high","low")</f><v></v></c>'
            "</row>"
        )


def info(name):
    """Fixed timestamp, so the same ROWS always give the same bytes."""
    i = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    i.compress_type = zipfile.ZIP_DEFLATED
    return i


def write_stream(z, name, parts):
    with z.open(info(name), "w", force_zip64=True) as f:
        buf = []
        size = 0
        for p in parts:
            buf.append(p)
            size += len(p)
            if size > 1 << 20:
                f.write("".join(buf).encode())
                buf, size = [], 0
        f.write("".join(buf).encode())


def main():
    os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
    rng = Lcg(777)
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        + "".join(
            f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(len(SHEETS))
        )
        + "</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    )
    wb = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<workbook {NS} xmlns:r="{REL}"><workbookPr/><sheets>'
        + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(SHEETS))
        + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )
    wb_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(
            f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
            for i in range(len(SHEETS))
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr(info("[Content_Types].xml"), ct)
        z.writestr(info("_rels/.rels"), root_rels)
        z.writestr(info("xl/workbook.xml"), wb)
        z.writestr(info("xl/_rels/workbook.xml.rels"), wb_rels)
        write_stream(z, "xl/worksheets/sheet1.xml", sheet(data_rows(rng), f"E{ROWS + 1}"))
        write_stream(z, "xl/worksheets/sheet2.xml", sheet(table_rows(rng), f"D{TABLE + 1}"))
        write_stream(z, "xl/worksheets/sheet3.xml", sheet(calc_rows(), f"D{ROWS + 1}"))
    print(f"{OUT}: {ROWS * 4:,} formulas")


if __name__ == "__main__":
    main()
