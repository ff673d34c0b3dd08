//! The formula generator of the differential test: a seeded xorshift picks
//! functions, operators and arguments over the grid of `main.rs`.

/// A small deterministic xorshift generator.
pub(crate) struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const NUM_LITS: &[&str] = &[
    "0", "1", "-1", "2", "3.5", "-2.25", "10", "0.1", "1000", "7", "100", "0.5", "12", "-7",
];
const NUM_REFS: &[&str] = &[
    "A1", "A2", "A3", "A4", "A5", "A6", "G1", "G3", "G6", "D1", "D2", "C5", "E3", "E6",
];
const TEXT_LITS: &[&str] = &[
    "\"apple\"",
    "\"Hello World\"",
    "\"  a  b \"",
    "\"\"",
    "\"abc\"",
    "\"7\"",
    "\"x-y-z\"",
    "\"BANANA\"",
];
const TEXT_REFS: &[&str] = &["B1", "B2", "B3", "B4", "B5", "H2"];
const ANY_REFS: &[&str] = &[
    "A1", "A3", "B1", "B3", "C1", "C2", "C4", "C6", "D1", "D2", "E1", "E2", "E5", "F1", "H1",
];
const RANGES: &[&str] = &[
    "A1:A6", "G1:G6", "B1:B6", "C1:C6", "D1:D6", "A1:D6", "A1:A3", "F1:F6",
];
const ERR_RANGES: &[&str] = &["E1:E6", "A1:E6"];
const CRITERIA: &[&str] = &[
    "\">2\"",
    "\"<=0\"",
    "\"apple\"",
    "\"a*\"",
    "\"<>x\"",
    "3",
    "\"=7\"",
    "\"?a*\"",
    "\">=b\"",
    "\"<>\"",
    "\"\"",
    "TRUE",
    "\">=10\"",
];
const DATES: &[&str] = &[
    "F1",
    "F2",
    "F3",
    "F4",
    "F5",
    "F6",
    "45000",
    "DATE(2024,2,29)",
];
const FORMATS: &[&str] = &[
    "\"0.00\"",
    "\"#,##0\"",
    "\"0%\"",
    "\"yyyy-mm-dd\"",
    "\"d mmm yyyy\"",
    "\"0.0E+00\"",
    "\"$#,##0.00\"",
    "\"000\"",
    "\"mmmm\"",
    "\"dddd\"",
];

fn num(r: &mut Rng) -> String {
    if r.below(2) == 0 {
        r.pick(NUM_LITS).to_owned()
    } else {
        r.pick(NUM_REFS).to_owned()
    }
}

fn num_expr(r: &mut Rng, depth: u32) -> String {
    if depth == 0 || r.below(3) == 0 {
        return num(r);
    }
    let a = num_expr(r, depth - 1);
    let b = num_expr(r, depth - 1);
    match r.below(8) {
        0 => format!("{a}+{b}"),
        1 => format!("{a}-{b}"),
        2 => format!("{a}*{b}"),
        3 => format!("{a}/{b}"),
        4 => format!("({a})^2"),
        5 => format!("-{a}"),
        6 => format!("{a}%"),
        _ => format!("({a}+{b})*{}", num(r)),
    }
}

fn text(r: &mut Rng) -> String {
    if r.below(2) == 0 {
        r.pick(TEXT_LITS).to_owned()
    } else {
        r.pick(TEXT_REFS).to_owned()
    }
}

fn small(r: &mut Rng) -> String {
    r.pick(&["0", "1", "2", "3", "-1", "-2", "4"]).to_owned()
}

fn cond(r: &mut Rng) -> String {
    let a = num_expr(r, 1);
    let b = num(r);
    let op = r.pick(&["=", "<>", "<", "<=", ">", ">="]);
    format!("{a}{op}{b}")
}

