--TEST--
JWT attack: signature made with another kid's key, and tokens without a kid
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\{Jwt, Keys};
// Signed with k2's secret but claiming kid k1.
check("k2 signature, kid k1", craft('{"alg":"HS256","kid":"k1"}', payload(), SECRET2));
check("k2 signature, kid k2", craft('{"alg":"HS256","kid":"k2"}', payload(), SECRET2));
// No kid: with two keys nothing is tried; with a single key it is.
check("no kid, two keys", craft('{"alg":"HS256"}', payload(), SECRET1));
check("no kid, one key", craft('{"alg":"HS256"}', payload(), SECRET1), Keys::hmac(['only' => SECRET1]));
// Signing with a non-primary kid by option.
$t = Jwt::sign(['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'via-k2'], keys(), ['kid' => 'k2', 'now' => NOW]);
echo Jwt::decodeUnverified($t)['header']['kid'], "\n";
check("signed with option kid", $t);
?>
--EXPECT--
k2 signature, kid k1: bad_signature
k2 signature, kid k2: ok (sub=user-1)
no kid, two keys: unknown_kid
no kid, one key: ok (sub=user-1)
k2
signed with option kid: ok (sub=via-k2)
