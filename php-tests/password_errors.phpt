--TEST--
Soc2\Password failure paths: length limit, bad options, bad types, malformed and hostile hashes
--INI--
soc2.password_memory_cost=64
soc2.password_time_cost=1
soc2.password_max_length=16
--FILE--
<?php
function show(callable $f) {
    try { var_dump($f()); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
$ok = Soc2\Password::hash(str_repeat('a', 16));
echo "-- length\n";
show(fn () => Soc2\Password::hash(str_repeat('a', 17)));
show(fn () => Soc2\Password::verify(str_repeat('a', 16), $ok));
show(fn () => Soc2\Password::verify(str_repeat('a', 17), $ok));
show(fn () => Soc2\Password::check(str_repeat('a', 17), $ok)->valid);

echo "-- options\n";
show(fn () => Soc2\Password::hash('pw', ['cost' => 10]));
show(fn () => Soc2\Password::hash('pw', [0 => 1]));
show(fn () => Soc2\Password::hash('pw', ['memory_cost' => '1024']));
show(fn () => Soc2\Password::hash('pw', ['memory_cost' => 4]));
show(fn () => Soc2\Password::hash('pw', ['memory_cost' => -1]));
show(fn () => Soc2\Password::hash('pw', ['memory_cost' => PHP_INT_MAX]));
show(fn () => Soc2\Password::hash('pw', ['time_cost' => 0]));
show(fn () => Soc2\Password::hash('pw', ['threads' => 0]));
show(fn () => Soc2\Password::hash('pw', ['threads' => 16, 'memory_cost' => 64]));
show(fn () => Soc2\Password::hash('pw', ['memory_cost' => 1048576, 'time_cost' => 8]));
show(fn () => Soc2\Password::needsRehash($ok, ['bogus' => 1]));
show(fn () => Soc2\Password::check('pw', $ok, ['time_cost' => 'x']));

echo "-- types\n";
show(fn () => Soc2\Password::hash([]));
show(fn () => Soc2\Password::hash('pw', 'notarray'));
show(fn () => Soc2\Password::verify('pw', null));

echo "-- malformed hashes\n";
foreach (['', 'plain', '$argon2id$', '$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ', '$2y$04$short', "\xff\xfe", '$argon2id$v=19$m=64,t=1,p=1$!!!!$!!!!'] as $bad) {
    show(fn () => Soc2\Password::verify('pw', $bad));
    show(fn () => Soc2\Password::needsRehash($bad));
}

echo "-- hostile parameters are refused before any work\n";
$huge = preg_replace('/m=64,t=1/', 'm=4194304,t=1', $ok);
$slow = preg_replace('/m=64,t=1/', 'm=64,t=4000000000', $ok);
$bc = '$2y$31$' . substr(password_hash('pw', PASSWORD_BCRYPT, ['cost' => 4]), 7);
$t = hrtime(true);
foreach ([$huge, $slow, $bc] as $h) {
    show(fn () => Soc2\Password::verify('pw', $h));
    show(fn () => Soc2\Password::needsRehash($h));
    show(fn () => Soc2\Password::check('pw', $h)->valid);
}
// Refusal is a parse, not an attempt: far below one real hash (generous bound, not a benchmark).
var_dump((hrtime(true) - $t) / 1e9 < 1.0);
var_dump(memory_get_peak_usage(true) < 64 * 1024 * 1024);
?>
--EXPECTF--
-- length
ValueError: Soc2\Password::hash(): Argument #1 ($password) must not be longer than 16 bytes (soc2.password_max_length)
bool(true)
bool(false)
bool(false)
-- options
ValueError: Soc2\Password::hash(): Argument #2 ($options) has unknown option "cost" (expected memory_cost, time_cost, threads)
ValueError: Soc2\Password::hash(): Argument #2 ($options) has unknown option "0" (expected memory_cost, time_cost, threads)
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" must be an integer
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" must be between 8 and 1048576, got 4
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" is out of range, got -1
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" is out of range, got 9223372036854775807
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "time_cost" must be between 1 and 64, got 0
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "threads" must be between 1 and 64, got 0
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" must be at least 8 KiB per thread (128 KiB for 16 threads)
ValueError: Soc2\Password::hash(): Argument #2 ($options) option "time_cost" times memory_cost must not exceed 4194304 KiB-passes (1 GiB x 4)
ValueError: Soc2\Password::needsRehash(): Argument #2 ($options) has unknown option "bogus" (expected memory_cost, time_cost, threads)
ValueError: Soc2\Password::check(): Argument #3 ($options) option "time_cost" must be an integer
-- types
TypeError: %s
TypeError: %s
TypeError: %s
-- malformed hashes
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
-- hostile parameters are refused before any work
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) has parameters above the accepted ceiling
bool(false)
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) has parameters above the accepted ceiling
bool(false)
bool(false)
ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) has parameters above the accepted ceiling
bool(false)
bool(true)
bool(true)
