//! The functions added by the function audit, each against the examples of
//! Excel's documentation for it (results the documentation shows rounded are
//! compared through `ROUND` to the shown digits).

mod common;

use common::Want::{B, E, N, T};
use common::check;
use docskill_formula::ErrorKind;

#[test]
fn math() {
    check(&[
        ("=FACT(5)", N(120.0)),
        ("=FACT(1.9)", N(1.0)),
        ("=FACT(0)", N(1.0)),
        ("=FACT(-1)", E(ErrorKind::Num)),
        ("=FACTDOUBLE(6)", N(48.0)),
        ("=FACTDOUBLE(7)", N(105.0)),
        ("=COMBIN(8,2)", N(28.0)),
        ("=PERMUT(100,3)", N(970_200.0)),
        ("=PERMUT(3,2)", N(6.0)),
        ("=GCD(5,2)", N(1.0)),
        ("=GCD(24,36)", N(12.0)),
        ("=GCD(5,0)", N(5.0)),
        ("=GCD(5,-1)", E(ErrorKind::Num)),
        ("=LCM(5,2)", N(10.0)),
        ("=LCM(24,36)", N(72.0)),
        ("=EVEN(1.5)", N(2.0)),
        ("=EVEN(3)", N(4.0)),
        ("=EVEN(2)", N(2.0)),
        ("=EVEN(-1)", N(-2.0)),
        ("=ODD(1.5)", N(3.0)),
        ("=ODD(3)", N(3.0)),
        ("=ODD(2)", N(3.0)),
        ("=ODD(-1)", N(-1.0)),
        ("=ODD(-2)", N(-3.0)),
        ("=QUOTIENT(5,2)", N(2.0)),
        ("=QUOTIENT(4.5,3.1)", N(1.0)),
        ("=QUOTIENT(-10,3)", N(-3.0)),
        ("=QUOTIENT(1,0)", E(ErrorKind::Div0)),
        ("=SUMSQ(3,4)", N(25.0)),
        ("=FLOOR.PRECISE(-3.2,-1)", N(-4.0)),
        ("=FLOOR.PRECISE(3.2,1)", N(3.0)),
        ("=FLOOR.PRECISE(-3.2,1)", N(-4.0)),
        ("=FLOOR.PRECISE(3.2,-1)", N(3.0)),
        ("=FLOOR.PRECISE(3.2)", N(3.0)),
        ("=CEILING.PRECISE(4.3)", N(5.0)),
        ("=CEILING.PRECISE(-4.3)", N(-4.0)),
        ("=CEILING.PRECISE(4.3,2)", N(6.0)),
        ("=CEILING.PRECISE(4.3,-2)", N(6.0)),
        ("=CEILING.PRECISE(-4.3,2)", N(-4.0)),
        ("=ISO.CEILING(-4.3,-2)", N(-4.0)),
        ("=ROUND(SINH(1),9)", N(1.175_201_194)),
        ("=COSH(0)", N(1.0)),
        ("=TANH(0)", N(0.0)),
        ("=ROUND(SQRTPI(1),9)", N(1.772_453_851)),
        ("=SUM(SEQUENCE(4,5))", N(210.0)),
        ("=INDEX(SEQUENCE(4,5),2,3)", N(8.0)),
        ("=INDEX(SEQUENCE(3,1,10,-2),3)", N(6.0)),
        ("=SEQUENCE(0)", E(ErrorKind::Calc)),
        ("=BASE(7,2)", T("111")),
        ("=BASE(100,16)", T("64")),
        ("=BASE(15,2,10)", T("0000001111")),
        ("=DECIMAL(\"FF\",16)", N(255.0)),
        ("=DECIMAL(111,2)", N(7.0)),
        ("=DECIMAL(\"zap\",36)", N(45_745.0)),
    ]);
}

