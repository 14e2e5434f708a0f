--TEST--
JWT attack: duplicate JSON member names (claims, header, nested, escaped)
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
$exp = NOW + 600;
check("duplicate sub", craft('{"alg":"HS256","kid":"k1"}', '{"iss":"https://issuer.example","aud":"api","sub":"user-1","sub":"admin","exp":' . $exp . '}'));
check("duplicate exp", craft('{"alg":"HS256","kid":"k1"}', '{"iss":"https://issuer.example","aud":"api","exp":1,"exp":' . $exp . '}'));
check("escaped duplicate", craft('{"alg":"HS256","kid":"k1"}', '{"iss":"https://issuer.example","aud":"api","sub":"a","\u0073ub":"admin","exp":' . $exp . '}'));
check("nested duplicate", craft('{"alg":"HS256","kid":"k1"}', '{"iss":"https://issuer.example","aud":"api","exp":' . $exp . ',"roles":{"admin":false,"admin":true}}'));
check("duplicate alg", craft('{"alg":"HS256","alg":"none","kid":"k1"}', payload()));
check("duplicate kid", craft('{"alg":"HS256","kid":"k2","kid":"k1"}', payload()));
check("same name at two levels is fine", craft('{"alg":"HS256","kid":"k1"}', '{"iss":"https://issuer.example","aud":"api","sub":"x","exp":' . $exp . ',"o":{"sub":"y"}}'));
?>
--EXPECT--
duplicate sub: malformed
duplicate exp: malformed
escaped duplicate: malformed
nested duplicate: malformed
duplicate alg: malformed
duplicate kid: malformed
same name at two levels is fine: ok (sub=x)
