//! `xlsx.recalc` and `xlsx.eval`: compute a workbook's formulas with the
//! docskill formula engine, write the values back, report errors.

use std::path::PathBuf;

use docskill_opc::pool::Pool;
use docskill_xlsx::edit::CachedValue;
use docskill_xlsx::recalc::RecalcOptions;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::fs::read_input;
use super::xlsx::from_xlsx;
use super::{Context, Done, LimitOverrides, OpError, OpResult};

/// `xlsx.recalc`: compute every formula, write the values into the workbook's
/// own XML (without an output, only report), list errors with their origin,
/// circular references and unsupported functions.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxRecalc {
    /// The workbook.
    pub input: PathBuf,
    /// Where to write the recalculated workbook (none: report only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<PathBuf>,
    /// Replace the input file.
    #[serde(default)]
    pub in_place: bool,
    /// Date and time `NOW()` and `TODAY()` see (ISO 8601, e.g. `2025-03-31` or
    /// `2025-03-31T09:00:00`). Default: `SOURCE_DATE_EPOCH` if set, else
    /// 2025-01-01T12:00:00; never the clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Seed of `RAND()` and `RANDBETWEEN()` (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Gate mode: the result gets `"clean"`, false (exit 1 on the command
    /// line) when any error, circular reference or unsupported function exists.
    #[serde(default)]
    pub check: bool,
    /// Compare the computed values with the cached values in the file and
    /// list every disagreement (cell, formula, ours, theirs).
    #[serde(default)]
    pub compare_cached: bool,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "super::xlsx::is_default")]
    pub limits: LimitOverrides,
}

/// `xlsx.eval`: evaluate one formula against a workbook (computed first).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct XlsxEval {
    /// The workbook.
    pub input: PathBuf,
    /// The formula, e.g. `=SUM(Data!B2:B99)`.
    pub formula: String,
    /// Sheet the formula stands on, for references without a sheet (default: the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Date and time `NOW()` and `TODAY()` see (as in `xlsx.recalc`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Seed of `RAND()` and `RANDBETWEEN()` (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Override the safety limits for this request.
    #[serde(default, skip_serializing_if = "super::xlsx::is_default")]
    pub limits: LimitOverrides,
}

/// Serial date-time (1900 system) of the request's date, else `SOURCE_DATE_EPOCH`.
fn now_serial(date: Option<&str>, ctx: &Context) -> OpResult<Option<f64>> {
    if let Some(d) = date {
        let dt = docskill_xlsx::dates::parse_iso(d).ok_or_else(|| {
            OpError::new(
                "xlsx.date_invalid",
                format!("--date {d:?} is not an ISO 8601 date"),
            )
            .hint("write it as 2025-03-31 or 2025-03-31T09:00:00")
        })?;
        return Ok(Some(docskill_xlsx::dates::to_serial(&dt)));
    }
    #[expect(clippy::cast_precision_loss, reason = "seconds since 1970 fit in f64")]
    Ok(ctx
        .source_date_epoch
        .map(|s| s as f64 / 86_400.0 + 25_569.0))
}

fn options(date: Option<&str>, seed: Option<u64>, ctx: &Context) -> OpResult<RecalcOptions> {
    let mut o = RecalcOptions::default();
    if let Some(n) = now_serial(date, ctx)? {
        o.now = n;
    }
    if let Some(s) = seed {
        o.seed = s;
    }
    Ok(o)
}

/// Runs a batch of tasks on rayon's pool.
#[cfg(feature = "parallel")]
fn on_rayon(tasks: &mut [&mut (dyn FnMut() + Send)]) {
    use rayon::prelude::*;
    tasks.par_iter_mut().for_each(|t| t());
}

/// The threads recalculation splits its work over (loading large sheets in
/// pieces, compressing large rewritten ones); the bytes do not depend on them.
#[cfg(feature = "parallel")]
fn pool() -> Pool<'static> {
    Pool {
        threads: rayon::current_num_threads(),
        run: &on_rayon,
    }
}

#[cfg(not(feature = "parallel"))]
fn pool() -> Pool<'static> {
    Pool::SEQUENTIAL
}

pub(crate) fn recalc(a: &XlsxRecalc, ctx: &Context) -> OpResult<Done> {
    let out = match (&a.output, a.in_place) {
        (Some(o), _) => Some(ctx.path(o)),
        (None, true) => Some(ctx.path(&a.input)),
        (None, false) => None,
    };
    if let Some(o) = &out {
        super::fs::guard_input(&ctx.path(&a.input), o, a.in_place)?;
    }
    let mut opts = options(a.date.as_deref(), a.seed, ctx)?;
    opts.compare_cached = a.compare_cached;
    let limits = a.limits.resolve();
    let bytes = read_input(&ctx.path(&a.input), limits.max_input_bytes)?;
    let what = a.input.display().to_string();
    let (report, outputs) = match &out {
        Some(o) => {
            let (new, report) = docskill_xlsx::recalc::recalc_with(bytes, &opts, &limits, pool())
                .map_err(|e| from_xlsx(e, &what))?;
            (report, vec![ctx.write(o, &new)?])
        }
        None => (
            docskill_xlsx::recalc::check_with(bytes, &opts, &limits, pool())
                .map_err(|e| from_xlsx(e, &what))?,
            Vec::new(),
        ),
    };
    let mut result = serde_json::to_value(&report).unwrap_or_default();
    if a.check
        && let Some(obj) = result.as_object_mut()
    {
        obj.insert("clean".into(), (report.status == "success").into());
    }
    Ok(Done {
        result,
        outputs,
        ..Done::default()
    })
}

pub(crate) fn eval(a: &XlsxEval, ctx: &Context) -> OpResult<Done> {
    let opts = options(a.date.as_deref(), a.seed, ctx)?;
    let limits = a.limits.resolve();
    let bytes = read_input(&ctx.path(&a.input), limits.max_input_bytes)?;
    let what = a.input.display().to_string();
    let v = docskill_xlsx::recalc::evaluate(bytes, &a.formula, a.sheet.as_deref(), &opts, &limits)
        .map_err(|e| from_xlsx(e, &what))?;
    let (value, kind) = match &v {
        CachedValue::Number(x) => (json!(x), "number"),
        CachedValue::Text(s) => (json!(s), "text"),
        CachedValue::Bool(b) => (json!(b), "boolean"),
        CachedValue::Error(e) => (json!(e), "error"),
    };
    Ok(Done {
        result: json!({ "formula": a.formula, "value": value, "type": kind }),
        ..Done::default()
    })
}