#[test]
fn statistics() {
    check(&[
        ("=AVERAGEA(A1:A5,C1:C5)", N(1.5)),
        ("=MAXA(C1:C5)", N(0.0)),
        ("=MINA(A1:A5,TRUE)", N(1.0)),
        ("=MODE.SNGL({5.6,4,4,3,2,4})", N(4.0)),
        ("=MODE({1,2,3})", E(ErrorKind::NA)),
        ("=PERCENTILE.INC({1,3,2,4},0.3)", N(1.9)),
        ("=PERCENTILE({1,3,2,4},0.3)", N(1.9)),
        ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0.25)", N(2.5)),
        ("=PERCENTILE.EXC({1,2,3,6,6,6,7,8,9},0)", E(ErrorKind::Num)),
        ("=QUARTILE.INC({1,2,4,7,8,9,10,12},1)", N(3.5)),
        ("=QUARTILE({1,2,4,7,8,9,10,12},1)", N(3.5)),
        ("=QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},1)", N(15.0)),
        ("=QUARTILE.EXC({6,7,15,36,39,40,41,42,43,47,49},3)", N(43.0)),
        ("=RANK.AVG(94,{89,88,92,101,94,97,95})", N(4.0)),
        ("=RANK.AVG(3,{1,3,3,5})", N(2.5)),
        ("=RANK.AVG(3,{1,3,3,5},1)", N(2.5)),
        (
            "=ROUND(CORREL({3,2,4,5,6},{9,7,12,15,17}),9)",
            N(0.997_054_486),
        ),
        ("=ROUND(PEARSON({9,7,5,3,1},{10,6,1,5,3}),6)", N(0.699_379)),
        (
            "=ROUND(SLOPE({2,3,9,1,8,7,5},{6,5,11,7,5,4,4}),6)",
            N(0.305_556),
        ),
        (
            "=ROUND(INTERCEPT({2,3,9,1,8},{6,5,11,7,5}),7)",
            N(0.048_387_1),
        ),
        (
            "=ROUND(RSQ({2,3,9,1,8,7,5},{6,5,11,7,5,4,4}),5)",
            N(0.057_95),
        ),
        (
            "=ROUND(FORECAST(30,{6,7,9,15,21},{20,28,31,38,40}),6)",
            N(10.607_253),
        ),
        (
            "=ROUND(FORECAST.LINEAR(30,{6,7,9,15,21},{20,28,31,38,40}),6)",
            N(10.607_253),
        ),
        ("=COVARIANCE.P({3,2,4,5,6},{9,7,12,15,17})", N(5.2)),
        (
            "=ROUND(COVARIANCE.S({2,4,8},{5,11,12}),9)",
            N(9.666_666_667),
        ),
        ("=ROUND(GEOMEAN({4,5,8,7,11,4,3}),6)", N(5.476_987)),
        ("=ROUND(HARMEAN({4,5,8,7,11,4,3}),6)", N(5.028_376)),
        ("=ROUND(AVEDEV({4,5,6,7,5,4,3}),6)", N(1.020_408)),
        ("=DEVSQ({4,5,8,7,11,4,3})", N(48.0)),
        ("=ROUND(STANDARDIZE(42,40,1.5),9)", N(1.333_333_333)),
        ("=ROUND(NORM.DIST(42,40,1.5,TRUE),7)", N(0.908_788_8)),
        ("=ROUND(NORM.DIST(42,40,1.5,FALSE),5)", N(0.109_34)),
        ("=ROUND(NORMDIST(42,40,1.5,TRUE),7)", N(0.908_788_8)),
        ("=ROUND(NORM.INV(0.908789,40,1.5),6)", N(42.000_002)),
        ("=ROUND(NORM.S.DIST(1.333333,TRUE),9)", N(0.908_788_726)),
        ("=ROUND(NORMSDIST(1.333333),6)", N(0.908_789)),
        ("=ROUND(NORM.S.INV(0.908789),7)", N(1.333_334_7)),
        ("=ROUND(NORMSINV(0.908789),7)", N(1.333_334_7)),
        ("=NORM.S.INV(0)", E(ErrorKind::Num)),
        ("=NORM.S.DIST(0,TRUE)", N(0.5)),
    ]);
}

