//! Parser snapshots: each formula with its canonical tree or its error.
#![expect(clippy::format_push_string, reason = "readable report text in a test")]

use docskill_formula::parse;

fn render(cases: &[&str]) -> String {
    let mut out = String::new();
    for c in cases {
        let r = match parse(c) {
            Ok(f) => f.to_sexpr(),
            Err(e) => format!("ERROR {e}"),
        };
        out.push_str(&format!("{c}\n  => {r}\n"));
    }
    out
}

#[test]
fn literals_and_operators() {
    insta::assert_snapshot!(render(&[
        "=1",
        "=1.5e3",
        "=.5",
        "=\"a\"\"b\"",
        "=TRUE",
        "=false",
        "=#N/A",
        "=#div/0!",
        "=1+2*3",
        "=(1+2)*3",
        "=-2^2",
        "=2^3^2",
        "=-A1%",
        "=50%*2",
        "=1&2=\"12\"",
        "=A1<>B1",
        "=A1<=B1",
        "=1>=2",
        "=--A1",
        "=+A1",
        "=1-1-1",
        "=\"x\"&A1&\"y\"",
    ]));
}

#[test]
fn references() {
    insta::assert_snapshot!(render(&[
        "=A1",
        "=$A$1",
        "=a$1+$b2",
        "=A1:B2",
        "=$A$1:$B$10",
        "=A:A",
        "=$A:$C",
        "=1:1",
        "=$2:$5",
        "=Sheet1!A1",
        "=Sheet1!A1:B2",
        "='My Sheet'!A1",
        "='It''s'!$B$3",
        "=Sheet1:Sheet3!A1",
        "='Jan 1:Mar 3'!B2:C3",
        "=Sheet2!A:A",
        "=Sheet2!1:3",
        "=XFD1048576",
        "=A1:INDEX(B:B,3)",
        "=SUM(A1:B2 B2:C3)",
        "=SUM((A1,B2,C3))",
        "=SUM((A1:A3,C1:C3),D1)",
        "=@A1:A10",
        "=A1#",
        "=Sheet1!A1#",
        "=Table1[Col]",
        "=Table1[[#Headers],[Col]]",
        "=[@Col]*2",
        "=TaxRate*A1",
        "=Sheet1!TaxRate",
        "=Sheet1!#REF!",
        "=_xlpm.x",
    ]));
}

#[test]
fn calls_and_arrays() {
    insta::assert_snapshot!(render(&[
        "=SUM(A1:A10)",
        "=sum(1,,3)",
        "=IF(A1,,)",
        "=NOW()",
        "=_xlfn.XLOOKUP(A1,B:B,C:C)",
        "=_xlfn._xlws.SORT(A1:A3)",
        "=_xlfn.LET(_xlpm.x,1,_xlpm.x+1)",
        "=IFERROR(VLOOKUP(A1,Data!$A$1:$B$1000,2,FALSE),\"\")",
        "={1,2;3,4}",
        "={\"a\",TRUE,#N/A,-1.5}",
        "=SUM({1,2,3}*2)",
        "=WEBSERVICE(\"http://x\")",
        "=SUM( A1 , B1 )",
        "= 1 + 2 ",
    ]));
}

#[test]
fn errors() {
    insta::assert_snapshot!(render(&[
        "=",
        "=1+",
        "=(1",
        "=SUM(1",
        "=1)",
        "=\"abc",
        "='Sheet1!A1",
        "='Sheet1'A1",
        "={1,2;3}",
        "={A1}",
        "=A1:",
        "=[1]Sheet1!A1",
        "=XFE1",
        "=A1048577",
        "=1 2",
        "=$A",
        "=`",
        "=1e999",
    ]));
}

#[test]
fn depth_is_bounded() {
    let deep = format!("={}1{}", "(".repeat(10_000), ")".repeat(10_000));
    assert_eq!(
        parse(&deep).unwrap_err().kind,
        docskill_formula::ParseErrorKind::TooDeep(docskill_formula::MAX_DEPTH)
    );
    let minus = format!("={}1", "-".repeat(10_000));
    assert!(parse(&minus).is_err());
    let calls = format!("={}1{}", "ABS(".repeat(5_000), ")".repeat(5_000));
    assert!(parse(&calls).is_err());
    let long = format!("={}", "1+".repeat(20_000));
    assert!(parse(&long).is_err());
}

#[test]
fn never_panics_on_garbage() {
    // A cheap deterministic fuzz: every prefix and every byte-mutation of some formulas.
    let seeds = [
        "=IF(SUM('My Sheet'!A1:B2,{1,2;3,4})>=1%,\"x\"&A1#,@Sheet1:Sheet3!$A$1)",
        "=_xlfn.LET(_xlpm.x,Table1[[#This Row],[Col]],x 1:1 A:A)",
    ];
    let alphabet = b"=()+-*/^&%:,;{}!'\"#@$[] A1zZ.9eE<>";
    for s in seeds {
        for end in 0..=s.len() {
            if s.is_char_boundary(end) {
                let _ = parse(&s[..end]);
            }
        }
        let bytes = s.as_bytes();
        for i in 0..bytes.len() {
            for &c in alphabet {
                let mut b = bytes.to_vec();
                b[i] = c;
                if let Ok(t) = String::from_utf8(b) {
                    let _ = parse(&t);
                }
            }
        }
    }
}

#[test]
fn shifted_formulas() {
    let cases = [
        ("=A1+$B$2+B$3+$C4+SUM(C1:D2)+A:A+$1:1", 2, 1),
        ("=Sheet2!A1*'My Sheet'!$A1", 1, 1),
        ("=A1", -1, 0),
        ("=SUM(A1:B2)", 0, -1),
        ("=XFD1+A1048576", 1, 1),
    ];
    let mut out = String::new();
    for (f, dr, dc) in cases {
        let s = parse(f).unwrap().shifted(dr, dc).to_formula_string();
        out.push_str(&format!("{f} by ({dr},{dc}) => ={s}\n"));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn formula_text_round_trips() {
    let cases = [
        "=1+2*3",
        "=(1+2)*3",
        "=-2^2",
        "=-(2^2)",
        "=2^(3^2)",
        "=1-(2-3)",
        "=(A1:B2 B2:C3)",
        "=SUM((A1,B2,C3))",
        "=\"a\"\"b\"&TRUE&#N/A",
        "=IF(A1,,1)",
        "={1,-2;\"x\",FALSE}",
        "='My Sheet'!A1:B2+Sheet1:Sheet3!$A$1",
        "=@A1:A10+A1#+10%",
        "=_xlfn.LET(_xlpm.x,1,x*2)",
        "=Table1[[#Headers],[Col]]",
        "=(1=2)=FALSE",
        "=A1:INDEX(B:B,3)",
        "=-A1%",
        "=1e-7*0.1",
    ];
    for c in cases {
        let a = parse(c).unwrap();
        let text = a.to_formula_string();
        let b = parse(&text).unwrap_or_else(|e| panic!("{c} -> {text}: {e}"));
        assert_eq!(a.to_sexpr(), b.to_sexpr(), "{c} -> {text}");
    }
}
