"""An independent reader of soc2 keyrings and ciphertexts, written from docs/FORMAT.md alone.

Uses pyca/cryptography (HKDF, HMAC, AES-GCM) and PyNaCl (XChaCha20-Poly1305).
It shares no code with soc2; if it decrypts what soc2 writes, the format is
fully specified by the document.
"""

import base64
import binascii
import hashlib
import hmac
import json
import re
import struct

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand
from nacl.bindings import crypto_aead_xchacha20poly1305_ietf_decrypt

SUITES = {1: "xchacha20poly1305", 2: "aes256gcm"}
SUITE_BYTES = {v: k for k, v in SUITES.items()}
NONCE_LEN = {"xchacha20poly1305": 24, "aes256gcm": 12}
MAX_PLAINTEXT = 64 * 1024 * 1024


class FormatError(Exception):
    """Anything that does not verify."""


def b64url_decode(text: str) -> bytes:
    """Strict unpadded base64url: alphabet, no padding, canonical trailing bits."""
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text) or len(text) % 4 == 1:
        raise FormatError("bad base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if base64.urlsafe_b64encode(data).rstrip(b"=").decode() != text:
        raise FormatError("non-canonical base64url")
    return data


def lp(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def hkdf(salt: bytes | None, ikm: bytes, info: bytes, length: int) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=salt, info=info).derive(ikm)


def hkdf_expand(prk: bytes, info: bytes, length: int) -> bytes:
    return HKDFExpand(algorithm=hashes.SHA256(), length=length, info=info).derive(prk)


def derive(master: bytes, label: bytes) -> bytes:
    return hkdf(None, master, label, 32)


def parse_master_key_text(text: str) -> bytes:
    text = text.strip()
    if text.startswith("soc2mk1:"):
        key = b64url_decode(text[len("soc2mk1:"):])
    else:
        try:
            key = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_" if ("-" in text or "_" in text) else None, validate=True)
        except binascii.Error as e:
            raise FormatError("bad master key text") from e
    if len(key) != 32:
        raise FormatError("a master key is 32 bytes")
    return key


def master_key_id(master: bytes) -> str:
    return derive(master, b"soc2/v1/master-key-id")[:8].hex()


def encode_context(context: dict) -> bytes:
    entries = []
    for key, value in context.items():
        k = key.encode() if isinstance(key, str) else key
        if isinstance(value, bool) or not isinstance(value, (int, str, bytes)):
            raise TypeError("context values are strings or integers")
        v = str(value).encode() if isinstance(value, (int, str)) else value
        entries.append((k, v))
    entries.sort(key=lambda e: e[0])
    out = struct.pack(">I", len(entries))
    for k, v in entries:
        out += lp(k) + lp(v)
    return out


def open_keyring(document: str | bytes, master: bytes) -> dict:
    """Returns {key id hex: (suite, data key)} and the primary id, after full verification."""
    doc = json.loads(document, object_pairs_hook=_no_duplicates)
    if set(doc) != {"format", "version", "master_key_id", "primary", "keys", "blind_index_key", "mac"}:
        raise FormatError("unexpected members")
    if doc["format"] != "soc2-keyring" or doc["version"] != 1:
        raise FormatError("not a version 1 soc2 keyring")
    if doc["master_key_id"] != master_key_id(master):
        raise FormatError("wrapped under another master key")
    wrapped_all = []
    mac_input = lp(b"soc2/v1/keyring") + lp(doc["master_key_id"].encode()) + lp(doc["primary"].encode())
    mac_input += struct.pack(">I", len(doc["keys"]))
    for k in doc["keys"]:
        if set(k) != {"id", "suite", "status", "created_at", "wrapped"}:
            raise FormatError("unexpected key members")
        wrapped = b64url_decode(k["wrapped"])
        if len(wrapped) != 72:
            raise FormatError("wrapped key length")
        wrapped_all.append(wrapped)
        mac_input += lp(k["id"].encode()) + lp(k["suite"].encode()) + lp(k["status"].encode())
        mac_input += struct.pack(">q", k["created_at"]) + lp(wrapped)
    blind_wrapped = b64url_decode(doc["blind_index_key"])
    if len(blind_wrapped) != 72:
        raise FormatError("wrapped blind-index key length")
    mac_input += lp(blind_wrapped)
    expected = hmac.new(derive(master, b"soc2/v1/keyring-mac"), mac_input, hashlib.sha256).digest()
    if not hmac.compare_digest(expected, b64url_decode(doc["mac"])):
        raise FormatError("keyring MAC mismatch")
    wrap_key = derive(master, b"soc2/v1/keyring-wrap")
    keys = {}
    for k, wrapped in zip(doc["keys"], wrapped_all):
        if not re.fullmatch(r"[0-9a-f]{8}", k["id"]) or k["id"] in keys:
            raise FormatError("bad or repeated key id")
        if k["suite"] not in SUITE_BYTES or k["status"] not in ("active", "retired"):
            raise FormatError("unknown suite or status")
        aad = b"soc2/v1/dek" + bytes.fromhex(k["id"]) + bytes([SUITE_BYTES[k["suite"]]])
        dek = crypto_aead_xchacha20poly1305_ietf_decrypt(wrapped[24:], aad, wrapped[:24], wrap_key)
        keys[k["id"]] = (k["suite"], dek, k["status"])
    blind_root = crypto_aead_xchacha20poly1305_ietf_decrypt(
        blind_wrapped[24:], b"soc2/v1/blind-index-key", blind_wrapped[:24], wrap_key
    )
    primary = doc["primary"]
    if primary not in keys or keys[primary][2] != "active":
        raise FormatError("bad primary")
    return {
        "primary": primary,
        "keys": {i: (s, d) for i, (s, d, _) in keys.items()},
        "blind_index_root": blind_root,
    }


def _no_duplicates(pairs):
    names = [k for k, _ in pairs]
    if len(names) != len(set(names)):
        raise FormatError("duplicate member")
    return dict(pairs)


def decrypt_binary(ct: bytes, keyring: dict, context: dict) -> bytes:
    if len(ct) < 78 or len(ct) > MAX_PLAINTEXT + 78 or ct[0] != 1 or ct[1] not in SUITES:
        raise FormatError("malformed ciphertext")
    suite = SUITES[ct[1]]
    key_id = ct[2:6].hex()
    if key_id not in keyring["keys"]:
        raise KeyError(key_id)
    key_suite, dek = keyring["keys"][key_id]
    if key_suite != suite:
        raise FormatError("suite mismatch")
    header, salt = ct[:30], ct[6:30]
    okm = hkdf_expand(dek, b"soc2/v1/message" + header, 64)
    aead_key, commitment, nonce = okm[:32], okm[32:64], salt[: NONCE_LEN[suite]]
    if not hmac.compare_digest(commitment, ct[30:62]):
        raise FormatError("key commitment mismatch")
    aad = ct[:62] + encode_context(context)
    body = ct[62:]  # ciphertext || tag: both libraries take them together
    try:
        if suite == "aes256gcm":
            return AESGCM(aead_key).decrypt(nonce, body, aad)
        return crypto_aead_xchacha20poly1305_ietf_decrypt(body, aad, nonce, aead_key)
    except Exception as e:  # InvalidTag / CryptoError
        raise FormatError("authentication failed") from e


def decrypt_text(text: str, keyring: dict, context: dict) -> bytes:
    if not text.startswith("soc2e1:"):
        raise FormatError("not a version 1 text ciphertext")
    return decrypt_binary(b64url_decode(text[len("soc2e1:"):]), keyring, context)


# --- Encrypted files (FORMAT.md section 6) ---------------------------------

FILE_MAGIC = b"soc2f"


def decrypt_file(reader, writer, keyring: dict, context: dict) -> int:
    """Streams a soc2 encrypted file from `reader` (binary file object) to
    `writer`, holding one segment and one byte of look-ahead. Returns the
    plaintext length. The caller must discard the output if this raises."""
    prefix = reader.read(79)
    if len(prefix) < 79 or prefix[:5] != FILE_MAGIC or prefix[5] != 1 or prefix[6] not in SUITES:
        raise FormatError("not a version 1 soc2 file")
    header, stored_commitment = prefix[:47], prefix[47:79]
    suite = SUITES[prefix[6]]
    key_id = prefix[7:11].hex()
    (segment_size,) = struct.unpack(">I", prefix[11:15])
    if not 64 <= segment_size <= 1 << 20:
        raise FormatError("segment size out of range")
    if key_id not in keyring["keys"]:
        raise KeyError(key_id)
    key_suite, dek = keyring["keys"][key_id]
    if key_suite != suite:
        raise FormatError("suite mismatch")
    okm = hkdf_expand(dek, b"soc2/v1/file" + header + encode_context(context), 96)
    file_key, commitment = okm[:32], okm[32:64]
    prefix_len = NONCE_LEN[suite] - 5
    nonce_prefix = okm[64 : 64 + prefix_len]
    if not hmac.compare_digest(commitment, stored_commitment):
        raise FormatError("commitment mismatch")
    total = 0
    counter = 0
    chunk = reader.read(segment_size + 16)
    while True:
        following = reader.read(segment_size + 16) if len(chunk) == segment_size + 16 else b""
        last = len(following) == 0
        if len(chunk) < 16:
            raise FormatError("segment too short")
        nonce = nonce_prefix + struct.pack(">I", counter) + bytes([1 if last else 0])
        try:
            if suite == "aes256gcm":
                plain = AESGCM(file_key).decrypt(nonce, chunk, b"")
            else:
                plain = crypto_aead_xchacha20poly1305_ietf_decrypt(chunk, b"", nonce, file_key)
        except Exception as e:
            raise FormatError("segment authentication failed") from e
        writer.write(plain)
        total += len(plain)
        if last:
            return total
        chunk = following
        counter += 1
        if counter >= 1 << 32:
            raise FormatError("too many segments")


# --- Blind indexes (FORMAT.md section 7) -----------------------------------


def blind_index(keyring: dict, value: bytes, name: bytes, bits: int = 32) -> str:
    if bits % 4 or not 16 <= bits <= 256 or not 1 <= len(name) <= 255:
        raise ValueError("bits or name out of range")
    name_key = hkdf_expand(keyring["blind_index_root"], b"soc2/v1/blind-index" + lp(name), 32)
    return hmac.new(name_key, value, hashlib.sha256).hexdigest()[: bits // 4]