#[test]
fn text_and_information() {
    check(&[
        ("=CHAR(65)", T("A")),
        ("=CHAR(33)", T("!")),
        ("=CHAR(128)", T("€")),
        ("=CHAR(0)", E(ErrorKind::Value)),
        ("=CODE(\"A\")", N(65.0)),
        ("=CODE(\"!\")", N(33.0)),
        ("=CODE(\"€\")", N(128.0)),
        ("=UNICHAR(66)", T("B")),
        ("=UNICODE(\"B\")", N(66.0)),
        ("=REPLACE(\"abcdefghijk\",6,5,\"*\")", T("abcde*k")),
        ("=REPLACE(\"2009\",3,2,\"10\")", T("2010")),
        ("=REPLACE(\"123456\",1,3,\"@\")", T("@456")),
        ("=T(\"Rainfall\")", T("Rainfall")),
        ("=T(19)", T("")),
        ("=N(7)", N(7.0)),
        ("=N(\"Even\")", N(0.0)),
        ("=N(TRUE)", N(1.0)),
        ("=TYPE(1)", N(1.0)),
        ("=TYPE(\"a\")", N(2.0)),
        ("=TYPE(TRUE)", N(4.0)),
        ("=TYPE(1/0)", N(16.0)),
        ("=TYPE({1,2})", N(64.0)),
        ("=ISEVEN(-1)", B(false)),
        ("=ISEVEN(2.5)", B(true)),
        ("=ISEVEN(5)", B(false)),
        ("=ISODD(-1)", B(true)),
        ("=ISODD(2.5)", B(false)),
        ("=ISNONTEXT(\"a\")", B(false)),
        ("=ISNONTEXT(1)", B(true)),
        ("=ISREF(A1)", B(true)),
        ("=ISREF(\"A1\")", B(false)),
        ("=ERROR.TYPE(1/0)", N(2.0)),
        ("=ERROR.TYPE(NA())", N(7.0)),
        ("=ERROR.TYPE(1)", E(ErrorKind::NA)),
        ("=FIXED(1234.567,1)", T("1,234.6")),
        ("=FIXED(1234.567,-1)", T("1,230")),
        ("=FIXED(-1234.567,-1,TRUE)", T("-1230")),
        ("=FIXED(44.332)", T("44.33")),
        ("=DOLLAR(1234.567,2)", T("$1,234.57")),
        ("=DOLLAR(1234.567,-2)", T("$1,200")),
        ("=DOLLAR(-1234.567,-2)", T("($1,200)")),
        ("=DOLLAR(-0.123,4)", T("($0.1230)")),
        ("=DOLLAR(99.888)", T("$99.89")),
        ("=NUMBERVALUE(\"2.500,27\",\",\",\".\")", N(2500.27)),
        ("=NUMBERVALUE(\"3.5%\")", N(0.035)),
        (
            "=TEXTBEFORE(\"Red riding hood's, red hood\",\"hood\")",
            T("Red riding "),
        ),
        (
            "=TEXTAFTER(\"Red riding hood's, red hood\",\"hood\")",
            T("'s, red hood"),
        ),
        (
            "=TEXTAFTER(\"Red riding hood's, red hood\",\"HOOD\",2,1)",
            T(""),
        ),
        (
            "=TEXTAFTER(\"Red riding hood's, red hood\",\"basket\",1,0,0,\"Not found\")",
            T("Not found"),
        ),
        (
            "=TEXTAFTER(\"Red riding hood's, red hood\",\"basket\")",
            E(ErrorKind::NA),
        ),
        ("=TEXTBEFORE(\"Marcus Aurelius\",\" \")", T("Marcus")),
        ("=TEXTAFTER(\"Marcus Aurelius\",\" \")", T("Aurelius")),
        ("=TEXTBEFORE(\"a-b-c\",\"-\",-1)", T("a-b")),
        ("=TEXTAFTER(\"a-b-c\",\"-\",-1)", T("c")),
    ]);
}

