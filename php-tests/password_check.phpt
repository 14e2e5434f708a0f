--TEST--
Soc2\Password::check verifies and returns an upgraded hash for legacy or weak hashes only
--INI--
soc2.password_memory_cost=256
soc2.password_time_cost=1
--FILE--
<?php
$legacy = password_hash('hunter2', PASSWORD_BCRYPT, ['cost' => 4]);
$r = Soc2\Password::check('hunter2', $legacy);
var_dump($r instanceof Soc2\PasswordCheck, $r->valid, is_string($r->rehash));
echo substr($r->rehash, 0, 29), "\n";
var_dump(Soc2\Password::verify('hunter2', $r->rehash), password_verify('hunter2', $r->rehash));

// Wrong password: invalid and nothing to store.
$r = Soc2\Password::check('hunter3', $legacy);
var_dump($r->valid, $r->rehash);

// Current hash: valid, no rehash.
$current = Soc2\Password::hash('hunter2');
$r = Soc2\Password::check('hunter2', $current);
var_dump($r->valid, $r->rehash);

// Options override the policy for the replacement hash.
$r = Soc2\Password::check('hunter2', $current, ['memory_cost' => 512]);
var_dump($r->valid, substr($r->rehash, 0, 29));

// Malformed hash: simply invalid.
$r = Soc2\Password::check('hunter2', 'not a hash');
var_dump($r->valid, $r->rehash);

// The result is read-only and cannot be constructed from PHP.
try { $r->valid = true; } catch (Throwable $e) { echo get_class($e), "\n"; }
var_dump($r->valid);
try { new Soc2\PasswordCheck(); } catch (Throwable $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
$argon2id$v=19$m=256,t=1,p=1$
bool(true)
bool(true)
bool(false)
NULL
bool(true)
NULL
bool(true)
string(29) "$argon2id$v=19$m=512,t=1,p=1$"
bool(false)
NULL
Exception
bool(false)
Exception: You cannot instantiate this class from PHP.
