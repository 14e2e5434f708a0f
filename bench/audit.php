<?php
// Audit events to a file: Soc2\Audit::log (redaction + HMAC chain + flock + one
// write) against Monolog 2's JsonFormatter + StreamHandler with locking (flock
// around each write; no redaction, no chain) on the same events. Target: >= 3x.
// Then the latency of one Soc2\Audit::log call: p50 and p99 over many events.
require_once __DIR__ . '/lib.inc';
require_once '/usr/share/php/Monolog/autoload.php';

$dir = sys_get_temp_dir() . '/soc2-bench-audit-' . getmypid();
@mkdir($dir, 0700, true);
$key = "$dir/audit.key";
file_put_contents($key, 'soc2mk1:' . rtrim(strtr(base64_encode(random_bytes(32)), '+/', '-_'), '=') . "\n");
chmod($key, 0600);
ini_set('soc2.audit_log', "$dir/soc2.log");
ini_set('soc2.audit_key_file', $key);
ini_set('soc2.audit_app', 'bench');

$handler = new Monolog\Handler\StreamHandler("$dir/monolog.log", Monolog\Logger::INFO, true, null, true);
$handler->setFormatter(new Monolog\Formatter\JsonFormatter());
$logger = new Monolog\Logger('bench', [$handler]);

// A typical login event: user id, ip, a few request details, one secret.
$fields = fn (int $i) => [
    'user.id' => 1000 + $i,
    'source.ip' => '203.0.113.' . ($i % 250),
    'method' => 'password',
    'request' => ['path' => '/login', 'ua' => 'Mozilla/5.0 (X11; Linux x86_64)', 'password' => 'hunter2'],
    'attempt' => $i % 5,
];

bench_compare('audit', 'log one event to a file (locked)',
    fn ($i) => Soc2\Audit::log('authn_login_success', $fields($i)),
    [
        'Monolog JsonFormatter+StreamHandler(lock)' => fn ($i) => $logger->info('authn_login_success', $fields($i)),
    ],
    iterations: 5000, target: 3.0);

// Per-event latency distribution (one call timed at a time).
$lat = static function (callable $fn, int $n): array {
    $t = [];
    for ($i = 0; $i < $n; $i++) {
        $s = hrtime(true);
        $fn($i);
        $t[] = hrtime(true) - $s;
    }
    sort($t);
    return [$t[intdiv($n, 2)] / 1e3, $t[intdiv($n * 99, 100)] / 1e3];
};
$n = 20000;
[$p50, $p99] = $lat(fn ($i) => Soc2\Audit::log('authn_login_success', $fields($i)), $n);
[$m50, $m99] = $lat(fn ($i) => $logger->info('authn_login_success', $fields($i)), $n);
fprintf(STDERR, "  audit      latency of one event (%d events): soc2 p50 %.2f us, p99 %.2f us; Monolog p50 %.2f us, p99 %.2f us\n",
    $n, $p50, $p99, $m50, $m99);
ini_set('soc2.audit_fsync', '1');
[$f50, $f99] = $lat(fn ($i) => Soc2\Audit::log('authn_login_success', $fields($i)), 500);
fprintf(STDERR, "  audit      with soc2.audit_fsync=1 (500 events): p50 %.2f us, p99 %.2f us\n", $f50, $f99);
ini_set('soc2.audit_fsync', '0');

$v = Soc2\Audit::verify("$dir/soc2.log");
fprintf(STDERR, "  audit      chain of %d records verifies: %s\n", $v['records'], $v['ok'] ? 'yes' : 'NO');
foreach (glob("$dir/*") as $f) { unlink($f); }
rmdir($dir);