#[test]
fn arrays_and_references() {
    check(&[
        ("=INDEX(TRANSPOSE(A1:B2),1,2)", N(2.0)),
        ("=INDEX(CHOOSECOLS(A1:C5,3),2)", T("b")),
        ("=INDEX(CHOOSECOLS(A1:C5,-1),1)", T("a")),
        ("=SUM(CHOOSEROWS(A1:A5,5,1))", N(6.0)),
        ("=CHOOSEROWS(A1:A5,6)", E(ErrorKind::Value)),
        ("=SUM(TAKE(A1:A5,2))", N(3.0)),
        ("=SUM(TAKE(A1:A5,-2))", N(9.0)),
        ("=SUM(DROP(A1:A5,3))", N(9.0)),
        ("=TAKE(A1:B5,1,-1)", N(10.0)),
        ("=SUM(DROP(A1:B5,,1))", N(150.0)),
        ("=SUM(VSTACK({1,2},{3,4}))", N(10.0)),
        ("=ROWS(VSTACK({1,2},{3,4},A1:B5))", N(7.0)),
        ("=COLUMNS(HSTACK({1;2},{3;4}))", N(2.0)),
        ("=INDEX(VSTACK({1,2},{3}),2,2)", E(ErrorKind::NA)),
        ("=INDEX(TOCOL({1,2;3,4}),3)", N(3.0)),
        ("=INDEX(TOCOL({1,2;3,4},0,TRUE),2)", N(3.0)),
        ("=COLUMNS(TOROW({1,2;3,4}))", N(4.0)),
        ("=ROWS(WRAPROWS({1,2,3,4,5},2))", N(3.0)),
        ("=INDEX(WRAPROWS({1,2,3,4,5},2),3,2)", E(ErrorKind::NA)),
        ("=SUM(WRAPROWS({1,2,3,4,5},2,0))", N(15.0)),
        ("=INDEX(WRAPCOLS({1,2,3,4,5},2),2,1)", N(2.0)),
        ("=SUM(FILTER(A1:A5,A1:A5>2))", N(12.0)),
        ("=FILTER(A1:A5,A1:A5>9,\"none\")", T("none")),
        ("=FILTER(A1:A5,A1:A5>9)", E(ErrorKind::Calc)),
        ("=INDEX(SORT({3;1;2}),1)", N(1.0)),
        ("=INDEX(SORT(A1:B5,2,-1),1,1)", N(5.0)),
        ("=INDEX(SORTBY(C1:C5,A1:A5,-1),1)", T("e")),
        (
            "=LOOKUP(4.19,{4.14,4.19,5.17,5.77,6.39},{\"red\",\"orange\",\"yellow\",\"green\",\"blue\"})",
            T("orange"),
        ),
        (
            "=LOOKUP(5,{4.14,4.19,5.17,5.77,6.39},{\"red\",\"orange\",\"yellow\",\"green\",\"blue\"})",
            T("orange"),
        ),
        (
            "=LOOKUP(7.66,{4.14,4.19,5.17,5.77,6.39},{\"red\",\"orange\",\"yellow\",\"green\",\"blue\"})",
            T("blue"),
        ),
        ("=LOOKUP(0,{4.14,4.19,5.17})", E(ErrorKind::NA)),
        ("=LOOKUP(\"C\",{\"a\",\"b\",\"c\",\"d\";1,2,3,4})", N(3.0)),
        ("=LOOKUP(\"bump\",{\"a\",1;\"b\",2;\"c\",3})", N(2.0)),
        ("=ADDRESS(2,3)", T("$C$2")),
        ("=ADDRESS(2,3,2)", T("C$2")),
        ("=ADDRESS(2,3,2,FALSE)", T("R2C[3]")),
        (
            "=ADDRESS(2,3,1,FALSE,\"[Book1]Sheet1\")",
            T("'[Book1]Sheet1'!R2C3"),
        ),
        (
            "=ADDRESS(2,3,1,FALSE,\"EXCEL SHEET\")",
            T("'EXCEL SHEET'!R2C3"),
        ),
        ("=AREAS(B2:D4)", N(1.0)),
        ("=AREAS((B2:D4,E5,F6:I9))", N(3.0)),
    ]);
}

