<?php
// `make demo`: real HTTP requests against nginx + PHP-FPM with soc2 loaded,
// printed step by step; then the database and the audit log as an auditor sees them.
declare(strict_types=1);
require __DIR__ . '/lib/app.php';
require __DIR__ . '/lib/client.php';

$state = app_state_dir();
$cli = getenv('SOC2_CLI');

function step(string $title): void { echo "\n\033[1m== $title\033[0m\n"; }
function show(string $what, array $r): array
{
    [$status, $body, $secs] = $r;
    $shown = $body;
    if (isset($shown['token'])) { $shown['token'] = substr($shown['token'], 0, 24) . '...'; }
    printf("%-46s -> HTTP %d %s (%.0f ms)\n", $what, $status, json_encode($shown, JSON_UNESCAPED_SLASHES), $secs * 1000);
    return $r;
}
function run(string $cmd): string
{
    echo "\$ ", preg_replace('#/\S+/#', '', $cmd), "\n";
    exec($cmd . ' 2>&1', $out, $code);
    $text = implode("\n", $out);
    echo $text === '' ? '' : "$text\n", $code === 0 ? '' : "(exit $code)\n";
    return $text;
}

step('Server: nginx + PHP-FPM with extension=soc2.so');
show('GET /health', http('GET', '/health'));
run("$cli keyring show $state/keyring.json --master-key-file $state/master.key");

step('Sign-up: password hashed with Argon2id; email, SSN and phone encrypted, each bound to its row and column');
show('POST /signup alice', http('POST', '/signup', ['email' => 'alice@example.com', 'password' => 'correct horse battery staple',
    'ssn' => '078-05-1120', 'phone' => '+1 202 555 0143']));
show('POST /signup alice again', http('POST', '/signup', ['email' => 'alice@example.com', 'password' => 'x']));

step('A legacy user whose hash was written years ago with password_hash(PASSWORD_BCRYPT)');
$bob = insert_user('bob@example.com', password_hash('hunter2-but-longer', PASSWORD_BCRYPT));
echo "bob's stored hash: ", find_user_by_email('bob@example.com')['password_hash'], "\n";

step('Logins: Soc2\Password::check verifies and upgrades legacy hashes; success issues a JWT');
[, $alice] = show('POST /login alice', http('POST', '/login', ['email' => 'alice@example.com', 'password' => 'correct horse battery staple']));
show('POST /login bob (bcrypt upgraded to argon2id)', http('POST', '/login', ['email' => 'bob@example.com', 'password' => 'hunter2-but-longer']));
echo "bob's row now: ", find_user_by_email('bob@example.com')['password_hash'], "\n";
show('POST /login alice, wrong password', http('POST', '/login', ['email' => 'alice@example.com', 'password' => 'Tr0ub4dor&3']));
show('POST /login unknown user', http('POST', '/login', ['email' => 'mallory@example.com', 'password' => 'x']));

step('Token use: GET /profile decrypts the fields for the token\'s subject');
$token = $alice['token'];
show('GET /profile with alice\'s token', http('GET', '/profile', null, ['Authorization' => "Bearer $token"]));
show('GET /profile without a token', http('GET', '/profile'));
[$h, $p, $s] = explode('.', $token);
$forged = $h . '.' . rtrim(strtr(base64_encode(json_encode(['sub' => '2'] + json_decode(base64_decode(strtr($p, '-_', '+/')), true))), '+/', '-_'), '=') . '.' . $s;
show('GET /profile with a forged sub', http('GET', '/profile', null, ['Authorization' => "Bearer $forged"]));
$none = rtrim(strtr(base64_encode('{"alg":"none","typ":"JWT"}'), '+/', '-_'), '=') . '.' . $p . '.';
show('GET /profile with alg "none"', http('GET', '/profile', null, ['Authorization' => "Bearer $none"]));

step('What the database holds: ciphertexts and a blind index (no plaintext email, SSN or phone)');
$aliceRow = find_user_by_email('alice@example.com', 'id, email, email_bidx, ssn, phone');
foreach ($aliceRow as $k => $v) { printf("  %-10s %s\n", $k, $v); }
printf("lookup by email: WHERE email_bidx = '%s' (Keyring::blindIndex, 32 bits), then the decrypted email decides\n", email_index('alice@example.com'));
$dump = file_get_contents("$state/app.sqlite") . (is_file("$state/app.sqlite-wal") ? file_get_contents("$state/app.sqlite-wal") : '');
printf("plaintext email or SSN anywhere in the database files: %s\n",
    (str_contains($dump, '078-05-1120') || str_contains($dump, 'alice@example.com')) ? 'YES (bug)' : 'no');
$ring = keyring();
$ssn = $aliceRow['ssn'];
try {
    $ring->decrypt($ssn, field_context(2, 'ssn'));          // moved to bob's row
} catch (Soc2\CryptoException $e) {
    echo "alice's SSN ciphertext under bob's row context: ", get_class($e), ": ", $e->getMessage(), "\n";
}

step('Key rotation with the CLI; old ciphertexts still decrypt and migrate lazily');
$new = trim(run("$cli keyring rotate $state/keyring.json --master-key-file $state/master.key"));
keyring(reload: true);
show('GET /profile (re-encrypts under the new key)', http('GET', '/profile', null, ['Authorization' => "Bearer $token"]));
show('GET /profile again (nothing left to migrate)', http('GET', '/profile', null, ['Authorization' => "Bearer $token"]));
$ssn2 = find_user_by_email('alice@example.com', 'id, email, ssn')['ssn'];
printf("ssn column changed: %s; needs re-encryption now: %s\n", var_export($ssn2 !== $ssn, true),
    var_export(Soc2\Crypto\Keyring::open("$state/keyring.json", Soc2\Crypto\MasterKey::fromFile("$state/master.key"))->needsReencrypt($ssn2), true));

step('The audit log: one JSON line per security event, secrets redacted, HMAC-chained');
$lines = file("$state/audit.log", FILE_IGNORE_NEW_LINES);
foreach (array_slice($lines, 0, 3) as $line) { echo "  ", $line, "\n"; }
echo "  ... (", count($lines), " records)\n";
$raw = file_get_contents("$state/audit.log");
printf("passwords or tokens in the log: %s\n",
    (str_contains($raw, 'correct horse') || str_contains($raw, $token)) ? 'YES (bug)' : 'none (redacted)');
run("$cli audit verify --key-file $state/audit.key $state/audit.log");

step('An insider edits one record; verification names it');
$victim = array_key_first(array_filter($lines, fn ($l) => str_contains($l, '"authn_login_fail"')));
echo "record ", $victim + 1, " (a failed login) is changed to read as a success\n";
$lines[$victim] = str_replace('"event.outcome":"failure"', '"event.outcome":"success"', $lines[$victim]);
file_put_contents("$state/audit-tampered.log", implode("\n", $lines) . "\n");
run("$cli audit verify --key-file $state/audit.key $state/audit-tampered.log");
