<?php
// The demo application's shared code: configuration, storage, keys, responses.
// Everything security-relevant goes through the soc2 extension.
declare(strict_types=1);

const APP_DIR = __DIR__ . '/..';
const TOKEN_ISSUER = 'https://demo.soc2.local';
const TOKEN_AUDIENCE = 'soc2-demo-api';

function app_state_dir(): string
{
    return getenv('SOC2_DEMO_STATE') ?: APP_DIR . '/run';
}

/** SQLite by default; PostgreSQL (or any PDO DSN) when SOC2_DEMO_DSN is set. */
function db(): PDO
{
    static $pdo = null;
    if ($pdo === null) {
        $dsn = getenv('SOC2_DEMO_DSN') ?: 'sqlite:' . app_state_dir() . '/app.sqlite';
        $pdo = new PDO($dsn, getenv('SOC2_DEMO_DB_USER') ?: null, getenv('SOC2_DEMO_DB_PASSWORD') ?: null, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        ]);
        if (str_starts_with($dsn, 'sqlite:')) {
            $pdo->exec('PRAGMA busy_timeout = 10000');
            $pdo->exec('PRAGMA journal_mode = WAL');
        }
    }
    return $pdo;
}

function schema(PDO $pdo): void
{
    $id = $pdo->getAttribute(PDO::ATTR_DRIVER_NAME) === 'pgsql' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
    // The email is encrypted like the other personal fields; email_bidx, a
    // truncated keyed hash (Keyring::blindIndex), finds candidate rows by email.
    $pdo->exec("CREATE TABLE IF NOT EXISTS users (
        id $id,
        email TEXT NOT NULL,
        email_bidx TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        ssn TEXT,
        phone TEXT
    )");
    $pdo->exec('CREATE INDEX IF NOT EXISTS users_email_bidx ON users (email_bidx)');
}

/**
 * The data keyring, unwrapped with the master key (from a 0600 file, as ssh
 * keys are). Opened once per request; $reload re-reads it (after a rotation).
 */
function keyring(bool $reload = false): Soc2\Crypto\Keyring
{
    static $ring = null;
    if ($reload) {
        $ring = null;
    }
    return $ring ??= Soc2\Crypto\Keyring::open(app_state_dir() . '/keyring.json',
        Soc2\Crypto\MasterKey::fromFile(app_state_dir() . '/master.key'));
}

/**
 * Starts a write transaction. SQLite needs BEGIN IMMEDIATE: a deferred
 * transaction that reads and then writes fails with "database is locked" when
 * another worker writes in between (busy_timeout does not apply to that case).
 */
function begin_write(PDO $db): void
{
    if ($db->getAttribute(PDO::ATTR_DRIVER_NAME) === 'sqlite') {
        $db->exec('BEGIN IMMEDIATE');
    } else {
        $db->beginTransaction();
    }
}

/** Token signing keys: an HMAC secret from a 0600 file. */
function token_keys(): Soc2\Jwt\Keys
{
    static $keys = null;
    return $keys ??= Soc2\Jwt\Keys::hmac(['2026-12' => file_get_contents(app_state_dir() . '/jwt.secret')], 'HS256');
}

/** Context that binds an encrypted field to its row and column. */
function field_context(int|string $userId, string $column): array
{
    return ['table' => 'users', 'column' => $column, 'id' => $userId];
}

/** The blind index of an email: equal emails, equal index; 32 bits narrow a lookup to a few rows. */
function email_index(string $email): string
{
    return keyring()->blindIndex(strtolower($email), 'users.email');
}

/**
 * Finds a user by email through the blind index: candidates share the index,
 * the decrypted email decides (truncated indexes collide on purpose).
 */
function find_user_by_email(string $email, string $columns = 'id, email, password_hash'): array|false
{
    $stmt = db()->prepare("SELECT $columns FROM users WHERE email_bidx = ?");
    $stmt->execute([email_index($email)]);
    foreach ($stmt as $row) {
        if (hash_equals(keyring()->decrypt($row['email'], field_context($row['id'], 'email')), strtolower($email))) {
            return $row;
        }
    }
    return false;
}

/** Inserts a user: email encrypted and indexed, password hash as given. */
function insert_user(string $email, string $passwordHash): int
{
    $db = db();
    $db->prepare("INSERT INTO users (email, email_bidx, password_hash) VALUES ('', ?, ?)")
        ->execute([email_index($email), $passwordHash]);
    $id = (int) $db->lastInsertId();
    $db->prepare('UPDATE users SET email = ? WHERE id = ?')
        ->execute([keyring()->encrypt(strtolower($email), field_context($id, 'email')), $id]);
    return $id;
}

/** Sends a JSON response and ends the request. */
function respond(int $status, array $body): never
{
    http_response_code($status);
    header('Content-Type: application/json');
    header('Cache-Control: no-store');
    echo json_encode($body, JSON_UNESCAPED_SLASHES), "\n";
    exit;
}

/** The request's JSON body as an array (400 when it is not a JSON object). */
function json_input(): array
{
    $raw = file_get_contents('php://input', false, null, 0, 65536);
    $data = json_decode($raw === false ? '' : $raw, true, 8);
    if (!is_array($data)) {
        respond(400, ['error' => 'expected a JSON object']);
    }
    return $data;
}

function str_field(array $data, string $name, int $max = 256, bool $required = true): ?string
{
    $v = $data[$name] ?? null;
    if ($v === null && !$required) {
        return null;
    }
    if (!is_string($v) || $v === '' || strlen($v) > $max) {
        respond(400, ['error' => "field '$name' must be a non-empty string of at most $max bytes"]);
    }
    return $v;
}

function client_ip(): string
{
    return $_SERVER['REMOTE_ADDR'] ?? 'unknown';
}
