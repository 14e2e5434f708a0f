//! Streaming file encryption (format version 1): a segmented online AEAD in
//! the STREAM style (Hoang, Reyhanitabar, Rogaway, Vizár 2015), with constant
//! memory whatever the file size.
//!
//! ```text
//! magic "soc2f" (5) | version 0x01 (1) | suite (1) | key id (4) | segment size u32be (4) | salt (32)   = header (47)
//! commitment (32)
//! segment 0 | segment 1 | ... | last segment        each = AEAD ciphertext (<= segment size) || tag (16)
//! ```
//!
//! Per file: `okm = HKDF-Expand-SHA256(PRK = data key, info = "soc2/v1/file" || header || context, L = 96)`;
//! `okm[0..32]` is the file key, `okm[32..64]` the commitment (checked in
//! constant time before anything is decrypted), `okm[64..]` the nonce prefix.
//! Segment i's nonce is `prefix (nonce length - 5) || u32be(i) || last flag`,
//! where the flag is 1 only for the final segment. Every segment but the last
//! holds exactly `segment size` plaintext bytes; the last holds 0 to
//! `segment size` and is empty only when the whole file is. So dropping,
//! reordering, duplicating or appending segments, or truncating the file
//! anywhere, makes some segment fail to open. docs/FORMAT.md §6 is the
//! specification.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use aes_gcm::Aes256Gcm;
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::XChaCha20Poly1305;
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroizing;

use super::ciphertext::KEY_ID_LEN;
use super::files::io_reason;
use super::keyring::Keyring;
use super::{random, CryptoError, Suite};
use crate::ct;

/// First bytes of every encrypted file.
pub const MAGIC: [u8; 5] = *b"soc2f";
/// Format version byte.
pub const VERSION: u8 = 1;
pub const SALT_LEN: usize = 32;
pub const COMMIT_LEN: usize = 32;
pub const TAG_LEN: usize = 16;
/// magic, version, suite, key id, segment size, salt.
pub const HEADER_LEN: usize = MAGIC.len() + 1 + 1 + KEY_ID_LEN + 4 + SALT_LEN;
/// Header and commitment: everything before the first segment.
pub const PREFIX_LEN: usize = HEADER_LEN + COMMIT_LEN;
/// Plaintext bytes per segment that `encrypt_file` writes.
pub const DEFAULT_SEGMENT_SIZE: u32 = 64 * 1024;
/// Smallest segment size a reader accepts.
pub const MIN_SEGMENT_SIZE: u32 = 64;
/// Largest segment size a reader accepts: bounds the memory a hostile file
/// can make the reader allocate.
pub const MAX_SEGMENT_SIZE: u32 = 1 << 20;
const INFO_LABEL: &[u8] = b"soc2/v1/file";
/// The counter and the last-segment flag at the end of every nonce.
const NONCE_SUFFIX_LEN: usize = 5;

/// The public fields of a file header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamHeader {
    pub suite: Suite,
    pub key_id: [u8; KEY_ID_LEN],
    pub segment_size: u32,
    pub salt: [u8; SALT_LEN],
}

impl StreamHeader {
    fn bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..5].copy_from_slice(&MAGIC);
        out[5] = VERSION;
        out[6] = self.suite.byte();
        out[7..11].copy_from_slice(&self.key_id);
        out[11..15].copy_from_slice(&self.segment_size.to_be_bytes());
        out[15..].copy_from_slice(&self.salt);
        out
    }
}

/// Reads the header from the first bytes of a file (at least [`HEADER_LEN`]),
/// checking magic, version, suite and segment size. Says nothing about
/// authenticity.
pub fn parse_header(bytes: &[u8]) -> Result<StreamHeader, CryptoError> {
    if bytes.len() < HEADER_LEN || bytes[..5] != MAGIC || bytes[5] != VERSION {
        return Err(CryptoError::Decrypt);
    }
    let suite = Suite::from_byte(bytes[6]).ok_or(CryptoError::Decrypt)?;
    let key_id: [u8; KEY_ID_LEN] = bytes[7..11].try_into().expect("length checked");
    let segment_size = u32::from_be_bytes(bytes[11..15].try_into().expect("length checked"));
    if !(MIN_SEGMENT_SIZE..=MAX_SEGMENT_SIZE).contains(&segment_size) {
        return Err(CryptoError::Decrypt);
    }
    let salt: [u8; SALT_LEN] = bytes[15..HEADER_LEN].try_into().expect("length checked");
    Ok(StreamHeader {
        suite,
        key_id,
        segment_size,
        salt,
    })
}