#[test]
fn dates() {
    check(&[
        ("=DATEVALUE(\"8/22/2011\")", N(40_777.0)),
        ("=DATEVALUE(\"22-MAY-2011\")", N(40_685.0)),
        ("=DATEVALUE(\"2011/02/23\")", N(40_597.0)),
        ("=DATEVALUE(\"5-JUL\")", N(45_478.0)),
        ("=DATEVALUE(\"July 5, 2024 10:30 AM\")", N(45_478.0)),
        ("=DATEVALUE(\"not a date\")", E(ErrorKind::Value)),
        ("=DAYS(\"15-MAR-2021\",\"1-FEB-2021\")", N(42.0)),
        ("=DAYS(DATE(2021,12,31),DATE(2021,1,1))", N(364.0)),
        ("=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"Y\")", N(2.0)),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"D\")", N(440.0)),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YD\")", N(75.0)),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"MD\")", N(14.0)),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YM\")", N(2.0)),
        ("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"M\")", N(14.0)),
        (
            "=DATEDIF(DATE(2003,1,1),DATE(2001,1,1),\"Y\")",
            E(ErrorKind::Num),
        ),
        ("=DAYS360(DATE(2011,1,30),DATE(2011,12,31))", N(330.0)),
        ("=DAYS360(DATE(2011,1,1),DATE(2011,1,30))", N(29.0)),
        ("=DAYS360(DATE(2011,1,1),DATE(2011,12,31))", N(360.0)),
        ("=DAYS360(DATE(2011,1,1),DATE(2011,12,31),TRUE)", N(359.0)),
        (
            "=ROUND(YEARFRAC(DATE(2012,1,1),DATE(2012,7,30)),8)",
            N(0.580_555_56),
        ),
        (
            "=ROUND(YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),1),8)",
            N(0.576_502_73),
        ),
        (
            "=ROUND(YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),3),8)",
            N(0.578_082_19),
        ),
        ("=WEEKNUM(DATE(2012,3,9))", N(10.0)),
        ("=WEEKNUM(DATE(2012,3,9),2)", N(11.0)),
        ("=ISOWEEKNUM(DATE(2012,3,9))", N(10.0)),
        ("=ISOWEEKNUM(DATE(2021,1,1))", N(53.0)),
        ("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))", N(110.0)),
        (
            "=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),DATE(2012,11,22))",
            N(109.0),
        ),
        (
            "=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),{41235,41247,41295})",
            N(107.0),
        ),
        ("=NETWORKDAYS(DATE(2013,3,1),DATE(2012,10,1))", N(-110.0)),
        ("=\"15-MAR-2021\"-\"1-FEB-2021\"", N(42.0)),
    ]);
}

#[test]
fn financial() {
    check(&[
        (
            "=ROUND(NPER(0.12/12,-100,-1000,10000,1),7)",
            N(59.673_865_7),
        ),
        ("=ROUND(NPER(0.12/12,-100,-1000,10000),7)", N(60.082_122_9)),
        ("=ROUND(NPER(0.12/12,-100,-1000),8)", N(-9.578_594_04)),
        ("=ROUND(RATE(4*12,-200,8000),4)", N(0.0077)),
        ("=ROUND(RATE(4*12,-200,8000)*12,4)", N(0.0924)),
        ("=ROUND(IPMT(0.1/12,1,3*12,8000),2)", N(-66.67)),
        ("=ROUND(IPMT(0.1,3,3,8000),2)", N(-292.45)),
        ("=IPMT(0.1,4,3,8000)", E(ErrorKind::Num)),
        ("=ROUND(PPMT(0.1/12,1,2*12,2000),2)", N(-75.62)),
        ("=ROUND(PPMT(0.08,10,10,200000),2)", N(-27_598.05)),
        ("=SLN(30000,7500,10)", N(2250.0)),
        ("=ROUND(SYD(30000,7500,10,1),2)", N(4090.91)),
        ("=ROUND(SYD(30000,7500,10,10),2)", N(409.09)),
        ("=ROUND(DDB(2400,300,10*365,1),2)", N(1.32)),
        ("=ROUND(DDB(2400,300,10*12,1,2),2)", N(40.0)),
        ("=DDB(2400,300,10,1,2)", N(480.0)),
        ("=ROUND(DDB(2400,300,10,2,1.5),2)", N(306.0)),
        ("=ROUND(DDB(2400,300,10,10),2)", N(22.12)),
        ("=ROUND(DB(1000000,100000,6,1,7),2)", N(186_083.33)),
        ("=ROUND(DB(1000000,100000,6,2,7),2)", N(259_639.42)),
        // The documentation's table shows 15,369.28 for the 7th period, but
        // its own formula ((cost - prior depreciation) * rate * (12 - month) / 12)
        // gives 15,845.10, as LibreOffice does: we follow the formula.
        ("=ROUND(DB(1000000,100000,6,7,7),2)", N(15_845.10)),
        ("=ROUND(EFFECT(0.0525,4),8)", N(0.053_542_67)),
        ("=ROUND(NOMINAL(0.053543,4),8)", N(0.052_500_32)),
        (
            "=ROUND(XNPV(0.09,{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904}),2)",
            N(2086.65),
        ),
        (
            "=ROUND(XIRR({-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904}),9)",
            N(0.373_362_535),
        ),
        (
            "=ROUND(MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.12),6)",
            N(0.126_094),
        ),
        (
            "=ROUND(MIRR({-120000,39000,30000,21000},0.1,0.12),6)",
            N(-0.048_045),
        ),
        (
            "=ROUND(MIRR({-120000,39000,30000,21000,37000,46000},0.1,0.14),6)",
            N(0.134_759),
        ),
        (
            "=ROUND(CUMIPMT(0.09/12,30*12,125000,13,24,0),2)",
            N(-11_135.23),
        ),
        ("=ROUND(CUMIPMT(0.09/12,30*12,125000,1,1,0),2)", N(-937.5)),
        (
            "=ROUND(CUMPRINC(0.09/12,30*12,125000,13,24,0),7)",
            N(-934.107_123_4),
        ),
        (
            "=ROUND(CUMPRINC(0.09/12,30*12,125000,1,1,0),8)",
            N(-68.278_271_18),
        ),
    ]);
}

