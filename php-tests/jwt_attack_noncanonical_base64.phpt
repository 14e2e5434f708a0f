--TEST--
JWT attack: non-canonical base64url (trailing bits, standard alphabet, whitespace, bad characters)
--EXTENSIONS--
soc2
--FILE--
<?php
require __DIR__ . '/jwt_helpers.inc';
[$h, $p, $s] = explode('.', good());
$alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// 43 chars carry 258 bits for a 256-bit MAC: the last char's 2 low bits must be 0.
$last = strpos($alphabet, $s[42]);
$s2 = substr($s, 0, 42) . $alphabet[$last | 1];
echo "lax decoders agree: ", var_export(unb64u($s2) === unb64u($s), true), "\n";
check("trailing bits set", "$h.$p.$s2");
$std = b64u('x') === 'eA' ? strtr($s, '-_', '+/') : $s;
check("standard alphabet (+/)", "$h.$p." . strtr(b64u(str_repeat("\xfb\xff", 16)), '-_', '+/'));
check("space inside", "$h.$p." . substr($s, 0, 10) . ' ' . substr($s, 10));
check("newline at end", "$h.$p.$s\n");
check("NUL at end", "$h.$p.$s\0");
check("impossible length", "$h.$p." . substr($s, 0, 41));
check("control", "$h.$p.$s");
?>
--EXPECT--
lax decoders agree: true
trailing bits set: malformed
standard alphabet (+/): malformed
space inside: malformed
newline at end: malformed
NUL at end: malformed
impossible length: malformed
control: ok (sub=user-1)