/// True when `bytes` start like an encrypted file (magic and version).
#[must_use]
pub fn looks_like_stream(bytes: &[u8]) -> bool {
    bytes.len() >= 6 && bytes[..5] == MAGIC && bytes[5] == VERSION
}

/// Why a stream could not be processed: the input or output failed, or the
/// cryptography refused (tampering, unknown key...).
#[derive(Debug)]
pub enum StreamError {
    Read(std::io::Error),
    Write(std::io::Error),
    Crypto(CryptoError),
}

impl From<CryptoError> for StreamError {
    fn from(e: CryptoError) -> Self {
        Self::Crypto(e)
    }
}

/// Built once per file. AES-GCM's expanded key schedule is large: boxed so
/// the enum stays small.
enum SegmentCipher {
    XChaCha(XChaCha20Poly1305),
    Aes(Box<Aes256Gcm>),
}

/// The file key, nonce prefix and commitment of one file.
struct FileKeys {
    cipher: SegmentCipher,
    nonce: [u8; 24],
    nonce_len: usize,
    commitment: [u8; COMMIT_LEN],
}

impl FileKeys {
    fn derive(dek: &[u8; 32], header: &StreamHeader, context: &[u8]) -> Self {
        let mut okm = Zeroizing::new([0u8; 96]);
        Hkdf::<Sha256>::from_prk(dek)
            .expect("a 32-byte key is a valid HKDF-SHA256 PRK")
            .expand_multi_info(&[INFO_LABEL, &header.bytes(), context], okm.as_mut())
            .expect("96 bytes is a valid HKDF-SHA256 output length");
        let key = &okm[..32];
        let cipher = match header.suite {
            Suite::XChaCha20Poly1305 => {
                SegmentCipher::XChaCha(XChaCha20Poly1305::new_from_slice(key).expect("32-byte key"))
            }
            Suite::Aes256Gcm => SegmentCipher::Aes(Box::new(
                Aes256Gcm::new_from_slice(key).expect("32-byte key"),
            )),
        };
        let nonce_len = header.suite.nonce_len();
        let prefix_len = nonce_len - NONCE_SUFFIX_LEN;
        let mut nonce = [0u8; 24];
        nonce[..prefix_len].copy_from_slice(&okm[64..64 + prefix_len]);
        let mut commitment = [0u8; COMMIT_LEN];
        commitment.copy_from_slice(&okm[32..64]);
        Self {
            cipher,
            nonce,
            nonce_len,
            commitment,
        }
    }

    /// The nonce of segment `counter` (first `nonce_len` bytes are used).
    fn nonce(&self, counter: u32, last: bool) -> [u8; 24] {
        let n = self.nonce_len;
        let mut nonce = self.nonce;
        nonce[n - 5..n - 1].copy_from_slice(&counter.to_be_bytes());
        nonce[n - 1] = u8::from(last);
        nonce
    }

    fn seal(&self, counter: u32, last: bool, buf: &mut [u8]) -> [u8; TAG_LEN] {
        let nonce = self.nonce(counter, last);
        let nonce = &nonce[..self.nonce_len];
        let tag = match &self.cipher {
            SegmentCipher::XChaCha(c) => {
                c.encrypt_inout_detached(nonce.try_into().expect("24-byte nonce"), &[], buf.into())
            }
            SegmentCipher::Aes(c) => {
                c.encrypt_inout_detached(nonce.try_into().expect("12-byte nonce"), &[], buf.into())
            }
        };
        // Only a message longer than the AEAD's limit fails; segments never are.
        tag.map(<[u8; TAG_LEN]>::from)
            .expect("segment within AEAD limits")
    }

    fn open(&self, counter: u32, last: bool, buf: &mut [u8], tag: &[u8]) -> bool {
        let nonce = self.nonce(counter, last);
        let nonce = &nonce[..self.nonce_len];
        let Ok(tag) = <[u8; TAG_LEN]>::try_from(tag) else {
            return false;
        };
        match &self.cipher {
            SegmentCipher::XChaCha(c) => c
                .decrypt_inout_detached(
                    nonce.try_into().expect("24-byte nonce"),
                    &[],
                    buf.into(),
                    &tag.into(),
                )
                .is_ok(),
            SegmentCipher::Aes(c) => c
                .decrypt_inout_detached(
                    nonce.try_into().expect("12-byte nonce"),
                    &[],
                    buf.into(),
                    &tag.into(),
                )
                .is_ok(),
        }
    }
}

