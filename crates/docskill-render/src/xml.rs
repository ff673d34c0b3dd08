//! Small helpers over the DOM of `docskill-opc`.

use docskill_opc::xml::dom::Element;

/// The first child element with this local name.
pub fn child<'e>(el: &'e Element, local: &str) -> Option<&'e Element> {
    el.elements().find(|e| e.local() == local)
}

/// Follow a path of local names.
pub fn path<'e>(el: &'e Element, locals: &[&str]) -> Option<&'e Element> {
    locals.iter().try_fold(el, |e, l| child(e, l))
}

/// An attribute parsed as an integer.
pub fn int(el: &Element, k: &str) -> Option<i64> {
    el.attr(k).and_then(|v| v.trim().parse().ok())
}

/// The value of the first attribute `prefix:local` (any prefix except xmlns).
pub fn prefixed<'e>(el: &'e Element, local: &str) -> Option<&'e str> {
    el.attrs.iter().find_map(|(k, v)| {
        let (p, l) = k.split_once(':')?;
        (p != "xmlns" && l == local).then_some(v.as_str())
    })
}

/// A boolean attribute (`1`, `true`).
pub fn truthy(el: &Element, k: &str) -> Option<bool> {
    el.attr(k).map(|v| v == "1" || v == "true")
}

/// EMU to points.
#[expect(
    clippy::cast_precision_loss,
    reason = "EMU values are far inside f64's range"
)]
pub fn pt(emu: i64) -> f64 {
    emu as f64 / 12_700.0
}
