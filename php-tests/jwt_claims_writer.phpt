--TEST--
JWT sign: claims JSON written straight from PHP arrays reads back as json_encode's would (escapes, floats, lists vs maps, nesting)
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\Jwt;
$claims = [
    'iss' => 'https://issuer.example/a',
    'esc' => "quote\" backslash\\ nl\n cr\r tab\t ctl\x01\x1f del\x7f slash/",
    'uni' => "é € 😀 \u{2028}",
    'long' => str_repeat('abcdefgh', 20) . '"' . str_repeat('x', 9),
    'ints' => [0, -1, PHP_INT_MAX, PHP_INT_MIN],
    'floats' => [0.1, 1.0, -0.5e-7, 1e300, -0.0, 2.5],
    'list' => ['a', 'b'],
    'empty' => [],
    'map' => [1 => 'one', 0 => 'zero'],
    'gap' => [0 => 'a', 2 => 'c'],
    'intkeys' => [5 => true, 'x' => null, -3 => false],
    'nested' => ['a' => [['b' => [1, [2, ['c' => 'd']]]]]],
    7 => 'int key at top level',
    'aud' => ['api', 'other'],
];
$token = Jwt::sign($claims, keys(), ['now' => NOW]);
[$h, $p, $s] = explode('.', $token);
$raw = unb64u($p);
$decoded = json_decode($raw, true, 512, JSON_THROW_ON_ERROR);
$expected = json_decode(json_encode($claims, JSON_PRESERVE_ZERO_FRACTION), true);
$ours = array_diff_key($decoded, ['iat' => 0, 'exp' => 0, 'jti' => 0]);
var_dump($ours === $expected);
var_dump(Jwt::verify($token, keys(), policy(['iss' => 'https://issuer.example/a'])) === $decoded);
// Escapes as the writer promises: short forms, \u00XX for other controls, '/' and non-ASCII as is.
var_dump(str_contains($raw, '"esc":"quote\" backslash\\\\ nl\n cr\r tab\t ctl\u0001\u001f del' . "\x7f" . ' slash/"'));
var_dump(str_contains($raw, '"uni":"é € 😀 ' . "\u{2028}" . '"'));
var_dump(str_contains($raw, '"list":["a","b"],"empty":[],"map":{"1":"one","0":"zero"},"gap":{"0":"a","2":"c"}'));
var_dump(str_contains($raw, '"7":"int key at top level"'));
var_dump(str_contains($raw, '"floats":[0.1,1.0,-5e-8,1e+300,-0.0,2.5]'));
var_dump(str_contains($raw, '"ints":[0,-1,9223372036854775807,-9223372036854775808]'));
var_dump(str_ends_with($raw, ',"iat":' . NOW . ',"exp":' . (NOW + 900) . ',"jti":"' . $decoded['jti'] . '"}'));
// A caller-provided jti is kept, and nothing is appended for it.
$t2 = Jwt::sign(['jti' => 'mine'], keys(), ['now' => NOW, 'nbf' => NOW + 5]);
echo unb64u(explode('.', $t2)[1]), "\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
{"jti":"mine","iat":1700000000,"nbf":1700000005,"exp":1700000900}