/// Reads until `buf` is full or the input ends; returns the bytes read.
fn read_full<R: Read + ?Sized>(input: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Encrypts everything `input` yields into `output` under one data key.
/// Holds two segments in memory, whatever the length. Returns the number of
/// plaintext bytes. `salt` must be fresh random bytes (fixed only in tests).
#[allow(clippy::too_many_arguments)] // the format's parameters, all needed
pub fn encrypt<R: Read + ?Sized, W: Write + ?Sized>(
    dek: &[u8; 32],
    suite: Suite,
    key_id: [u8; KEY_ID_LEN],
    segment_size: u32,
    salt: [u8; SALT_LEN],
    context: &[u8],
    input: &mut R,
    output: &mut W,
) -> Result<u64, StreamError> {
    if !(MIN_SEGMENT_SIZE..=MAX_SEGMENT_SIZE).contains(&segment_size) {
        return Err(CryptoError::Key("invalid segment size".into()).into());
    }
    let header = StreamHeader {
        suite,
        key_id,
        segment_size,
        salt,
    };
    let keys = FileKeys::derive(dek, &header, context);
    let mut prefix = [0u8; PREFIX_LEN];
    prefix[..HEADER_LEN].copy_from_slice(&header.bytes());
    prefix[HEADER_LEN..].copy_from_slice(&keys.commitment);
    output.write_all(&prefix).map_err(StreamError::Write)?;

    let s = segment_size as usize;
    // Plaintext is encrypted in place, so these buffers briefly hold it.
    let mut cur = Zeroizing::new(vec![0u8; s + TAG_LEN]);
    let mut next = Zeroizing::new(vec![0u8; s + TAG_LEN]);
    let mut cur_len = read_full(input, &mut cur[..s]).map_err(StreamError::Read)?;
    let mut total: u64 = 0;
    let mut counter: u32 = 0;
    loop {
        // A short read means the input ended; a full one needs a look ahead.
        let next_len = if cur_len < s {
            0
        } else {
            read_full(input, &mut next[..s]).map_err(StreamError::Read)?
        };
        let last = next_len == 0;
        let tag = keys.seal(counter, last, &mut cur[..cur_len]);
        cur[cur_len..cur_len + TAG_LEN].copy_from_slice(&tag);
        output
            .write_all(&cur[..cur_len + TAG_LEN])
            .map_err(StreamError::Write)?;
        total += cur_len as u64;
        if last {
            return Ok(total);
        }
        std::mem::swap(&mut cur, &mut next);
        cur_len = next_len;
        counter = counter
            .checked_add(1)
            .ok_or(CryptoError::TooLarge { max: usize::MAX })?;
    }
}

/// Decrypts a stream. `lookup` maps the header to the data key and its suite
/// (an unknown key id is [`CryptoError::UnknownKey`]). Plaintext reaches
/// `output` segment by segment as each authenticates; only a return of `Ok`
/// means the whole file was genuine and complete, so callers must write to a
/// place they discard on error (see [`Keyring::decrypt_file`]).
pub fn decrypt<R: Read + ?Sized, W: Write + ?Sized>(
    lookup: impl FnOnce(&StreamHeader) -> Result<(Zeroizing<[u8; 32]>, Suite), CryptoError>,
    context: &[u8],
    input: &mut R,
    output: &mut W,
) -> Result<u64, StreamError> {
    let mut prefix = [0u8; PREFIX_LEN];
    if read_full(input, &mut prefix).map_err(StreamError::Read)? < PREFIX_LEN {
        return Err(CryptoError::Decrypt.into());
    }
    let header = parse_header(&prefix)?;
    let (dek, suite) = lookup(&header)?;
    if suite != header.suite {
        return Err(CryptoError::Decrypt.into());
    }
    let keys = FileKeys::derive(&dek, &header, context);
    // Key (and context) commitment first: nothing is decrypted under a wrong key.
    if !ct::eq(&prefix[HEADER_LEN..], &keys.commitment) {
        return Err(CryptoError::Decrypt.into());
    }
    let seg = header.segment_size as usize + TAG_LEN;
    let mut cur = Zeroizing::new(vec![0u8; seg]);
    let mut next = Zeroizing::new(vec![0u8; seg]);
    let mut cur_len = read_full(input, &mut cur).map_err(StreamError::Read)?;
    let mut total: u64 = 0;
    let mut counter: u32 = 0;
    loop {
        let next_len = if cur_len < seg {
            0
        } else {
            read_full(input, &mut next).map_err(StreamError::Read)?
        };
        let last = next_len == 0;
        if cur_len < TAG_LEN {
            return Err(CryptoError::Decrypt.into());
        }
        let body_len = cur_len - TAG_LEN;
        let (body, tag) = cur[..cur_len].split_at_mut(body_len);
        if !keys.open(counter, last, body, tag) {
            return Err(CryptoError::Decrypt.into());
        }
        output
            .write_all(&cur[..body_len])
            .map_err(StreamError::Write)?;
        total += body_len as u64;
        if last {
            return Ok(total);
        }
        std::mem::swap(&mut cur, &mut next);
        cur_len = next_len;
        counter = counter.checked_add(1).ok_or(CryptoError::Decrypt)?;
    }
}

/// Why `encrypt_file`/`decrypt_file` failed: an I/O problem (the message
/// names the path, never content or key) or a cryptographic verdict.
#[derive(Debug)]
pub enum FileStreamError {
    Io(String),
    Crypto(CryptoError),
}

impl std::fmt::Display for FileStreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Io(m) => f.write_str(m),
            Self::Crypto(e) => e.fmt(f),
        }
    }
}

