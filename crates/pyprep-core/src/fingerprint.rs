//! A stable content fingerprint: the same bytes give the same value on every build and platform
//! (std's `DefaultHasher` promises neither), so stored fingerprints stay comparable.

/// 64-bit FNV-1a over `parts`, each followed by a 0 byte so `["ab", "c"]` and `["a", "bc"]` differ.
pub fn fingerprint<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hash: u64 = 0xcbf29ce484222325;
    for part in parts {
        for &byte in part.iter().chain(&[0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x100000001b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::fingerprint;

    #[test]
    fn is_stable_and_separates_parts() {
        // FNV-1a of the single separator byte, as computed independently.
        assert_eq!(fingerprint([b"".as_slice()]), "af63bd4c8601b7df");
        assert_ne!(
            fingerprint([b"ab".as_slice(), b"c"]),
            fingerprint([b"a".as_slice(), b"bc"])
        );
    }
}
