--TEST--
JWT attack: crit header (and b64) is refused, whatever it lists
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
check("crit exp", craft('{"alg":"HS256","kid":"k1","crit":["exp"]}', payload()));
check("crit unknown", craft('{"alg":"HS256","kid":"k1","crit":["http://example.com/x"],"http://example.com/x":true}', payload()));
check("crit empty", craft('{"alg":"HS256","kid":"k1","crit":[]}', payload()));
check("b64 false", craft('{"alg":"HS256","kid":"k1","b64":false,"crit":["b64"]}', payload()));
try {
    Soc2\Jwt\Jwt::verify(craft('{"alg":"HS256","kid":"k1","crit":["exp"]}', payload()), keys(), policy());
} catch (Soc2\Jwt\TokenException $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECT--
crit exp: malformed
crit unknown: malformed
crit empty: malformed
b64 false: malformed
Soc2\Jwt\Jwt::verify(): header member "crit" is not accepted