/// A temporary file next to the destination, removed on drop unless it was
/// renamed into place.
struct TempFile {
    path: PathBuf,
    file: Option<File>,
}

impl TempFile {
    fn create_near(dest: &Path) -> std::io::Result<Self> {
        let (_, path) = super::files::temp_path_near(dest)?;
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)?;
        Ok(Self {
            path,
            file: Some(file),
        })
    }

    /// fsync, rename over `dest`, fsync the directory.
    fn persist(mut self, dest: &Path) -> std::io::Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        std::fs::rename(&self.path, dest)?;
        self.path = PathBuf::new();
        if let Ok(d) = File::open(super::files::parent_dir(dest)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        self.file.take();
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn open_input(path: &Path) -> Result<File, FileStreamError> {
    let shown = path.display();
    let file = File::open(path).map_err(|e| {
        FileStreamError::Io(format!("cannot open input file {shown}: {}", io_reason(&e)))
    })?;
    let meta = file.metadata().map_err(|e| {
        FileStreamError::Io(format!("cannot stat input file {shown}: {}", io_reason(&e)))
    })?;
    if meta.is_dir() {
        return Err(FileStreamError::Io(format!(
            "input file {shown} is a directory"
        )));
    }
    Ok(file)
}

fn create_output(path: &Path) -> Result<TempFile, FileStreamError> {
    let shown = path.display();
    if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(FileStreamError::Io(format!(
            "output file {shown} is a directory"
        )));
    }
    TempFile::create_near(path).map_err(|e| {
        FileStreamError::Io(format!(
            "cannot create output file {shown} (a temporary file in its directory): {}",
            io_reason(&e)
        ))
    })
}

/// Runs `body` from `input` into a temporary file beside `output`, then
/// moves it into place; on any failure `output` is untouched and the
/// temporary file is gone.
fn through_temp(
    input: &Path,
    output: &Path,
    body: impl FnOnce(&mut File, &mut File) -> Result<u64, StreamError>,
) -> Result<u64, FileStreamError> {
    let mut src = open_input(input)?;
    let mut tmp = create_output(output)?;
    let io_err = |what: &str, p: &Path, e: &std::io::Error| {
        FileStreamError::Io(format!("cannot {what} {}: {}", p.display(), io_reason(e)))
    };
    let written =
        body(&mut src, tmp.file.as_mut().expect("open until persisted")).map_err(|e| match e {
            StreamError::Read(e) => io_err("read input file", input, &e),
            StreamError::Write(e) => io_err("write output file", output, &e),
            StreamError::Crypto(e) => FileStreamError::Crypto(e),
        })?;
    tmp.persist(output)
        .map_err(|e| io_err("write output file", output, &e))?;
    Ok(written)
}

impl Keyring {
    /// Encrypts a stream under the primary key with the default segment size.
    pub fn encrypt_stream<R: Read + ?Sized, W: Write + ?Sized>(
        &self,
        input: &mut R,
        output: &mut W,
        context: &[u8],
    ) -> Result<u64, StreamError> {
        self.encrypt_stream_with(input, output, context, DEFAULT_SEGMENT_SIZE)
    }

