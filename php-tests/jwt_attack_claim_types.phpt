--TEST--
JWT attack: string-typed exp/nbf and other mistyped registered claims are malformed, never ignored
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
$base = ['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'u', 'exp' => NOW + 600];
$cases = [
    'exp as string' => ['exp' => (string)(NOW + 600)],
    'exp as far-future string' => ['exp' => '99999999999'],
    'nbf as string' => ['nbf' => (string)(NOW + 10000)],
    'iat as bool' => ['iat' => true],
    'exp as null' => ['exp' => null],
    'iss as number' => ['iss' => 1],
    'sub as array' => ['sub' => ['a']],
    'jti as number' => ['jti' => 7],
    'aud as number' => ['aud' => 5],
    'aud list with number' => ['aud' => ['api', 5]],
    'aud as object' => ['aud' => ['x' => 'api']],
];
foreach ($cases as $label => $override) {
    check($label, craft('{"alg":"HS256","kid":"k1"}', json_encode($override + $base)));
}
check("payload is a list", craft('{"alg":"HS256","kid":"k1"}', '[1,2]'));
check("payload is a string", craft('{"alg":"HS256","kid":"k1"}', '"x"'));
check("fractional exp is a number", craft('{"alg":"HS256","kid":"k1"}', json_encode(['exp' => NOW + 0.5] + $base)));
?>
--EXPECT--
exp as string: malformed
exp as far-future string: malformed
nbf as string: malformed
iat as bool: malformed
exp as null: malformed
iss as number: malformed
sub as array: malformed
jti as number: malformed
aud as number: malformed
aud list with number: malformed
aud as object: malformed
payload is a list: malformed
payload is a string: malformed
fractional exp is a number: ok (sub=u)
