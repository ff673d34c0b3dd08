//! The hasher of the engine's lookup indexes: foldhash, several times faster
//! than std's `SipHash` on the numbers and short texts a lookup hashes, with a
//! secret seed as std's hasher has one. A workbook's keys cannot be chosen to
//! collide (and make an index quadratic) without knowing the seed, which
//! comes from std's randomly keyed hasher, once per process and per map.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use foldhash::SharedSeed;
use foldhash::fast::SeedableRandomState;

/// A hash map with the keyed fast hasher.
pub(crate) type KeyedMap<K, V> = HashMap<K, V, Keyed>;

/// Builds foldhash hashers from a secret seed (see the module).
#[derive(Clone, Debug)]
pub(crate) struct Keyed(SeedableRandomState);

/// A secret number from std's randomly keyed hasher.
fn secret(x: u64) -> u64 {
    std::hash::RandomState::new().hash_one(x)
}

impl Default for Keyed {
    fn default() -> Self {
        static SHARED: OnceLock<SharedSeed> = OnceLock::new();
        let shared = SHARED.get_or_init(|| SharedSeed::from_u64(secret(0)));
        Keyed(SeedableRandomState::with_seed(secret(1), shared))
    }
}

impl BuildHasher for Keyed {
    type Hasher = foldhash::fast::FoldHasher<'static>;

    fn build_hasher(&self) -> Self::Hasher {
        self.0.build_hasher()
    }
}

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::{Keyed, KeyedMap};

    #[test]
    fn maps_hash_with_a_seed_of_their_own() {
        let (a, b) = (Keyed::default(), Keyed::default());
        let probe = |k: &Keyed| (0..64u64).map(|i| k.hash_one(i)).collect::<Vec<_>>();
        assert_ne!(probe(&a), probe(&b));
        let mut m: KeyedMap<u64, u32> = KeyedMap::default();
        for i in 0..1000 {
            m.insert(i * 7, u32::try_from(i).unwrap());
        }
        assert_eq!(m.get(&(7 * 999)), Some(&999));
        assert_eq!(m.get(&1), None);
    }
}
