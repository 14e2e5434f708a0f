--TEST--
JWT attack: unknown kid, kid of the wrong type, path-like kid
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
check("unknown kid", craft('{"alg":"HS256","kid":"k3"}', payload()));
check("path kid", craft('{"alg":"HS256","kid":"../../dev/null"}', payload(), ''));
check("empty kid", craft('{"alg":"HS256","kid":""}', payload()));
check("numeric kid", craft('{"alg":"HS256","kid":1}', payload()));
check("array kid", craft('{"alg":"HS256","kid":["k1"]}', payload()));
try {
    Soc2\Jwt\Jwt::verify(craft('{"alg":"HS256","kid":"secret-looking-kid"}', payload()), keys(), policy());
} catch (Soc2\Jwt\TokenException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
unknown kid: unknown_kid
path kid: unknown_kid
empty kid: unknown_kid
numeric kid: malformed
array kid: malformed
Soc2\Jwt\Jwt::verify(): no key for the token's kid
