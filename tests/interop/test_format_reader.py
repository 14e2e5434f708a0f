"""The independent reader (soc2_format_reader.py, written from docs/FORMAT.md)
decrypts what the extension and the CLI write, and the document's own vectors."""

import io
import json
import os
import pathlib
import re
import subprocess
import tempfile

import pytest

from conftest import CLI, php
from soc2_format_reader import (
    FormatError,
    blind_index,
    decrypt_binary,
    decrypt_file,
    decrypt_text,
    encode_context,
    master_key_id,
    open_keyring,
    parse_master_key_text,
)

FORMAT_MD = pathlib.Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"


def doc_vectors():
    text = FORMAT_MD.read_text()
    block = re.search(r"```vectors\n(.*?)```", text, re.S).group(1)
    values = dict(line.split(" = ", 1) for line in block.strip().splitlines())
    values["keyring_json"] = re.search(r"```json keyring\n(.*?)```", text, re.S).group(1)
    return values


def test_format_md_vectors():
    v = doc_vectors()
    master = bytes.fromhex(v["master_key_hex"])
    assert parse_master_key_text(v["master_key_text"]) == master
    assert master_key_id(master) == v["master_key_id"]
    ctx = {"table": "users", "id": 42}
    assert encode_context(ctx).hex() == v["context_hex"]
    assert encode_context({"id": "42", "table": "users"}).hex() == v["context_hex"]
    ring = open_keyring(v["keyring_json"], master)
    assert ring["primary"] == "a0b0c0d0"
    assert decrypt_binary(bytes.fromhex(v["ct1_binary_hex"]), ring, ctx) == b"hello, soc2"
    assert decrypt_text(v["ct1_text"], ring, ctx) == b"hello, soc2"
    assert decrypt_binary(bytes.fromhex(v["ct2_binary_hex"]), ring, ctx) == b"hello, soc2"
    assert decrypt_text(v["ct2_text"], ring, ctx) == b"hello, soc2"
    assert decrypt_binary(bytes.fromhex(v["ct3_binary_hex"]), ring, {}) == b""
    file_pt = bytes(range(150))
    for name, pt, c in (("file1_hex", file_pt, ctx), ("file2_hex", b"", {}), ("file3_hex", file_pt[:128], ctx)):
        out = io.BytesIO()
        assert decrypt_file(io.BytesIO(bytes.fromhex(v[name])), out, ring, c) == len(pt)
        assert out.getvalue() == pt
    assert blind_index(ring, b"alice@example.com", b"email", 32) == v["blind_index_email_32"]
    assert blind_index(ring, b"alice@example.com", b"email", 256) == v["blind_index_email_256"]
    assert blind_index(ring, b"", b"ssn", 16) == v["blind_index_ssn_16"]


PRODUCE = r"""
$m = Soc2\Crypto\MasterKey::generate();
$ring = Soc2\Crypto\Keyring::create($m, 'xchacha20poly1305');
$out = ['master' => $m->export(), 'items' => []];
$sizes = [0, 1, 16, 100, 1000, 65536, 1048583];
foreach (['xchacha20poly1305', 'aes256gcm'] as $i => $suite) {
    if ($i > 0) { $ring->rotate($suite); }
    foreach ($sizes as $n) {
        $pt = $n ? random_bytes($n) : '';
        $ctx = ['table' => 'users', 'column' => 'ssn', 'id' => $n];
        $out['items'][] = ['suite' => $suite, 'pt' => bin2hex($pt), 'ctx' => $ctx,
            'text' => $ring->encrypt($pt, $ctx), 'bin' => bin2hex($ring->encryptBinary($pt, $ctx))];
    }
}
$out['keyring'] = $ring->toJson();
echo json_encode($out);
"""


@pytest.fixture(scope="module")
def produced():
    return json.loads(php(PRODUCE))


def test_reader_decrypts_extension_output_both_suites_both_forms(produced):
    master = parse_master_key_text(produced["master"])
    ring = open_keyring(produced["keyring"], master)
    suites = set()
    for item in produced["items"]:
        pt = bytes.fromhex(item["pt"])
        # PDO hands ids back as strings: the reader encodes "42" and 42 alike.
        ctx = {k: str(v) for k, v in item["ctx"].items()}
        assert decrypt_text(item["text"], ring, ctx) == pt
        assert decrypt_binary(bytes.fromhex(item["bin"]), ring, item["ctx"]) == pt
        suites.add(bytes.fromhex(item["bin"])[1])
    assert suites == {1, 2}


