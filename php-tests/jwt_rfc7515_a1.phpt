--TEST--
JWT: RFC 7515 Appendix A.1 HS256 example verifies (at a time before its exp)
--EXTENSIONS--
soc2
--FILE--
<?php
use Soc2\Jwt\{Jwt, Keys, TokenException};
$token = 'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9'
    . '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ'
    . '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
$k = base64_decode(strtr('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow', '-_', '+/'));
$keys = Keys::hmac(['rfc7515' => $k]);
// The token has no kid: a single-key set is tried. Time checks are pinned to
// 2011-03-22 (its exp is 1300819380) with 'now'.
var_dump(Jwt::verify($token, $keys, ['iss' => 'joe', 'aud' => null, 'now' => 1300819370, 'leeway' => 0]));
try {
    Jwt::verify($token, $keys, ['iss' => 'joe', 'aud' => null]);
} catch (TokenException $e) {
    echo "at the real time: ", $e->reason(), "\n";
}
var_dump(Jwt::decodeUnverified($token)['header']);
?>
--EXPECT--
array(3) {
  ["iss"]=>
  string(3) "joe"
  ["exp"]=>
  int(1300819380)
  ["http://example.com/is_root"]=>
  bool(true)
}
at the real time: expired
array(2) {
  ["typ"]=>
  string(3) "JWT"
  ["alg"]=>
  string(5) "HS256"
}