fn operators(r: &mut Rng) -> String {
    match r.below(6) {
        0 => format!("={}", num_expr(r, 3)),
        1 => format!("={}&{}", r.pick(ANY_REFS), text(r)),
        2 => format!(
            "={}{}{}",
            r.pick(ANY_REFS),
            r.pick(&["=", "<", ">", "<>"]),
            r.pick(ANY_REFS)
        ),
        3 => format!("={}+{}", r.pick(ANY_REFS), num(r)),
        4 => format!("=-{}^{}", num(r), r.pick(&["2", "0.5", "3", "-1"])),
        _ => format!("={}*{}%", num_expr(r, 1), num(r)),
    }
}

fn math(r: &mut Rng) -> String {
    let x = num_expr(r, 1);
    let y = num(r);
    let f = match r.below(18) {
        0 => format!("ROUND({x},{})", small(r)),
        1 => format!("ROUNDUP({x},{})", small(r)),
        2 => format!("ROUNDDOWN({x},{})", small(r)),
        3 => format!("MOD({x},{y})"),
        4 => format!("INT({x})"),
        5 => format!("ABS({x})"),
        6 => format!("POWER({x},{})", r.pick(&["2", "0.5", "3", "-1", "0"])),
        7 => format!("SQRT({x})"),
        8 => format!("LOG({x},{})", r.pick(&["10", "2", "3"])),
        9 => format!("EXP({})", r.pick(&["1", "0", "-1", "2.5", "A3"])),
        10 => format!("SIGN({x})"),
        11 => format!("TRUNC({x},{})", small(r)),
        12 => format!("CEILING({x},{})", r.pick(&["1", "0.5", "2", "-2", "10"])),
        13 => format!("FLOOR({x},{})", r.pick(&["1", "0.5", "2", "-2", "10"])),
        14 => format!("LN({x})"),
        15 => format!("MROUND({x},{})", r.pick(&["2", "0.5", "3"])),
        16 => format!("LOG10({x})"),
        _ => format!("PRODUCT({x},{y})"),
    };
    format!("={f}")
}

fn stats(r: &mut Rng) -> String {
    let rg = if r.below(8) == 0 {
        r.pick(ERR_RANGES)
    } else {
        r.pick(RANGES)
    };
    let f = r.pick(&[
        "SUM",
        "AVERAGE",
        "MIN",
        "MAX",
        "COUNT",
        "COUNTA",
        "MEDIAN",
        "STDEV",
        "VAR",
        "STDEV.P",
        "VAR.P",
        "PRODUCT",
        "SUMSQ",
        "LARGE",
        "SMALL",
        "COUNTBLANK",
    ]);
    match f {
        "LARGE" | "SMALL" => format!("={f}({rg},{})", r.pick(&["1", "2", "3"])),
        "COUNTBLANK" => format!("=COUNTBLANK({rg})"),
        _ => match r.below(3) {
            0 => format!("={f}({rg})"),
            1 => format!("={f}({rg},{})", num(r)),
            _ => format!("={f}({},{},{})", num(r), num(r), num(r)),
        },
    }
}

fn logic(r: &mut Rng) -> String {
    let c = cond(r);
    match r.below(9) {
        0 => format!("=IF({c},{},{})", num(r), text(r)),
        1 => format!("=IFS({c},1,{},2,TRUE,3)", cond(r)),
        2 => format!("=IFERROR({},{})", r.pick(ANY_REFS), num(r)),
        3 => format!("=AND({c},{})", cond(r)),
        4 => format!("=OR({c},{})", r.pick(&["C1", "C2", "C4", "FALSE", "A3"])),
        5 => format!("=NOT({})", r.pick(&["A1", "A3", "C1", "C2", "D1", "TRUE"])),
        6 => format!("=XOR({c},{},{})", cond(r), r.pick(&["TRUE", "FALSE"])),
        7 => format!(
            "=SWITCH({},1,\"one\",2,\"two\",3,\"three\",\"other\")",
            r.pick(&["D2", "D4", "D6", "G2", "A1", "1"])
        ),
        _ => format!(
            "=CHOOSE({},{},{},{})",
            r.pick(&["1", "2", "3", "D4", "2.7"]),
            num(r),
            text(r),
            num(r)
        ),
    }
}