    /// Encrypts a stream under the primary key with a chosen segment size
    /// ([`MIN_SEGMENT_SIZE`]..=[`MAX_SEGMENT_SIZE`]).
    pub fn encrypt_stream_with<R: Read + ?Sized, W: Write + ?Sized>(
        &self,
        input: &mut R,
        output: &mut W,
        context: &[u8],
        segment_size: u32,
    ) -> Result<u64, StreamError> {
        let (dek, suite, id) = self.primary_data_key()?;
        encrypt(
            &dek,
            suite,
            id,
            segment_size,
            random::<SALT_LEN>()?,
            context,
            input,
            output,
        )
    }

    /// Decrypts a stream made by [`Keyring::encrypt_stream`] with any key of
    /// this keyring. See [`decrypt`] for what reaches `output` on failure.
    pub fn decrypt_stream<R: Read + ?Sized, W: Write + ?Sized>(
        &self,
        input: &mut R,
        output: &mut W,
        context: &[u8],
    ) -> Result<u64, StreamError> {
        decrypt(|h| self.data_key(&h.key_id), context, input, output)
    }

    /// Encrypts the file `input` into `output` (replaced atomically; mode
    /// 0600; `output` untouched on failure). Returns the plaintext length.
    pub fn encrypt_file(
        &self,
        input: &Path,
        output: &Path,
        context: &[u8],
    ) -> Result<u64, FileStreamError> {
        // Resolve the key first: a keyring problem should not create files.
        self.primary_data_key().map_err(FileStreamError::Crypto)?;
        through_temp(input, output, |src, dst| {
            self.encrypt_stream(src, dst, context)
        })
    }

