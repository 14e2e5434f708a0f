--TEST--
JWT: soc2.jwt_ttl sets the default lifetime; bad values are refused
--EXTENSIONS--
soc2
--INI--
soc2.jwt_ttl=60
--FILE--
<?php
use Soc2\Jwt\{Jwt, Keys};
$k = Keys::hmac(['k' => str_repeat('k', 32)]);
$c = Jwt::decodeUnverified(Jwt::sign([], $k))['claims'];
echo ini_get('soc2.jwt_ttl'), ' ', $c['exp'] - $c['iat'], "\n";
var_dump(ini_set('soc2.jwt_ttl', '3600'));
$c = Jwt::decodeUnverified(Jwt::sign([], $k))['claims'];
echo $c['exp'] - $c['iat'], "\n";
$c = Jwt::decodeUnverified(Jwt::sign([], $k, ['ttl' => 5]))['claims'];
echo $c['exp'] - $c['iat'], "\n";
foreach (['0', '-5', 'abc', '99999999999', ''] as $bad) {
    var_dump(ini_set('soc2.jwt_ttl', $bad));
}
echo ini_get('soc2.jwt_ttl'), "\n";
?>
--EXPECT--
60 60
string(2) "60"
3600
5
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
3600