fn criteria(r: &mut Rng) -> String {
    let rg = r.pick(&["A1:A6", "B1:B6", "C1:C6", "D1:D6", "H1:H6", "G1:G6"]);
    let sum = r.pick(&["A1:A6", "G1:G6", "F1:F6"]);
    let c = r.pick(CRITERIA);
    match r.below(6) {
        0 => format!("=COUNTIF({rg},{c})"),
        1 => format!("=SUMIF({rg},{c},{sum})"),
        2 => format!("=AVERAGEIF({rg},{c},{sum})"),
        3 => format!(
            "=COUNTIFS({rg},{c},{},{})",
            r.pick(&["A1:A6", "G1:G6"]),
            r.pick(CRITERIA)
        ),
        4 => format!(
            "=SUMIFS({sum},{rg},{c},{},{})",
            r.pick(&["A1:A6", "G1:G6"]),
            r.pick(CRITERIA)
        ),
        _ => format!("=AVERAGEIFS({sum},{rg},{c})"),
    }
}

fn texts(r: &mut Rng) -> String {
    let t = text(r);
    let f = match r.below(17) {
        0 => format!("LEFT({t},{})", small(r)),
        1 => format!("RIGHT({t},{})", small(r)),
        2 => format!("MID({t},{},{})", r.pick(&["1", "2", "3", "0"]), small(r)),
        3 => format!("LEN({t})"),
        4 => format!("UPPER({t})"),
        5 => format!("LOWER({t})"),
        6 => format!("TRIM({t})"),
        7 => format!("CONCAT({t},{},{})", num(r), text(r)),
        8 => format!(
            "TEXTJOIN(\"-\",{},{},{})",
            r.pick(&["TRUE", "FALSE"]),
            t,
            r.pick(RANGES)
        ),
        9 => format!("SUBSTITUTE({t},\"a\",\"o\")"),
        10 => format!(
            "REPLACE({t},{},{},\"Z\")",
            r.pick(&["1", "2", "3"]),
            small(r)
        ),
        11 => format!("FIND(\"a\",{t})"),
        12 => format!("SEARCH(\"{}\",{t})", r.pick(&["b", "A", "?b", "l*o"])),
        13 => format!(
            "VALUE({})",
            r.pick(&[
                "\"12\"",
                "\"1,234.5\"",
                "B3",
                "\"3%\"",
                "\"abc\"",
                "A1",
                "\" 7 \""
            ])
        ),
        14 => format!("TEXT({},{})", num_expr(r, 1), r.pick(FORMATS)),
        15 => format!("REPT({t},{})", r.pick(&["0", "1", "3"])),
        _ => format!("EXACT({t},{})", text(r)),
    };
    format!("={f}")
}

fn lookups(r: &mut Rng) -> String {
    let key_num = r.pick(&["3", "4", "13", "0", "8", "5.5", "A1", "D4"]);
    let key_text = r.pick(&["\"c\"", "\"C\"", "\"z\"", "\"a\"", "H3"]);
    match r.below(10) {
        0 => format!("=VLOOKUP({key_num},G1:H6,2,{})", r.pick(&["FALSE", "TRUE"])),
        1 => format!("=MATCH({key_num},G1:G6,{})", r.pick(&["0", "1", "-1"])),
        2 => format!("=MATCH({key_text},H1:H6,0)"),
        3 => format!(
            "=INDEX(A1:H6,{},{})",
            r.pick(&["1", "3", "6", "7"]),
            r.pick(&["1", "2", "8", "0"])
        ),
        4 => format!("=XLOOKUP({key_text},H1:H6,G1:G6,\"none\")"),
        5 => format!(
            "=XLOOKUP({key_num},G1:G6,H1:H6,,{})",
            r.pick(&["0", "-1", "1"])
        ),
        6 => format!("=XMATCH({key_num},G1:G6,{})", r.pick(&["0", "-1", "1"])),
        7 => format!(
            "=HLOOKUP({key_text},{{\"a\",\"b\",\"c\";1,2,3}},2,{})",
            r.pick(&["FALSE", "TRUE"])
        ),
        8 => format!("=LOOKUP({key_num},G1:G6,H1:H6)"),
        _ => format!("=INDEX(G1:G6,MATCH({key_text},H1:H6,0))"),
    }
}

