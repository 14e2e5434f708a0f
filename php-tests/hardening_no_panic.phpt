--TEST--
Hardening: hostile arguments to every method and failing I/O give exceptions, never a Rust panic
--EXTENSIONS--
soc2
--INI--
soc2.password_memory_cost=64
soc2.password_time_cost=1
soc2.audit_on_failure=throw
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $keyFile] = audit_setup('hostile');
chdir($dir); // a hostile path argument creates files here at worst

$master = Soc2\Crypto\MasterKey::generate();
$ring = Soc2\Crypto\Keyring::create($master);
$keys = Soc2\Jwt\Keys::hmac(['k' => str_repeat('s', 32)]);
$token = Soc2\Jwt\Jwt::sign(['sub' => 'u'], $keys);
$ct = $ring->encrypt('p');
putenv('SOC2_NOPANIC_KEY=' . $master->export());

// Valid arguments by parameter name, so each hostile value reaches the code
// behind the first checks.
$good = [
    'password' => 'pw', 'hash' => password_hash('pw', PASSWORD_BCRYPT, ['cost' => 4]),
    'options' => [], 'name' => 'SOC2_NOPANIC_KEY', 'path' => "$dir/out.json",
    'master' => $master, 'suite' => 'aes256gcm', 'json' => $ring->toJson(), 'wrapWith' => null,
    'plaintext' => 'p', 'ciphertext' => $ct, 'context' => [], 'secrets' => ['k' => str_repeat('s', 32)],
    'alg' => 'HS256', 'primary' => null, 'secret_keys' => ['e' => str_repeat('e', 32)], 'public_keys' => [],
    'claims' => ['sub' => 'u'], 'keys' => $keys, 'token' => $token, 'policy' => ['iss' => null, 'aud' => null],
    'event' => 'authn_login_success', 'fields' => [], 'outcome' => 'success', 'paths' => $log, 'keyFile' => $keyFile,
];
$deep = []; $cur = &$deep; for ($i = 0; $i < 300; $i++) { $cur['a'] = [0 => 1]; $cur = &$cur['a']; } unset($cur);
$selfRef = ['x' => 1]; $selfRef['self'] = &$selfRef;
$hostile = ['', "\xff", "a\0b", "\xc3\x28" . str_repeat("\x80", 9), [], ["\xff" => 1], [0 => "\xff"], ['a' => ["\xff" => 1, 0 => 2]],
    ["\xff" => ["\xff" => "\xff"]], [["\xff" => 1]], $deep, $selfRef, 0, -1, PHP_INT_MAX, PHP_INT_MIN, 1.5, NAN, INF, -0.0, null, true,
    new stdClass(), $master, $ring, $keys, ['iss' => "\xff"], ['aud' => ["\xff"]], ['aud' => [[]]], ['leeway' => PHP_INT_MAX],
    ['ttl' => -1], ['ttl' => PHP_INT_MAX], ['kid' => "\xff"], ['nbf' => PHP_INT_MIN], ['memory_cost' => PHP_INT_MAX], ['threads' => -5],
    ['time_cost' => 0], ['required' => ["\xff"]], ['required' => 'exp'], ['max_age' => "\xff"], ['id' => NAN], ['id' => "\xff"],
    [1 => 'x'], ["\xff" => "\xff", 'sub' => ['a' => NAN]], ['sub' => "\xff"], ['exp' => 'soon'], [str_repeat('k', 300) => 1]];