/// Disagreements with IronCalc where we were wrong (see `tests/ironcalc_diff/`).
#[test]
fn fixed_by_the_differential_test() {
    check(&[
        // TEXTJOIN and CONCAT read ranges row by row.
        ("=TEXTJOIN(\",\",TRUE,A1:B2)", T("1,10,2,20")),
        ("=CONCAT(A1:B2)", T("110220")),
        // A rate of exactly 0 is found.
        ("=ROUND(RATE(10,-100,1000),9)", N(0.0)),
    ]);
    // `=` and `<>` criteria compare numeric text by its number (H1 is text "7").
    let (mut wb, s) = common::workbook(false);
    wb.set_value(s, 0, 7, docskill_formula::Value::text("7"))
        .unwrap();
    wb.set_value(s, 1, 7, docskill_formula::Value::Number(7.0))
        .unwrap();
    wb.set_value(s, 2, 7, docskill_formula::Value::text("x"))
        .unwrap();
    common::check_in(
        wb,
        s,
        &[
            ("=COUNTIF(H1:H3,\"=7\")", N(2.0)),
            ("=COUNTIF(H1:H3,7)", N(2.0)),
            ("=COUNTIF(H1:H3,\"<>7\")", N(1.0)),
            ("=COUNTIF(H1:H3,\">5\")", N(1.0)),
        ],
    );
}

#[test]
fn audit_second_round() {
    check(&[
        ("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31))", N(22.0)),
        (
            "=NETWORKDAYS.INTL(DATE(2006,2,28),DATE(2006,1,31))",
            N(-21.0),
        ),
        (
            "=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),7,{38719,38733})",
            N(22.0),
        ),
        (
            "=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),\"0010001\",{38719,38733})",
            N(20.0),
        ),
        (
            "=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31),8)",
            E(ErrorKind::Num),
        ),
        ("=WORKDAY.INTL(DATE(2012,1,1),30,0)", E(ErrorKind::Num)),
        ("=WORKDAY.INTL(DATE(2012,1,1),90,11)", N(41_013.0)),
        ("=WORKDAY.INTL(DATE(2012,1,1),30,17)", N(40_944.0)),
        ("=INDEX(MMULT({1,3;7,2},{2,0;0,2}),2,1)", N(14.0)),
        ("=MMULT({1,2},{1,2})", E(ErrorKind::Value)),
        (
            "=INDEX(FREQUENCY({79,85,78,85,50,81,95,88,97},{70,79,89}),3)",
            N(4.0),
        ),
        (
            "=ROWS(FREQUENCY({79,85,78,85,50,81,95,88,97},{70,79,89}))",
            N(4.0),
        ),
        (
            "=INDEX(FREQUENCY({79,85,78,85,50,81,95,88,97},{70,79,89}),4)",
            N(2.0),
        ),
        ("=ROMAN(499)", T("CDXCIX")),
        ("=ROMAN(2024)", T("MMXXIV")),
        ("=ROMAN(4000)", E(ErrorKind::Value)),
        ("=ROUND(SKEW({3,4,5,2,3,4,5,6,4,7}),6)", N(0.359_543)),
        ("=ROUND(KURT({3,4,5,2,3,4,5,6,4,7}),9)", N(-0.151_799_637)),
        (
            "=ROUND(STDEVA({1345,1301,1368,1322,1310,1370,1318,1350,1303,1299}),8)",
            N(27.463_915_72),
        ),
        ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},2)", N(0.333)),
        ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},4)", N(0.555)),
        ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},8)", N(0.666)),
        ("=PERCENTRANK.INC({13,12,11,8,4,3,2,1,1,1},5)", N(0.583)),
        (
            "=PERCENTRANK({13,12,11,8,4,3,2,1,1,1},20)",
            E(ErrorKind::NA),
        ),
        ("=VALUETOTEXT(\"a\",1)", T("\"a\"")),
        ("=VALUETOTEXT(1.5)", T("1.5")),
        (
            "=INDEX(TEXTSPLIT(\"Dakota Lennon Sanchez\",\" \"),1,3)",
            T("Sanchez"),
        ),
        ("=INDEX(TEXTSPLIT(\"1,2,3;4,5,6\",\",\",\";\"),2,3)", T("6")),
        ("=ROWS(TEXTSPLIT(\"1,2,3;4,5,6\",\",\",\";\"))", N(2.0)),
        ("=COLUMNS(TEXTSPLIT(\"a,,b\",\",\",,TRUE))", N(2.0)),
        (
            "=INDEX(TEXTSPLIT(\"a,b;c\",\",\",\";\"),2,2)",
            E(ErrorKind::NA),
        ),
        ("=SUM(EXPAND({1,2;3,4},3,3,0))", N(10.0)),
        ("=INDEX(EXPAND({1,2},2),2,1)", E(ErrorKind::NA)),
        ("=ROWS(RANDARRAY(2,3))*COLUMNS(RANDARRAY(2,3))", N(6.0)),
        (
            "=LET(r,RANDARRAY(4,1,1,6,TRUE),AND(r=INT(r),r>=1,r<=6))",
            B(true),
        ),
    ]);
}