fn dates(r: &mut Rng) -> String {
    let d = r.pick(DATES);
    let e = r.pick(DATES);
    let f = match r.below(10) {
        0 => format!(
            "DATE({},{},{})",
            r.pick(&["2024", "1999", "2000", "1900", "99"]),
            r.pick(&["1", "2", "12", "13", "0", "-1"]),
            r.pick(&["1", "29", "31", "0", "40"])
        ),
        1 => format!("YEAR({d})"),
        2 => format!("MONTH({d})"),
        3 => format!("DAY({d})"),
        4 => format!("EDATE({d},{})", r.pick(&["1", "-1", "12", "0", "25"])),
        5 => format!("EOMONTH({d},{})", r.pick(&["1", "-1", "0", "2"])),
        6 => format!("WEEKDAY({d},{})", r.pick(&["1", "2", "3"])),
        7 => format!(
            "DATEDIF(MIN({d},{e}),MAX({d},{e}),{})",
            r.pick(&["\"Y\"", "\"M\"", "\"D\"", "\"YM\"", "\"YD\"", "\"MD\""])
        ),
        8 => format!("NETWORKDAYS({d},{e})"),
        _ => format!("DAYS({d},{e})"),
    };
    format!("={f}")
}

fn financial(r: &mut Rng) -> String {
    let rate = r.pick(&["0.05", "0.1/12", "0.08", "0", "0.07/4"]);
    let n = r.pick(&["12", "36", "10", "360"]);
    let pv = r.pick(&["1000", "-5000", "200000", "A4*100"]);
    let f = match r.below(8) {
        0 => format!("PMT({rate},{n},{pv})"),
        1 => format!(
            "FV({rate},{n},{},{})",
            r.pick(&["-100", "-200", "0"]),
            r.pick(&["0", "-1000"])
        ),
        2 => format!("PV({rate},{n},{})", r.pick(&["-100", "-200", "500"])),
        3 => format!("NPV({rate},{},{},{})", num(r), num(r), num(r)),
        4 => format!(
            "IRR({{-1000,{},{},{}}})",
            r.pick(&["300", "500", "100"]),
            r.pick(&["400", "600"]),
            r.pick(&["500", "200", "700"])
        ),
        5 => format!(
            "RATE({n},{},{})",
            r.pick(&["-100", "-300", "-1000"]),
            r.pick(&["1000", "5000", "8000"])
        ),
        6 => format!(
            "NPER({},{},{})",
            r.pick(&["0.05", "0.01", "0.1/12"]),
            r.pick(&["-100", "-300"]),
            r.pick(&["1000", "5000"])
        ),
        _ => format!("PMT({rate},{n},{pv},{},1)", r.pick(&["0", "1000"])),
    };
    format!("={f}")
}

fn info(r: &mut Rng) -> String {
    let x = r.pick(ANY_REFS);
    let f = r.pick(&[
        "ISNUMBER",
        "ISTEXT",
        "ISBLANK",
        "ISERROR",
        "ISNA",
        "TYPE",
        "N",
        "ISLOGICAL",
        "ISERR",
    ]);
    format!("={f}({x})")
}

