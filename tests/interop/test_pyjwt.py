"""JWTs interoperate with PyJWT (python3-jwt, Ed25519 through pyca/cryptography)
in both directions for HS256, HS384, HS512 and EdDSA, and PyJWT's tokens that
break our rules (no exp, alg none) are refused here."""

import json
import os
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conftest import php

HMAC = {"HS256": 32, "HS384": 48, "HS512": 64}
ISS = "https://issuer.example"
AUD = "api"

# PHP side: keys arrive hex-encoded as argv, claims/tokens on stdin.
PHP_KEYS = r"""
$alg = $argv[1]; $kid = $argv[2]; $key = hex2bin($argv[3]);
$keys = $alg === 'EdDSA' ? Soc2\Jwt\Keys::ed25519([$kid => $key]) : Soc2\Jwt\Keys::hmac([$kid => $key], $alg);
"""
PHP_SIGN = PHP_KEYS + r"""
echo Soc2\Jwt\Jwt::sign(json_decode(stream_get_contents(STDIN), true), $keys, ['ttl' => 300]);
"""
PHP_VERIFY = PHP_KEYS + r"""
try {
    $claims = Soc2\Jwt\Jwt::verify(trim(stream_get_contents(STDIN)), $keys, ['iss' => $argv[4], 'aud' => $argv[5]]);
    echo json_encode(['ok' => true, 'claims' => $claims]);
} catch (Soc2\Jwt\TokenException $e) {
    echo json_encode(['ok' => false, 'reason' => $e->reason()]);
}
"""


def key_material(alg):
    """(bytes for PHP, key for PyJWT signing, key for PyJWT verification)."""
    if alg == "EdDSA":
        private = Ed25519PrivateKey.generate()
        seed = private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return seed, private, private.public_key()
    secret = os.urandom(HMAC[alg])
    return secret, secret, secret


def sign_in_php(alg, kid, key, claims):
    return php(PHP_SIGN, alg, kid, key.hex(), stdin=json.dumps(claims).encode()).decode()


def verify_in_php(alg, kid, key, token, iss=ISS, aud=AUD):
    return json.loads(php(PHP_VERIFY, alg, kid, key.hex(), iss, aud, stdin=token.encode()))


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512", "EdDSA"])
def test_pyjwt_verifies_our_tokens(alg):
    raw, _, verify_key = key_material(alg)
    claims = {"iss": ISS, "aud": AUD, "sub": "user-42", "roles": ["a", "b"], "n": 1.5, "u": "h\u00e9llo"}
    token = sign_in_php(alg, "kid-1", raw, claims)
    header = jwt.get_unverified_header(token)
    assert header == {"alg": alg, "typ": "JWT", "kid": "kid-1"}
    decoded = jwt.decode(
        token, verify_key, algorithms=[alg], audience=AUD, issuer=ISS,
        options={"require": ["exp", "iat", "jti"]},
    )
    for name, value in claims.items():
        assert decoded[name] == value
    assert decoded["exp"] - decoded["iat"] == 300
    assert abs(decoded["iat"] - time.time()) < 60
    # PyJWT refuses our token under another key of the same kind.
    _, _, other = key_material(alg)
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, other, algorithms=[alg], audience=AUD, issuer=ISS)


