--TEST--
Soc2\Password::hash output verifies with password_verify and the reverse, over random binary passwords including NUL
--INI--
soc2.password_memory_cost=64
soc2.password_time_cost=1
--FILE--
<?php
$opts = ['memory_cost' => 64, 'time_cost' => 1, 'threads' => 1];
$failures = 0;
mt_srand(2024);
for ($i = 0; $i < 60; $i++) {
    $len = [0, 1, 7, 32, 72, 73, 200][$i % 7];
    $pw = $len ? random_bytes($len) : '';
    if ($i % 5 === 0) { $pw = "a\0" . $pw; }           // embedded NUL
    $other = $pw . "x";

    $ours = Soc2\Password::hash($pw);
    if (!str_starts_with($ours, '$argon2id$v=19$m=64,t=1,p=1$')) { $failures++; echo "format $ours\n"; }
    if (!password_verify($pw, $ours) || password_verify($other, $ours)) { $failures++; echo "php verify of ours failed at $i\n"; }

    foreach ([PASSWORD_ARGON2ID, PASSWORD_ARGON2I] as $algo) {
        $theirs = password_hash($pw, $algo, $opts);
        if (!Soc2\Password::verify($pw, $theirs) || Soc2\Password::verify($other, $theirs)) { $failures++; echo "verify of $algo failed at $i\n"; }
    }
    if (!str_contains($pw, "\0")) {                   // PHP refuses NUL in bcrypt passwords
        $bcrypt = password_hash($pw, PASSWORD_BCRYPT, ['cost' => 4]);
        if (!Soc2\Password::verify($pw, $bcrypt)) { $failures++; echo "bcrypt failed at $i\n"; }
        // bcrypt ignores bytes after 72, in PHP as here; below 72 a change must fail.
        if ($len < 72 && Soc2\Password::verify($other, $bcrypt)) { $failures++; echo "bcrypt accepted wrong at $i\n"; }
    }
}
echo "failures: $failures\n";

// Salts are random: the same password never hashes the same twice.
var_dump(Soc2\Password::hash('same') !== Soc2\Password::hash('same'));
?>
--EXPECT--
failures: 0
bool(true)
