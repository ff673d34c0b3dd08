//! Every function that reads or returns a date serial, in a 1904 workbook
//! (`<workbookPr date1904="1"/>`: serial 0 is 1904-01-01): results are the
//! 1900 ones less 1462 days, weekdays unchanged.

mod common;

use common::Want::{B, E, N, T};
use common::{check_in, workbook};
use docskill_formula::ErrorKind;

/// 2024-01-15 in the 1904 system (45306 - 1462).
const JAN15: f64 = 43_844.0;

#[test]
fn serials_follow_the_1904_system() {
    let (wb, s) = workbook(true);
    check_in(
        wb,
        s,
        &[
            ("=DATE(1904,1,1)", N(0.0)),
            ("=DATE(2024,1,15)", N(JAN15)),
            ("=DATE(1900,1,1)", E(ErrorKind::Num)),
            ("=YEAR(D1)&\"-\"&MONTH(D1)&\"-\"&DAY(D1)", T("2024-1-15")),
            ("=YEAR(0)", N(1904.0)),
            ("=DATEVALUE(\"2024-01-15\")", N(JAN15)),
            ("=DATEVALUE(\"1/15/2024\")", N(JAN15)),
            ("=DATEVALUE(\"15-Jan-2024\")", N(JAN15)),
            ("=DATEVALUE(\"1/1/1900\")", E(ErrorKind::Value)),
            ("=\"2024-01-15\"+0", N(JAN15)),
            ("=-\"2024-01-15\"", N(-JAN15)),
            ("=VALUE(\"2024-01-15\")", N(JAN15)),
            ("=YEAR(\"2024-01-15\")", N(2024.0)),
            ("=TEXT(D1,\"yyyy-mm-dd\")", T("2024-01-15")),
            ("=TEXT(\"2024-01-15\",\"yyyy-mm-dd\")", T("2024-01-15")),
            ("=WEEKDAY(D1)", N(2.0)),
            ("=WEEKDAY(0)", N(6.0)),
            ("=WEEKDAY(DATE(2008,2,14))", N(5.0)),
            ("=WEEKDAY(DATE(2008,2,14),2)", N(4.0)),
            ("=EDATE(D1,1)", N(JAN15 + 31.0)),
            ("=EOMONTH(D1,0)", N(JAN15 + 16.0)),
            ("=EOMONTH(D1,1)=DATE(2024,2,29)", B(true)),
            ("=DATEDIF(D1,D2,\"D\")", N(45.0)),
            ("=DATEDIF(D1,D3,\"M\")", N(11.0)),
            ("=DAYS(D3,D1)", N(351.0)),
            ("=DAYS(\"2024-03-01\",\"2024-01-01\")", N(60.0)),
            ("=DAYS360(DATE(2011,1,30),DATE(2011,12,31))", N(330.0)),
            (
                "=ROUND(YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),1),8)",
                N(0.576_502_73),
            ),
            ("=WEEKNUM(DATE(2012,3,9))", N(10.0)),
            ("=ISOWEEKNUM(DATE(2012,3,9))", N(10.0)),
            ("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))", N(110.0)),
            (
                "=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),DATE(2012,11,22))",
                N(109.0),
            ),
            ("=WORKDAY(DATE(2008,10,1),151)=DATE(2009,4,30)", B(true)),
            ("=WORKDAY(DATE(2008,10,1),-1)=DATE(2008,9,30)", B(true)),
            ("=TODAY()", N(45_322.0 - 1462.0)),
            ("=NOW()", N(45_322.75 - 1462.0)),
            ("=TIMEVALUE(\"6:00 PM\")", N(0.75)),
            ("=LAMBDA(d,YEAR(d))(D1)", N(2024.0)),
            ("=COUNTIF(D1:D3,\">=2024-02-01\")", N(2.0)),
            ("=COUNTIFS(D1:D3,\"<2024-02-01\")", N(1.0)),
            ("=SUMIF(D1:D3,\"2024-01-15\",A1:A3)", N(1.0)),
            ("=COUNTIF(D1:D3,\">=\"&DATE(2024,2,1))", N(2.0)),
            ("=SUM(\"2024-01-15\",1)", N(JAN15 + 1.0)),
            ("=MAX(D1:D3,\"2025-01-01\")", N(JAN15 + 352.0)),
        ],
    );
}

#[test]
fn the_same_formulas_in_a_1900_workbook() {
    let (wb, s) = workbook(false);
    check_in(
        wb,
        s,
        &[
            ("=DATE(2024,1,15)", N(JAN15 + 1462.0)),
            ("=DATEVALUE(\"2024-01-15\")", N(JAN15 + 1462.0)),
            ("=\"2024-01-15\"+0", N(JAN15 + 1462.0)),
            ("=WEEKDAY(D1)", N(2.0)),
            ("=WEEKDAY(DATE(2008,2,14))", N(5.0)),
            ("=WORKDAY(DATE(2008,10,1),151)", N(39_933.0)),
            ("=TODAY()", N(45_322.0)),
            ("=COUNTIF(D1:D3,\">=2024-02-01\")", N(2.0)),
        ],
    );
}
