--TEST--
examples/migrate ColumnMigrator: 2,000 SQLite rows from legacy openssl CBC to the keyring, then old key to primary after rotate; interrupted (stop, exception, kill -9 mid-batch) and resumed without loss
--EXTENSIONS--
pdo
pdo_sqlite
posix
--FILE--
<?php
require __DIR__ . '/../examples/migrate/ColumnMigrator.php';

use Soc2\Crypto\{Keyring, MasterKey};
use Soc2Example\Migrate\ColumnMigrator;

$dir = sys_get_temp_dir() . '/soc2-migrate-' . getmypid();
@mkdir($dir);
$dbFile = "$dir/app.sqlite";
$legacyKey = 'an-old-key-from-source-code'; // 27 bytes: openssl zero-pads it
$open = function () use ($dbFile) {
    $db = new PDO("sqlite:$dbFile");
    $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    return $db;
};
$db = $open();
$db->exec('CREATE TABLE users (id INTEGER PRIMARY KEY, ssn TEXT)');
$plain = [];
$ins = $db->prepare('INSERT INTO users (id, ssn) VALUES (?, ?)');
$db->beginTransaction();
for ($id = 1; $id <= 2000; $id++) {
    if ($id % 97 === 0) { $ins->execute([$id, null]); continue; }
    $p = sprintf('%03d-%02d-%04d', $id % 1000, $id % 100, $id);
    $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('aes-256-cbc'));
    $ins->execute([$id, base64_encode(openssl_encrypt($p, 'aes-256-cbc', $legacyKey, 0, $iv) . '::' . $iv)]);
    $plain[$id] = $p;
}
$db->commit();
$master = MasterKey::generate();
$ring = Keyring::create($master);
$converted = fn(PDO $db) => (int) $db->query("SELECT COUNT(*) FROM users WHERE ssn LIKE 'soc2e1:%'")->fetchColumn();
$reports = [];
$new = function (PDO $db, ?callable $beforeRow = null) use ($ring, $legacyKey, &$reports) {
    return new ColumnMigrator($db, $ring, 'users', 'ssn', 'id', $legacyKey, 250,
        function ($r) use (&$reports) { $reports[] = $r; }, $beforeRow);
};

// 1. Stopped after 3 batches.
$r = $new($db)->run(3);
echo "stopped: done {$r['done']}/{$r['total']} last_id {$r['last_id']} finished ", var_export($r['finished'], true), "; converted ", $converted($db), "\n";
echo "progress reported per batch: ", count($reports), ", rate > 0: ", var_export($r['rate'] > 0, true), "\n";

// 2. An exception in the middle of batch 5: batch 4 commits, batch 5 rolls back.
try {
    $new($db, function ($id) { if ($id === 1100) throw new RuntimeException("crash at row $id"); })->run();
} catch (RuntimeException $e) {
    echo $e->getMessage(), "; progress last_id ", $new($db)->progress()['last_id'], "; converted ", $converted($db), "\n";
}

// 3. kill -9 in the middle of batch 7, in a child process.
$pid = pcntl_fork();
if ($pid === 0) {
    $new($open(), function ($id) { if ($id === 1600) posix_kill(posix_getpid(), SIGKILL); })->run();
    exit(0);
}
pcntl_waitpid($pid, $status);
echo "child killed by signal ", pcntl_wtermsig($status), "\n";
$db = $open();
$p = $new($db)->progress();
echo "after kill: last_id {$p['last_id']}, converted ", $converted($db), "\n";
// Atomicity: rows up to last_id are converted, rows after it are untouched.
$bad = $db->query("SELECT COUNT(*) FROM users WHERE (id <= {$p['last_id']} AND ssn NOT LIKE 'soc2e1:%')"
    . " OR (id > {$p['last_id']} AND ssn LIKE 'soc2e1:%')")->fetchColumn();
echo "rows on the wrong side of last_id: $bad\n";

// 4. Resume to the end.
$r = $new($db)->run();
echo "resumed: done {$r['done']}/{$r['total']} legacy {$r['legacy']} finished ", var_export($r['finished'], true), "; converted ", $converted($db), "\n";
$check = function (PDO $db) use ($ring, $plain) {
    $ok = $nulls = 0;
    foreach ($db->query('SELECT id, ssn FROM users ORDER BY id') as [$id, $v]) {
        if ($v === null) { $nulls++; continue; }
        $ok += $ring->decrypt($v, ['table' => 'users', 'column' => 'ssn', 'id' => $id]) === $plain[$id] ? 1 : 0;
    }
    return "$ok decrypt to the original, $nulls NULL";
};
echo $check($db), "\n";
$r = $new($db)->run();
echo "run again: finished ", var_export($r['finished'], true), ", done {$r['done']}\n";

// 5. After rotate(): a new pass moves every value to the new primary key.
$ring->rotate('aes256gcm');
$m = $new($db);
$m->reset();
$r = $m->run(2);
echo "rotation pass stopped: rotated {$r['rotated']}\n";
$r = $new($db)->run();
$stale = 0;
foreach ($db->query('SELECT ssn FROM users WHERE ssn IS NOT NULL') as [$v]) { $stale += $ring->needsReencrypt($v) ? 1 : 0; }
echo "rotation pass: rotated {$r['rotated']}, legacy {$r['legacy']}, still on old key: $stale\n";
echo $check($db), "\n";

// 6. A wrong legacy key stops with the row id; nothing of that batch is written.
$db->exec('DROP TABLE soc2_migration_progress');
$iv = random_bytes(16);
$db->prepare('UPDATE users SET ssn = ? WHERE id = 5')->execute([base64_encode(openssl_encrypt('x', 'aes-256-cbc', 'other', 0, $iv) . '::' . $iv)]);
$before = $converted($db);
try { $new($db)->run(); } catch (RuntimeException $e) { echo $e->getMessage(), "; converted unchanged: ", var_export($converted($db) === $before, true), "\n"; }

array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
stopped: done 750/2000 last_id 750 finished false; converted 743
progress reported per batch: 4, rate > 0: true
crash at row 1100; progress last_id 1000; converted 990
child killed by signal 9
after kill: last_id 1500, converted 1485
rows on the wrong side of last_id: 0
resumed: done 2000/2000 legacy 1980 finished true; converted 1980
1980 decrypt to the original, 20 NULL
run again: finished true, done 2000
rotation pass stopped: rotated 495
rotation pass: rotated 1980, legacy 0, still on old key: 0
1980 decrypt to the original, 20 NULL
row 5: the legacy value does not decrypt with the legacy key; converted unchanged: true
