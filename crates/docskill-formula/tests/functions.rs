//! Function results against the values Excel gives (from Excel's documentation
//! examples and its documented semantics), evaluated in one workbook.

use docskill_formula::{CalcOptions, ErrorKind, Value, Workbook};

#[derive(Clone, Copy)]
enum Want {
    N(f64),
    T(&'static str),
    B(bool),
    E(ErrorKind),
}
use Want::{B, E, N, T};

fn fixture() -> (Workbook, u32) {
    let mut wb = Workbook::new();
    let s = wb.add_sheet("Sheet1").unwrap();
    let s2 = wb.add_sheet("Sheet2").unwrap();
    let s3 = wb.add_sheet("Sheet3").unwrap();
    let set =
        |wb: &mut Workbook, sh: u32, r: u32, c: u32, v: Value| wb.set_value(sh, r, c, v).unwrap();
    for (i, (a, b, c)) in [
        (1.0, "apple", 10.0),
        (2.0, "banana", 20.0),
        (3.0, "cherry", 30.0),
        (4.0, "apple pie", 40.0),
        (5.0, "", 50.0),
    ]
    .into_iter()
    .enumerate()
    {
        let r = u32::try_from(i).unwrap();
        set(&mut wb, s, r, 0, Value::Number(a));
        if !b.is_empty() {
            set(&mut wb, s, r, 1, Value::text(b));
        }
        set(&mut wb, s, r, 2, Value::Number(c));
        set(&mut wb, s, r, 4, Value::Number(c));
        set(&mut wb, s, r, 5, Value::text(["a", "b", "c", "d", "e"][i]));
    }
    set(&mut wb, s, 0, 3, Value::Bool(true));
    set(&mut wb, s, 1, 3, Value::text("text"));
    set(&mut wb, s, 2, 3, Value::Error(ErrorKind::Div0));
    set(&mut wb, s, 3, 3, Value::text("7"));
    set(&mut wb, s2, 0, 0, Value::Number(100.0));
    set(&mut wb, s3, 0, 0, Value::Number(1000.0));
    wb.define_name("Rate", None, "0.25").unwrap();
    wb.define_name("Prices", None, "Sheet1!$C$1:$C$5").unwrap();
    (wb, s)
}

fn check(cases: &[(&str, Want)]) {
    let (mut wb, s) = fixture();
    for (i, (f, _)) in cases.iter().enumerate() {
        wb.set_formula(s, u32::try_from(i).unwrap(), 25, f).unwrap();
    }
    let opts = CalcOptions {
        now: 45_322.75,
        seed: 7,
    };
    wb.calculate(&opts);
    let mut failures = Vec::new();
    for (i, (f, want)) in cases.iter().enumerate() {
        let got = wb.value(s, u32::try_from(i).unwrap(), 25).clone();
        let ok = match (want, &got) {
            (N(w), Value::Number(g)) => (w - g).abs() <= 1e-9 * w.abs().max(1.0),
            (T(w), Value::Text(g)) => **g == **w,
            (B(w), Value::Bool(g)) => w == g,
            (E(w), Value::Error(g)) => w == g,
            _ => false,
        };
        if !ok {
            failures.push(format!("{f}: got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn operators_and_coercion() {
    check(&[
        ("=1+2*3", N(7.0)),
        ("=-2^2", N(4.0)),
        ("=2^3^2", N(64.0)),
        ("=10%", N(0.1)),
        ("=\"3\"+4", N(7.0)),
        ("=TRUE+TRUE", N(2.0)),
        ("=\"a\"+1", E(ErrorKind::Value)),
        ("=1/0", E(ErrorKind::Div0)),
        ("=0^0", E(ErrorKind::Num)),
        ("=(-8)^(1/3)", E(ErrorKind::Num)),
        ("=1&2", T("12")),
        ("=\"x\"&TRUE", T("xTRUE")),
        ("=1/3&\"\"", T("0.333333333333333")),
        ("=\"abc\"=\"ABC\"", B(true)),
        ("=1<\"a\"", B(true)),
        ("=\"z\"<TRUE", B(true)),
        ("=G1=0", B(true)),
        ("=G1=\"\"", B(true)),
        ("=G1", N(0.0)),
        ("=D3+1", E(ErrorKind::Div0)),
        ("=Sheet2!A1*2", N(200.0)),
        ("=SUM(Sheet1:Sheet3!A1)", N(1101.0)),
        ("=Rate*4", N(1.0)),
        ("=SUM(Prices)", N(150.0)),
        ("=SUM(A1:C3 B2:C5)", N(50.0)),
        ("=SUM(A1:A2 C4:C5)", E(ErrorKind::Null)),
        ("=SUM((A1:A2,C1))", N(13.0)),
        ("=@A1:A5", E(ErrorKind::Value)),
        ("=SUM(A1:A5*C1:C5)", N(550.0)),
        ("=SUM({1,2;3,4})", N(10.0)),
        ("=SUM({1,2,3}*{2;3})", N(30.0)),
        ("=NoSuchName", E(ErrorKind::Name)),
        ("=Sheet9!A1", E(ErrorKind::Ref)),
        ("=A1:B2", N(1.0)),
        ("=SUM(A1:INDEX(A1:A5,3))", N(6.0)),
    ]);
}

#[test]
fn math() {
    check(&[
        ("=SUM(A1:A5)", N(15.0)),
        ("=SUM(A1:A5,10,\"5\",TRUE)", N(31.0)),
        ("=SUM(D1:D2)", N(0.0)),
        ("=SUM(D1:D4)", E(ErrorKind::Div0)),
        ("=SUM(\"x\")", E(ErrorKind::Value)),
        ("=SUM(A:A)", N(15.0)),
        ("=SUM(1:1)", N(36.0)),
        ("=PRODUCT(A1:A5)", N(120.0)),
        ("=PRODUCT(B1)", N(0.0)),
        ("=SUMPRODUCT(A1:A5,C1:C5)", N(550.0)),
        ("=SUMPRODUCT((A1:A5>2)*C1:C5)", N(120.0)),
        ("=SUMPRODUCT(A1:A2,C1:C3)", E(ErrorKind::Value)),
        ("=ROUND(2.675,2)", N(2.68)),
        ("=ROUND(-2.5,0)", N(-3.0)),
        ("=ROUND(1234.567,-2)", N(1200.0)),
        ("=ROUND(0.285,2)", N(0.29)),
        ("=ROUNDUP(3.2,0)", N(4.0)),
        ("=ROUNDUP(-3.14159,1)", N(-3.2)),
        ("=ROUNDDOWN(3.9,0)", N(3.0)),
        ("=ROUNDDOWN(-3.14159,1)", N(-3.1)),
        ("=INT(8.9)", N(8.0)),
        ("=INT(-8.9)", N(-9.0)),
        ("=TRUNC(-8.9)", N(-8.0)),
        ("=MOD(3,2)", N(1.0)),
        ("=MOD(-3,2)", N(1.0)),
        ("=MOD(3,-2)", N(-1.0)),
        ("=MOD(-3,-2)", N(-1.0)),
        ("=MOD(1,0)", E(ErrorKind::Div0)),
        ("=ABS(-4)", N(4.0)),
        ("=SQRT(16)", N(4.0)),
        ("=SQRT(-16)", E(ErrorKind::Num)),
        ("=POWER(5,2)", N(25.0)),
        ("=POWER(98.6,3.2)", N(2_401_077.222_069_4)),
        ("=SIGN(-3)", N(-1.0)),
        ("=EXP(1)", N(std::f64::consts::E)),
        ("=LN(0)", E(ErrorKind::Num)),
        ("=AND(RAND()>=0,RAND()<1)", B(true)),
        ("=AND(RANDBETWEEN(1,6)>=1,RANDBETWEEN(1,6)<=6)", B(true)),
    ]);
}

#[test]
fn statistics_and_criteria() {
    check(&[
        ("=COUNT(A1:D5)", N(10.0)),
        ("=COUNT(1,\"2\",\"x\",TRUE)", N(3.0)),
        ("=COUNTA(A1:D5)", N(18.0)),
        ("=COUNTA(1,,\"\")", N(2.0)),
        ("=COUNTBLANK(A1:D5)", N(2.0)),
        ("=COUNTBLANK(G1:G10)", N(10.0)),
        ("=AVERAGE(A1:A5)", N(3.0)),
        ("=AVERAGE(G1:G3)", E(ErrorKind::Div0)),
        ("=MIN(A1:A5,0.5)", N(0.5)),
        ("=MAX(A1:A5)", N(5.0)),
        ("=MAX(G1:G3)", N(0.0)),
        ("=COUNTIF(A1:A5,\">2\")", N(3.0)),
        ("=COUNTIF(B1:B5,\"apple*\")", N(2.0)),
        ("=COUNTIF(B1:B5,\"APPLE\")", N(1.0)),
        ("=COUNTIF(B1:B5,\"?????\")", N(1.0)),
        ("=COUNTIF(B1:B5,\"<>apple\")", N(4.0)),
        ("=COUNTIF(B1:B5,\"\")", N(1.0)),
        ("=COUNTIF(A1:A5,3)", N(1.0)),
        ("=COUNTIF(A1:A5,\"<=2\")", N(2.0)),
        ("=COUNTIF(B:B,\"\")", N(1_048_572.0)),
        ("=COUNTIFS(A1:A5,\">1\",C1:C5,\"<50\")", N(3.0)),
        ("=SUMIF(A1:A5,\">2\")", N(12.0)),
        ("=SUMIF(B1:B5,\"apple*\",C1:C5)", N(50.0)),
        ("=SUMIF(B1:B5,\"apple*\",C1)", N(50.0)),
        ("=SUMIFS(C1:C5,A1:A5,\">=2\",B1:B5,\"<>cherry\")", N(110.0)),
        ("=AVERAGEIF(A1:A5,\">3\")", N(4.5)),
        ("=AVERAGEIF(A1:A5,\">30\")", E(ErrorKind::Div0)),
        ("=AVERAGEIFS(C1:C5,A1:A5,\"<3\")", N(15.0)),
        ("=MINIFS(C1:C5,A1:A5,\">2\")", N(30.0)),
        ("=MAXIFS(C1:C5,B1:B5,\"a*\")", N(40.0)),
        ("=MAXIFS(C1:C5,B1:B5,\"zzz\")", N(0.0)),
        ("=SUMIFS(C1:C5,A1:A4,\">1\")", E(ErrorKind::Value)),
    ]);
}

#[test]
fn logic() {
    check(&[
        ("=IF(A1>0,\"pos\",\"neg\")", T("pos")),
        ("=IF(A1<0,\"pos\")", B(false)),
        ("=IF(A1>0,,1)", N(0.0)),
        ("=IF(\"x\",1,2)", E(ErrorKind::Value)),
        ("=IF(TRUE,1,1/0)", N(1.0)),
        ("=SUM(IF(A1:A5>3,C1:C5,0))", N(90.0)),
        ("=IFS(A1>5,\"a\",A1>0,\"b\")", T("b")),
        ("=IFS(A1>5,\"a\")", E(ErrorKind::NA)),
        ("=IFERROR(1/0,\"oops\")", T("oops")),
        ("=IFERROR(5,\"oops\")", N(5.0)),
        ("=IFNA(NA(),0)", N(0.0)),
        ("=IFNA(1/0,0)", E(ErrorKind::Div0)),
        ("=AND(TRUE,1,A1:A5)", B(true)),
        ("=AND(TRUE,FALSE)", B(false)),
        ("=AND(\"x\")", E(ErrorKind::Value)),
        ("=AND(G1:G2)", E(ErrorKind::Value)),
        ("=OR(FALSE,0,A1)", B(true)),
        ("=XOR(TRUE,TRUE,TRUE)", B(true)),
        ("=NOT(0)", B(true)),
        ("=SWITCH(2,1,\"one\",2,\"two\",\"other\")", T("two")),
        ("=SWITCH(9,1,\"one\",\"other\")", T("other")),
        ("=SWITCH(9,1,\"one\")", E(ErrorKind::NA)),
        ("=CHOOSE(2,\"a\",\"b\",\"c\")", T("b")),
        ("=SUM(CHOOSE(1,A1:A5,C1:C5))", N(15.0)),
        ("=CHOOSE(4,\"a\",\"b\",\"c\")", E(ErrorKind::Value)),
        ("=LET(x,2,y,x*3,x+y)", N(8.0)),
        ("=_xlfn.LET(_xlpm.r,A1:A5,SUM(_xlpm.r)*2)", N(30.0)),
        ("=TRUE()", B(true)),
    ]);
}

#[test]
fn lookup() {
    check(&[
        ("=VLOOKUP(3,A1:C5,3,FALSE)", N(30.0)),
        ("=VLOOKUP(3.5,A1:C5,3,TRUE)", N(30.0)),
        ("=VLOOKUP(3.5,A1:C5,3)", N(30.0)),
        ("=VLOOKUP(0,A1:C5,3)", E(ErrorKind::NA)),
        ("=VLOOKUP(9,A1:C5,3,FALSE)", E(ErrorKind::NA)),
        ("=VLOOKUP(1,A1:C5,4,FALSE)", E(ErrorKind::Ref)),
        ("=VLOOKUP(1,A1:C5,0,FALSE)", E(ErrorKind::Value)),
        ("=VLOOKUP(\"BAN*\",B1:C5,2,FALSE)", N(20.0)),
        ("=VLOOKUP(\"CHERRY\",B1:C5,2,FALSE)", N(30.0)),
        ("=VLOOKUP(\"c\",F1:F5,1,FALSE)", T("c")),
        ("=VLOOKUP(3,{1,\"a\";3,\"c\"},2,FALSE)", T("c")),
        ("=HLOOKUP(2,A1:C5,2,FALSE)", E(ErrorKind::NA)),
        ("=HLOOKUP(\"apple\",B1:C2,2,FALSE)", T("banana")),
        ("=HLOOKUP(1,A1:C2,2,FALSE)", N(2.0)),
        ("=MATCH(30,C1:C5,0)", N(3.0)),
        ("=MATCH(35,C1:C5)", N(3.0)),
        ("=MATCH(5,C1:C5)", E(ErrorKind::NA)),
        ("=MATCH(\"b*\",B1:B5,0)", N(2.0)),
        ("=MATCH(25,{50,40,30,20,10},-1)", N(3.0)),
        ("=XMATCH(40,C1:C5)", N(4.0)),
        ("=XMATCH(35,C1:C5,1)", N(4.0)),
        ("=XMATCH(35,C1:C5,-1)", N(3.0)),
        ("=XMATCH(\"apple*\",B1:B5,2,-1)", N(4.0)),
        ("=XLOOKUP(\"cherry\",B1:B5,C1:C5)", N(30.0)),
        ("=XLOOKUP(\"kiwi\",B1:B5,C1:C5,\"none\")", T("none")),
        ("=XLOOKUP(\"kiwi\",B1:B5,C1:C5)", E(ErrorKind::NA)),
        ("=SUM(XLOOKUP(2,A1:A5,A1:C5))", N(22.0)),
        ("=XLOOKUP(45,C1:C5,F1:F5,,1)", T("e")),
        ("=XLOOKUP(30,C1:C5,F1:F5,,0,2)", T("c")),
        ("=XLOOKUP(1,A1:A5,C1:C4)", E(ErrorKind::Value)),
        ("=INDEX(A1:C5,2,3)", N(20.0)),
        ("=INDEX(C1:C5,4)", N(40.0)),
        ("=INDEX(F1:F5,2)", T("b")),
        ("=INDEX({1,2,3},3)", N(3.0)),
        ("=SUM(INDEX(A1:C5,0,3))", N(150.0)),
        ("=SUM(INDEX(A1:C5,2,0))", N(22.0)),
        ("=INDEX(A1:C5,6,1)", E(ErrorKind::Ref)),
        ("=INDEX(A1:C5,MATCH(4,A1:A5,0),2)", T("apple pie")),
    ]);
}

#[test]
fn text() {
    check(&[
        ("=LEN(\"hello\")", N(5.0)),
        ("=LEN(A1)", N(1.0)),
        ("=LEN(\"héllo\")", N(5.0)),
        ("=LEFT(\"hello\",2)", T("he")),
        ("=LEFT(\"hello\")", T("h")),
        ("=LEFT(\"hello\",-1)", E(ErrorKind::Value)),
        ("=RIGHT(\"hello\",3)", T("llo")),
        ("=RIGHT(\"hi\",5)", T("hi")),
        ("=MID(\"hello\",2,3)", T("ell")),
        ("=MID(\"hello\",9,3)", T("")),
        ("=MID(\"hello\",0,3)", E(ErrorKind::Value)),
        ("=UPPER(\"abc\")", T("ABC")),
        ("=LOWER(\"ABC\")", T("abc")),
        ("=TRIM(\"  a   b  \")", T("a b")),
        ("=CONCAT(\"a\",1,TRUE)", T("a1TRUE")),
        ("=CONCAT(F1:F3)", T("abc")),
        ("=CONCATENATE(\"a\",\"b\")", T("ab")),
        (
            "=TEXTJOIN(\", \",TRUE,B1:B5)",
            T("apple, banana, cherry, apple pie"),
        ),
        ("=TEXTJOIN(\"-\",FALSE,\"a\",\"\",\"b\")", T("a--b")),
        ("=SUBSTITUTE(\"a-b-c\",\"-\",\"+\")", T("a+b+c")),
        ("=SUBSTITUTE(\"a-b-c\",\"-\",\"+\",2)", T("a-b+c")),
        ("=FIND(\"l\",\"hello\")", N(3.0)),
        ("=FIND(\"L\",\"hello\")", E(ErrorKind::Value)),
        ("=FIND(\"l\",\"hello\",4)", N(4.0)),
        ("=SEARCH(\"L\",\"hello\")", N(3.0)),
        ("=SEARCH(\"e?l\",\"hello\")", N(2.0)),
        ("=SEARCH(\"x\",\"hello\")", E(ErrorKind::Value)),
        ("=VALUE(\"1,234.5\")", N(1234.5)),
        ("=VALUE(\"abc\")", E(ErrorKind::Value)),
        ("=TEXT(1234.567,\"#,##0.00\")", T("1,234.57")),
        ("=TEXT(0.256,\"0.0%\")", T("25.6%")),
        ("=TEXT(45322,\"yyyy-mm-dd\")", T("2024-01-31")),
        ("=TEXT(\"abc\",\"0\")", T("abc")),
        ("=D4*2", N(14.0)),
    ]);
}

#[test]
fn dates_info_financial() {
    check(&[
        ("=DATE(2024,1,31)", N(45322.0)),
        ("=DATE(2024,14,1)", N(45689.0)),
        ("=DATE(2024,3,0)", N(45351.0)),
        ("=DATE(100,1,1)", N(36526.0)),
        ("=DATE(1900,2,29)", N(60.0)),
        ("=DATE(1900,3,0)", N(60.0)),
        ("=DATE(-1,1,1)", E(ErrorKind::Num)),
        ("=YEAR(45322)", N(2024.0)),
        ("=MONTH(45322)", N(1.0)),
        ("=DAY(45322)", N(31.0)),
        ("=DAY(60)", N(29.0)),
        ("=YEAR(-1)", E(ErrorKind::Num)),
        ("=YEAR(\"2024-05-06\")", N(2024.0)),
        ("=EDATE(DATE(2024,1,31),1)", N(45351.0)),
        ("=EDATE(DATE(2024,3,31),-1)", N(45351.0)),
        ("=EOMONTH(DATE(2024,1,15),1)", N(45351.0)),
        ("=EOMONTH(DATE(2024,1,15),-1)", N(45291.0)),
        ("=TODAY()", N(45322.0)),
        ("=NOW()", N(45322.75)),
        ("=ISBLANK(G1)", B(true)),
        ("=ISBLANK(B5)", B(true)),
        ("=ISBLANK(A1)", B(false)),
        ("=ISNUMBER(A1)", B(true)),
        ("=ISNUMBER(D4)", B(false)),
        ("=ISTEXT(B1)", B(true)),
        ("=ISERROR(D3)", B(true)),
        ("=ISERROR(NA())", B(true)),
        ("=ISERR(NA())", B(false)),
        ("=ISNA(NA())", B(true)),
        ("=ISNA(D3)", B(false)),
        ("=ISLOGICAL(D1)", B(true)),
        ("=NA()", E(ErrorKind::NA)),
        ("=PMT(0.08/12,10,10000)", N(-1_037.032_089_892)),
        ("=PMT(0.08/12,10,10000,0,1)", N(-1_030.164_327_712)),
        ("=PMT(0,10,1000)", N(-100.0)),
        ("=NPV(0.1,-10000,3000,4200,6800)", N(1_188.443_412_336)),
        (
            "=IRR({-70000,12000,15000,18000,21000})",
            N(-0.021_244_848_211_5),
        ),
        (
            "=IRR({-70000,12000,15000,18000,21000,26000})",
            N(0.086_630_948_036_8),
        ),
        ("=IRR({1,2})", E(ErrorKind::Num)),
    ]);
}

#[test]
fn unsupported_function_gives_name_error() {
    check(&[
        ("=WEBSERVICE(\"x\")", E(ErrorKind::Name)),
        ("=Table1[Col]", E(ErrorKind::Name)),
    ]);
}

#[test]
fn arity_is_checked() {
    check(&[
        ("=ABS()", E(ErrorKind::Value)),
        ("=ROUND(1)", E(ErrorKind::Value)),
        ("=NOW(1)", E(ErrorKind::Value)),
    ]);
}

#[test]
fn more_functions() {
    check(&[
        ("=ROW()", N(1.0)),
        ("=ROW(C7)", N(7.0)),
        ("=COLUMN(C7)", N(3.0)),
        ("=COLUMN()", N(26.0)),
        ("=ROWS(A1:C5)", N(5.0)),
        ("=COLUMNS(A1:C5)", N(3.0)),
        ("=ROWS({1,2;3,4;5,6})", N(3.0)),
        ("=MEDIAN(A1:A5)", N(3.0)),
        ("=MEDIAN(1,2,3,4)", N(2.5)),
        ("=LARGE(C1:C5,2)", N(40.0)),
        ("=SMALL(C1:C5,1)", N(10.0)),
        ("=SMALL(C1:C5,6)", E(ErrorKind::Num)),
        ("=STDEV(A1:A5)", N(1.581_138_830_084_19)),
        ("=STDEV.P(A1:A5)", N(std::f64::consts::SQRT_2)),
        ("=VAR.S(A1:A5)", N(2.5)),
        ("=VAR.P(A1:A5)", N(2.0)),
        ("=STDEV(1)", E(ErrorKind::Div0)),
        ("=CEILING(2.5,1)", N(3.0)),
        ("=CEILING(-2.5,-2)", N(-4.0)),
        ("=CEILING(2.5,-2)", E(ErrorKind::Num)),
        ("=FLOOR(3.7,2)", N(2.0)),
        ("=CEILING.MATH(-2.5)", N(-2.0)),
        ("=CEILING.MATH(-2.5,2,1)", N(-4.0)),
        ("=CEILING.MATH(6.7)", N(7.0)),
        ("=FLOOR.MATH(-2.5)", N(-3.0)),
        ("=FLOOR.MATH(-2.5,2,1)", N(-2.0)),
        ("=FLOOR.MATH(24.3,5)", N(20.0)),
        ("=FLOOR(1.58,0.1)", N(1.5)),
        ("=LOG(8,2)", N(3.0)),
        ("=LOG(100)", N(2.0)),
        ("=LOG10(0)", E(ErrorKind::Num)),
        ("=EXACT(\"a\",\"A\")", B(false)),
        ("=REPT(\"ab\",3)", T("ababab")),
        ("=PROPER(\"this is a TITLE\")", T("This Is A Title")),
        ("=HOUR(0.75)", N(18.0)),
        ("=MINUTE(TIME(12,34,56))", N(34.0)),
        ("=SECOND(TIME(12,34,56))", N(56.0)),
        ("=TIME(25,0,0)", N(1.0 / 24.0)),
        ("=WEEKDAY(DATE(2024,1,31))", N(4.0)),
        ("=WEEKDAY(DATE(2024,1,31),2)", N(3.0)),
        ("=WEEKDAY(DATE(2024,1,28),3)", N(6.0)),
        ("=FV(0.06/12,10,-200,-500,1)", N(2_581.403_374_208)),
        ("=PV(0.08/12,12*20,500,,0)", N(-59_777.145_851_188)),
        ("=SUBTOTAL(9,A1:A5)", N(15.0)),
        ("=SUBTOTAL(101,A1:A5)", N(3.0)),
        ("=SUBTOTAL(7,A1:A5)", N(1.581_138_830_084_19)),
    ]);
}

#[test]
fn trig_and_corpus_functions() {
    check(&[
        ("=SIN(PI()/2)", N(1.0)),
        ("=COS(0)", N(1.0)),
        ("=TAN(PI()/4)", N(1.0)),
        ("=ASIN(2)", E(ErrorKind::Num)),
        ("=ACOS(1)", N(0.0)),
        ("=ATAN(1)*4", N(std::f64::consts::PI)),
        ("=ATAN2(1,1)", N(std::f64::consts::FRAC_PI_4)),
        ("=ATAN2(0,0)", E(ErrorKind::Div0)),
        ("=RADIANS(180)", N(std::f64::consts::PI)),
        ("=DEGREES(PI())", N(180.0)),
        ("=MROUND(10,3)", N(9.0)),
        ("=MROUND(-10,-3)", N(-9.0)),
        ("=MROUND(1.3,0.2)", N(1.4)),
        ("=MROUND(5,-2)", E(ErrorKind::Num)),
        ("=CLEAN(\"a\"&CHAR_MISSING&\"b\")", E(ErrorKind::Name)),
        ("=RANK(30,C1:C5)", N(3.0)),
        ("=RANK(30,C1:C5,1)", N(3.0)),
        ("=RANK(10,C1:C5)", N(5.0)),
        ("=RANK(11,C1:C5)", E(ErrorKind::NA)),
        ("=WORKDAY(DATE(2024,1,31),3)", N(45327.0)),
        ("=WORKDAY(DATE(2024,1,31),-3)", N(45317.0)),
        ("=WORKDAY(DATE(2024,1,31),3,DATE(2024,2,1))", N(45328.0)),
    ]);
}
