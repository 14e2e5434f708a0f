<?php
/**
 * Re-encrypts a column of a SQLite table with a soc2 keyring, resumably.
 *
 *   php -d extension=soc2.so -d extension=pdo_sqlite migrate.php \
 *       --db app.sqlite --table users --column ssn \
 *       --keyring keyring.json --master-key-file master.key \
 *       [--legacy-key-env LEGACY_KEY] [--batch 1000] [--max-batches N] [--restart]
 *
 * Legacy values need the old key, read from the environment variable named by
 * --legacy-key-env (never from the command line, where `ps` would show it).
 * Interrupt it at any time; run it again to continue. --restart forgets the
 * progress (use it for a new pass after `soc2 keyring rotate`).
 * Exit codes: 0 finished, 3 stopped by --max-batches, 1 error, 2 usage.
 */

declare(strict_types=1);

require __DIR__ . '/ColumnMigrator.php';

use Soc2\Crypto\{Keyring, MasterKey};
use Soc2Example\Migrate\ColumnMigrator;

$o = getopt('', ['db:', 'table:', 'column:', 'id-column:', 'keyring:', 'master-key-file:',
    'legacy-key-env:', 'batch:', 'max-batches:', 'restart', 'quiet']);
foreach (['db', 'table', 'column', 'keyring', 'master-key-file'] as $required) {
    if (!isset($o[$required])) {
        fwrite(STDERR, "usage: migrate.php --db FILE --table T --column C --keyring FILE --master-key-file FILE"
            . " [--id-column id] [--legacy-key-env VAR] [--batch N] [--max-batches N] [--restart] [--quiet]\n");
        exit(2);
    }
}
try {
    $legacyKey = null;
    if (isset($o['legacy-key-env'])) {
        $legacyKey = getenv($o['legacy-key-env']);
        if ($legacyKey === false) {
            throw new RuntimeException("environment variable {$o['legacy-key-env']} is not set");
        }
    }
    $ring = Keyring::open($o['keyring'], MasterKey::fromFile($o['master-key-file']));
    $db = new PDO('sqlite:' . $o['db']);
    $quiet = isset($o['quiet']);
    $m = new ColumnMigrator(
        $db, $ring, $o['table'], $o['column'], $o['id-column'] ?? 'id', $legacyKey,
        (int) ($o['batch'] ?? 1000),
        function (array $r) use ($quiet) {
            if (!$quiet) {
                fprintf(STDERR, "\r%s rows %d/%d (%.1f%%), %d legacy, %d rotated, %.0f rows/s   ",
                    $r['finished'] ? 'done' : 'working', $r['done'], $r['total'],
                    $r['total'] ? 100 * $r['done'] / $r['total'] : 100, $r['legacy'], $r['rotated'], $r['rate']);
            }
        },
    );
    if (isset($o['restart'])) {
        $m->reset();
    }
    $r = $m->run(isset($o['max-batches']) ? (int) $o['max-batches'] : null);
    if (!$quiet) {
        fwrite(STDERR, "\n");
    }
    echo json_encode(['job' => $m->job()] + $r), "\n";
    exit($r['finished'] ? 0 : 3);
} catch (Throwable $e) {
    fwrite(STDERR, "\nmigrate.php: " . get_class($e) . ': ' . $e->getMessage() . "\n");
    exit(1);
}
