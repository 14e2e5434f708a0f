--TEST--
JWT Keys: short HMAC secrets, bad algorithms, bad Ed25519 material and bad JWKS are refused clearly
--EXTENSIONS--
soc2
--FILE--
<?php
use Soc2\Jwt\Keys;
function attempt(string $label, callable $f): void {
    try { $f(); echo "$label: accepted\n"; }
    catch (Throwable $t) { echo "$label: ", get_class($t), ": ", $t->getMessage(), "\n"; }
}
attempt('HS256 31 bytes', fn() => Keys::hmac(['k' => str_repeat('a', 31)]));
attempt('HS256 32 bytes', fn() => Keys::hmac(['k' => str_repeat('a', 32)]));
attempt('HS384 47 bytes', fn() => Keys::hmac(['k' => str_repeat('a', 47)], 'HS384'));
attempt('HS512 63 bytes', fn() => Keys::hmac(['k' => str_repeat('a', 63)], 'HS512'));
attempt('one short among many', fn() => Keys::hmac(['a' => str_repeat('a', 32), 'b' => 'short']));
attempt('alg hs256', fn() => Keys::hmac(['k' => str_repeat('a', 32)], 'hs256'));
attempt('alg none', fn() => Keys::hmac(['k' => str_repeat('a', 32)], 'none'));
attempt('alg EdDSA for hmac', fn() => Keys::hmac(['k' => str_repeat('a', 32)], 'EdDSA'));
attempt('no keys', fn() => Keys::hmac([]));
attempt('secret not a string', fn() => Keys::hmac(['k' => 12345678901234567890]));
attempt('empty kid', fn() => Keys::hmac(['' => str_repeat('a', 32)]));
attempt('integer kid', fn() => Keys::hmac([7 => str_repeat('a', 32)])->keys());
attempt('primary not in set', fn() => Keys::hmac(['k' => str_repeat('a', 32)], 'HS256', 'other'));
attempt('ed25519 31 bytes', fn() => Keys::ed25519(['e' => str_repeat('a', 31)]));
$pair = sodium_crypto_sign_seed_keypair(str_repeat('s', 32));
$sk = sodium_crypto_sign_secretkey($pair);
attempt('ed25519 64-byte ok', fn() => Keys::ed25519(['e' => $sk]));
attempt('ed25519 64-byte mismatched', fn() => Keys::ed25519(['e' => substr($sk, 0, 32) . str_repeat("\1", 32)]));
attempt('ed25519 public small-order', fn() => Keys::ed25519([], null, ['p' => str_repeat("\0", 32)]));
attempt('ed25519 public wrong size', fn() => Keys::ed25519([], null, ['p' => 'abc']));
attempt('ed25519 primary is public', fn() => Keys::ed25519([], 'p', ['p' => sodium_crypto_sign_publickey($pair)]));
attempt('ed25519 duplicate kid', fn() => Keys::ed25519(['p' => str_repeat('s', 32)], null, ['p' => sodium_crypto_sign_publickey($pair)]));
attempt('sign with public only', fn() => Soc2\Jwt\Jwt::sign([], Keys::ed25519([], null, ['p' => sodium_crypto_sign_publickey($pair)])));
attempt('sign without primary', fn() => Soc2\Jwt\Jwt::sign([], Keys::hmac(['a' => str_repeat('a', 32), 'b' => str_repeat('b', 32)])));
attempt('sign with unknown kid', fn() => Soc2\Jwt\Jwt::sign([], Keys::hmac(['a' => str_repeat('a', 32)]), ['kid' => 'zz']));
$x = rtrim(strtr(base64_encode(sodium_crypto_sign_publickey($pair)), '+/', '-_'), '=');
attempt('jwks ok', fn() => print_r(Keys::fromJwks(json_encode(['keys' => [['kty' => 'OKP', 'crv' => 'Ed25519', 'x' => $x, 'kid' => 'j1'], ['kty' => 'RSA', 'kid' => 'r1', 'n' => 'AQAB', 'e' => 'AQAB']]]))->keys()));
attempt('jwks not json', fn() => Keys::fromJwks('{keys'));
attempt('jwks no keys', fn() => Keys::fromJwks('{"keys":[]}'));
attempt('jwks only RSA', fn() => Keys::fromJwks('{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}'));
attempt('jwks private d', fn() => Keys::fromJwks(json_encode(['keys' => [['kty' => 'OKP', 'crv' => 'Ed25519', 'x' => $x, 'd' => $x]]])));
attempt('jwks padded x', fn() => Keys::fromJwks(json_encode(['keys' => [['kty' => 'OKP', 'crv' => 'Ed25519', 'x' => $x . '=']]])));
attempt('jwks duplicate member', fn() => Keys::fromJwks('{"keys":[],"keys":[]}'));
attempt('jwks wrong alg', fn() => Keys::fromJwks(json_encode(['keys' => [['kty' => 'OKP', 'crv' => 'Ed25519', 'x' => $x, 'alg' => 'HS256']]])));
?>
--EXPECT--
HS256 31 bytes: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) HS256 secrets must be at least 32 bytes (the hash output size)
HS256 32 bytes: accepted
HS384 47 bytes: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) HS384 secrets must be at least 48 bytes (the hash output size)
HS512 63 bytes: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) HS512 secrets must be at least 64 bytes (the hash output size)
one short among many: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) HS256 secrets must be at least 32 bytes (the hash output size)
alg hs256: ValueError: Soc2\Jwt\Keys::hmac(): Argument #2 ($alg) must be "HS256", "HS384" or "HS512"
alg none: ValueError: Soc2\Jwt\Keys::hmac(): Argument #2 ($alg) must be "HS256", "HS384" or "HS512"
alg EdDSA for hmac: ValueError: Soc2\Jwt\Keys::hmac(): Argument #2 ($alg) must be "HS256", "HS384" or "HS512"
no keys: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) at least one key is required
secret not a string: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) must map key ids to binary strings
empty kid: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) key ids must be 1 to 256 bytes without control characters
integer kid: accepted
primary not in set: ValueError: Soc2\Jwt\Keys::hmac(): Argument #1 ($secrets) primary key id is not in the set
ed25519 31 bytes: ValueError: Soc2\Jwt\Keys::ed25519(): Argument #1 ($secret_keys) Ed25519 secret keys must be a 32-byte seed or a 64-byte secret key
ed25519 64-byte ok: accepted
ed25519 64-byte mismatched: Soc2\KeyException: Soc2\Jwt\Keys::ed25519(): Ed25519 64-byte secret key: public half does not match the seed
ed25519 public small-order: Soc2\KeyException: Soc2\Jwt\Keys::ed25519(): Ed25519 public key of small order refused
ed25519 public wrong size: ValueError: Soc2\Jwt\Keys::ed25519(): Argument #1 ($secret_keys) Ed25519 public keys must be 32 bytes
ed25519 primary is public: ValueError: Soc2\Jwt\Keys::ed25519(): Argument #1 ($secret_keys) primary key is a public key and cannot sign
ed25519 duplicate kid: ValueError: Soc2\Jwt\Keys::ed25519(): Argument #1 ($secret_keys) duplicate key id
sign with public only: ValueError: Soc2\Jwt\Jwt::sign(): the key set has no primary key; name one or pass the kid option
sign without primary: ValueError: Soc2\Jwt\Jwt::sign(): the key set has no primary key; name one or pass the kid option
sign with unknown kid: ValueError: Soc2\Jwt\Jwt::sign(): kid is not in the key set
Array
(
    [j1] => Array
        (
            [alg] => EdDSA
            [sign] => 
        )

)
jwks ok: accepted
jwks not json: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS: invalid JSON (key must be a string at line 1 column 2)
jwks no keys: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS holds no supported signature key (OKP/Ed25519)
jwks only RSA: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS holds no supported signature key (OKP/Ed25519)
jwks private d: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS key #1: holds a private key ("d"); fromJwks() takes public keys only
jwks padded x: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS key #1: "x" is not canonical unpadded base64url
jwks duplicate member: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS: duplicate member name at line 1 column 17
jwks wrong alg: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS key #1: "alg" does not match an Ed25519 key