    /// Decrypts the file `input` into `output`, which appears (atomically,
    /// mode 0600) only after the last segment authenticated. On failure
    /// `output` is untouched and no partial plaintext remains on disk.
    pub fn decrypt_file(
        &self,
        input: &Path,
        output: &Path,
        context: &[u8],
    ) -> Result<u64, FileStreamError> {
        through_temp(input, output, |src, dst| {
            self.decrypt_stream(src, dst, context)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::context::encode_pairs;
    use crate::crypto::hex;
    use crate::crypto::master_key::MasterKey;

    const DEK: [u8; 32] = [0x42; 32];
    const ID: [u8; 4] = [9, 8, 7, 6];
    const SEG: u32 = 64;

    fn seal(suite: Suite, pt: &[u8], ctx: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encrypt(&DEK, suite, ID, SEG, [7; 32], ctx, &mut &pt[..], &mut out).unwrap();
        out
    }

    fn open(suite: Suite, ct: &[u8], ctx: &[u8]) -> Result<Vec<u8>, CryptoError> {
        let mut out = Vec::new();
        match decrypt(
            |h| {
                if h.key_id == ID {
                    Ok((Zeroizing::new(DEK), suite))
                } else {
                    Err(CryptoError::UnknownKey(hex(&h.key_id)))
                }
            },
            ctx,
            &mut &ct[..],
            &mut out,
        ) {
            Ok(n) => {
                assert_eq!(n as usize, out.len());
                Ok(out)
            }
            Err(StreamError::Crypto(e)) => Err(e),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }

    fn pt(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 + i / 256) as u8).collect()
    }

    /// Segment boundaries in a ciphertext: (start, end) of each segment.
    fn segments(ct: &[u8]) -> Vec<(usize, usize)> {
        let seg = SEG as usize + TAG_LEN;
        let mut out = Vec::new();
        let mut at = PREFIX_LEN;
        while at < ct.len() {
            let end = (at + seg).min(ct.len());
            out.push((at, end));
            at = end;
        }
        out
    }

    fn rebuild(ct: &[u8], order: &[usize]) -> Vec<u8> {
        let segs = segments(ct);
        let mut out = ct[..PREFIX_LEN].to_vec();
        for &i in order {
            out.extend_from_slice(&ct[segs[i].0..segs[i].1]);
        }
        out
    }

    #[test]
    fn round_trip_sizes_both_suites() {
        for suite in Suite::ALL {
            for len in [0usize, 1, 63, 64, 65, 127, 128, 129, 1000, 4096] {
                let p = pt(len);
                let c = seal(suite, &p, b"ctx");
                let n_segs = len.div_ceil(SEG as usize).max(1);
                assert_eq!(c.len(), PREFIX_LEN + len + n_segs * TAG_LEN, "len {len}");
                assert_eq!(segments(&c).len(), n_segs);
                assert_eq!(open(suite, &c, b"ctx").unwrap(), p);
            }
        }
    }

    #[test]
    fn truncation_anywhere_is_detected() {
        for suite in Suite::ALL {
            let c = seal(suite, &pt(300), b"");
            for n in 0..c.len() {
                assert_eq!(
                    open(suite, &c[..n], b""),
                    Err(CryptoError::Decrypt),
                    "cut at {n}"
                );
            }
            // In particular at every segment boundary (whole segments dropped from the end).
            for (i, _) in segments(&c).iter().enumerate().skip(1) {
                let order: Vec<usize> = (0..i).collect();
                assert!(open(suite, &rebuild(&c, &order), b"").is_err());
            }
        }
    }

    #[test]
    fn exact_multiple_truncated_to_boundary_is_detected() {
        // 128 bytes = two full segments; dropping the last leaves a full,
        // well-formed first segment that was not sealed as last.
        let c = seal(Suite::Aes256Gcm, &pt(128), b"");
        let cut = &c[..PREFIX_LEN + 64 + TAG_LEN];
        assert_eq!(open(Suite::Aes256Gcm, cut, b""), Err(CryptoError::Decrypt));
    }

    #[test]
    fn dropping_reordering_duplicating_segments_is_detected() {
        for suite in Suite::ALL {
            let c = seal(suite, &pt(64 * 4 + 10), b"");
            assert_eq!(segments(&c).len(), 5);
            assert!(open(suite, &rebuild(&c, &[0, 1, 2, 3, 4]), b"").is_ok());
            for order in [
                &[0, 2, 3, 4][..],   // drop a middle segment
                &[1, 2, 3, 4],       // drop the first
                &[0, 1, 2, 3],       // drop the last
                &[1, 0, 2, 3, 4],    // swap
                &[0, 1, 3, 2, 4],    // swap
                &[0, 0, 1, 2, 3, 4], // duplicate
                &[0, 1, 1, 2, 3, 4], // duplicate
                &[0, 1, 2, 3, 4, 4], // duplicate the last
                &[0, 1, 2, 3, 3],    // duplicate in place of the last
                &[4],
            ] {
                assert_eq!(
                    open(suite, &rebuild(&c, order), b""),
                    Err(CryptoError::Decrypt),
                    "{order:?}"
                );
            }
        }
    }

    #[test]
    fn appending_is_detected() {
        for suite in Suite::ALL {
            let c = seal(suite, &pt(100), b"");
            for extra in [&b"\0"[..], &[0u8; 16], &[0u8; 80], &c[PREFIX_LEN..]] {
                let mut longer = c.clone();
                longer.extend_from_slice(extra);
                assert_eq!(open(suite, &longer, b""), Err(CryptoError::Decrypt));
            }
            // Appending the segments of another file under the same key and context.
            let other = seal(suite, &pt(100), b"");
            let mut spliced = c.clone();
            spliced.extend_from_slice(&other[PREFIX_LEN..]);
            assert!(open(suite, &spliced, b"").is_err());
        }
    }

    #[test]
    fn every_byte_flip_is_detected() {
        for suite in Suite::ALL {
            let c = seal(suite, &pt(150), b"c");
            for i in 0..c.len() {
                for bit in [1u8, 0x80] {
                    let mut bad = c.clone();
                    bad[i] ^= bit;
                    let r = open(suite, &bad, b"c");
                    if (7..11).contains(&i) {
                        // The key id names another key.
                        assert!(matches!(r, Err(CryptoError::UnknownKey(_))), "byte {i}");
                    } else {
                        assert_eq!(r, Err(CryptoError::Decrypt), "byte {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn wrong_context_key_or_suite_is_detected() {
        let a = encode_pairs(&[("file", "a.pdf"), ("user", "1")]).unwrap();
        let b = encode_pairs(&[("file", "b.pdf"), ("user", "1")]).unwrap();
        let c = seal(Suite::XChaCha20Poly1305, &pt(200), &a);
        assert!(open(Suite::XChaCha20Poly1305, &c, &a).is_ok());
        assert_eq!(
            open(Suite::XChaCha20Poly1305, &c, &b),
            Err(CryptoError::Decrypt)
        );
        assert_eq!(
            open(Suite::XChaCha20Poly1305, &c, b"\0\0\0\0"),
            Err(CryptoError::Decrypt)
        );
        assert_eq!(open(Suite::Aes256Gcm, &c, &a), Err(CryptoError::Decrypt));
        let mut out = Vec::new();
        let r = decrypt(
            |_| Ok((Zeroizing::new([0x43; 32]), Suite::XChaCha20Poly1305)),
            &a,
            &mut &c[..],
            &mut out,
        );
        assert!(matches!(r, Err(StreamError::Crypto(CryptoError::Decrypt))));
        assert!(out.is_empty(), "nothing is output under a wrong key");
    }

    #[test]
    fn swapping_files_between_contexts_is_detected() {
        // Two files, each encrypted for its own record; swapping them (or
        // their segments) fails.
        let ca = encode_pairs(&[("id", "1")]).unwrap();
        let cb = encode_pairs(&[("id", "2")]).unwrap();
        let fa = seal(Suite::Aes256Gcm, &pt(200), &ca);
        let mut fb = Vec::new();
        encrypt(
            &DEK,
            Suite::Aes256Gcm,
            ID,
            SEG,
            [8; 32],
            &cb,
            &mut &pt(200)[..],
            &mut fb,
        )
        .unwrap();
        assert!(open(Suite::Aes256Gcm, &fa, &cb).is_err());
        assert!(open(Suite::Aes256Gcm, &fb, &ca).is_err());
        let mut mixed = fa[..PREFIX_LEN + 80].to_vec();
        mixed.extend_from_slice(&fb[PREFIX_LEN + 80..]);
        assert!(open(Suite::Aes256Gcm, &mixed, &ca).is_err());
    }

    #[test]
    fn header_checks() {
        let c = seal(Suite::Aes256Gcm, b"x", b"");
        assert!(parse_header(&c).is_ok());
        assert!(looks_like_stream(&c));
        for (at, v) in [(0usize, b'S'), (5, 2), (6, 0), (6, 3)] {
            let mut bad = c.clone();
            bad[at] = v;
            assert!(parse_header(&bad).is_err());
        }
        for size in [0u32, 63, (1 << 20) + 1, u32::MAX] {
            let mut bad = c.clone();
            bad[11..15].copy_from_slice(&size.to_be_bytes());
            assert!(parse_header(&bad).is_err(), "{size}");
        }
        assert!(parse_header(&c[..HEADER_LEN - 1]).is_err());
        // Just the prefix, no segment at all.
        assert!(open(Suite::Aes256Gcm, &c[..PREFIX_LEN], b"").is_err());
        // Changing the segment size re-derives the key: the commitment fails.
        let mut other = c.clone();
        other[11..15].copy_from_slice(&128u32.to_be_bytes());
        assert_eq!(
            open(Suite::Aes256Gcm, &other, b""),
            Err(CryptoError::Decrypt)
        );
        let mut out = Vec::new();
        assert!(encrypt(
            &DEK,
            Suite::Aes256Gcm,
            ID,
            63,
            [0; 32],
            b"",
            &mut &b""[..],
            &mut out
        )
        .is_err());
    }

    /// A reader that returns one byte at a time and is sometimes interrupted.
    struct Dribble<'a>(&'a [u8], usize);
    impl Read for Dribble<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            self.1 += 1;
            if self.1 % 3 == 0 {
                return Err(std::io::Error::from(ErrorKind::Interrupted));
            }
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }

    #[test]
    fn short_reads_do_not_change_the_output() {
        let p = pt(333);
        let c = seal(Suite::XChaCha20Poly1305, &p, b"");
        let mut c2 = Vec::new();
        encrypt(
            &DEK,
            Suite::XChaCha20Poly1305,
            ID,
            SEG,
            [7; 32],
            b"",
            &mut Dribble(&p, 0),
            &mut c2,
        )
        .unwrap();
        assert_eq!(c, c2);
        let mut out = Vec::new();
        decrypt(
            |_| Ok((Zeroizing::new(DEK), Suite::XChaCha20Poly1305)),
            b"",
            &mut Dribble(&c, 0),
            &mut out,
        )
        .unwrap();
        assert_eq!(out, p);
    }

    fn tmpdir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("soc2-stream-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn files_round_trip_and_failures_leave_output_untouched() {
        let d = tmpdir("files");
        let m = MasterKey::from_bytes(&[1; 32]).unwrap();
        let mut ring = Keyring::create(&m, Suite::Aes256Gcm).unwrap();
        let (plain, enc, dec) = (d.join("plain"), d.join("enc"), d.join("dec"));
        let data = pt(200_000);
        std::fs::write(&plain, &data).unwrap();
        let ctx = encode_pairs(&[("doc", "7")]).unwrap();
        assert_eq!(ring.encrypt_file(&plain, &enc, &ctx).unwrap(), 200_000);
        assert_eq!(ring.decrypt_file(&enc, &dec, &ctx).unwrap(), 200_000);
        assert_eq!(std::fs::read(&dec).unwrap(), data);
        // Rotation: old files still decrypt.
        ring.rotate(None).unwrap();
        std::fs::write(&dec, b"previous").unwrap();
        assert!(ring.decrypt_file(&enc, &dec, &ctx).is_ok());

        // Tampered last segment: the output keeps its old content.
        let mut bad = std::fs::read(&enc).unwrap();
        let n = bad.len();
        bad[n - 1] ^= 1;
        let tampered = d.join("tampered");
        std::fs::write(&tampered, &bad).unwrap();
        std::fs::write(&dec, b"previous").unwrap();
        assert!(matches!(
            ring.decrypt_file(&tampered, &dec, &ctx),
            Err(FileStreamError::Crypto(CryptoError::Decrypt))
        ));
        assert_eq!(std::fs::read(&dec).unwrap(), b"previous");
        // Wrong context, missing input, output directory missing or a directory.
        assert!(ring.decrypt_file(&enc, &dec, b"\0\0\0\0").is_err());
        let missing = d.join("missing");
        assert!(
            matches!(ring.encrypt_file(&missing, &enc, &ctx), Err(FileStreamError::Io(m)) if m.contains("missing"))
        );
        let nodir = d.join("nodir").join("out");
        assert!(
            matches!(ring.encrypt_file(&plain, &nodir, &ctx), Err(FileStreamError::Io(m)) if m.contains("nodir"))
        );
        assert!(matches!(
            ring.encrypt_file(&plain, &d, &ctx),
            Err(FileStreamError::Io(_))
        ));
        assert!(matches!(
            ring.encrypt_file(&d, &enc, &ctx),
            Err(FileStreamError::Io(_))
        ));
        // Unknown key.
        let other = Keyring::create(&m, Suite::Aes256Gcm).unwrap();
        assert!(matches!(
            other.decrypt_file(&enc, &dec, &ctx),
            Err(FileStreamError::Crypto(CryptoError::UnknownKey(_)))
        ));
        // No temporary file is left behind by any of this.
        let mut names: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["dec", "enc", "plain", "tampered"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    /// A reader producing `left` pseudo-random bytes without holding them.
    struct Gen {
        left: u64,
        x: u8,
    }
    impl Read for Gen {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf
                .len()
                .min(usize::try_from(self.left).unwrap_or(usize::MAX));
            for b in &mut buf[..n] {
                self.x = self.x.wrapping_mul(5).wrapping_add(1);
                *b = self.x;
            }
            self.left -= n as u64;
            Ok(n)
        }
    }

    /// Counts and hashes what is written, holding nothing.
    struct Sink(u64, u64);
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len() as u64;
            for b in buf {
                self.1 = self.1.wrapping_mul(31).wrapping_add(u64::from(*b));
            }
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn streams_without_holding_the_data() {
        // 8 MiB through readers/writers that hold nothing: the code itself
        // only ever holds two segments (checked for big files by bench/files.php).
        let m = MasterKey::from_bytes(&[2; 32]).unwrap();
        let ring = Keyring::create(&m, Suite::XChaCha20Poly1305).unwrap();
        let len = 8 << 20;
        let mut ct = Vec::new();
        ring.encrypt_stream(&mut Gen { left: len, x: 0 }, &mut ct, b"")
            .unwrap();
        let segs = len / u64::from(DEFAULT_SEGMENT_SIZE);
        assert_eq!(
            ct.len() as u64,
            PREFIX_LEN as u64 + len + segs * TAG_LEN as u64
        );
        let mut sink = Sink(0, 0);
        ring.decrypt_stream(&mut &ct[..], &mut sink, b"").unwrap();
        let mut expect = Sink(0, 0);
        std::io::copy(&mut Gen { left: len, x: 0 }, &mut expect).unwrap();
        assert_eq!((sink.0, sink.1), (expect.0, expect.1));
    }
}
