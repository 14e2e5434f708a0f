--TEST--
JWT attack: base64 padding added to any part
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
[$h, $p, $s] = explode('.', good());
// A 32-byte MAC encodes to 43 characters: padded form has one '='.
check("signature padded", "$h.$p.$s=");
$pad = fn(string $x) => $x . str_repeat('=', (4 - strlen($x) % 4) % 4);
check("header padded", $pad($h) . ".$p.$s");
check("payload padded", "$h." . $pad($p) . ".$s");
check("extra padding", "$h.$p.$s==");
check("control", "$h.$p.$s");
?>
--EXPECT--
signature padded: malformed
header padded: malformed
payload padded: malformed
extra padding: malformed
control: ok (sub=user-1)
