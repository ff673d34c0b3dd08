//! Any bytes as XML: pretty and condense must agree (condense(pretty(x)) == condense(x)).
#![no_main]

use docskill_opc::{Limits, xml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let _ = xml::check_well_formed(data, "fuzz.xml", &limits);
    if let (Ok(p), Ok(c)) = (xml::pretty(data, "fuzz.xml", &limits), xml::condense(data, "fuzz.xml", &limits)) {
        assert_eq!(xml::condense(&p, "fuzz.xml", &limits).unwrap(), c);
    }
});
