--TEST--
JWT attack: signature stripped, truncated or replaced
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
[$h, $p, $s] = explode('.', good());
check("stripped (h.p.)", "$h.$p.");
check("two parts (h.p)", "$h.$p");
check("truncated", "$h.$p." . substr($s, 0, 40));
check("zeroed", "$h.$p." . b64u(str_repeat("\0", 32)));
check("four parts", "$h.$p.$s.$s");
check("control", "$h.$p.$s");
?>
--EXPECT--
stripped (h.p.): bad_signature
two parts (h.p): malformed
truncated: bad_signature
zeroed: bad_signature
four parts: malformed
control: ok (sub=user-1)
