--TEST--
Soc2\Password::needsRehash: legacy algorithms and weaker parameters need a rehash; equal or stronger do not
--INI--
soc2.password_memory_cost=1024
soc2.password_time_cost=2
--FILE--
<?php
$o = ['memory_cost' => 1024, 'time_cost' => 2, 'threads' => 1];
$cases = [
    'argon2id at policy'        => password_hash('pw', PASSWORD_ARGON2ID, $o),
    'argon2id stronger memory'  => password_hash('pw', PASSWORD_ARGON2ID, ['memory_cost' => 2048] + $o),
    'argon2id stronger time'    => password_hash('pw', PASSWORD_ARGON2ID, ['time_cost' => 3] + $o),
    'argon2id more threads'     => password_hash('pw', PASSWORD_ARGON2ID, ['threads' => 2] + $o),
    'argon2id weaker memory'    => password_hash('pw', PASSWORD_ARGON2ID, ['memory_cost' => 512] + $o),
    'argon2id weaker time'      => password_hash('pw', PASSWORD_ARGON2ID, ['time_cost' => 1] + $o),
    'argon2i'                   => password_hash('pw', PASSWORD_ARGON2I, $o),
    'bcrypt'                    => password_hash('pw', PASSWORD_BCRYPT, ['cost' => 4]),
    'ours'                      => Soc2\Password::hash('pw'),
];
foreach ($cases as $name => $hash) {
    printf("%-26s %s\n", $name, var_export(Soc2\Password::needsRehash($hash), true));
}
// The options argument overrides the php.ini policy, as in password_needs_rehash().
var_dump(Soc2\Password::needsRehash($cases['ours'], ['memory_cost' => 4096]));
var_dump(Soc2\Password::needsRehash($cases['ours'], ['time_cost' => 1]));
// Argon2 version 0x10 is legacy.
var_dump(Soc2\Password::needsRehash(str_replace('$v=19$', '$v=16$', $cases['ours'])));
?>
--EXPECT--
argon2id at policy         false
argon2id stronger memory   false
argon2id stronger time     false
argon2id more threads      false
argon2id weaker memory     true
argon2id weaker time       true
argon2i                    true
bcrypt                     true
ours                       false
bool(true)
bool(false)
bool(true)
