<?php
/**
 * The migration on 100,000 rows, end to end, with the real CLI (migrate.php):
 *
 *   php -n -d extension=target/release/libsoc2.so -d extension=pdo -d extension=pdo_sqlite \
 *       examples/migrate/demo.php [ROWS]
 *
 * 1. builds a SQLite table whose `ssn` column holds the legacy openssl CBC
 *    blobs (written with the exact snippet of PHP audit-preparation guides);
 * 2. runs migrate.php and kills it with SIGKILL part-way through;
 * 3. runs it again: it resumes after the last committed batch and finishes;
 * 4. rotates the keyring and runs a second pass (old key -> new primary);
 * 5. checks every row: decrypts with its row context to the original value.
 */

declare(strict_types=1);

use Soc2\Crypto\{Keyring, MasterKey};

$rows = (int) ($argv[1] ?? 100000);
$dir = sys_get_temp_dir() . '/soc2-migrate-demo-' . getmypid();
mkdir($dir, 0700);
$dbFile = "$dir/app.sqlite";
$legacyKey = 'legacy-key-that-lived-in-config.php';
putenv("LEGACY_KEY=$legacyKey");

$t = microtime(true);
$db = new PDO("sqlite:$dbFile");
$db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$db->exec('CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, ssn TEXT)');
$ins = $db->prepare('INSERT INTO users (id, email, ssn) VALUES (?, ?, ?)');
$db->beginTransaction();
for ($id = 1; $id <= $rows; $id++) {
    $plaintext = sprintf('%03d-%02d-%04d', $id % 900, $id % 100, $id % 10000);
    $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('aes-256-cbc'));
    $encrypted = openssl_encrypt($plaintext, 'aes-256-cbc', $legacyKey, 0, $iv);
    $ins->execute([$id, "user$id@example.com", base64_encode($encrypted . '::' . $iv)]);
}
$db->commit();
printf("1. %d legacy rows written in %.2f s\n", $rows, microtime(true) - $t);

$master = MasterKey::generate();
file_put_contents("$dir/master.key", '');
chmod("$dir/master.key", 0600);
file_put_contents("$dir/master.key", $master->export() . "\n");
Keyring::create($master)->save("$dir/keyring.json");

$php = [PHP_BINARY, '-n'];
foreach (['soc2' => null, 'pdo' => 'pdo', 'pdo_sqlite' => 'pdo_sqlite'] as $ext => $name) {
    $php[] = '-d';
    $php[] = 'extension=' . ($name ?? (getenv('SOC2_SO') ?: dirname(__DIR__, 2) . '/target/release/libsoc2.so'));
}
$cli = array_merge($php, [__DIR__ . '/migrate.php', '--db', $dbFile, '--table', 'users', '--column', 'ssn',
    '--keyring', "$dir/keyring.json", '--master-key-file', "$dir/master.key",
    '--legacy-key-env', 'LEGACY_KEY', '--batch', '1000']);

// 2. Start the migration and kill -9 it once it has committed some batches.
$t = microtime(true);
$proc = proc_open($cli, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$seen = '';
while (!preg_match('/rows (\d+)\//', substr($seen, -200), $m) || (int) $m[1] < $rows / 3) {
    $chunk = fread($pipes[2], 200);
    if ($chunk === '' || $chunk === false) {
        break;
    }
    $seen .= $chunk;
}
proc_terminate($proc, 9);
proc_close($proc);
$p = $db->query("SELECT last_id, done FROM soc2_migration_progress")->fetch(PDO::FETCH_ASSOC);
$wrongSide = $db->query("SELECT COUNT(*) FROM users WHERE (id <= {$p['last_id']} AND ssn NOT LIKE 'soc2e1:%')"
    . " OR (id > {$p['last_id']} AND ssn LIKE 'soc2e1:%')")->fetchColumn();
printf("2. killed (SIGKILL) after %.2f s: progress last_id %d; rows on the wrong side of it: %d\n",
    microtime(true) - $t, $p['last_id'], $wrongSide);

// 3. Resume.
$run = function (array $extra) use ($cli) {
    $proc = proc_open(array_merge($cli, $extra, ['--quiet']), [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $code = proc_close($proc);
    if ($code !== 0) {
        throw new RuntimeException("migrate.php exited with $code: $err");
    }
    return json_decode($out, true);
};
$r = $run([]);
printf("3. resumed: %d/%d rows (%d legacy values converted in all), this run %.2f s, %.0f rows/s\n",
    $r['done'], $r['total'], $r['legacy'], $r['seconds'], $r['rate']);

// 4. Rotate, then a second pass moves every value to the new primary key.
$ring = Keyring::open("$dir/keyring.json", $master);
$ring->rotate('aes256gcm');
$ring->save("$dir/keyring.json");
$r = $run(['--restart']);
printf("4. after rotate: %d/%d rows, %d re-encrypted under the new primary, %.2f s, %.0f rows/s\n",
    $r['done'], $r['total'], $r['rotated'], $r['seconds'], $r['rate']);

// 5. Verify.
$t = microtime(true);
$ok = $stale = 0;
foreach ($db->query('SELECT id, ssn FROM users') as [$id, $v]) {
    $expect = sprintf('%03d-%02d-%04d', $id % 900, $id % 100, $id % 10000);
    $ok += $ring->decrypt($v, ['table' => 'users', 'column' => 'ssn', 'id' => $id]) === $expect ? 1 : 0;
    $stale += $ring->needsReencrypt($v) ? 1 : 0;
}
printf("5. verified: %d/%d rows decrypt to the original; %d still on the old key (%.2f s)\n",
    $ok, $rows, $stale, microtime(true) - $t);

array_map('unlink', glob("$dir/*"));
rmdir($dir);
exit($ok === $rows && $stale === 0 && (int) $wrongSide === 0 ? 0 : 1);