def test_reader_rejects_what_soc2_rejects(produced):
    master = parse_master_key_text(produced["master"])
    ring = open_keyring(produced["keyring"], master)
    item = produced["items"][3]
    ct = bytearray(bytes.fromhex(item["bin"]))
    with pytest.raises(FormatError):
        decrypt_binary(bytes(ct), ring, {**item["ctx"], "id": 99})
    for i in (0, 1, 10, 40, 70, len(ct) - 1):
        bad = bytearray(ct)
        bad[i] ^= 1
        with pytest.raises((FormatError, KeyError)):
            decrypt_binary(bytes(bad), ring, item["ctx"])
    doc = json.loads(produced["keyring"])
    doc["primary"] = doc["keys"][0]["id"]
    with pytest.raises(FormatError):
        open_keyring(json.dumps(doc), master)
    with pytest.raises(FormatError):
        open_keyring(produced["keyring"], os.urandom(32))


def test_reader_opens_cli_keyring_and_php_decrypts_reader_checked_data():
    assert CLI, "SOC2_CLI must point at the built soc2 binary"
    with tempfile.TemporaryDirectory() as d:
        mk, kr = os.path.join(d, "mk"), os.path.join(d, "ring.json")
        for args in (["master-key", "generate", "--out", mk],
                     ["keyring", "create", kr, "--suite", "aes256gcm", "--master-key-file", mk],
                     ["keyring", "rotate", kr, "--master-key-file", mk]):
            done = subprocess.run([CLI, *args], capture_output=True, text=True, check=False)
            assert done.returncode == 0, done.stderr
        master = parse_master_key_text(pathlib.Path(mk).read_text())
        ring = open_keyring(pathlib.Path(kr).read_text(), master)
        assert len(ring["keys"]) == 2
        code = (
            "$r = Soc2\\Crypto\\Keyring::open($argv[1], Soc2\\Crypto\\MasterKey::fromFile($argv[2]));"
            "echo $r->encrypt('via cli keyring', ['k' => 'v']);"
        )
        text = php(code, kr, mk).decode()
        assert decrypt_text(text, ring, {"k": "v"}) == b"via cli keyring"


FILES = r"""
$m = Soc2\Crypto\MasterKey::generate();
$ring = Soc2\Crypto\Keyring::create($m, 'xchacha20poly1305');
$dir = $argv[1];
$out = ['master' => $m->export(), 'files' => [], 'indexes' => []];
foreach (['xchacha20poly1305', 'aes256gcm'] as $i => $suite) {
    if ($i > 0) { $ring->rotate($suite); }
    foreach ([0, 1, 65535, 65536, 65537, 200000] as $n) {
        $p = "$dir/$suite-$n"; $e = "$p.enc";
        file_put_contents($p, $n ? random_bytes($n) : '');
        $ctx = ['table' => 'documents', 'id' => $n];
        $ring->encryptFile($p, $e, $ctx);
        $out['files'][] = ['plain' => $p, 'enc' => $e, 'ctx' => $ctx];
    }
}
foreach (['alice@example.com', '', "bin\0ary"] as $v) {
    foreach ([16, 32, 256] as $bits) {
        $out['indexes'][] = [bin2hex($v), 'users.email', $bits, $ring->blindIndex($v, 'users.email', $bits)];
    }
}
$out['keyring'] = $ring->toJson();
echo json_encode($out);
"""


def test_reader_decrypts_extension_files_and_recomputes_blind_indexes():
    with tempfile.TemporaryDirectory() as d:
        produced = json.loads(php(FILES, d))
        master = parse_master_key_text(produced["master"])
        ring = open_keyring(produced["keyring"], master)
        suites = set()
        for item in produced["files"]:
            with open(item["enc"], "rb") as f:
                suites.add(f.read(7)[6])
                f.seek(0)
                out = io.BytesIO()
                decrypt_file(f, out, ring, {k: str(v) for k, v in item["ctx"].items()})
            assert out.getvalue() == pathlib.Path(item["plain"]).read_bytes()
        assert suites == {1, 2}
        for value, name, bits, index in produced["indexes"]:
            assert blind_index(ring, bytes.fromhex(value), name.encode(), bits) == index
        # The reader refuses what soc2 refuses: a truncated file, another context.
        item = produced["files"][-1]
        data = pathlib.Path(item["enc"]).read_bytes()
        for bad, ctx in ((data[: 79 + 65552], item["ctx"]), (data, {**item["ctx"], "id": 1})):
            with pytest.raises(FormatError):
                decrypt_file(io.BytesIO(bad), io.BytesIO(), ring, ctx)
