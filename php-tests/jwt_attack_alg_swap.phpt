--TEST--
JWT attack: alg swapped to another HMAC size, or to EdDSA, or HMAC keyed with a public key
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\{Jwt, Keys};
// The HS256 key's secret used with HS384 / HS512: a valid MAC, wrong alg.
check("HS384 with the HS256 secret", craft('{"alg":"HS384","kid":"k1"}', payload(), SECRET1, 'sha384'));
check("HS512 with the HS256 secret", craft('{"alg":"HS512","kid":"k1"}', payload(), SECRET1, 'sha512'));
// EdDSA claimed, HMAC secret used as the "key".
check("EdDSA with the HMAC secret", craft('{"alg":"EdDSA","kid":"k1"}', payload()));
// The classic confusion: a verifier holding an Ed25519 public key, a token
// "signed" with HS256 using the public key bytes as the HMAC secret.
$ed = Keys::ed25519(['ed' => str_repeat("\x07", 32)]);
$jwks = json_decode($ed->publicJwks(), true);
$public = unb64u($jwks['keys'][0]['x']);
$verifier = Keys::fromJwks($ed->publicJwks());
check("HS256 keyed with the Ed25519 public key", craft('{"alg":"HS256","kid":"ed"}', payload(), $public), $verifier);
check("control: EdDSA token", Jwt::sign(['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'ed-user'], $ed, ['now' => NOW]), $verifier);
// A HS512 key set refuses HS256 tokens even with the right secret.
$k512 = Keys::hmac(['k1' => str_repeat('s', 64)], 'HS512');
check("HS256 token against HS512 key", craft('{"alg":"HS256","kid":"k1"}', payload(), str_repeat('s', 64)), $k512);
?>
--EXPECT--
HS384 with the HS256 secret: alg_not_allowed
HS512 with the HS256 secret: alg_not_allowed
EdDSA with the HMAC secret: alg_not_allowed
HS256 keyed with the Ed25519 public key: alg_not_allowed
control: EdDSA token: ok (sub=ed-user)
HS256 token against HS512 key: alg_not_allowed
