--TEST--
JWT: aud as a list in the token and in the policy
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
$h = '{"alg":"HS256","kid":"k1"}';
check("token list contains api", craft($h, payload(['aud' => ['web', 'api']])));
check("token list without api", craft($h, payload(['aud' => ['web', 'mobile']])));
check("token empty list", craft($h, payload(['aud' => []])));
check("policy list, token string", craft($h, payload(['aud' => 'mobile'])), null, policy(['aud' => ['web', 'mobile']]));
check("policy list, token list", craft($h, payload(['aud' => ['x', 'web']])), null, policy(['aud' => ['web', 'mobile']]));
check("policy list, no overlap", craft($h, payload(['aud' => ['x', 'y']])), null, policy(['aud' => ['web', 'mobile']]));
// sign() keeps a list audience as a list.
$t = Soc2\Jwt\Jwt::sign(['iss' => 'https://issuer.example', 'aud' => ['api', 'web'], 'sub' => 'multi'], keys(), ['now' => NOW]);
var_dump(Soc2\Jwt\Jwt::decodeUnverified($t)['claims']['aud']);
check("signed with list", $t);
try {
    Soc2\Jwt\Jwt::sign(['aud' => ['api', 1]], keys());
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
try {
    Soc2\Jwt\Jwt::verify($t, keys(), policy(['aud' => ['api', 2]]));
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
token list contains api: ok (sub=user-1)
token list without api: claim_mismatch
token empty list: claim_mismatch
policy list, token string: ok (sub=user-1)
policy list, token list: ok (sub=user-1)
policy list, no overlap: claim_mismatch
array(2) {
  [0]=>
  string(3) "api"
  [1]=>
  string(3) "web"
}
signed with list: ok (sub=multi)
Soc2\Jwt\Jwt::sign(): claim aud must be a string or a list of strings
Soc2\Jwt\Jwt::verify(): Argument #3 ($policy) "aud" must be a string or a list of strings
