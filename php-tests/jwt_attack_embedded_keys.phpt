--TEST--
JWT attack: jwk/jku/x5u/x5c headers (token chooses its own key) are refused
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
// An attacker embeds their own key and signs with it.
$attacker = 'attacker-secret-0123456789abcdef0123456789';
$jwk = json_encode(['kty' => 'oct', 'k' => b64u($attacker), 'kid' => 'k1']);
check("jwk", craft('{"alg":"HS256","kid":"k1","jwk":' . $jwk . '}', payload(), $attacker));
check("jwk signed with the real key", craft('{"alg":"HS256","kid":"k1","jwk":' . $jwk . '}', payload()));
check("jku", craft('{"alg":"HS256","kid":"k1","jku":"https://attacker.example/jwks.json"}', payload()));
check("x5u", craft('{"alg":"HS256","kid":"k1","x5u":"https://attacker.example/cert.pem"}', payload()));
check("x5c", craft('{"alg":"HS256","kid":"k1","x5c":["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]}', payload()));
// An EdDSA verifier is not swayed by an embedded OKP key either.
$ed = Soc2\Jwt\Keys::ed25519([], null, ['ed' => sodium_crypto_sign_publickey(sodium_crypto_sign_seed_keypair(str_repeat("\1", 32)))]);
$h = '{"alg":"EdDSA","kid":"ed","jwk":{"kty":"OKP","crv":"Ed25519","x":"' . b64u(str_repeat("\2", 32)) . '"}}';
check("jwk on EdDSA", b64u($h) . '.' . b64u(payload()) . '.' . b64u(str_repeat("\0", 64)), $ed);
?>
--EXPECT--
jwk: malformed
jwk signed with the real key: malformed
jku: malformed
x5u: malformed
x5c: malformed
jwk on EdDSA: malformed
