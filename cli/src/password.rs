//! `soc2 password calibrate`.

use std::time::Duration;

use soc2_core::password::{self, Params};

use crate::{number, options, CliResult, Failure};

pub fn calibrate(args: &[&str]) -> CliResult {
    let defaults = Params::default();
    let mut target_ms = 500;
    let mut memory = defaults.memory_cost;
    let mut threads = defaults.threads;
    for (name, value) in options(args, &["--target-ms", "--memory-kib", "--threads"])? {
        match name {
            "--target-ms" => target_ms = number(name, value)?,
            "--memory-kib" => memory = number(name, value)?,
            _ => threads = number(name, value)?,
        }
    }
    let found = password::calibrate(Duration::from_millis(u64::from(target_ms)), memory, threads)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let p = found.params;
    println!(
        "target: {target_ms} ms; measured: {} ms",
        found.elapsed.as_millis()
    );
    println!(
        "memory_cost: {} KiB, time_cost: {}, threads: {}",
        p.memory_cost, p.time_cost, p.threads
    );
    println!();
    println!("; php.ini");
    println!("soc2.password_memory_cost = {}", p.memory_cost);
    println!("soc2.password_time_cost = {}", p.time_cost);
    println!("soc2.password_threads = {}", p.threads);
    Ok(())
}
