//! Input limits of the binding layer that have no home in core (docs/LIMITS.md).

/// Longest path accepted (Linux PATH_MAX, including the terminating NUL).
/// Checked before a path is copied or echoed in an error message.
pub const MAX_PATH: usize = 4096;
