"""Shared helpers: run PHP with the freshly built soc2.so loaded."""

import os
import subprocess

import pytest

SO = os.environ.get("SOC2_SO", "")
CLI = os.environ.get("SOC2_CLI", "")


def php(code: str, *args: str, ini: dict | None = None, stdin: bytes | None = None) -> bytes:
    """Runs `code` (without <?php) under `php -n` with soc2 loaded; returns stdout."""
    if not SO:
        pytest.fail("SOC2_SO must point at the built soc2.so (run through `make test-interop`)")
    cmd = ["php", "-n", "-d", f"extension={SO}"]
    for key, value in (ini or {}).items():
        cmd += ["-d", f"{key}={value}"]
    cmd += ["-r", code, "--", *args]
    done = subprocess.run(cmd, input=stdin, capture_output=True, check=False)
    if done.returncode != 0 or done.stderr:
        raise AssertionError(f"php failed ({done.returncode}): {done.stderr.decode(errors='replace')}")
    return done.stdout
