//! Random bytes for salts and token ids, drawn from the OS in batches.
//!
//! One getrandom call fills a buffer for many draws (the system call costs far
//! more than the bytes). A batch must never be used by two processes: a forked
//! child (PHP-FPM forks its workers; `pcntl_fork` forks scripts) would otherwise
//! repeat its parent's salts, and a repeated salt repeats an AEAD key and nonce.
//! A batch is therefore tagged with the process id and a fork generation; the
//! extension bumps the generation in a `pthread_atfork` child handler
//! ([`note_fork`]). The pid alone is not enough: a grandchild can be given the
//! pid of its grandparent once that process has exited, and would then inherit
//! a batch that looks like its own.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

/// Bumped in every child right after fork.
static FORK_GENERATION: AtomicU64 = AtomicU64::new(0);

/// Call in the child after fork (async-signal-safe: one atomic add).
pub fn note_fork() {
    FORK_GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// The OS random source failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RandomError;

impl std::fmt::Display for RandomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the system random source failed")
    }
}

impl std::error::Error for RandomError {}

const POOL_BYTES: usize = 768;
/// Largest single draw; larger requests go to the OS directly.
const MAX_DRAW: usize = 64;

struct Pool {
    /// (process id, fork generation) that filled `buf`; pid 0 when empty.
    owner: (u32, u64),
    /// Offset of the next unused byte.
    next: usize,
    buf: [u8; POOL_BYTES],
}

thread_local! {
    static POOL: RefCell<Pool> = const {
        RefCell::new(Pool { owner: (0, 0), next: POOL_BYTES, buf: [0; POOL_BYTES] })
    };
}

/// Fills `out` with bytes no other call, in this or any other process, returns.
pub fn fill(out: &mut [u8]) -> Result<(), RandomError> {
    if out.len() > MAX_DRAW {
        return rand::RngCore::try_fill_bytes(&mut rand::rngs::OsRng, out).map_err(|_| RandomError);
    }
    let owner = (std::process::id(), FORK_GENERATION.load(Ordering::SeqCst));
    POOL.with(|pool| {
        let mut pool = pool.borrow_mut();
        if pool.owner != owner || pool.next + out.len() > POOL_BYTES {
            // Mark empty first: a failed refill must not leave old bytes usable.
            pool.owner = (0, 0);
            pool.next = POOL_BYTES;
            rand::RngCore::try_fill_bytes(&mut rand::rngs::OsRng, &mut pool.buf)
                .map_err(|_| RandomError)?;
            pool.owner = owner;
            pool.next = 0;
        }
        let at = pool.next;
        out.copy_from_slice(&pool.buf[at..at + out.len()]);
        // Used bytes are overwritten so a later memory disclosure cannot replay them.
        pool.buf[at..at + out.len()].fill(0);
        pool.next += out.len();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn draws_are_distinct_across_refills() {
        let mut seen = HashSet::new();
        for _ in 0..2000 {
            let mut b = [0u8; 24];
            fill(&mut b).unwrap();
            assert!(seen.insert(b));
        }
    }

    #[test]
    fn a_fork_generation_change_discards_the_batch() {
        let mut a = [0u8; 16];
        fill(&mut a).unwrap();
        let before = POOL.with(|p| p.borrow().next);
        note_fork();
        let mut b = [0u8; 16];
        fill(&mut b).unwrap();
        // A fresh batch was drawn: the offset restarted.
        assert_eq!(POOL.with(|p| p.borrow().next), 16);
        assert!(before >= 16);
        assert_ne!(a, b);
    }

    #[test]
    fn large_draws_bypass_the_pool() {
        let mut big = [0u8; 200];
        fill(&mut big).unwrap();
        assert_ne!(big, [0u8; 200]);
    }
}
