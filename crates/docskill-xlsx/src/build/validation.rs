//! Data validation rules.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, XlsxError,
};

use super::cells::date_serial;
use super::prepared;
use crate::error::{Result, spec};
use crate::spec::{Bound, ErrorStyle, Operator, Validation, ValidationType, ValueType};

fn rule<T: rust_xlsxwriter::IntoDataValidationValue>(
    v: &Validation,
    at: &str,
    conv: impl Fn(&Bound) -> Option<T>,
    what: &str,
) -> Result<DataValidationRule<T>> {
    let num = |x: Option<&Bound>, field: &str| -> Result<T> {
        let x = x.ok_or_else(|| spec(at, format!("`{field}` is required for this operator")))?;
        conv(x).ok_or_else(|| {
            let shown = match x {
                Bound::Number(n) => n.to_string(),
                Bound::Text(s) => format!("{s:?}"),
            };
            spec(at, format!("`{field}` {shown} is not {what}"))
        })
    };
    let op = match v.operator {
        Some(op) => op,
        None if v.min.is_some() && v.max.is_some() => Operator::Between,
        None => {
            return Err(spec(
                at,
                "give `min` and `max`, or an `operator` with a `value`",
            ));
        }
    };
    Ok(match op {
        Operator::Between => {
            DataValidationRule::Between(num(v.min.as_ref(), "min")?, num(v.max.as_ref(), "max")?)
        }
        Operator::NotBetween => {
            DataValidationRule::NotBetween(num(v.min.as_ref(), "min")?, num(v.max.as_ref(), "max")?)
        }
        Operator::Eq => DataValidationRule::EqualTo(num(v.value.as_ref(), "value")?),
        Operator::Ne => DataValidationRule::NotEqualTo(num(v.value.as_ref(), "value")?),
        Operator::Gt => DataValidationRule::GreaterThan(num(v.value.as_ref(), "value")?),
        Operator::Ge => DataValidationRule::GreaterThanOrEqualTo(num(v.value.as_ref(), "value")?),
        Operator::Lt => DataValidationRule::LessThan(num(v.value.as_ref(), "value")?),
        Operator::Le => DataValidationRule::LessThanOrEqualTo(num(v.value.as_ref(), "value")?),
    })
}

#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "checked to be whole and in range"
)]
pub(super) fn validation(v: &Validation, at: &str) -> Result<DataValidation> {
    let dv = DataValidation::new();
    let mut dv = match v.kind {
        ValidationType::List => match (&v.formula, v.values.is_empty()) {
            (Some(f), true) => dv.allow_list_formula(prepared(f, at)?),
            (None, false) => dv
                .allow_list_strings(&v.values)
                .map_err(|e| spec(at, e.to_string()))?,
            _ => {
                return Err(spec(
                    at,
                    "a list needs either `values` or a `formula` (e.g. \"=$F$1:$F$5\")",
                ));
            }
        },
        ValidationType::Whole => dv.allow_whole_number(rule(
            v,
            at,
            |x| {
                number(x)
                    .filter(|x| x.fract() == 0.0 && x.abs() <= f64::from(i32::MAX))
                    .map(|x| x as i32)
            },
            "a whole number",
        )?),
        ValidationType::Decimal => dv.allow_decimal_number(rule(v, at, number, "a number")?),
        ValidationType::Date => dv.allow_date(rule(
            v,
            at,
            |x| serial_of(x, ValueType::Date),
            "a date (YYYY-MM-DD)",
        )?),
        ValidationType::Time => dv.allow_time(rule(
            v,
            at,
            |x| serial_of(x, ValueType::Time),
            "a time (HH:MM[:SS])",
        )?),
        ValidationType::TextLength => dv.allow_text_length(rule(
            v,
            at,
            |x| {
                number(x)
                    .filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x))
                    .map(|x| x as u32)
            },
            "a length",
        )?),
        ValidationType::Custom => {
            let f = v
                .formula
                .as_deref()
                .ok_or_else(|| spec(at, "a custom rule needs a `formula`"))?;
            dv.allow_custom(prepared(f, at)?)
        }
    };
    if v.kind != ValidationType::List && !v.values.is_empty() {
        return Err(spec(at, "`values` belongs to a list rule"));
    }
    if let Some(b) = v.ignore_blank {
        dv = dv.ignore_blank(b);
    }
    let e = |e: XlsxError| spec(at, e.to_string());
    if let Some(t) = &v.input_title {
        dv = dv.set_input_title(t).map_err(e)?;
    }
    if let Some(t) = &v.input_message {
        dv = dv.set_input_message(t).map_err(e)?;
    }
    if let Some(t) = &v.error_title {
        dv = dv.set_error_title(t).map_err(e)?;
    }
    if let Some(t) = &v.error_message {
        dv = dv.set_error_message(t).map_err(e)?;
    }
    if let Some(s) = v.error_style {
        dv = dv.set_error_style(match s {
            ErrorStyle::Stop => DataValidationErrorStyle::Stop,
            ErrorStyle::Warning => DataValidationErrorStyle::Warning,
            ErrorStyle::Information => DataValidationErrorStyle::Information,
        });
    }
    Ok(dv)
}

fn number(b: &Bound) -> Option<f64> {
    match b {
        Bound::Number(n) => Some(*n),
        Bound::Text(_) => None,
    }
}

/// A date or time bound: ISO text or a serial number.
fn serial_of(b: &Bound, kind: ValueType) -> Option<ExcelDateTime> {
    let serial = match b {
        Bound::Number(n) => *n,
        Bound::Text(s) => date_serial(kind, s)?,
    };
    if !(0.0..2_958_466.0).contains(&serial) || (kind == ValueType::Time && serial >= 1.0) {
        return None;
    }
    ExcelDateTime::from_serial_datetime(serial).ok()
}