fn audited(r: &mut Rng) -> String {
    let x = num_expr(r, 1);
    let rg = r.pick(&["A1:A6", "G1:G6", "F1:F6", "A1:D6"]);
    let f = match r.below(12) {
        0 => format!("FACT({})", r.pick(&["0", "5", "3.7", "-1", "G4"])),
        1 => format!(
            "GCD({},{})",
            r.pick(&["12", "18", "G6", "0"]),
            r.pick(&["8", "27", "G4"])
        ),
        2 => format!(
            "LCM({},{})",
            r.pick(&["4", "6", "G3"]),
            r.pick(&["10", "15", "G5"])
        ),
        3 => format!(
            "COMBIN({},{})",
            r.pick(&["10", "8", "5"]),
            r.pick(&["2", "3", "0", "5"])
        ),
        4 => format!(
            "PERMUT({},{})",
            r.pick(&["10", "8", "5"]),
            r.pick(&["2", "3", "0"])
        ),
        5 => format!("{}({x})", r.pick(&["EVEN", "ODD"])),
        6 => format!("QUOTIENT({x},{})", r.pick(&["2", "-3", "0.5"])),
        7 => format!(
            "PERCENTILE({rg},{})",
            r.pick(&["0", "0.25", "0.5", "0.9", "1"])
        ),
        8 => format!("QUARTILE({rg},{})", r.pick(&["0", "1", "2", "3", "4"])),
        9 => format!(
            "{}(A1:A6,G1:G6)",
            r.pick(&[
                "CORREL",
                "SLOPE",
                "INTERCEPT",
                "RSQ",
                "COVARIANCE.P",
                "COVARIANCE.S",
                "PEARSON"
            ])
        ),
        10 => format!("FORECAST({},A1:A6,G1:G6)", num(r)),
        _ => format!(
            "{}({rg})",
            r.pick(&[
                "GEOMEAN",
                "HARMEAN",
                "AVEDEV",
                "DEVSQ",
                "MODE.SNGL",
                "AVERAGEA",
                "MAXA",
                "MINA"
            ])
        ),
    };
    format!("={f}")
}

fn audited_dates_finance(r: &mut Rng) -> String {
    let x = num_expr(r, 1);
    let d = r.pick(DATES);
    let f = match r.below(12) {
        0 => format!(
            "NORM.DIST({x},{},{},{})",
            r.pick(&["0", "1", "5"]),
            r.pick(&["1", "2.5"]),
            r.pick(&["TRUE", "FALSE"])
        ),
        1 => format!(
            "NORM.INV({},{},{})",
            r.pick(&["0.1", "0.5", "0.975", "0.001"]),
            r.pick(&["0", "10"]),
            r.pick(&["1", "3"])
        ),
        2 => format!("NORM.S.DIST({x},TRUE)"),
        3 => format!(
            "YEARFRAC({d},{},{})",
            r.pick(DATES),
            r.pick(&["0", "1", "2", "3", "4"])
        ),
        4 => format!(
            "DAYS360({d},{},{})",
            r.pick(DATES),
            r.pick(&["FALSE", "TRUE"])
        ),
        5 => format!("WEEKNUM({d},{})", r.pick(&["1", "2", "11", "21"])),
        6 => format!("ISOWEEKNUM({d})"),
        7 => format!(
            "DATEVALUE({})",
            r.pick(&[
                "\"2024-01-15\"",
                "\"1/15/2024\"",
                "\"15-Jan-2024\"",
                "\"abc\"",
                "\"2011/02/23\""
            ])
        ),
        8 => format!(
            "{}({},{},{},8000)",
            r.pick(&["IPMT", "PPMT"]),
            r.pick(&["0.1/12", "0.05"]),
            r.pick(&["1", "3", "12"]),
            r.pick(&["12", "36"])
        ),
        9 => format!(
            "{}({},{})",
            r.pick(&["EFFECT", "NOMINAL"]),
            r.pick(&["0.05", "0.1", "0.0525"]),
            r.pick(&["4", "12", "1"])
        ),
        10 => format!(
            "{}(30000,7500,10,{})",
            r.pick(&["SYD", "DDB", "DB"]),
            r.pick(&["1", "2", "5", "10"])
        ),
        _ => format!(
            "{}({},{})",
            r.pick(&["MROUND", "FLOOR.MATH", "CEILING.MATH"]),
            x,
            r.pick(&["2", "0.5", "5"])
        ),
    };
    format!("={f}")
}

