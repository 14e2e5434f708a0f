--TEST--
JWT: sign and verify round trip for HS256/HS384/HS512/EdDSA, claim types, decodeUnverified
--EXTENSIONS--
soc2
--FILE--
<?php
use Soc2\Jwt\{Jwt, Keys};
$sets = [
    'HS256' => Keys::hmac(['h1' => random_bytes(32)]),
    'HS384' => Keys::hmac(['h2' => random_bytes(48)], 'HS384'),
    'HS512' => Keys::hmac(['h3' => random_bytes(64)], 'HS512'),
    'EdDSA seed' => Keys::ed25519(['e1' => random_bytes(32)]),
    'EdDSA 64-byte' => Keys::ed25519(['e2' => sodium_crypto_sign_secretkey(sodium_crypto_sign_keypair())]),
];
$claims = [
    'iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'user-1',
    'int' => 42, 'neg' => -7, 'float' => 1.5, 'whole_float' => 2.0, 'true' => true, 'false' => false, 'null' => null,
    'list' => [1, 'two', [3]], 'map' => ['a' => 1, '5' => 'five', 'nested' => ['x' => []]],
    'unicode' => "h\u{e9}llo \u{1F600}", 'quote' => "a\"b\\c\n/", 'sparse' => [1 => 'a', 3 => 'b'],
];
foreach ($sets as $name => $keys) {
    $t = Jwt::sign($claims, $keys, ['ttl' => 120]);
    $h = Jwt::decodeUnverified($t)['header'];
    $out = Jwt::verify($t, $keys, ['iss' => 'https://issuer.example', 'aud' => 'api']);
    $jti = $out['jti'];
    unset($out['iat'], $out['exp'], $out['jti']);
    echo str_pad($name, 14), $h['alg'], ' ', $h['typ'], ' ', $h['kid'], ' ',
        $out === $claims ? 'claims equal' : 'claims DIFFER', ' jti ', strlen($jti), "\n";
}
$t = Jwt::sign($claims, $sets['HS256']);
var_dump(Jwt::decodeUnverified($t)['claims']['map'], Jwt::decodeUnverified($t)['claims']['sparse']);
// Claims order is kept; sign() appends iat, exp (and nbf, jti).
echo implode(',', array_keys(Jwt::decodeUnverified(Jwt::sign(['z' => 1, 'a' => 2], $sets['HS256'], ['nbf' => 5, 'now' => 10]))['claims'])), "\n";
// A given jti is kept; the payload is compact JSON like json_encode's.
$t = Jwt::sign(['jti' => 'fixed-id', 'x' => 'a/b'], $sets['HS256'], ['now' => 1000, 'ttl' => 60]);
echo base64_decode(strtr(explode('.', $t)[1], '-_', '+/')), "\n";
echo Jwt::decodeUnverified($t)['claims']['jti'], "\n";
// Empty claims are an object.
echo base64_decode(strtr(explode('.', Jwt::sign([], $sets['HS256'], ['now' => 1, 'ttl' => 1]))[1], '-_', '+/')) !== false ? "empty ok\n" : "";
?>
--EXPECT--
HS256         HS256 JWT h1 claims equal jti 22
HS384         HS384 JWT h2 claims equal jti 22
HS512         HS512 JWT h3 claims equal jti 22
EdDSA seed    EdDSA JWT e1 claims equal jti 22
EdDSA 64-byte EdDSA JWT e2 claims equal jti 22
array(3) {
  ["a"]=>
  int(1)
  [5]=>
  string(4) "five"
  ["nested"]=>
  array(1) {
    ["x"]=>
    array(0) {
    }
  }
}
array(2) {
  [1]=>
  string(1) "a"
  [3]=>
  string(1) "b"
}
z,a,iat,nbf,exp,jti
{"jti":"fixed-id","x":"a/b","iat":1000,"exp":1060}
fixed-id
empty ok
