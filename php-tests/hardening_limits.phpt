--TEST--
Hardening: 100 MiB arguments (memory_limit=256M: no copy of them may reach PHP) and deep nesting get a clear exception at every entry point (docs/LIMITS.md)
--EXTENSIONS--
soc2
--INI--
memory_limit=256M
soc2.password_memory_cost=64
soc2.password_time_cost=1
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $keyFile] = audit_setup('limits');

$big = str_repeat('A', 100 << 20);
$master = Soc2\Crypto\MasterKey::generate();
$ring = Soc2\Crypto\Keyring::create($master);
$keys = Soc2\Jwt\Keys::hmac(['k' => str_repeat('s', 32)]);
$policy = ['iss' => null, 'aud' => null];
$b64 = fn (string $s) => rtrim(strtr(base64_encode($s), '+/', '-_'), '=');
$nest = fn (int $n) => str_repeat('[', $n) . str_repeat(']', $n);
$deepArray = [];
$cur = &$deepArray;
for ($i = 0; $i < 10000; $i++) { $cur['a'] = []; $cur = &$cur['a']; }
unset($cur);
$deepToken = $b64('{"alg":"HS256","typ":"JWT"}') . '.' . $b64('{"a":' . $nest(40) . '}') . '.' . $b64(str_repeat("\0", 32));

$cases = [
    'Password::hash 100 MiB' => fn () => Soc2\Password::hash($big),
    'Password::verify 100 MiB password' => fn () => Soc2\Password::verify($big, '$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'),
    'Password::verify 100 MiB hash' => fn () => Soc2\Password::verify('pw', $big),
    'Password::needsRehash 100 MiB' => fn () => Soc2\Password::needsRehash($big),
    'Password::hash memory_cost huge' => fn () => Soc2\Password::hash('pw', ['memory_cost' => PHP_INT_MAX]),
    'Password::verify stored m=2^32-1' => fn () => Soc2\Password::verify('pw', '$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA'),
    'Keyring::encrypt 100 MiB' => fn () => $ring->encrypt($big),
    'Keyring::encryptBinary 100 MiB' => fn () => $ring->encryptBinary($big),
    'Keyring::decrypt 100 MiB' => function () use ($big, $ring) {
        // One copy, prefixed in place (a concatenation would hold two).
        for ($i = 0; $i < 7; $i++) $big[$i] = 'soc2e1:'[$i];
        return $ring->decrypt($big);
    },
    'Keyring::decryptBinary 100 MiB' => fn () => $ring->decryptBinary($big),
    'Keyring::encrypt 100 MiB context' => fn () => $ring->encrypt('p', ['id' => $big]),
    'Keyring::load 100 MiB' => fn () => Soc2\Crypto\Keyring::load($big, $master),
    'Keyring::load deep JSON' => fn () => Soc2\Crypto\Keyring::load($nest(100000), $master),
    'Keyring::save 100 MiB path' => fn () => $ring->save($big),
    'Keyring::encryptFile 100 MiB path' => fn () => $ring->encryptFile($big, "$dir/out"),
    'Keyring::decryptFile 100 MiB path' => fn () => $ring->decryptFile(__FILE__, $big),
    'Keyring::blindIndex 100 MiB name' => fn () => $ring->blindIndex('x', $big),
    'MasterKey::fromFile 100 MiB path' => fn () => Soc2\Crypto\MasterKey::fromFile($big),
    'Jwt::verify 100 MiB' => fn () => Soc2\Jwt\Jwt::verify($big, $keys, $policy),
    'Jwt::decodeUnverified 100 MiB' => fn () => Soc2\Jwt\Jwt::decodeUnverified($big),
    'Jwt::verify 40-deep claims' => fn () => Soc2\Jwt\Jwt::verify($deepToken, $keys, $policy),
    'Jwt::sign 100 MiB claim' => fn () => Soc2\Jwt\Jwt::sign(['a' => $big], $keys),
    'Jwt::sign 10000-deep claims' => fn () => Soc2\Jwt\Jwt::sign(['a' => $deepArray], $keys),
    'Keys::fromJwks 100 MiB' => fn () => Soc2\Jwt\Keys::fromJwks($big),
    'Keys::fromJwks deep JSON' => fn () => Soc2\Jwt\Keys::fromJwks('{"keys":' . $nest(100000) . '}'),
    'Audit::log 100 MiB event' => fn () => Soc2\Audit::log($big),
    'Audit::verify 100 MiB path' => fn () => Soc2\Audit::verify($big),
    'Audit::verify 100 MiB key path' => fn () => Soc2\Audit::verify($log, $big),
];
foreach ($cases as $name => $f) {
    try {
        $r = $f();
        echo "$name: returned ", var_export($r, true), "\n";
    } catch (Throwable $e) {
        echo "$name: ", get_class($e), ': ', substr($e->getMessage(), 0, 150), "\n";
    }
}
unset($big);

