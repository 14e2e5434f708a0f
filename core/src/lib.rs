//! soc2-core: all the logic of the soc2 PHP extension and CLI, in pure Rust.
//!
//! Nothing here knows about PHP. The extension (`src/`) maps PHP values to
//! these functions and their errors to PHP exceptions; the `soc2` CLI calls the
//! same functions.

#![forbid(unsafe_code)]

pub mod audit;
pub mod crypto;
pub mod ct;
pub mod jwt;
pub mod password;
pub mod random;

/// The version shared by the extension, the CLI and the formats' documentation.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
