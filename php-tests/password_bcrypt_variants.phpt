--TEST--
Soc2\Password::verify reads $2y$, $2a$ and $2b$ bcrypt hashes, and refuses NUL where PHP's crypt() would truncate
--FILE--
<?php
$h = password_hash('Tr0ub4dor&3', PASSWORD_BCRYPT, ['cost' => 4]);
foreach (['$2y$', '$2a$', '$2b$'] as $prefix) {
    $v = $prefix . substr($h, 4);
    echo $prefix, ' ', var_export(Soc2\Password::verify('Tr0ub4dor&3', $v), true), ' ',
         var_export(Soc2\Password::verify('Tr0ub4dor&4', $v), true), ' php:', var_export(password_verify('Tr0ub4dor&3', $v), true), "\n";
}
// PHP's crypt() stops at NUL, so password_verify() accepts anything after it.
var_dump(password_verify("Tr0ub4dor&3\0anything", $h));
var_dump(Soc2\Password::verify("Tr0ub4dor&3\0anything", $h));
// $2x$ (the buggy variant) and other crypt() formats are not password hashes we accept.
var_dump(Soc2\Password::verify('Tr0ub4dor&3', '$2x$' . substr($h, 4)));
var_dump(Soc2\Password::verify('x', crypt('x', '$1$saltsalt$')));
var_dump(Soc2\Password::verify('x', crypt('x', '$6$saltsalt$')));
?>
--EXPECT--
$2y$ true false php:true
$2a$ true false php:true
$2b$ true false php:true
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
