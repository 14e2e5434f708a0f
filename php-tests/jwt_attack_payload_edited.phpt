--TEST--
JWT attack: payload edited after signing
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
[$h, $p, $s] = explode('.', good());
$claims = json_decode(unb64u($p), true);
$claims['sub'] = 'admin';
check("sub changed", "$h." . b64u(json_encode($claims)) . ".$s");
$claims = json_decode(unb64u($p), true);
$claims['exp'] += 86400;
check("exp extended", "$h." . b64u(json_encode($claims)) . ".$s");
// Same JSON, different bytes (whitespace): still a different signing input.
check("reformatted", "$h." . b64u(json_encode(json_decode(unb64u($p)), JSON_PRETTY_PRINT)) . ".$s");
// One bit flipped in the encoded payload.
$p2 = $p; $p2[5] = $p2[5] === 'A' ? 'B' : 'A';
check("bit flip (breaks the JSON: refused before crypto)", "$h.$p2.$s");
?>
--EXPECT--
sub changed: bad_signature
exp extended: bad_signature
reformatted: bad_signature
bit flip (breaks the JSON: refused before crypto): malformed
