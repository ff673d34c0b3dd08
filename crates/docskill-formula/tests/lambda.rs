//! LAMBDA values: immediately invoked, bound by LET, defined as names, and
//! passed to MAP, REDUCE, SCAN, BYROW, BYCOL and MAKEARRAY (results from
//! Excel's documentation examples).

mod common;

use common::Want::{B, E, N, T};
use common::{check, check_in, workbook};
use docskill_formula::{CalcOptions, ErrorKind, parse};

#[test]
fn immediately_invoked_and_let_bound_lambdas() {
    check(&[
        ("=LAMBDA(x,x*2)(5)", N(10.0)),
        ("=_xlfn.LAMBDA(_xlpm.x,_xlpm.x*2)(5)", N(10.0)),
        ("=LAMBDA(t,(5/9)*(t-32))(212)", N(100.0)),
        ("=LAMBDA(a,b,a+b)(1,2)", N(3.0)),
        ("=LAMBDA(x,SUM(x))(A1:A5)", N(15.0)),
        ("=LAMBDA(x,ROWS(x))(A1:A5)", N(5.0)),
        ("=LAMBDA(x,LAMBDA(y,x+y))(1)(2)", N(3.0)),
        ("=(LAMBDA(x,x+1))(1)", N(2.0)),
        ("=LET(f,LAMBDA(a,b,a+b),f(1,2))", N(3.0)),
        (
            "=_xlfn.LET(_xlpm.f,_xlfn.LAMBDA(_xlpm.a,_xlpm.b,_xlpm.a+_xlpm.b),_xlpm.f(1,2))",
            N(3.0),
        ),
        ("=LET(k,10,f,LAMBDA(x,x*k),f(3))", N(30.0)),
        (
            "=LET(sq,LAMBDA(x,x*x),twice,LAMBDA(g,v,g(g(v))),twice(sq,3))",
            N(81.0),
        ),
        ("=LAMBDA(a,b,IF(ISOMITTED(b),a,a+b))(1)", N(1.0)),
        ("=LAMBDA(a,b,IF(ISOMITTED(b),a,a+b))(1,2)", N(3.0)),
        ("=LAMBDA(x,x)(1,2)", E(ErrorKind::Value)),
        ("=LAMBDA(x,x*2)", E(ErrorKind::Calc)),
        ("=LAMBDA(x,x,x+1)(1)", E(ErrorKind::Value)),
        ("=LET(f,5,f(1))", E(ErrorKind::Value)),
        ("=LAMBDA(x,x*2)(NA())", E(ErrorKind::NA)),
        ("=ISOMITTED(1)", B(false)),
    ]);
}

#[test]
fn helper_functions_take_lambdas() {
    check(&[
        ("=SUM(MAP(A1:A5,LAMBDA(x,x*x)))", N(55.0)),
        ("=INDEX(MAP(A1:A3,B1:B3,LAMBDA(a,b,a+b)),3)", N(33.0)),
        ("=REDUCE(0,A1:A5,LAMBDA(acc,x,acc+x))", N(15.0)),
        ("=REDUCE(1,A1:A5,LAMBDA(a,x,a*x))", N(120.0)),
        ("=REDUCE(,C1:C3,LAMBDA(a,x,a&x))", T("abc")),
        ("=INDEX(SCAN(0,A1:A5,LAMBDA(a,x,a+x)),4)", N(10.0)),
        ("=ROWS(SCAN(\"\",C1:C5,LAMBDA(a,x,a&x)))", N(5.0)),
        ("=INDEX(SCAN(\"\",C1:C5,LAMBDA(a,x,a&x)),3)", T("abc")),
        ("=INDEX(BYROW(A1:B5,LAMBDA(r,SUM(r))),2)", N(22.0)),
        ("=ROWS(BYROW(A1:B5,LAMBDA(r,SUM(r))))", N(5.0)),
        ("=INDEX(BYCOL(A1:B5,LAMBDA(c,MAX(c))),1,2)", N(50.0)),
        ("=COLUMNS(BYCOL(A1:B5,LAMBDA(c,MAX(c))))", N(2.0)),
        ("=SUM(MAKEARRAY(3,3,LAMBDA(r,c,r*c)))", N(36.0)),
        ("=INDEX(MAKEARRAY(2,3,LAMBDA(r,c,r&\"-\"&c)),2,3)", T("2-3")),
        ("=MAKEARRAY(0,3,LAMBDA(r,c,r))", E(ErrorKind::Value)),
        ("=MAP(A1:A3,5)", E(ErrorKind::Value)),
        ("=INDEX(BYROW(A1:B2,LAMBDA(r,r)),1)", E(ErrorKind::Calc)),
    ]);
}

