--TEST--
JWT attack: tokens over 8 KiB are refused before parsing; sign() refuses to make one
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
use Soc2\Jwt\Jwt;
check("8193 bytes of junk", str_repeat('A', 8193));
check("1 MiB of dots", str_repeat('.', 1 << 20));
$big = craft('{"alg":"HS256","kid":"k1"}', payload(['pad' => str_repeat('x', 6200)]));
echo strlen($big) > 8192 ? "big is over 8192\n" : "big is small\n";
check("signed, just over", $big);
$fits = craft('{"alg":"HS256","kid":"k1"}', payload(['pad' => str_repeat('x', 5800)]));
echo strlen($fits) <= 8192 ? "fits is within 8192\n" : "fits is over\n";
check("signed, within", $fits);
check("deeply nested", craft('{"alg":"HS256","kid":"k1"}', '{"exp":' . (NOW + 60) . ',"x":' . str_repeat('[', 40) . str_repeat(']', 40) . '}'));
try {
    Jwt::sign(['pad' => str_repeat('x', 9000)], keys());
} catch (ValueError $e) {
    echo get_class($e), ": ", $e->getMessage(), "\n";
}
?>
--EXPECT--
8193 bytes of junk: too_large
1 MiB of dots: too_large
big is over 8192
signed, just over: too_large
fits is within 8192
signed, within: ok (sub=user-1)
deeply nested: malformed
ValueError: Soc2\Jwt\Jwt::sign(): the token would be larger than 8192 bytes
