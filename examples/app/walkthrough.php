<?php
// `make demo`: real HTTP requests against nginx + PHP-FPM with soc2 loaded,
// printed step by step.
declare(strict_types=1);
require __DIR__ . '/lib/app.php';
require __DIR__ . '/lib/client.php';

function step(string $title): void { echo "\n\033[1m== $title\033[0m\n"; }
function show(string $what, array $r): array
{
    [$status, $body, $secs] = $r;
    printf("%-44s -> HTTP %d %s (%.0f ms)\n", $what, $status, json_encode($body, JSON_UNESCAPED_SLASHES), $secs * 1000);
    return $r;
}

step('Server');
show('GET /health', http('GET', '/health'));

step('Sign-up (Argon2id via Soc2\Password::hash)');
show('POST /signup alice', http('POST', '/signup', ['email' => 'alice@example.com', 'password' => 'correct horse battery staple']));
show('POST /signup alice again', http('POST', '/signup', ['email' => 'alice@example.com', 'password' => 'x']));

step('A legacy user whose hash was written years ago with password_hash(PASSWORD_BCRYPT)');
db()->prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)')
    ->execute(['bob@example.com', password_hash('hunter2-but-longer', PASSWORD_BCRYPT)]);
$row = db()->query("SELECT password_hash FROM users WHERE email = 'bob@example.com'")->fetch();
echo "stored: {$row['password_hash']}\n";

step('Logins (Soc2\Password::check verifies and upgrades legacy hashes)');
show('POST /login alice', http('POST', '/login', ['email' => 'alice@example.com', 'password' => 'correct horse battery staple']));
show('POST /login bob (bcrypt -> argon2id)', http('POST', '/login', ['email' => 'bob@example.com', 'password' => 'hunter2-but-longer']));
$row = db()->query("SELECT password_hash FROM users WHERE email = 'bob@example.com'")->fetch();
echo "bob's row now: {$row['password_hash']}\n";
show('POST /login bob again', http('POST', '/login', ['email' => 'bob@example.com', 'password' => 'hunter2-but-longer']));
show('POST /login alice, wrong password', http('POST', '/login', ['email' => 'alice@example.com', 'password' => 'Tr0ub4dor&3']));
show('POST /login unknown user', http('POST', '/login', ['email' => 'mallory@example.com', 'password' => 'x']));

step('The users table');
foreach (db()->query('SELECT id, email, password_hash FROM users ORDER BY id') as $r) {
    printf("%d  %-20s %s\n", $r['id'], $r['email'], $r['password_hash']);
}