fn distributions(r: &mut Rng) -> String {
    let x = r.pick(&["0.5", "1.96", "-1", "2", "0", "3.5", "A5"]);
    let f = match r.below(7) {
        0 => format!(
            "T.DIST({x},{},{})",
            r.pick(&["1", "5", "30"]),
            r.pick(&["TRUE", "FALSE"])
        ),
        1 => format!(
            "T.INV({},{})",
            r.pick(&["0.05", "0.5", "0.975", "0.9"]),
            r.pick(&["1", "5", "30"])
        ),
        2 => format!(
            "T.DIST.2T({},{})",
            r.pick(&["0.5", "1.96", "3"]),
            r.pick(&["2", "10"])
        ),
        3 => format!(
            "EXPON.DIST({},{},{})",
            r.pick(&["0.2", "1", "3"]),
            r.pick(&["0.5", "10"]),
            r.pick(&["TRUE", "FALSE"])
        ),
        4 => format!(
            "POISSON.DIST({},{},{})",
            r.pick(&["0", "2", "7"]),
            r.pick(&["1", "5", "2.5"]),
            r.pick(&["TRUE", "FALSE"])
        ),
        5 => format!(
            "BINOM.DIST({},10,{},{})",
            r.pick(&["0", "3", "6", "10"]),
            r.pick(&["0.5", "0.1", "0.9"]),
            r.pick(&["TRUE", "FALSE"])
        ),
        _ => format!(
            "CONFIDENCE.NORM({},{},{})",
            r.pick(&["0.05", "0.1"]),
            r.pick(&["1", "2.5"]),
            r.pick(&["10", "50"])
        ),
    };
    format!("={f}")
}

/// `LET`, `LAMBDA` and dynamic arrays, reduced to one value.
fn dynamic(r: &mut Rng) -> String {
    let x = num_expr(r, 1);
    let t = text(r);
    let f = match r.below(16) {
        0 => format!("LET(a,{x},b,{},a*b+a)", num(r)),
        1 => format!("LAMBDA(v,v*v+1)({x})"),
        2 => format!("LET(f,LAMBDA(p,q,p-q),f({x},{}))", num(r)),
        3 => format!("SUM(MAP(A1:A6,LAMBDA(v,v*{})))", num(r)),
        4 => format!("REDUCE(0,G1:G6,LAMBDA(acc,v,acc+v*{}))", num(r)),
        5 => format!(
            "INDEX(SCAN(0,G1:G6,LAMBDA(acc,v,acc+v)),{})",
            r.pick(&["1", "3", "6"])
        ),
        6 => format!("SUM(BYROW(A1:A6,LAMBDA(row,SUM(row)*{})))", num(r)),
        7 => format!(
            "INDEX(SORT(A1:A6,1,{}),{})",
            r.pick(&["1", "-1"]),
            r.pick(&["1", "2", "6"])
        ),
        8 => format!(
            "INDEX(SORTBY(H1:H6,G1:G6,{}),{})",
            r.pick(&["1", "-1"]),
            r.pick(&["1", "4"])
        ),
        9 => format!("SUM(FILTER(G1:G6,G1:G6>{}))", r.pick(&["2", "5", "0"])),
        10 => format!(
            "ROWS(UNIQUE({}))",
            r.pick(&["{1;2;2;3}", "H1:H6", "D1:D6", "{\"a\";\"A\";\"b\"}"])
        ),
        11 => format!(
            "SUM(SEQUENCE({},{},{},{}))",
            r.pick(&["1", "3", "5"]),
            r.pick(&["1", "2"]),
            num(r),
            r.pick(&["1", "-1", "0.5"])
        ),
        12 => format!(
            "SUM(VSTACK(A1:A3,G1:G2))+SUM(HSTACK({},{}))",
            num(r),
            num(r)
        ),
        13 => format!(
            "SUM(TAKE(G1:G6,{}))+SUM(DROP(G1:G6,{}))",
            r.pick(&["2", "-2"]),
            r.pick(&["1", "-3"])
        ),
        14 => format!(
            "TEXTBEFORE({t},{})&\"|\"&TEXTAFTER({t},{})",
            r.pick(&["\" \"", "\"-\"", "\"a\""]),
            r.pick(&["\" \"", "\"-\"", "\"a\""])
        ),
        _ => format!(
            "INDEX(XLOOKUP({},G1:G6,A1:A6,0,{}),1)",
            r.pick(&["3", "4", "13"]),
            r.pick(&["0", "-1", "1"])
        ),
    };
    format!("={f}")
}

