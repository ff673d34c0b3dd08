//! Built-in functions: the registry and the argument helpers they share.

mod aggregate;
mod arrays;
mod arrays2;
pub(crate) mod calendar;
mod cellinfo;
pub(crate) mod criteria;
pub(crate) mod date;
mod distributions;
mod finance2;
mod financial;
mod info;
mod intl;
pub(crate) mod lambda;
mod logic;
mod lookup;
mod math;
mod mathx;
mod matrix;
mod more;
mod numfmt;
mod reference;
mod regression;
mod stats;
pub(crate) mod stats2;
pub(crate) mod subtotal;
pub(crate) mod text;
mod text2;
mod trig;
mod ttest;

use std::sync::Arc;

use crate::ast::{Formula, Node, NodeId};
use crate::eval::interp::{Area, Ctx, Op};
use crate::value::{ErrorKind, Value};

/// What a function returns: an operand (value or reference) or an error.
pub(crate) type FnResult = Result<Op, ErrorKind>;

/// A built-in function.
pub(crate) struct Builtin {
    pub name: &'static str,
    pub min: u8,
    pub max: u8,
    pub run: fn(&mut Ctx<'_>, &Formula, &[NodeId]) -> FnResult,
}

const fn b(
    name: &'static str,
    min: u8,
    max: u8,
    run: fn(&mut Ctx<'_>, &Formula, &[NodeId]) -> FnResult,
) -> Builtin {
    Builtin {
        name,
        min,
        max,
        run,
    }
}

/// Every implemented function, sorted by name (checked by a test).
pub(crate) static BUILTINS: &[Builtin] = &[
    b("ABS", 1, 1, math::abs),
    b("ACOS", 1, 1, trig::acos),
    b("ADDRESS", 2, 5, arrays2::address),
    b("AGGREGATE", 3, 255, aggregate::aggregate),
    b("AND", 1, 255, logic::and),
    b("AREAS", 1, 1, arrays2::areas_fn),
    b("ASIN", 1, 1, trig::asin),
    b("ATAN", 1, 1, trig::atan),
    b("ATAN2", 2, 2, trig::atan2),
    b("AVEDEV", 1, 255, stats2::avedev),
    b("AVERAGE", 1, 255, stats::average),
    b("AVERAGEA", 1, 255, stats2::averagea),
    b("AVERAGEIF", 2, 3, criteria::averageif),
    b("AVERAGEIFS", 3, 255, criteria::averageifs),
    b("BASE", 2, 3, mathx::base),
    b("BINOM.DIST", 4, 4, distributions::binom_dist),
    b("BYCOL", 2, 2, lambda::bycol),
    b("BYROW", 2, 2, lambda::byrow),
    b("CEILING", 2, 2, more::ceiling),
    b("CEILING.MATH", 1, 3, more::ceiling_math),
    b("CEILING.PRECISE", 1, 2, mathx::ceiling_precise),
    b("CELL", 1, 2, cellinfo::cell),
    b("CHAR", 1, 1, text2::char_),
    b("CHOOSE", 2, 255, logic::choose),
    b("CHOOSECOLS", 2, 255, arrays2::choosecols),
    b("CHOOSEROWS", 2, 255, arrays2::chooserows),
    b("CLEAN", 1, 1, trig::clean),
    b("CODE", 1, 1, text2::code),
    b("COLUMN", 0, 1, more::column),
    b("COLUMNS", 1, 1, more::columns),
    b("COMBIN", 2, 2, mathx::combin),
    b("CONCAT", 1, 255, text::concat),
    b("CONCATENATE", 1, 255, text::concat),
    b("CONFIDENCE", 3, 3, distributions::confidence_norm),
    b("CONFIDENCE.NORM", 3, 3, distributions::confidence_norm),
    b("CORREL", 2, 2, stats2::correl),
    b("COS", 1, 1, trig::cos),
    b("COSH", 1, 1, mathx::cosh),
    b("COUNT", 1, 255, stats::count),
    b("COUNTA", 1, 255, stats::counta),
    b("COUNTBLANK", 1, 1, stats::countblank),
    b("COUNTIF", 2, 2, criteria::countif),
    b("COUNTIFS", 2, 254, criteria::countifs),
    b("COVAR", 2, 2, stats2::covariance_p),
    b("COVARIANCE.P", 2, 2, stats2::covariance_p),
    b("COVARIANCE.S", 2, 2, stats2::covariance_s),
    b("CUMIPMT", 6, 6, finance2::cumipmt),
    b("CUMPRINC", 6, 6, finance2::cumprinc),
    b("DATE", 3, 3, date::date),
    b("DATEDIF", 3, 3, calendar::datedif),
    b("DATEVALUE", 1, 1, calendar::datevalue),
    b("DAY", 1, 1, date::day),
    b("DAYS", 2, 2, calendar::days),
    b("DAYS360", 2, 3, calendar::days360),
    b("DB", 4, 5, finance2::db),
    b("DDB", 4, 5, finance2::ddb),
    b("DECIMAL", 2, 2, mathx::decimal),
    b("DEGREES", 1, 1, trig::degrees),
    b("DEVSQ", 1, 255, stats2::devsq),
    b("DOLLAR", 1, 2, text2::dollar),
    b("DROP", 2, 3, arrays2::drop),
    b("EDATE", 2, 2, date::edate),
    b("EFFECT", 2, 2, finance2::effect),
    b("EOMONTH", 2, 2, date::eomonth),
    b("ERROR.TYPE", 1, 1, text2::error_type),
    b("EVEN", 1, 1, mathx::even),
    b("EXACT", 2, 2, more::exact),
    b("EXP", 1, 1, math::exp),
    b("EXPAND", 2, 4, matrix::expand),
    b("EXPON.DIST", 3, 3, distributions::expon_dist),
    b("FACT", 1, 1, mathx::fact),
    b("FACTDOUBLE", 1, 1, mathx::factdouble),
    b("FALSE", 0, 0, logic::false_),
    b("FILTER", 2, 3, arrays2::filter),
    b("FIND", 2, 3, text::find),
    b("FIXED", 1, 3, text2::fixed),
    b("FLOOR", 2, 2, more::floor),
    b("FLOOR.MATH", 1, 3, more::floor_math),
    b("FLOOR.PRECISE", 1, 2, mathx::floor_precise),
    b("FORECAST", 3, 3, stats2::forecast),
    b("FORECAST.LINEAR", 3, 3, stats2::forecast),
    b("FORMULATEXT", 1, 1, text2::formulatext),
    b("FREQUENCY", 2, 2, matrix::frequency),
    b("FV", 3, 5, more::fv),
    b("GCD", 1, 255, mathx::gcd),
    b("GEOMEAN", 1, 255, stats2::geomean),
    b("GROWTH", 1, 4, matrix::growth),
    b("HARMEAN", 1, 255, stats2::harmean),
    b("HLOOKUP", 3, 4, lookup::hlookup),
    b("HOUR", 1, 1, more::hour),
    b("HSTACK", 1, 254, arrays2::hstack),
    b("HYPERLINK", 1, 2, text2::hyperlink),
    b("IF", 1, 3, logic::if_),
    b("IFERROR", 2, 2, logic::iferror),
    b("IFNA", 2, 2, logic::ifna),
    b("IFS", 2, 254, logic::ifs),
    b("INDEX", 2, 4, lookup::index),
    b("INDIRECT", 1, 2, reference::indirect),
    b("INFO", 1, 1, cellinfo::info),
    b("INT", 1, 1, math::int),
    b("INTERCEPT", 2, 2, stats2::intercept),
    b("IPMT", 4, 6, finance2::ipmt),
    b("IRR", 1, 2, financial::irr),
    b("ISBLANK", 1, 1, info::isblank),
    b("ISERR", 1, 1, info::iserr),
    b("ISERROR", 1, 1, info::iserror),
    b("ISEVEN", 1, 1, text2::iseven),
    b("ISFORMULA", 1, 1, text2::isformula),
    b("ISLOGICAL", 1, 1, info::islogical),
    b("ISNA", 1, 1, info::isna),
    b("ISNONTEXT", 1, 1, text2::isnontext),
    b("ISNUMBER", 1, 1, info::isnumber),
    b("ISO.CEILING", 1, 2, mathx::ceiling_precise),
    b("ISODD", 1, 1, text2::isodd),
    b("ISOMITTED", 1, 1, lambda::isomitted),
    b("ISOWEEKNUM", 1, 1, calendar::isoweeknum),
    b("ISREF", 1, 1, text2::isref),
    b("ISTEXT", 1, 1, info::istext),
    b("KURT", 1, 255, stats2::kurt),
    b("LAMBDA", 1, 254, lambda::lambda),
    b("LARGE", 2, 2, more::large),
    b("LCM", 1, 255, mathx::lcm),
    b("LEFT", 1, 2, text::left),
    b("LEN", 1, 1, text::len),
    b("LET", 3, 253, logic::let_),
    b("LINEST", 1, 4, regression::linest),
    b("LN", 1, 1, math::ln),
    b("LOG", 1, 2, more::log),
    b("LOG10", 1, 1, more::log10),
    b("LOGEST", 1, 4, regression::logest),
    b("LOOKUP", 2, 3, arrays2::lookup),
    b("LOWER", 1, 1, text::lower),
    b("MAKEARRAY", 3, 3, lambda::makearray),
    b("MAP", 2, 254, lambda::map),
    b("MATCH", 2, 3, lookup::match_),
    b("MAX", 1, 255, stats::max),
    b("MAXA", 1, 255, stats2::maxa),
    b("MAXIFS", 3, 255, criteria::maxifs),
    b("MDETERM", 1, 1, matrix::mdeterm),
    b("MEDIAN", 1, 255, more::median),
    b("MID", 3, 3, text::mid),
    b("MIN", 1, 255, stats::min),
    b("MINA", 1, 255, stats2::mina),
    b("MINIFS", 3, 255, criteria::minifs),
    b("MINUTE", 1, 1, more::minute),
    b("MINVERSE", 1, 1, matrix::minverse),
    b("MIRR", 3, 3, finance2::mirr),
    b("MMULT", 2, 2, matrix::mmult),
    b("MOD", 2, 2, math::mod_),
    b("MODE", 1, 255, stats2::mode),
    b("MODE.SNGL", 1, 255, stats2::mode),
    b("MONTH", 1, 1, date::month),
    b("MROUND", 2, 2, trig::mround),
    b("N", 1, 1, text2::n),
    b("NA", 0, 0, info::na),
    b("NETWORKDAYS", 2, 3, calendar::networkdays),
    b("NETWORKDAYS.INTL", 2, 4, intl::networkdays_intl),
    b("NOMINAL", 2, 2, finance2::nominal),
    b("NORM.DIST", 4, 4, stats2::norm_dist),
    b("NORM.INV", 3, 3, stats2::norm_inv_fn),
    b("NORM.S.DIST", 2, 2, stats2::norm_s_dist),
    b("NORM.S.INV", 1, 1, stats2::norm_s_inv),
    b("NORMDIST", 4, 4, stats2::norm_dist),
    b("NORMINV", 3, 3, stats2::norm_inv_fn),
    b("NORMSDIST", 1, 1, stats2::norm_s_dist),
    b("NORMSINV", 1, 1, stats2::norm_s_inv),
    b("NOT", 1, 1, logic::not),
    b("NOW", 0, 0, date::now),
    b("NPER", 3, 5, finance2::nper),
    b("NPV", 2, 255, financial::npv),
    b("NUMBERVALUE", 1, 3, text2::numbervalue),
    b("ODD", 1, 1, mathx::odd),
    b("OFFSET", 3, 5, reference::offset),
    b("OR", 1, 255, logic::or),
    b("PEARSON", 2, 2, stats2::correl),
    b("PERCENTILE", 2, 2, stats2::percentile_inc),
    b("PERCENTILE.EXC", 2, 2, stats2::percentile_exc),
    b("PERCENTILE.INC", 2, 2, stats2::percentile_inc),
    b("PERCENTRANK", 2, 3, stats2::percentrank),
    b("PERCENTRANK.INC", 2, 3, stats2::percentrank),
    b("PERMUT", 2, 2, mathx::permut),
    b("PI", 0, 0, math::pi),
    b("PMT", 3, 5, financial::pmt),
    b("POISSON.DIST", 3, 3, distributions::poisson_dist),
    b("POWER", 2, 2, math::power),
    b("PPMT", 4, 6, finance2::ppmt),
    b("PRODUCT", 1, 255, math::product),
    b("PROPER", 1, 1, more::proper),
    b("PV", 3, 5, more::pv),
    b("QUARTILE", 2, 2, stats2::quartile_inc),
    b("QUARTILE.EXC", 2, 2, stats2::quartile_exc),
    b("QUARTILE.INC", 2, 2, stats2::quartile_inc),
    b("QUOTIENT", 2, 2, mathx::quotient),
    b("RADIANS", 1, 1, trig::radians),
    b("RAND", 0, 0, math::rand),
    b("RANDARRAY", 0, 5, matrix::randarray),
    b("RANDBETWEEN", 2, 2, math::randbetween),
    b("RANK", 2, 3, trig::rank),
    b("RANK.AVG", 2, 3, stats2::rank_avg),
    b("RANK.EQ", 2, 3, trig::rank),
    b("RATE", 3, 6, finance2::rate),
    b("REDUCE", 3, 3, lambda::reduce),
    b("REPLACE", 4, 4, text2::replace),
    b("REPT", 2, 2, more::rept),
    b("RIGHT", 1, 2, text::right),
    b("ROMAN", 1, 2, text2::roman),
    b("ROUND", 2, 2, math::round),
    b("ROUNDDOWN", 2, 2, math::rounddown),
    b("ROUNDUP", 2, 2, math::roundup),
    b("ROW", 0, 1, more::row),
    b("ROWS", 1, 1, more::rows),
    b("RSQ", 2, 2, stats2::rsq),
    b("SCAN", 3, 3, lambda::scan),
    b("SEARCH", 2, 3, text::search),
    b("SECOND", 1, 1, more::second),
    b("SEQUENCE", 1, 4, mathx::sequence),
    b("SHEET", 0, 1, text2::sheet),
    b("SHEETS", 0, 1, text2::sheets),
    b("SIGN", 1, 1, math::sign),
    b("SIN", 1, 1, trig::sin),
    b("SINGLE", 1, 1, logic::single),
    b("SINH", 1, 1, mathx::sinh),
    b("SKEW", 1, 255, stats2::skew),
    b("SLN", 3, 3, finance2::sln),
    b("SLOPE", 2, 2, stats2::slope),
    b("SMALL", 2, 2, more::small),
    b("SORT", 1, 4, arrays2::sort),
    b("SORTBY", 2, 254, arrays2::sortby),
    b("SQRT", 1, 1, math::sqrt),
    b("SQRTPI", 1, 1, mathx::sqrtpi),
    b("STANDARDIZE", 3, 3, stats2::standardize),
    b("STDEV", 1, 255, more::stdev_s),
    b("STDEV.P", 1, 255, more::stdev_p),
    b("STDEV.S", 1, 255, more::stdev_s),
    b("STDEVA", 1, 255, stats2::stdeva),
    b("STDEVP", 1, 255, more::stdev_p),
    b("SUBSTITUTE", 3, 4, text::substitute),
    b("SUBTOTAL", 2, 255, subtotal::subtotal),
    b("SUM", 1, 255, math::sum),
    b("SUMIF", 2, 3, criteria::sumif),
    b("SUMIFS", 3, 255, criteria::sumifs),
    b("SUMPRODUCT", 1, 255, math::sumproduct),
    b("SUMSQ", 1, 255, mathx::sumsq),
    b("SWITCH", 3, 254, logic::switch),
    b("SYD", 4, 4, finance2::syd),
    b("T", 1, 1, text2::t),
    b("T.DIST", 3, 3, distributions::t_dist),
    b("T.DIST.2T", 2, 2, distributions::t_dist_2t),
    b("T.DIST.RT", 2, 2, distributions::t_dist_rt),
    b("T.INV", 2, 2, distributions::t_inv_fn),
    b("T.INV.2T", 2, 2, distributions::t_inv_2t),
    b("T.TEST", 4, 4, ttest::t_test),
    b("TAKE", 2, 3, arrays2::take),
    b("TAN", 1, 1, trig::tan),
    b("TANH", 1, 1, mathx::tanh),
    b("TEXT", 2, 2, text::text),
    b("TEXTAFTER", 2, 6, text2::textafter),
    b("TEXTBEFORE", 2, 6, text2::textbefore),
    b("TEXTJOIN", 3, 255, text::textjoin),
    b("TEXTSPLIT", 2, 6, text2::textsplit),
    b("TIME", 3, 3, more::time),
    b("TIMEVALUE", 1, 1, arrays::timevalue),
    b("TOCOL", 1, 3, arrays2::tocol),
    b("TODAY", 0, 0, date::today),
    b("TOROW", 1, 3, arrays2::torow),
    b("TRANSPOSE", 1, 1, arrays2::transpose),
    b("TREND", 1, 4, matrix::trend),
    b("TRIM", 1, 1, text::trim),
    b("TRUE", 0, 0, logic::true_),
    b("TRUNC", 1, 2, math::trunc),
    b("TTEST", 4, 4, ttest::t_test),
    b("TYPE", 1, 1, text2::type_),
    b("UNICHAR", 1, 1, text2::unichar),
    b("UNICODE", 1, 1, text2::unicode),
    b("UNIQUE", 1, 3, arrays::unique),
    b("UPPER", 1, 1, text::upper),
    b("VALUE", 1, 1, text::value),
    b("VALUETOTEXT", 1, 2, text2::valuetotext),
    b("VAR", 1, 255, more::var_s),
    b("VAR.P", 1, 255, more::var_p),
    b("VAR.S", 1, 255, more::var_s),
    b("VLOOKUP", 3, 4, lookup::vlookup),
    b("VSTACK", 1, 254, arrays2::vstack),
    b("WEEKDAY", 1, 2, more::weekday),
    b("WEEKNUM", 1, 2, calendar::weeknum),
    b("WORKDAY", 2, 3, trig::workday),
    b("WORKDAY.INTL", 2, 4, intl::workday_intl),
    b("WRAPCOLS", 2, 3, arrays2::wrapcols),
    b("WRAPROWS", 2, 3, arrays2::wraprows),
    b("XIRR", 2, 3, finance2::xirr),
    b("XLOOKUP", 3, 6, lookup::xlookup),
    b("XMATCH", 2, 4, lookup::xmatch),
    b("XNPV", 3, 3, finance2::xnpv),
    b("XOR", 1, 255, logic::xor),
    b("YEAR", 1, 1, date::year),
    b("YEARFRAC", 2, 3, calendar::yearfrac),
];

/// Index of an implemented function by its upper-case name.
pub(crate) fn index_of(name: &str) -> Option<u16> {
    BUILTINS
        .binary_search_by(|b| b.name.cmp(name))
        .ok()
        .and_then(|i| u16::try_from(i).ok())
}

/// Names of all implemented functions, sorted.
pub fn supported_functions() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|b| b.name)
}