#[test]
fn distributions() {
    check(&[
        ("=ROUND(EXPON.DIST(0.2,10,TRUE),9)", N(0.864_664_717)),
        ("=ROUND(EXPON.DIST(0.2,10,FALSE),9)", N(1.353_352_832)),
        ("=ROUND(POISSON.DIST(2,5,TRUE),6)", N(0.124_652)),
        ("=ROUND(POISSON.DIST(2,5,FALSE),6)", N(0.084_224)),
        ("=ROUND(BINOM.DIST(6,10,0.5,FALSE),7)", N(0.205_078_1)),
        ("=BINOM.DIST(6,10,0.5,TRUE)", N(0.828_125)),
        ("=BINOM.DIST(11,10,0.5,TRUE)", E(ErrorKind::Num)),
        ("=ROUND(CONFIDENCE.NORM(0.05,2.5,50),6)", N(0.692_952)),
        ("=ROUND(T.DIST(60,1,TRUE),8)", N(0.994_695_33)),
        ("=ROUND(T.DIST(8,3,FALSE),8)", N(0.000_736_91)),
        ("=ROUND(T.DIST.2T(1.959999998,60),6)", N(0.054_645)),
        ("=ROUND(T.DIST.RT(1.959999998,60),6)", N(0.027_322)),
        ("=ROUND(T.INV(0.75,2),7)", N(0.816_496_6)),
        ("=ROUND(T.INV.2T(0.546449,60),6)", N(0.606_533)),
        ("=T.INV(0,2)", E(ErrorKind::Num)),
    ]);
}

#[test]
fn sheets_and_formula_tests() {
    check(&[
        ("=ISFORMULA(Z12)", B(true)),
        ("=ISFORMULA(A1)", B(false)),
        ("=ISFORMULA(\"A1\")", E(ErrorKind::Value)),
        ("=SHEET()", N(1.0)),
        ("=SHEET(A1)", N(1.0)),
        ("=SHEET(\"Sheet1\")", N(1.0)),
        ("=SHEET(\"Nope\")", E(ErrorKind::NA)),
        ("=SHEETS()", N(1.0)),
    ]);
}

