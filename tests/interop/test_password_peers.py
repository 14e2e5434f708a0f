"""Password hashes interoperate with independent implementations:
argon2-cffi (the reference libargon2) and pyca/bcrypt (OpenBSD bcrypt)."""

import os

import argon2
import bcrypt

from conftest import php

SMALL = {"soc2.password_memory_cost": "256", "soc2.password_time_cost": "2"}
PASSWORDS = [b"", b"a", b"correct horse battery staple", "pässwörd-ünïcode".encode(), os.urandom(40), b"a\x00b" + os.urandom(10)]


def hash_in_php(password: bytes) -> str:
    return php("echo Soc2\\Password::hash(stream_get_contents(STDIN));", ini=SMALL, stdin=password).decode()


def verify_in_php(password: bytes, stored: str) -> bool:
    out = php("var_export(Soc2\\Password::verify(stream_get_contents(STDIN), $argv[1]));", stored, stdin=password)
    return out == b"true"


def test_libargon2_verifies_our_hashes():
    hasher = argon2.PasswordHasher()
    for password in PASSWORDS:
        stored = hash_in_php(password)
        assert stored.startswith("$argon2id$v=19$m=256,t=2,p=1$")
        assert hasher.verify(stored, password)
        try:
            hasher.verify(stored, password + b"!")
            raise AssertionError("wrong password accepted by libargon2")
        except argon2.exceptions.VerifyMismatchError:
            pass


def test_we_verify_libargon2_hashes():
    for variant in (argon2.Type.ID, argon2.Type.I):
        hasher = argon2.PasswordHasher(time_cost=2, memory_cost=256, parallelism=2, type=variant)
        for password in PASSWORDS:
            stored = hasher.hash(password)
            assert verify_in_php(password, stored), stored
            assert not verify_in_php(password + b"!", stored)


def test_we_verify_openbsd_bcrypt_hashes():
    for password in PASSWORDS:
        if b"\x00" in password:
            continue  # bcrypt implementations disagree on NUL; we refuse it (see phpt)
        for prefix in (b"2b", b"2a"):
            stored = bcrypt.hashpw(password, bcrypt.gensalt(rounds=4, prefix=prefix)).decode()
            assert verify_in_php(password, stored), stored
            assert not verify_in_php(password + b"!", stored)
