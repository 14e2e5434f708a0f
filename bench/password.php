<?php
// Argon2id at PHP's default parameters (64 MiB, t=4, p=1): Soc2\Password::hash
// against password_hash(PASSWORD_ARGON2ID) and libsodium's pwhash (same m and t;
// libsodium is always single-lane). Target: no slower than password_hash.
require_once __DIR__ . '/lib.inc';

$m = 65536; $t = 4;
$opts = ['memory_cost' => $m, 'time_cost' => $t, 'threads' => 1];
bench_compare('password', "argon2id hash (m=64 MiB, t=$t, p=1)",
    fn ($i) => Soc2\Password::hash("password $i", $opts),
    [
        'password_hash(PASSWORD_ARGON2ID)' => fn ($i) => password_hash("password $i", PASSWORD_ARGON2ID, $opts),
        'sodium_crypto_pwhash_str' => fn ($i) => sodium_crypto_pwhash_str("password $i", $t, $m * 1024),
    ],
    iterations: 3, target: 1.0, targetPeer: 'password_hash(PASSWORD_ARGON2ID)', rounds: 5);

$ours = Soc2\Password::hash('password', $opts);
$php = password_hash('password', PASSWORD_ARGON2ID, $opts);
$na = sodium_crypto_pwhash_str('password', $t, $m * 1024);
bench_compare('password', "argon2id verify (m=64 MiB, t=$t, p=1)",
    fn ($i) => Soc2\Password::verify('password', $ours),
    [
        'password_verify' => fn ($i) => password_verify('password', $php),
        'sodium_crypto_pwhash_str_verify' => fn ($i) => sodium_crypto_pwhash_str_verify($na, 'password'),
    ],
    iterations: 3, target: 1.0, targetPeer: 'password_verify', rounds: 5);