// ---- argument helpers ----

pub(crate) fn is_missing(f: &Formula, args: &[NodeId], i: usize) -> bool {
    args.get(i)
        .is_none_or(|&id| matches!(f.node(id), Node::Missing))
}

/// The value of argument `i` (areas become arrays); omitted arguments are empty.
pub(crate) fn value(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Value {
    match args.get(i) {
        Some(&id) => {
            let op = ctx.eval(f, id);
            ctx.value(op)
        }
        None => Value::Empty,
    }
}

/// The scalar value of argument `i`.
pub(crate) fn scalar(ctx: &mut Ctx<'_>, f: &Formula, args: &[NodeId], i: usize) -> Value {
    match args.get(i) {
        Some(&id) => {
            let op = ctx.eval(f, id);
            ctx.scalar(op)
        }
        None => Value::Empty,
    }
}

pub(crate) fn number(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<f64, ErrorKind> {
    let date1904 = ctx.wb.date1904;
    scalar(ctx, f, args, i).to_number_in(date1904)
}

pub(crate) fn number_or(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
    default: f64,
) -> Result<f64, ErrorKind> {
    if is_missing(f, args, i) {
        Ok(default)
    } else {
        number(ctx, f, args, i)
    }
}

pub(crate) fn text(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<Arc<str>, ErrorKind> {
    scalar(ctx, f, args, i).to_text()
}

pub(crate) fn boolean(
    ctx: &mut Ctx<'_>,
    f: &Formula,
    args: &[NodeId],
    i: usize,
) -> Result<bool, ErrorKind> {
    scalar(ctx, f, args, i).to_bool()
}

/// The areas of a reference argument, `None` when it is not a reference.
pub(crate) fn areas(op: &Op) -> Option<Vec<Area>> {
    match op {
        Op::R(a) => Some(vec![*a]),
        Op::Rs(v) => Some(v.clone()),
        Op::V(_) | Op::L(_) => None,
    }
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "shorthand for a built-in's return"
)]
pub(crate) fn ok(v: Value) -> FnResult {
    Ok(Op::V(v))
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "shorthand for a built-in's return"
)]
pub(crate) fn num(n: f64) -> FnResult {
    Ok(Op::V(crate::eval::interp::num(n)))
}

#[cfg(test)]
mod tests {
    use super::BUILTINS;

    #[test]
    fn registry_sorted() {
        for w in BUILTINS.windows(2) {
            assert!(w[0].name < w[1].name, "{} before {}", w[0].name, w[1].name);
        }
    }
}