#[test]
fn named_lambda_is_called_and_its_inputs_are_dependencies() {
    let (mut wb, s) = workbook(false);
    wb.define_name("Double", None, "LAMBDA(x,x*2)").unwrap();
    wb.define_name("MyFact", None, "LAMBDA(n,IF(n<=1,1,n*MyFact(n-1)))")
        .unwrap();
    wb.define_name("PlusA1", None, "LAMBDA(x,x+Sheet1!$A$1)")
        .unwrap();
    wb.set_formula(s, 0, 6, "=Double(21)").unwrap();
    wb.set_formula(s, 1, 6, "=MyFact(5)").unwrap();
    wb.set_formula(s, 2, 6, "=PlusA1(1)").unwrap();
    wb.set_formula(s, 3, 6, "=MyFact(100)").unwrap();
    let report = wb.calculate(&CalcOptions::default());
    assert!(report.unsupported.is_empty(), "{:?}", report.unsupported);
    assert_eq!(wb.value(s, 0, 6).to_number(), Ok(42.0));
    assert_eq!(wb.value(s, 1, 6).to_number(), Ok(120.0));
    assert_eq!(wb.value(s, 2, 6).to_number(), Ok(2.0));
    // Deeper than the call limit: an error, not a stack overflow.
    assert!(
        wb.value(s, 3, 6).error().is_some(),
        "{:?}",
        wb.value(s, 3, 6)
    );
    wb.set_value(s, 0, 0, docskill_formula::Value::Number(10.0))
        .unwrap();
    let cell = docskill_formula::CellId::new(s, 0, 0);
    wb.recalculate(&[cell], &CalcOptions::default());
    assert_eq!(wb.value(s, 2, 6).to_number(), Ok(11.0));
}

#[test]
fn lambda_calls_are_not_reported_unsupported() {
    let (mut wb, s) = workbook(false);
    wb.set_formula(s, 0, 6, "=LET(f,LAMBDA(x,x+1),f(1))")
        .unwrap();
    wb.set_formula(s, 1, 6, "=LAMBDA(g,g(2))(LAMBDA(y,y*3))")
        .unwrap();
    wb.set_formula(s, 2, 6, "=NOSUCHFN(1)").unwrap();
    let report = wb.calculate(&CalcOptions::default());
    let names: Vec<_> = report
        .unsupported
        .iter()
        .map(|u| u.function.as_str())
        .collect();
    assert_eq!(names, ["NOSUCHFN"]);
    assert_eq!(wb.value(s, 1, 6).to_number(), Ok(6.0));
}

#[test]
fn apply_round_trips_through_text() {
    for src in [
        "LAMBDA(x,x*2)(5)",
        "LAMBDA(x,LAMBDA(y,x+y))(1)(2)",
        "LET(f,LAMBDA(a,a),F(1))",
    ] {
        let f = parse(src).unwrap();
        assert_eq!(f.to_formula_string(), src);
        assert_eq!(parse(&f.to_formula_string()).unwrap(), f);
    }
    assert_eq!(
        parse("=LAMBDA(x,x*2)(5)").unwrap().to_sexpr(),
        "(apply (LAMBDA name:x (* name:x 2)) 5)"
    );
    // A space before `(` is the intersection operator, not a call.
    assert_eq!(
        parse("=LAMBDA(x,x) (A1)").unwrap().to_sexpr(),
        "(isect (LAMBDA name:x name:x) A1)"
    );
}

#[test]
fn date1904_workbook_is_available_to_lambdas() {
    let (wb, s) = workbook(true);
    check_in(wb, s, &[("=LAMBDA(d,YEAR(d))(D1)", N(2024.0))]);
}

#[test]
fn hostile_lambdas_end_in_errors() {
    check(&[
        // Self-application without end: stopped at the call depth limit.
        ("=ISERROR(LAMBDA(x,x(x))(LAMBDA(x,x(x))))", B(true)),
        ("=LAMBDA(x,x(x))(5)", E(ErrorKind::Value)),
        ("=LET(f,LAMBDA(g,n,IF(n=0,0,1+g(g,n-1))),f(f,10))", N(10.0)),
        (
            "=ISERROR(LET(f,LAMBDA(g,n,IF(n=0,0,1+g(g,n-1))),f(f,1000)))",
            B(true),
        ),
        ("=MAKEARRAY(2000,2000,LAMBDA(r,c,1))", E(ErrorKind::Value)),
        (
            "=SUM(MAP(SEQUENCE(100),LAMBDA(a,SUM(MAP(SEQUENCE(10),LAMBDA(b,a*b))))))",
            N(277_750.0),
        ),
    ]);
}