// Audit fields are never refused: oversized values, lists and nesting are cut
// (with a marker) so the record stays under 16 KiB.
Soc2\Audit::log('authn_login_success', [
    'big' => str_repeat('B', 1 << 20), 'deep' => $deepArray, 'many' => range(1, 100000),
]);
$line = file_get_contents($log);
echo 'audit record bytes <= 16384: ', var_export(strlen($line) <= 16384, true), "\n";
echo 'truncation markers: ', substr_count($line, 'TRUNCATED') >= 3 ? 'yes' : 'no', "\n";
echo 'chain ok: ', var_export(Soc2\Audit::verify($log)['ok'], true), "\n";
?>
--EXPECT--
Password::hash 100 MiB: ValueError: Soc2\Password::hash(): Argument #1 ($password) must not be longer than 4096 bytes (soc2.password_max_length)
Password::verify 100 MiB password: returned false
Password::verify 100 MiB hash: returned false
Password::needsRehash 100 MiB: ValueError: Soc2\Password::needsRehash(): Argument #1 ($hash) is not a supported password hash
Password::hash memory_cost huge: ValueError: Soc2\Password::hash(): Argument #2 ($options) option "memory_cost" is out of range, got 9223372036854775807
Password::verify stored m=2^32-1: returned false
Keyring::encrypt 100 MiB: ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #1 ($plaintext) must not be longer than 67108864 bytes
Keyring::encryptBinary 100 MiB: ValueError: Soc2\Crypto\Keyring::encryptBinary(): Argument #1 ($plaintext) must not be longer than 67108864 bytes
Keyring::decrypt 100 MiB: Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
Keyring::decryptBinary 100 MiB: Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
Keyring::encrypt 100 MiB context: ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) must not encode to more than 65536 bytes
Keyring::load 100 MiB: ValueError: Soc2\Crypto\Keyring::load(): Argument #1 ($json) must not be longer than 4194304 bytes
Keyring::load deep JSON: Soc2\KeyException: Soc2\Crypto\Keyring::load(): not a soc2 keyring: invalid JSON at line 1 column 1 (unexpected member or value)
Keyring::save 100 MiB path: ValueError: Soc2\Crypto\Keyring::save(): Argument #1 ($path) must not be longer than 4096 bytes
Keyring::encryptFile 100 MiB path: ValueError: Soc2\Crypto\Keyring::encryptFile(): Argument #1 ($in) must not be longer than 4096 bytes
Keyring::decryptFile 100 MiB path: ValueError: Soc2\Crypto\Keyring::decryptFile(): Argument #2 ($out) must not be longer than 4096 bytes
Keyring::blindIndex 100 MiB name: ValueError: Soc2\Crypto\Keyring::blindIndex(): Argument #2 ($name) must be 1 to 255 bytes long
MasterKey::fromFile 100 MiB path: ValueError: Soc2\Crypto\MasterKey::fromFile(): Argument #1 ($path) must not be longer than 4096 bytes
Jwt::verify 100 MiB: Soc2\Jwt\TokenException: Soc2\Jwt\Jwt::verify(): token is larger than 8192 bytes
Jwt::decodeUnverified 100 MiB: Soc2\Jwt\TokenException: Soc2\Jwt\Jwt::decodeUnverified(): token is larger than 8192 bytes
Jwt::verify 40-deep claims: Soc2\Jwt\TokenException: Soc2\Jwt\Jwt::verify(): payload: nesting deeper than 32 levels at line 1 column 37
Jwt::sign 100 MiB claim: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) holds a string longer than 65536 bytes; the token would be larger than 8192 bytes
Jwt::sign 10000-deep claims: ValueError: Soc2\Jwt\Jwt::sign(): Argument #1 ($claims) nests deeper than 32 levels
Keys::fromJwks 100 MiB: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS larger than 262144 bytes
Keys::fromJwks deep JSON: Soc2\KeyException: Soc2\Jwt\Keys::fromJwks(): JWKS: nesting deeper than 32 levels at line 1 column 40
Audit::log 100 MiB event: ValueError: Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Audit::verify 100 MiB path: ValueError: Soc2\Audit::verify(): Argument #1 ($paths) must contain paths of at most 4096 bytes
Audit::verify 100 MiB key path: ValueError: Soc2\Audit::verify(): Argument #2 ($keyFile) must be a path without NUL bytes, at most 4096 bytes
audit record bytes <= 16384: true
truncation markers: yes
chain ok: true