#[test]
fn matrices_and_regression() {
    check(&[
        ("=ROUND(MDETERM({3,6,1;1,1,0;3,10,2}),9)", N(1.0)),
        ("=ROUND(MDETERM({3,6;1,1}),9)", N(-3.0)),
        (
            "=ROUND(MDETERM({1,3,8,5;1,3,6,1;1,1,1,0;7,3,10,2}),9)",
            N(88.0),
        ),
        ("=MDETERM({1,2})", E(ErrorKind::Value)),
        ("=INDEX(MINVERSE({4,-1;2,0}),1,2)", N(0.5)),
        ("=INDEX(MINVERSE({4,-1;2,0}),2,1)", N(-1.0)),
        ("=INDEX(MINVERSE({1,2,1;3,4,-1;0,2,0}),1,3)", N(-0.75)),
        ("=INDEX(MINVERSE({1,2,1;3,4,-1;0,2,0}),3,1)", N(0.75)),
        ("=MINVERSE({1,2;2,4})", E(ErrorKind::Num)),
        (
            "=ROUND(TREND({133890,135000,135790,137300,138130,139100,139900,141120,141890,143230,144000,145290},{1,2,3,4,5,6,7,8,9,10,11,12},13),0)",
            N(146_172.0),
        ),
        (
            "=ROUND(GROWTH({33100,47300,69000,102000,150000,220000},{11,12,13,14,15,16},17),0)",
            N(320_197.0),
        ),
        (
            "=ROUND(INDEX(GROWTH({33100,47300,69000,102000,150000,220000},{11,12,13,14,15,16},{17;18}),2),0)",
            N(468_536.0),
        ),
        ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),1)", N(2.0)),
        ("=INDEX(LINEST({1,9,5,7},{0,4,2,3}),2)", N(1.0)),
        (
            "=HYPERLINK(\"http://example.com/report.xlsx\",\"Click for report\")",
            T("Click for report"),
        ),
        (
            "=HYPERLINK(\"http://example.com\")",
            T("http://example.com"),
        ),
    ]);
}

/// The example of Excel's `AGGREGATE` documentation: errors in H, numbers in I.
#[test]
fn aggregate() {
    use docskill_formula::Value;
    let (mut wb, s) = common::workbook(false);
    let h = [
        Value::Error(ErrorKind::Div0),
        Value::Number(72.0),
        Value::Number(30.0),
        Value::Error(ErrorKind::Num),
        Value::Number(31.0),
        Value::Number(96.0),
        Value::Number(32.0),
        Value::Number(81.0),
        Value::Number(33.0),
        Value::Number(53.0),
        Value::Number(34.0),
    ];
    let i = [
        82.0, 65.0, 95.0, 63.0, 53.0, 71.0, 55.0, 83.0, 100.0, 91.0, 89.0,
    ];
    for (r, (a, b)) in h.into_iter().zip(i).enumerate() {
        let r = u32::try_from(r).unwrap();
        wb.set_value(s, r, 7, a).unwrap();
        wb.set_value(s, r, 8, Value::Number(b)).unwrap();
    }
    common::check_in(
        wb,
        s,
        &[
            ("=AGGREGATE(4,6,H1:H11)", N(96.0)),
            ("=AGGREGATE(14,6,H1:H11,3)", N(72.0)),
            ("=AGGREGATE(15,6,H1:H11)", E(ErrorKind::Value)),
            ("=AGGREGATE(12,6,H1:H11,I1:I11)", N(68.0)),
            ("=AGGREGATE(4,0,H1:H11)", E(ErrorKind::Div0)),
            ("=AGGREGATE(9,6,H1:H11)", N(462.0)),
            ("=AGGREGATE(3,6,H1:H11)", N(9.0)),
            ("=AGGREGATE(14,6,I1:I11/(I1:I11>80),1)", N(100.0)),
            ("=AGGREGATE(15,6,I1:I11/(I1:I11>80),1)", N(82.0)),
            ("=AGGREGATE(16,6,I1:I11,0.5)", N(82.0)),
            ("=AGGREGATE(17,6,I1:I11,1)", N(63.0 + 0.5 * (65.0 - 63.0))),
            ("=AGGREGATE(20,6,H1:H11)", E(ErrorKind::Value)),
        ],
    );
}

#[test]
fn formulatext() {
    check(&[
        // The next case's cell: as written, without the `_xlfn.` prefix.
        ("=FORMULATEXT(Z12)", T("=XLOOKUP(1, A1:A5, B1:B5)")),
        ("=_xlfn.XLOOKUP(1, A1:A5, B1:B5)", N(10.0)),
        ("=FORMULATEXT(A1)", E(ErrorKind::NA)),
    ]);
}
