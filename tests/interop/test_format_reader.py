"""The independent reader (soc2_format_reader.py, written from docs/FORMAT.md)
decrypts what the extension and the CLI write, and the document's own vectors."""

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
    decrypt_binary,
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