$calls = 0;
$problems = [];
foreach (get_declared_classes() as $class) {
    if (!str_starts_with($class, 'Soc2\\')) continue;
    foreach ((new ReflectionClass($class))->getMethods(ReflectionMethod::IS_PUBLIC) as $m) {
        if ($m->getDeclaringClass()->getName() !== $class || $m->isConstructor()) continue;
        $target = $m->isStatic() ? null : match ($class) {
            'Soc2\Crypto\MasterKey' => $master, 'Soc2\Crypto\Keyring' => $ring, 'Soc2\Jwt\Keys' => $keys, default => null,
        };
        if (!$m->isStatic() && $target === null) continue;
        $params = $m->getParameters();
        $base = [];
        foreach ($params as $p) {
            $base[] = array_key_exists($p->getName(), $good) ? $good[$p->getName()] : ($p->isDefaultValueAvailable() ? $p->getDefaultValue() : 'x');
        }
        for ($slot = 0; $slot < max(count($params), 1); $slot++) {
            foreach ($hostile as $v) {
                $args = $base;
                if ($params) $args[$slot] = $v;
                $calls++;
                try {
                    $method = $m->getName();
                    $m->isStatic() ? $class::$method(...$args) : $target->$method(...$args);
                } catch (Throwable $e) {
                    if (stripos($e->getMessage(), 'panic') !== false || get_class($e) === 'Error' && !str_contains($e->getMessage(), 'uncloneable')) {
                        $problems[] = "$class::$method arg #$slot: " . get_class($e) . ': ' . $e->getMessage();
                    }
                }
            }
        }
    }
}
echo $calls > 1000 ? "hostile calls: many\n" : "hostile calls: $calls\n";

function attempt(string $what, callable $f): void {
    try {
        $r = $f();
        echo "$what: ", is_string($r) ? 'string' : var_export($r, true), "\n";
    } catch (Throwable $e) {
        $msg = preg_replace('#/\S*soc2-phpt-hostile-\d+#', 'DIR', $e->getMessage());
        echo "$what: ", get_class($e), ': ', $msg, "\n";
    }
}

// The output directory disappears between calls.
mkdir("$dir/out");
attempt('save', fn () => $ring->save("$dir/out/ring.json"));
unlink("$dir/out/ring.json");
rmdir("$dir/out");
attempt('save into removed dir', fn () => $ring->save("$dir/out/ring.json"));
file_put_contents("$dir/out", 'a file where the directory was');
attempt('save under a file', fn () => $ring->save("$dir/out/ring.json"));

// The keyring file is replaced while a keyring opened from it is in use.
$ring->save("$dir/ring.json");
$opened = Soc2\Crypto\Keyring::open("$dir/ring.json", $master);
file_put_contents("$dir/ring.json.new", '{"format":"soc2-keyring","version":1,"keys":[]}');
rename("$dir/ring.json.new", "$dir/ring.json");
attempt('opened ring still decrypts', fn () => $opened->decrypt($ct));
attempt('reopen replaced file', fn () => Soc2\Crypto\Keyring::open("$dir/ring.json", $master));
unlink("$dir/ring.json");
mkdir("$dir/ring.json");
attempt('open a directory', fn () => Soc2\Crypto\Keyring::open("$dir/ring.json", $master));
attempt('master key from a directory', fn () => Soc2\Crypto\MasterKey::fromFile($dir));
attempt('master key from /dev/zero', fn () => Soc2\Crypto\MasterKey::fromFile('/dev/zero'));

// The audit log directory goes away, then its path becomes a file.
$sub = "$dir/logs";
mkdir($sub);
ini_set('soc2.audit_log', "$sub/audit.log");
attempt('log', fn () => Soc2\Audit::log('authn_login_success'));
unlink("$sub/audit.log");
unlink("$sub/audit.log.chain");
rmdir($sub);
attempt('log into removed dir', fn () => Soc2\Audit::log('authn_login_success'));
file_put_contents($sub, 'not a directory');
attempt('log under a file', fn () => Soc2\Audit::log('authn_login_success'));
attempt('verify a directory', fn () => Soc2\Audit::verify($dir));
unlink($keyFile);
attempt('verify without the key file', fn () => Soc2\Audit::verify($log));

echo $problems === [] ? "no panics\n" : implode("\n", $problems) . "\n";
// Break the reference cycles so `make check-memory` sees no leak (PHP does not
// collect cycles at shutdown).
unset($hostile, $selfRef, $args, $base, $v);
gc_collect_cycles();
?>
--EXPECTF--
hostile calls: many
save: NULL
save into removed dir: Soc2\KeyException: %s
save under a file: Soc2\KeyException: %s
opened ring still decrypts: string
reopen replaced file: Soc2\KeyException: %s
open a directory: Soc2\KeyException: %s
master key from a directory: Soc2\KeyException: %s
master key from /dev/zero: Soc2\KeyException: %s
log: NULL
log into removed dir: %s
log under a file: Soc2\AuditException: %s
verify a directory: Soc2\AuditException: %s
verify without the key file: %s
no panics
