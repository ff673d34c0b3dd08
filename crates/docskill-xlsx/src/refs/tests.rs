use super::*;

#[test]
fn shift_moves_relative_parts_only() {
    assert_eq!(shift("A2*B2", 1, 0), "A3*B3");
    assert_eq!(shift("SUM($A$1:A2)+B$3", 2, 1), "SUM($A$1:B4)+C$3");
    assert_eq!(shift("SUM(A:A)+SUM(2:3)", 1, 1), "SUM(B:B)+SUM(3:4)");
    assert_eq!(shift("Data!A1+'My data'!B2", 1, 0), "Data!A2+'My data'!B3");
    assert_eq!(shift("\"A1\"&A1", 1, 0), "\"A1\"&A2");
    assert_eq!(
        shift("LOG10(A1)+SUM(Table1[Qty])", 1, 0),
        "LOG10(A2)+SUM(Table1[Qty])"
    );
    assert_eq!(shift("A1-1", -1, 0), "#REF!-1");
    assert_eq!(
        shift("IF(ISERR(A1),#DIV/0!,#N/A)", 0, 1),
        "IF(ISERR(B1),#DIV/0!,#N/A)"
    );
    assert_eq!(shift("TaxRate*A1", 0, 1), "TaxRate*B1");
    assert_eq!(shift("1.5E+3*A1", 1, 0), "1.5E+3*A2");
}

#[test]
fn rename_follows_every_spelling() {
    assert_eq!(
        rename_sheet("Data!A1+data!B2+'Data'!C3+Other!A1", "Data", "My data").as_deref(),
        Some("'My data'!A1+'My data'!B2+'My data'!C3+Other!A1")
    );
    assert_eq!(
        rename_sheet("SUM(Jan:Mar!A1)", "Mar", "Qtr").as_deref(),
        Some("SUM(Jan:Qtr!A1)")
    );
    assert_eq!(
        rename_sheet("'O''Brien'!A1", "O'Brien", "Smith").as_deref(),
        Some("Smith!A1")
    );
    assert_eq!(rename_sheet("[1]Data!A1", "Data", "X"), None);
    assert_eq!(rename_sheet("\"Data!A1\"", "Data", "X"), None);
    assert_eq!(rename_sheet("#REF!+A1", "REF", "X"), None);
    assert_eq!(
        rename_sheet("Data!A1", "Data", "A1").as_deref(),
        Some("'A1'!A1")
    );
}

#[test]
fn dropped_sheets_become_ref_errors() {
    assert_eq!(
        drop_sheet("Old!A1+Old!B1:C2+Keep!A1+SUM(Old!A:A)", "old").as_deref(),
        Some("#REF!+#REF!+Keep!A1+SUM(#REF!)")
    );
    assert_eq!(drop_sheet("Keep!A1", "Old"), None);
    assert!(mentions_sheet("'Old'!$A$1", "OLD"));
}

#[test]
fn quoting() {
    for plain in ["Data", "Sheet1", "My_data", "Q1.2024"] {
        assert!(!needs_quotes(plain), "{plain}");
    }
    for quoted in [
        "My data",
        "A1",
        "R1C1",
        "R",
        "C",
        "2024",
        "TRUE",
        "a-b",
        "Ünïcode ok",
    ] {
        assert!(needs_quotes(quoted), "{quoted}");
    }
    assert_eq!(qualifier("O'Brien"), "'O''Brien'");
}