/// Every generated formula, in a fixed order.
pub(crate) fn formulas(count: usize) -> Vec<String> {
    let gens: &[fn(&mut Rng) -> String] = &[
        operators,
        math,
        stats,
        logic,
        criteria,
        texts,
        lookups,
        dates,
        financial,
        info,
        audited,
        audited_dates_finance,
        dynamic,
        distributions,
    ];
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    (0..count).map(|i| gens[i % gens.len()](&mut r)).collect()
}

/// `OFFSET` and `INDIRECT` over the grid (A1:H6): references computed while
/// evaluating, used as values, as ranges of other functions, with `:`, nested,
/// and their `#REF!` cases. A separate batch, so the formulas of
/// [`formulas`] stay the same.
fn references(r: &mut Rng) -> String {
    let rows = r.pick(&["0", "1", "3", "5", "-1", "2.7"]);
    let cols = r.pick(&["0", "1", "6", "7", "-1"]);
    let h = r.pick(&["1", "2", "3", "-2", "0", "6"]);
    let w = r.pick(&["1", "2", "-1"]);
    let cell = r.pick(&[
        "A1",
        "B2",
        "G3",
        "H4",
        "Z9",
        "Sheet1!G2",
        "'Sheet1'!A1",
        "XFE1",
        "A0",
        "1+1",
        "g5",
        "E1",
        "$G$2",
    ]);
    match r.below(14) {
        0 => format!("=OFFSET(A1,{rows},{cols})"),
        1 => format!("=SUM(OFFSET(G1,{rows},0,{h},{w}))"),
        2 => format!("=INDIRECT(\"{}\")", cell.replace('"', "\"\"")),
        3 => format!("=SUM(INDIRECT(\"G1:G{}\"))", r.pick(&["1", "3", "6", "9"])),
        4 => format!(
            "=INDIRECT(\"R{}C{}\",FALSE)",
            r.pick(&["1", "2", "6", "0"]),
            r.pick(&["1", "7", "8"])
        ),
        5 => format!(
            "=COUNTIF(OFFSET(A1,0,{},6,1),\">2\")",
            r.pick(&["0", "3", "6"])
        ),
        6 => format!(
            "=VLOOKUP({},OFFSET(G1,0,0,{},2),2,FALSE)",
            r.pick(&["3", "8", "13", "4"]),
            r.pick(&["3", "6"])
        ),
        7 => format!("=ROWS(OFFSET(A1,1,1,{h},{w}))+COLUMNS(OFFSET(A1,1,1,{h},{w}))"),
        8 => format!("=SUM(G1:OFFSET(G1,{rows},0))"),
        9 => format!(
            "=OFFSET(INDIRECT(\"B2\"),{},{})",
            r.pick(&["1", "0", "-2"]),
            r.pick(&["1", "5"])
        ),
        10 => format!("=ISREF(INDIRECT(\"{cell}\"))"),
        11 => format!(
            "=INDIRECT(ADDRESS({},{}))",
            r.pick(&["1", "3", "6"]),
            r.pick(&["1", "4", "7", "8"])
        ),
        12 => format!("=SUMPRODUCT(OFFSET(G1,0,0,{},1)*2)", r.pick(&["2", "6"])),
        _ => format!("=MATCH({},OFFSET(G1,0,0,6,1),0)", r.pick(&["5", "13", "4"])),
    }
}

/// `count` formulas of [`references`].
pub(crate) fn reference_formulas(count: usize) -> Vec<String> {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    (0..count).map(|_| references(&mut r)).collect()
}
