//! Reading cells of a spec: a plain JSON value or an object, decided by the JSON type
//! alone, and rows kept at their exact length.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{CellObject, CellSpec};

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = CellSpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a cell: a number, text, true/false, null or an object with a value or formula")
    }

    fn visit_unit<E: de::Error>(self) -> Result<CellSpec, E> {
        Ok(CellSpec::Empty(()))
    }

    fn visit_none<E: de::Error>(self) -> Result<CellSpec, E> {
        Ok(CellSpec::Empty(()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<CellSpec, D::Error> {
        d.deserialize_any(CellVisitor)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<CellSpec, E> {
        Ok(CellSpec::Bool(b))
    }

    #[allow(clippy::cast_precision_loss)] // JSON numbers are doubles in a workbook
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<CellSpec, E> {
        Ok(CellSpec::Number(n as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<CellSpec, E> {
        Ok(CellSpec::Number(n as f64))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<CellSpec, E> {
        Ok(CellSpec::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<CellSpec, E> {
        Ok(CellSpec::Text(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<CellSpec, E> {
        Ok(CellSpec::Text(s))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellSpec, A::Error> {
        let o = CellObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(CellSpec::Full(Box::new(o)))
    }
}

impl<'de> Deserialize<'de> for CellSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

/// One row, at its exact length (a growing `Vec` would hold up to twice the cells).
pub(super) struct Row(pub(super) Vec<CellSpec>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut v = Vec::<CellSpec>::deserialize(d)?;
        v.shrink_to_fit();
        Ok(Row(v))
    }
}

struct RowsVisitor;

impl<'de> Visitor<'de> for RowsVisitor {
    type Value = Vec<Vec<CellSpec>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows, each an array of cells")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rows = Vec::new();
        while let Some(Row(r)) = seq.next_element()? {
            rows.push(r);
        }
        rows.shrink_to_fit();
        Ok(rows)
    }
}

/// `rows` of a sheet.
pub(super) fn rows<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<CellSpec>>, D::Error> {
    d.deserialize_seq(RowsVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_json_type_is_one_kind_of_cell() {
        let row: Vec<CellSpec> = serde_json::from_str(
            r#"[null, true, 3, -2, 1.5, "=not a formula", {"formula": "=A1"}]"#,
        )
        .unwrap();
        assert_eq!(
            row[..6],
            [
                CellSpec::Empty(()),
                CellSpec::Bool(true),
                CellSpec::Number(3.0),
                CellSpec::Number(-2.0),
                CellSpec::Number(1.5),
                CellSpec::Text("=not a formula".into()),
            ]
        );
        let CellSpec::Full(o) = &row[6] else {
            panic!("{:?}", row[6])
        };
        assert_eq!(o.formula.as_deref(), Some("=A1"));
    }

    #[test]
    fn a_wrong_cell_says_what_a_cell_is() {
        let e = serde_json::from_str::<CellSpec>("[1]")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("invalid type: sequence, expected a cell"),
            "{e}"
        );
        // An unknown key in a cell object is still refused.
        let e = serde_json::from_str::<CellSpec>(r#"{"formla": "=A1"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `formla`"), "{e}");
    }
}