@pytest.mark.parametrize("alg", ["HS256", "HS384", "HS512", "EdDSA"])
def test_we_verify_pyjwt_tokens(alg):
    raw, sign_key, _ = key_material(alg)
    now = int(time.time())
    claims = {"iss": ISS, "aud": [AUD, "other"], "sub": "py-user", "iat": now, "nbf": now, "exp": now + 120, "x": {"y": [1, None, True]}}
    token = jwt.encode(claims, sign_key, algorithm=alg, headers={"kid": "kid-9"})
    out = verify_in_php(alg, "kid-9", raw, token)
    assert out == {"ok": True, "claims": claims}
    # Same token, different expectations: our reasons, not PyJWT's.
    assert verify_in_php(alg, "kid-9", raw, token, iss="someone-else") == {"ok": False, "reason": "claim_mismatch"}
    assert verify_in_php(alg, "other-kid", raw, token) == {"ok": False, "reason": "unknown_kid"}
    # A PyJWT token without a kid verifies against our single-key set.
    plain = jwt.encode(claims, sign_key, algorithm=alg)
    assert verify_in_php(alg, "any", raw, plain)["ok"] is True
    # Expired by PyJWT's own clock arithmetic.
    old = dict(claims, iat=now - 1000, nbf=now - 1000, exp=now - 100)
    assert verify_in_php(alg, "kid-9", raw, jwt.encode(old, sign_key, algorithm=alg, headers={"kid": "kid-9"})) == {
        "ok": False, "reason": "expired"}


def test_pyjwt_tokens_that_break_our_rules():
    secret = os.urandom(32)
    now = int(time.time())
    # PyJWT happily issues a token with no exp: we require one.
    no_exp = jwt.encode({"iss": ISS, "aud": AUD}, secret, algorithm="HS256")
    assert verify_in_php("HS256", "k", secret, no_exp) == {"ok": False, "reason": "missing_claim"}
    # PyJWT's alg "none" token.
    unsigned = jwt.encode({"iss": ISS, "aud": AUD, "exp": now + 60}, None, algorithm="none")
    assert verify_in_php("HS256", "k", secret, unsigned) == {"ok": False, "reason": "alg_not_allowed"}
    # A string exp: PyJWT 2.6 coerces it with int() and accepts the token;
    # a mistyped registered claim is malformed here, never coerced.
    stringy = jwt.encode({"iss": ISS, "aud": AUD, "exp": str(now + 60)}, secret, algorithm="HS256")
    assert verify_in_php("HS256", "k", secret, stringy) == {"ok": False, "reason": "malformed"}


def test_rfc7515_a1_with_pyjwt():
    """The RFC 7515 Appendix A.1 example: PyJWT and we agree on it."""
    token = (
        "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    )
    key = jwt.utils.base64url_decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
    expected = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": False})
    out = json.loads(php(
        "echo json_encode(Soc2\\Jwt\\Jwt::verify($argv[2], Soc2\\Jwt\\Keys::hmac(['a' => hex2bin($argv[1])]),"
        " ['iss' => 'joe', 'aud' => null, 'now' => 1300819370]));",
        key.hex(), token,
    ))
    assert out == expected


def test_pyjwt_verifies_with_our_public_jwks():
    """Keys::publicJwks() is a JWK Set PyJWT loads."""
    seed = os.urandom(32)
    out = json.loads(php(
        "$k = Soc2\\Jwt\\Keys::ed25519(['ed-1' => hex2bin($argv[1])]);"
        "echo json_encode(['jwks' => $k->publicJwks(), 'token' => Soc2\\Jwt\\Jwt::sign(['sub' => 's'], $k)]);",
        seed.hex(),
    ))
    jwk_set = jwt.PyJWKSet.from_json(out["jwks"])
    key = jwk_set["ed-1"].key
    assert jwt.decode(out["token"], key, algorithms=["EdDSA"])["sub"] == "s"
    # And a JWKS from PyJWT's key is accepted by fromJwks.
    private = Ed25519PrivateKey.generate()
    jwk = json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(private.public_key()))
    jwk["kid"] = "py"
    token = jwt.encode({"exp": int(time.time()) + 60}, private, algorithm="EdDSA", headers={"kid": "py"})
    claims = json.loads(php(
        "echo json_encode(Soc2\\Jwt\\Jwt::verify($argv[2], Soc2\\Jwt\\Keys::fromJwks($argv[1]), ['iss' => null, 'aud' => null]));",
        json.dumps({"keys": [jwk]}), token,
    ))
    assert "exp" in claims
