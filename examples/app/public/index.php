<?php
// Front controller of the demo application (served by nginx + PHP-FPM).
// Each security event writes exactly one audit record, before the response.
declare(strict_types=1);

require __DIR__ . '/../lib/app.php';

$method = $_SERVER['REQUEST_METHOD'] ?? 'GET';
$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);

try {
    match ([$method, $path]) {
        ['GET', '/health'] => respond(200, ['ok' => true, 'soc2' => Soc2\VERSION, 'pid' => getmypid()]),
        ['POST', '/signup'] => signup(),
        ['POST', '/login'] => login(),
        ['GET', '/profile'] => profile(),
        default => respond(404, ['error' => 'not found']),
    };
} catch (ValueError $e) {
    respond(400, ['error' => $e->getMessage()]);
} catch (Soc2\AuditException $e) {
    // Fail closed: an action that cannot be audited does not happen.
    error_log('audit log unavailable: ' . $e->getMessage());
    respond(503, ['error' => 'audit log unavailable']);
}

function signup(): never
{
    $in = json_input();
    $email = strtolower(str_field($in, 'email'));
    $password = str_field($in, 'password', 4096);
    $ssn = str_field($in, 'ssn', 64, false);
    $phone = str_field($in, 'phone', 64, false);
    $hash = Soc2\Password::hash($password);
    $db = db();
    begin_write($db);
    if (find_user_by_email($email) !== false) {
        $db->exec('ROLLBACK');
        Soc2\Audit::log('user_created', ['source.ip' => client_ip(), 'reason' => 'duplicate email'], 'failure');
        respond(409, ['error' => 'email already registered']);
    }
    $id = insert_user($email, $hash);
    // The row id is part of each field's context: a ciphertext copied to another
    // row or column does not decrypt.
    $ring = keyring();
    $db->prepare('UPDATE users SET ssn = ?, phone = ? WHERE id = ?')->execute([
        $ssn === null ? null : $ring->encrypt($ssn, field_context($id, 'ssn')),
        $phone === null ? null : $ring->encrypt($phone, field_context($id, 'phone')),
        $id,
    ]);
    Soc2\Audit::log('user_created', ['user.id' => $id, 'source.ip' => client_ip(), 'password' => $password]);
    $db->exec('COMMIT');
    respond(201, ['id' => $id]);
}

function login(): never
{
    $in = json_input();
    $email = strtolower(str_field($in, 'email'));
    $password = str_field($in, 'password', 4096);
    $user = find_user_by_email($email);
    // Unknown users are checked against a fixed hash so response time does not
    // reveal which emails are registered.
    static $dummy = '$argon2id$v=19$m=65536,t=4,p=1$c29tZXNhbHRzb21lc2FsdA$XYMdAcEKMzpXzmwcqFKuf9pcI8PIBwhrhPqwuv9XHes';
    $result = Soc2\Password::check($password, $user['password_hash'] ?? $dummy);
    if ($user === false || !$result->valid) {
        Soc2\Audit::log('authn_login_fail', ['user.id' => $user === false ? null : (int) $user['id'],
            'source.ip' => client_ip(), 'password' => $password], 'failure');
        respond(401, ['error' => 'invalid credentials']);
    }
    $upgraded = false;
    if ($result->rehash !== null) {
        db()->prepare('UPDATE users SET password_hash = ? WHERE id = ?')->execute([$result->rehash, $user['id']]);
        $upgraded = true;
    }
    $token = Soc2\Jwt\Jwt::sign(['sub' => (string) $user['id'], 'iss' => TOKEN_ISSUER, 'aud' => TOKEN_AUDIENCE], token_keys());
    Soc2\Audit::log('authn_login_success', [
        'user.id' => (int) $user['id'], 'source.ip' => client_ip(), 'hash_upgraded' => $upgraded,
        'token' => $token,   // a secret-named field: the audit log redacts it
    ]);
    respond(200, ['id' => (int) $user['id'], 'hash_upgraded' => $upgraded, 'token' => $token]);
}

function profile(): never
{
    $auth = $_SERVER['HTTP_AUTHORIZATION'] ?? '';
    if (!str_starts_with($auth, 'Bearer ')) {
        Soc2\Audit::log('authz_fail', ['source.ip' => client_ip(), 'reason' => 'no token', 'path' => '/profile'], 'failure');
        respond(401, ['error' => 'missing bearer token']);
    }
    try {
        $claims = Soc2\Jwt\Jwt::verify(substr($auth, 7), token_keys(), ['iss' => TOKEN_ISSUER, 'aud' => TOKEN_AUDIENCE]);
    } catch (Soc2\Jwt\TokenException $e) {
        Soc2\Audit::log('authz_fail', ['source.ip' => client_ip(), 'reason' => 'token ' . $e->reason(), 'path' => '/profile'], 'failure');
        respond(401, ['error' => 'invalid token', 'reason' => $e->reason()]);
    }
    $id = (int) $claims['sub'];
    $stmt = db()->prepare('SELECT id, email, ssn, phone FROM users WHERE id = ?');
    $stmt->execute([$id]);
    $row = $stmt->fetch();
    if ($row === false) {
        respond(404, ['error' => 'no such user']);
    }
    $ring = keyring();
    $profile = ['id' => $id];
    $migrated = [];
    foreach (['email', 'ssn', 'phone'] as $column) {
        if ($row[$column] === null) {
            continue;
        }
        // PDO hands the id back as a string: the context still matches ('id' => '42' == 42).
        $context = field_context($row['id'], $column);
        $profile[$column] = $ring->decrypt($row[$column], $context);
        if ($ring->needsReencrypt($row[$column])) {
            // Lazy migration after a key rotation: re-encrypt under the primary key.
            db()->prepare("UPDATE users SET $column = ? WHERE id = ?")
                ->execute([$ring->reencrypt($row[$column], $context), $id]);
            $migrated[] = $column;
        }
    }
    Soc2\Audit::log('sensitive_read', ['user.id' => $id, 'source.ip' => client_ip(), 'columns' => ['email', 'ssn', 'phone'],
        'reencrypted' => $migrated]);
    respond(200, $profile + ['reencrypted' => $migrated]);
}
