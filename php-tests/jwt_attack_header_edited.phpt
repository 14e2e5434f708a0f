--TEST--
JWT attack: header edited after signing
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
[$h, $p, $s] = explode('.', good());
check("member added", b64u('{"alg":"HS256","typ":"JWT","kid":"k1","x":1}') . ".$p.$s");
check("typ changed", b64u('{"alg":"HS256","typ":"at+jwt","kid":"k1"}') . ".$p.$s");
check("kid switched to k2", b64u('{"alg":"HS256","typ":"JWT","kid":"k2"}') . ".$p.$s");
check("member order changed", b64u('{"kid":"k1","alg":"HS256","typ":"JWT"}') . ".$p.$s");
check("header is a list", craft('["HS256"]', payload()));
check("header not JSON", craft('alg=HS256', payload()));
check("typ not a string", craft('{"alg":"HS256","kid":"k1","typ":1}', payload()));
?>
--EXPECT--
member added: bad_signature
typ changed: bad_signature
kid switched to k2: bad_signature
member order changed: bad_signature
header is a list: malformed
header not JSON: malformed
typ not a string: malformed
