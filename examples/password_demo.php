<?php
// A login flow the way an application would write it with soc2: a user whose
// password was stored years ago with bcrypt logs in, the hash is upgraded to
// Argon2id in the same call, and a wrong password is refused.
declare(strict_types=1);

function step(string $what): void { echo "\n== ", $what, "\n"; }

printf("soc2 %s loaded; Argon2id policy from php.ini: memory_cost=%s KiB, time_cost=%s, threads=%s\n",
    Soc2\VERSION, ini_get('soc2.password_memory_cost'), ini_get('soc2.password_time_cost'), ini_get('soc2.password_threads'));

// The "users" table: one legacy bcrypt row, as password_hash(PASSWORD_BCRYPT) wrote it.
$users = ['alice' => password_hash('correct horse battery staple', PASSWORD_BCRYPT)];

step('Stored hash for alice (legacy bcrypt)');
echo $users['alice'], "\n";

step('alice logs in with the right password: Soc2\Password::check()');
$t = hrtime(true);
$result = Soc2\Password::check('correct horse battery staple', $users['alice']);
printf("valid: %s, upgrade needed: %s (%.0f ms)\n", var_export($result->valid, true),
    var_export($result->rehash !== null, true), (hrtime(true) - $t) / 1e6);
if ($result->valid && $result->rehash !== null) {
    $users['alice'] = $result->rehash;       // UPDATE users SET password_hash = ? ...
    echo "stored the upgraded hash: ", $users['alice'], "\n";
}

step('The new hash is standard: PHP\'s own password_verify() accepts it');
var_dump(password_verify('correct horse battery staple', $users['alice']));
echo 'password_get_info: ', json_encode(password_get_info($users['alice'])), "\n";

step('alice logs in again: valid, nothing to upgrade');
$result = Soc2\Password::check('correct horse battery staple', $users['alice']);
printf("valid: %s, rehash: %s\n", var_export($result->valid, true), var_export($result->rehash, true));

step('Someone tries a wrong password');
$result = Soc2\Password::check('correct horse battery stapler', $users['alice']);
printf("valid: %s, rehash: %s\n", var_export($result->valid, true), var_export($result->rehash, true));

step('A tampered row asking for 4 GiB of memory is refused without hashing');
$hostile = preg_replace('/m=\d+/', 'm=4194304', $users['alice']);
$t = hrtime(true);
printf("verify: %s (%.2f ms)\n", var_export(Soc2\Password::verify('correct horse battery staple', $hostile), true), (hrtime(true) - $t) / 1e6);

step('A new sign-up');
$hash = Soc2\Password::hash('a new user\'s passphrase');
echo $hash, "\n";
printf("needsRehash under the current policy: %s\n", var_export(Soc2\Password::needsRehash($hash), true));
