//! The one place where secret-dependent comparisons happen.
//!
//! Every comparison of a MAC, an AEAD commitment or a password hash goes through
//! [`eq`], so an audit of timing behaviour has a single function to read.

use subtle::ConstantTimeEq;

/// Compares two byte strings in time that depends only on their lengths.
///
/// Lengths are public in every place this is used (they come from the format),
/// so an early return on a length mismatch leaks nothing secret.
#[must_use]
pub fn eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::eq;

    #[test]
    fn equal_and_unequal() {
        assert!(eq(b"", b""));
        assert!(eq(b"abc", b"abc"));
        assert!(!eq(b"abc", b"abd"));
        assert!(!eq(b"abc", b"ab"));
        assert!(!eq(b"\x00", b""));
    }
}
