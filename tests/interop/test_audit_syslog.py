"""Soc2\\Audit with soc2.audit_log=syslog: RFC 5424 datagrams received and
parsed by a real rsyslogd, started here on a private socket and config."""

import json
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import php

RSYSLOGD = shutil.which("rsyslogd") or "/usr/sbin/rsyslogd"

CONFIG = """
global(workDirectory="{dir}" maxMessageSize="64k")
module(load="imuxsock" SysSock.Use="off")
input(type="imuxsock" Socket="{dir}/log.sock" UseSpecialParser="off" ParseHostname="on")
template(name="fields" type="string"
         string="%pri%|%app-name%|%procid%|%msgid%|%hostname%|%timereported:::date-rfc3339%|%msg%\\n")
*.* action(type="omfile" file="{dir}/out.log" template="fields")
"""


@pytest.fixture
def rsyslogd(tmp_path):
    if not os.path.exists(RSYSLOGD):
        pytest.skip("rsyslogd is not installed (Debian package rsyslog)")
    conf = tmp_path / "rsyslog.conf"
    conf.write_text(CONFIG.format(dir=tmp_path))
    proc = subprocess.Popen([RSYSLOGD, "-n", "-f", str(conf), "-i", str(tmp_path / "rsyslogd.pid")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sock = tmp_path / "log.sock"
    for _ in range(100):
        if sock.exists():
            break
        if proc.poll() is not None:
            pytest.fail("rsyslogd exited: " + proc.stdout.read().decode(errors="replace"))
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("rsyslogd did not create its socket")
    yield tmp_path
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()


def read_lines(path, count, timeout=5.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists():
            lines = path.read_text().splitlines()
            if len(lines) >= count:
                return lines
        time.sleep(0.05)
    raise AssertionError(f"rsyslogd wrote {path.read_text() if path.exists() else 'nothing'}")


def test_rsyslogd_parses_our_rfc5424(rsyslogd):
    sock = rsyslogd / "log.sock"
    pid = php(
        """
        Soc2\\Audit::log('authn_login_success', ['user.id' => 7, 'password' => 'pw-secret', 'note' => "a\\nb"]);
        Soc2\\Audit::log('authz_fail', ['resource' => '/admin'], 'failure');
        Soc2\\Audit::log('app_report_export', [], 'unknown');
        echo getmypid();
        """,
        ini={"soc2.audit_log": f"syslog:{sock}", "soc2.audit_app": "billing"},
    ).decode()
    lines = read_lines(rsyslogd / "out.log", 3)
    parsed = [line.split("|", 6) for line in lines]
    # authpriv (10) * 8 + severity: info 6, warning 4, notice 5.
    assert [p[0] for p in parsed] == ["86", "84", "85"]
    assert {p[1] for p in parsed} == {"billing"}
    assert {p[2] for p in parsed} == {pid}
    assert [p[3] for p in parsed] == ["authn_login_success", "authz_fail", "app_report_export"]
    records = [json.loads(p[6]) for p in parsed]
    assert records[0]["event.action"] == "authn_login_success"
    assert records[0]["user.id"] == "7"
    assert records[0]["soc2.fields"] == {"password": "[REDACTED]", "note": "a\nb"}
    assert records[1]["event.outcome"] == "failure"
    assert [r["event.sequence"] for r in records] == [1, 2, 3]
    assert all(p[4] == records[0]["host.name"] for p in parsed)
    assert "pw-secret" not in (rsyslogd / "out.log").read_text()


def test_syslog_down_is_a_failure_not_a_drop(tmp_path):
    code = """
    try { Soc2\\Audit::log('sys_startup'); echo "returned"; }
    catch (Soc2\\AuditException $e) { echo "AuditException: ", $e->getMessage(); }
    """
    out = php(code, ini={"soc2.audit_log": f"syslog:{tmp_path}/none.sock"}).decode()
    assert out.startswith("AuditException: ") and "cannot send to syslog" in out
