//! base64url without padding (RFC 7515 §2), strict, for the token hot path.
//!
//! Same acceptance as the `base64` crate's `URL_SAFE_NO_PAD` engine (the
//! tests compare the two): only the URL-safe alphabet, no '=', no length of
//! the form 4n+1, and the unused low bits of a final partial group must be
//! zero, so every byte string has exactly one accepted encoding. Written out
//! here because a table lookup per character is several times faster than
//! the general engine on token-sized inputs.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Marks a byte outside the alphabet (high bit set, values are < 64).
const INVALID: u8 = 0xff;

const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Length of the encoding of `n` bytes.
#[must_use]
pub(crate) const fn encoded_len(n: usize) -> usize {
    n / 3 * 4 + [0, 2, 3][n % 3]
}

/// Appends the encoding of `input` to `out`.
pub(crate) fn encode_into(input: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + encoded_len(input.len()), 0);
    encode_slice(input, &mut out[start..]);
}

/// Writes the encoding of `input` into `out`, which is exactly
/// [`encoded_len`] bytes long.
pub(crate) fn encode_slice(input: &[u8], out: &mut [u8]) {
    debug_assert_eq!(out.len(), encoded_len(input.len()));
    let mut chunks = input.chunks_exact(3);
    let mut groups = out.chunks_exact_mut(4);
    for (c, o) in (&mut chunks).zip(&mut groups) {
        let n = u32::from(c[0]) << 16 | u32::from(c[1]) << 8 | u32::from(c[2]);
        o[0] = ALPHABET[(n >> 18) as usize & 63];
        o[1] = ALPHABET[(n >> 12) as usize & 63];
        o[2] = ALPHABET[(n >> 6) as usize & 63];
        o[3] = ALPHABET[n as usize & 63];
    }
    let tail = groups.into_remainder();
    match (chunks.remainder(), tail) {
        (&[a], [x, y]) => {
            *x = ALPHABET[usize::from(a >> 2)];
            *y = ALPHABET[usize::from(a & 3) << 4];
        }
        (&[a, b], [x, y, z]) => {
            let n = u32::from(a) << 8 | u32::from(b);
            *x = ALPHABET[(n >> 10) as usize & 63];
            *y = ALPHABET[(n >> 4) as usize & 63];
            *z = ALPHABET[((n & 15) << 2) as usize];
        }
        _ => {}
    }
}

/// The encoding of `input` as a String.
#[must_use]
pub(crate) fn encode(input: &[u8]) -> String {
    let mut out = Vec::with_capacity(encoded_len(input.len()));
    encode_into(input, &mut out);
    // The alphabet is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// The input was not canonical unpadded base64url.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Invalid;

/// Appends the decoding of `input` to `out`; on error `out` may hold part
/// of it.
pub(crate) fn decode_into(input: &[u8], out: &mut Vec<u8>) -> Result<(), Invalid> {
    if input.len() % 4 == 1 {
        return Err(Invalid);
    }
    // Whole groups are written into a zero-filled tail of `out` (no capacity
    // check per group); the tail is cut back on error.
    let start = out.len();
    let whole = input.len() / 4;
    out.resize(start + whole * 3, 0);
    let mut chunks = input.chunks_exact(4);
    let mut bad = 0u8;
    for (c, o) in (&mut chunks).zip(out[start..].chunks_exact_mut(3)) {
        let (a, b, c, d) = (
            DECODE[usize::from(c[0])],
            DECODE[usize::from(c[1])],
            DECODE[usize::from(c[2])],
            DECODE[usize::from(c[3])],
        );
        // Invalid characters are collected and checked once at the end.
        bad |= a | b | c | d;
        let n = u32::from(a) << 18 | u32::from(b) << 12 | u32::from(c) << 6 | u32::from(d);
        o[0] = (n >> 16) as u8;
        o[1] = (n >> 8) as u8;
        o[2] = n as u8;
    }
    if bad & 0x80 != 0 {
        out.truncate(start);
        return Err(Invalid);
    }
    match *chunks.remainder() {
        [] => {}
        [a, b] => {
            let (a, b) = (DECODE[usize::from(a)], DECODE[usize::from(b)]);
            // Bits of b below the one byte encoded must be zero.
            if (a | b) & 0x80 != 0 || b & 0x0f != 0 {
                return Err(Invalid);
            }
            out.push(a << 2 | b >> 4);
        }
        [a, b, c] => {
            let (a, b, c) = (
                DECODE[usize::from(a)],
                DECODE[usize::from(b)],
                DECODE[usize::from(c)],
            );
            if (a | b | c) & 0x80 != 0 || c & 0x03 != 0 {
                return Err(Invalid);
            }
            let n = u32::from(a) << 12 | u32::from(b) << 6 | u32::from(c);
            out.extend_from_slice(&[(n >> 10) as u8, (n >> 2) as u8]);
        }
        _ => return Err(Invalid),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;
    use rand::{Rng, RngCore, SeedableRng};

    fn decode(input: &[u8]) -> Result<Vec<u8>, Invalid> {
        let mut out = Vec::new();
        decode_into(input, &mut out).map(|()| out)
    }

    #[test]
    fn encode_matches_the_base64_crate() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for len in 0..200 {
            let mut bytes = vec![0u8; len];
            rng.fill_bytes(&mut bytes);
            let ours = encode(&bytes);
            assert_eq!(ours, URL_SAFE_NO_PAD.encode(&bytes));
            assert_eq!(ours.len(), encoded_len(len));
            assert_eq!(decode(ours.as_bytes()).unwrap(), bytes);
        }
    }

    #[test]
    fn decode_accepts_exactly_what_the_base64_crate_accepts() {
        // Alphabet plus the characters that matter at the edges.
        let chars = b"AQgwBCDEFabcxyz0189-_+/=. \x00\xff";
        let mut rng = rand::rngs::StdRng::seed_from_u64(2);
        for _ in 0..200_000 {
            let len = rng.gen_range(0..14);
            let input: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.gen_bool(0.9) {
                        ALPHABET[rng.gen_range(0..64)]
                    } else {
                        chars[rng.gen_range(0..chars.len())]
                    }
                })
                .collect();
            let theirs = URL_SAFE_NO_PAD.decode(&input).map_err(|_| Invalid);
            assert_eq!(
                decode(&input),
                theirs,
                "{:?}",
                String::from_utf8_lossy(&input)
            );
        }
    }

    #[test]
    fn canonical_only() {
        assert_eq!(decode(b"").unwrap(), b"");
        assert_eq!(decode(b"QQ").unwrap(), b"A");
        assert_eq!(decode(b"QR"), Err(Invalid)); // non-zero trailing bits
        assert_eq!(decode(b"QUI").unwrap(), b"AB");
        assert_eq!(decode(b"QUJ"), Err(Invalid));
        assert_eq!(decode(b"QUJD").unwrap(), b"ABC");
        assert_eq!(decode(b"QUJDR"), Err(Invalid)); // 4n+1
        assert_eq!(decode(b"QQ=="), Err(Invalid)); // padding
        assert_eq!(decode(b"Q+8/"), Err(Invalid)); // standard alphabet
        assert_eq!(decode(b"-_-_").unwrap(), [0xfb, 0xff, 0xbf]);
    }
}
