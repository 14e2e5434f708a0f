"""`soc2 password calibrate` prints usable parameters; exit codes are stable."""

import re
import subprocess

from conftest import CLI, php


def run_cli(*args: str) -> subprocess.CompletedProcess:
    assert CLI, "SOC2_CLI must point at the built soc2 binary"
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_calibrate_prints_ini_lines_that_php_accepts():
    done = run_cli("password", "calibrate", "--target-ms", "40", "--memory-kib", "4096")
    assert done.returncode == 0, done.stderr
    settings = dict(re.findall(r"^(soc2\.password_\w+) = (\d+)$", done.stdout, re.M))
    assert set(settings) == {"soc2.password_memory_cost", "soc2.password_time_cost", "soc2.password_threads"}
    assert 1 <= int(settings["soc2.password_time_cost"]) <= 64
    out = php("echo Soc2\\Password::hash('pw');", ini=settings).decode()
    assert out.startswith(
        f"$argon2id$v=19$m={settings['soc2.password_memory_cost']},t={settings['soc2.password_time_cost']},p=1$"
    )


def test_usage_errors_exit_2():
    for args in ([], ["bogus"], ["password", "calibrate", "--target-ms"], ["password", "calibrate", "--target-ms", "x"],
                 ["password", "calibrate", "--nope", "1"]):
        done = run_cli(*args)
        assert done.returncode == 2, (args, done.returncode)
        assert "usage:" in done.stderr


def test_version():
    done = run_cli("version")
    assert done.returncode == 0
    assert re.fullmatch(r"soc2 \d+\.\d+\.\d+\n", done.stdout)
