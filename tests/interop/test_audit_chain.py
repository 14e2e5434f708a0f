"""The audit chain, checked by an independent Python implementation of
docs/AUDIT.md, and `soc2 audit verify` exit codes on intact and tampered logs."""

import base64
import hashlib
import hmac
import json
import os
import subprocess

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from conftest import CLI, php

LOG_EVENTS = r"""
ini_set('soc2.audit_log', $argv[1]);
ini_set('soc2.audit_key_file', $argv[2]);
for ($i = 0; $i < (int) $argv[3]; $i++) {
    Soc2\Audit::log('sensitive_read', ['row' => $i, 'note' => "line\nbreak \u{2028}", 'password' => 'pw-secret']);
}
"""


def make_key(path) -> bytes:
    raw = os.urandom(32)
    path.write_text("soc2mk1:" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode() + "\n")
    path.chmod(0o600)
    return raw


@pytest.fixture
def log(tmp_path):
    key = tmp_path / "audit.key"
    master = make_key(key)
    path = tmp_path / "audit.log"
    php(LOG_EVENTS, str(path), str(key), "5")
    return path, key, master


def derive(master: bytes, label: bytes) -> bytes:
    """docs/FORMAT.md section 1: HKDF-SHA256, no salt, info = label, 32 bytes."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(master)


def py_verify(lines: list[bytes], master: bytes) -> int:
    """Independent verifier: returns the number of good records, raises on a bad one."""
    chain_key = derive(master, b"soc2/v1/audit-chain")
    key_id = derive(master, b"soc2/v1/audit-key-id")[:8].hex()
    prev = bytes(32)
    for n, line in enumerate(lines, 1):
        record = json.loads(line)
        assert record["event.sequence"] == n
        assert record["soc2.key"] == key_id
        suffix = b',"soc2.mac":"' + record["soc2.mac"].encode() + b'"}'
        assert line.endswith(suffix)
        body = line[: -len(suffix)] + b"}"
        mac = hmac.new(chain_key, prev + body, hashlib.sha256).digest()
        assert hmac.compare_digest(mac.hex(), record["soc2.mac"]), f"record {n}"
        prev = mac
    return len(lines)


def cli(*args: str) -> subprocess.CompletedProcess:
    assert CLI, "SOC2_CLI must point at the built soc2 binary"
    return subprocess.run([CLI, *args], capture_output=True, text=True, check=False)


def test_python_recomputes_the_chain(log):
    path, _, master = log
    raw = path.read_bytes()
    assert b"pw-secret" not in raw
    lines = raw.rstrip(b"\n").split(b"\n")
    assert py_verify(lines, master) == 5
    record = json.loads(lines[0])
    assert record["soc2.fields"]["note"] == "line\nbreak \u2028"
    assert record["soc2.fields"]["password"] == "[REDACTED]"


def test_cli_verify_ok_and_json(log):
    path, key, _ = log
    done = cli("audit", "verify", "--key-file", str(key), str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok: 5 records verified; head ")
    done = cli("audit", "verify", "--json", "--key-file", str(key), str(path))
    report = json.loads(done.stdout)
    head = json.loads(path.read_bytes().rstrip(b"\n").split(b"\n")[-1])["soc2.mac"]
    assert report == {"ok": True, "records": 5, "first_bad_record": None, "reason": None,
                      "head": head, "torn_lines": []}
    # Same answer as the extension's Soc2\Audit::verify().
    out = php("echo json_encode(Soc2\\Audit::verify($argv[1], $argv[2]));", str(path), str(key))
    assert json.loads(out) == report


@pytest.mark.parametrize("kind,line", [("modify", 3), ("delete", 2), ("swap", 4), ("duplicate", 3)])
def test_cli_verify_tampered_exits_1(log, kind, line):
    path, key, _ = log
    lines = path.read_bytes().rstrip(b"\n").split(b"\n")
    if kind == "modify":
        lines[2] = lines[2].replace(b'"row":2', b'"row":7')
    elif kind == "delete":
        del lines[1]
    elif kind == "swap":
        lines[3], lines[4] = lines[4], lines[3]
    else:
        lines.insert(2, lines[1])
    path.write_bytes(b"\n".join(lines) + b"\n")
    done = cli("audit", "verify", "--key-file", str(key), str(path))
    assert done.returncode == 1
    assert done.stdout.startswith(f"FAILED at line {line}: "), done.stdout


def test_cli_key_and_usage_errors(log, tmp_path):
    path, key, _ = log
    other = tmp_path / "other.key"
    make_key(other)
    done = cli("audit", "verify", "--key-file", str(other), str(path))
    assert done.returncode == 3 and "wrong key" in done.stderr
    key.chmod(0o644)
    done = cli("audit", "verify", "--key-file", str(key), str(path))
    assert done.returncode == 3 and "group or others" in done.stderr
    key.chmod(0o600)
    assert cli("audit", "verify", "--key-file", str(key), str(tmp_path / "missing.log")).returncode == 3
    assert cli("audit", "verify", str(path)).returncode == 2
    assert cli("audit", "verify", "--key-file", str(key)).returncode == 2
    assert cli("audit", "verify", "--bogus", str(path)).returncode == 2
    env_done = subprocess.run([CLI, "audit", "verify", str(path)], capture_output=True, text=True,
                              env={**os.environ, "SOC2_AUDIT_KEY_FILE": str(key)}, check=False)
    assert env_done.returncode == 0, env_done.stderr


def test_cli_verifies_rotated_files(tmp_path):
    key = tmp_path / "audit.key"
    make_key(key)
    path = tmp_path / "audit.log"
    php(LOG_EVENTS, str(path), str(key), "3")
    path.rename(tmp_path / "audit.log.1")
    php(LOG_EVENTS, str(path), str(key), "2")
    done = cli("audit", "verify", "--key-file", str(key), str(tmp_path / "audit.log.1"), str(path))
    assert done.returncode == 0 and "ok: 5 records" in done.stdout, done.stdout
    done = cli("audit", "verify", "--key-file", str(key), str(path))
    assert done.returncode == 1
