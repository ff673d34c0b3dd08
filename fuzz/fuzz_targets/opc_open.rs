//! Any bytes as a package: open, list, read every part, check, write back.
#![no_main]

use docskill_opc::{Limits, Package, check};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_part_size: 8 << 20, max_total_uncompressed: 32 << 20, ..Limits::default() };
    if let Ok(pkg) = Package::open_lenient(data.to_vec(), &limits) {
        let _ = check(&pkg);
        for name in pkg.part_names().collect::<Vec<_>>() {
            let _ = pkg.read_part(&name);
        }
        let _ = pkg.to_bytes();
    }
});
