<?php
// Front controller of the demo application (served by nginx + PHP-FPM).
declare(strict_types=1);

require __DIR__ . '/../lib/app.php';

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

try {
    match ([$method, $path]) {
        ['GET', '/health'] => respond(200, ['ok' => true, 'soc2' => Soc2\VERSION, 'pid' => getmypid()]),
        ['POST', '/signup'] => signup(),
        ['POST', '/login'] => login(),
        default => respond(404, ['error' => 'not found']),
    };
} catch (ValueError $e) {
    respond(400, ['error' => $e->getMessage()]);
}

function signup(): never
{
    $in = json_input();
    $email = strtolower(str_field($in, 'email'));
    $hash = Soc2\Password::hash(str_field($in, 'password', 4096));
    $stmt = db()->prepare('INSERT INTO users (email, password_hash) VALUES (?, ?)');
    try {
        $stmt->execute([$email, $hash]);
    } catch (PDOException) {
        respond(409, ['error' => 'email already registered']);
    }
    respond(201, ['id' => (int) db()->lastInsertId()]);
}

function login(): never
{
    $in = json_input();
    $email = strtolower(str_field($in, 'email'));
    $password = str_field($in, 'password', 4096);
    $stmt = db()->prepare('SELECT id, password_hash FROM users WHERE email = ?');
    $stmt->execute([$email]);
    $user = $stmt->fetch();
    // Unknown users are checked against a fixed hash so response time does not
    // reveal which emails are registered.
    static $dummy = '$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHRzb21lc2FsdA$XYMdAcEKMzpXzmwcqFKuf9pcI8PIBwhrhPqwuv9XHes';
    $result = Soc2\Password::check($password, $user['password_hash'] ?? $dummy);
    if ($user === false || !$result->valid) {
        respond(401, ['error' => 'invalid credentials']);
    }
    $upgraded = false;
    if ($result->rehash !== null) {
        db()->prepare('UPDATE users SET password_hash = ? WHERE id = ?')->execute([$result->rehash, $user['id']]);
        $upgraded = true;
    }
    respond(200, ['id' => (int) $user['id'], 'hash_upgraded' => $upgraded]);
}
