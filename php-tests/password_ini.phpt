--TEST--
soc2.password_* settings set the policy; invalid ini_set values are refused and change nothing
--INI--
soc2.password_memory_cost=128
soc2.password_time_cost=2
--FILE--
<?php
echo substr(Soc2\Password::hash('pw'), 0, 29), "\n";
var_dump(ini_set('soc2.password_memory_cost', '256'));
echo substr(Soc2\Password::hash('pw'), 0, 29), "\n";
foreach (['0', '-5', 'abc', '4.5', '1048577', '', '99999999999999999999'] as $bad) {
    var_dump(ini_set('soc2.password_memory_cost', $bad));
}
foreach (['soc2.password_time_cost' => '65', 'soc2.password_threads' => '0', 'soc2.password_max_length' => '0'] as $k => $v) {
    var_dump(ini_set($k, $v));
}
var_dump(ini_get('soc2.password_memory_cost'));
echo substr(Soc2\Password::hash('pw'), 0, 29), "\n";
// memory below 8 KiB per thread is caught when the policy is used
ini_set('soc2.password_memory_cost', '8');
ini_set('soc2.password_threads', '2');
try { Soc2\Password::hash('pw'); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
?>
--EXPECT--
$argon2id$v=19$m=128,t=2,p=1$
string(3) "128"
$argon2id$v=19$m=256,t=2,p=1$
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
string(3) "256"
$argon2id$v=19$m=256,t=2,p=1$
Soc2\Password::hash(): the soc2.password_* settings are inconsistent: option "memory_cost" must be at least 8 KiB per thread (16 KiB for 2 threads)
