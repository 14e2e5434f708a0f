<?php
// Load and fault test against the demo (nginx + PHP-FPM, soc2 loaded), from a
// bounded asynchronous HTTP client on loopback:
//   1. concurrent logins (right and wrong passwords) and profile reads;
//      no 5xx allowed, latency percentiles reported, and the audit log must
//      hold exactly one record per request, with the chain verifying;
//   2. the same load while one PHP-FPM worker is killed with SIGKILL; the log
//      must still verify and every answered request must have its record.
// Bounded in requests and in time; it stops by itself.
declare(strict_types=1);
require __DIR__ . '/lib/app.php';
require __DIR__ . '/lib/client.php';

$requests = (int) (getenv('LOAD_REQUESTS') ?: 2000);
$concurrency = (int) (getenv('LOAD_CONCURRENCY') ?: 16);
$deadline = (float) (getenv('LOAD_SECONDS') ?: 120);
$users = 12;
$port = (int) (getenv('SOC2_DEMO_PORT') ?: 8089);
$state = app_state_dir();
$cli = getenv('SOC2_CLI');
$failures = 0;

function check(bool $ok, string $what): void
{
    global $failures;
    echo $ok ? '  ok    ' : '  FAIL  ', $what, "\n";
    $failures += $ok ? 0 : 1;
}

/**
 * Runs $jobs (each [method, path, body|null, headers]) with $concurrency sockets.
 * @return list<array{status:int, seconds:float, body:string}>
 */
function run_load(array $jobs, int $concurrency, float $deadline, ?callable $tick = null): array
{
    global $port;
    $results = [];
    $active = [];
    $next = 0;
    $start = microtime(true);
    while (($next < count($jobs) || $active) && microtime(true) - $start < $deadline) {
        while ($next < count($jobs) && count($active) < $concurrency) {
            [$method, $path, $body, $headers] = $jobs[$next];
            $payload = $body === null ? '' : json_encode($body);
            $req = "$method $path HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
            foreach ($headers as $k => $v) { $req .= "$k: $v\r\n"; }
            $req .= "Content-Type: application/json\r\nContent-Length: " . strlen($payload) . "\r\n\r\n" . $payload;
            $sock = @stream_socket_client("tcp://127.0.0.1:$port", $errno, $errstr, 5,
                STREAM_CLIENT_CONNECT | STREAM_CLIENT_ASYNC_CONNECT);
            if ($sock === false) {
                $results[$next] = ['status' => 0, 'seconds' => 0.0, 'body' => "connect: $errstr"];
                $next++;
                continue;
            }
            stream_set_blocking($sock, false);
            $active[(int) $sock] = ['sock' => $sock, 'out' => $req, 'in' => '', 't0' => hrtime(true), 'job' => $next];
            $next++;
        }
        $read = $write = [];
        foreach ($active as $a) {
            if ($a['out'] !== '') { $write[] = $a['sock']; } else { $read[] = $a['sock']; }
        }
        $except = null;
        if (@stream_select($read, $write, $except, 0, 200000) === false) {
            break;
        }
        foreach ($write as $s) {
            $a = &$active[(int) $s];
            $n = @fwrite($s, $a['out']);
            if ($n !== false) { $a['out'] = substr($a['out'], $n); }
            unset($a);
        }
        foreach ($read as $s) {
            $a = &$active[(int) $s];
            $chunk = @fread($s, 65536);
            if ($chunk !== false && $chunk !== '') { $a['in'] .= $chunk; }
            if (feof($s) || $chunk === false) {
                $status = preg_match('#^HTTP/1\.\d (\d{3})#', $a['in'], $m) ? (int) $m[1] : 0;
                $body = ($p = strpos($a['in'], "\r\n\r\n")) === false ? '' : substr($a['in'], $p + 4);
                $results[$a['job']] = ['status' => $status, 'seconds' => (hrtime(true) - $a['t0']) / 1e9, 'body' => $body];
                fclose($s);
                unset($active[(int) $s]);
            }
            unset($a);
        }
        if ($tick) { $tick(count($results)); }
    }
    foreach ($active as $a) { fclose($a['sock']); }
    return $results;
}

function percentile(array $xs, float $p): float
{
    sort($xs);
    return $xs ? $xs[min(count($xs) - 1, (int) floor($p * count($xs)))] : 0.0;
}

function audit_records(): array
{
    $lines = @file(app_state_dir() . '/audit.log', FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [];
    return array_values(array_filter(array_map(fn ($l) => json_decode($l, true), $lines)));
}

function verify_log(): array
{
    global $cli, $state;
    exec(escapeshellarg($cli) . ' audit verify --json --key-file ' . escapeshellarg("$state/audit.key") . ' '
        . escapeshellarg("$state/audit.log") . ' 2>&1', $out, $code);
    return [$code, json_decode(implode("\n", $out), true) ?? ['raw' => implode("\n", $out)]];
}

/** A request mix: 30% correct logins, 10% wrong passwords, 60% profile reads. */
function make_jobs(int $n, array $tokens, int $users, int $seed): array
{
    mt_srand($seed);
    $jobs = [];
    for ($i = 0; $i < $n; $i++) {
        $u = mt_rand(1, $users);
        $r = mt_rand(1, 10);
        $jobs[] = match (true) {
            $r <= 3 => ['POST', '/login', ['email' => "user$u@example.com", 'password' => "password of user $u"], []],
            $r === 4 => ['POST', '/login', ['email' => "user$u@example.com", 'password' => 'wrong'], []],
            default => ['GET', '/profile', null, ['Authorization' => 'Bearer ' . $tokens[$u]]],
        };
    }
    return $jobs;
}

$expectedAction = fn (array $job, int $status) => match (true) {
    $job[1] === '/login' && $status === 200 => 'authn_login_success',
    $job[1] === '/login' && $status === 401 => 'authn_login_fail',
    $job[1] === '/profile' && $status === 200 => 'sensitive_read',
    default => 'unexpected',
};

echo "== setup: $users users, tokens\n";
$tokens = [];
$setup = [];
for ($u = 1; $u <= $users; $u++) {
    $setup[] = ['POST', '/signup', ['email' => "user$u@example.com", 'password' => "password of user $u", 'ssn' => sprintf('900-00-%04d', $u)], []];
}
$r = run_load($setup, 4, 60);
check(count(array_filter($r, fn ($x) => $x['status'] === 201)) === $users, "$users sign-ups answered 201");
for ($u = 1; $u <= $users; $u++) {
    [$status, $body] = http('POST', '/login', ['email' => "user$u@example.com", 'password' => "password of user $u"]);
    $tokens[$u] = $body['token'] ?? '';
}
check(count(array_filter($tokens)) === $users, 'every user got a token');
$baseline = count(audit_records());

echo "== phase 1: $requests requests, concurrency $concurrency\n";
$jobs = make_jobs($requests, $tokens, $users, 1);
$t = microtime(true);
$results = run_load($jobs, $concurrency, $deadline);
$elapsed = microtime(true) - $t;
$statuses = array_count_values(array_map(fn ($x) => $x['status'], $results));
ksort($statuses);
$lat = array_map(fn ($x) => $x['seconds'] * 1000, $results);
printf("  %d requests in %.1f s (%.0f req/s); statuses %s\n", count($results), $elapsed, count($results) / max($elapsed, 1e-9), json_encode($statuses));
printf("  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f\n", percentile($lat, .5), percentile($lat, .9), percentile($lat, .99), max($lat ?: [0]));
check(count($results) === $requests, 'every request answered within the time bound');
check(array_sum(array_filter($statuses, fn ($k) => $k >= 500 || $k === 0, ARRAY_FILTER_USE_KEY)) === 0, 'no 5xx and no connection errors');
$want = [];
foreach ($results as $i => $res) { $want[] = $expectedAction($jobs[$i], $res['status']); }
check(!in_array('unexpected', $want, true), 'every response is the expected one for its request');
$records = array_slice(audit_records(), $baseline);
$got = array_count_values(array_map(fn ($x) => $x['event.action'], $records));
$exp = array_count_values($want);
ksort($got); ksort($exp);
printf("  audit records: %s\n", json_encode($got));
check($got === $exp, 'exactly one audit record per request, by event');
[$code, $v] = verify_log();
check($code === 0 && ($v['ok'] ?? false) && $v['records'] === $baseline + count($records), sprintf('audit chain verifies (%d records)', $v['records'] ?? -1));

echo "== phase 2: the same load while a PHP-FPM worker is killed with SIGKILL\n";
$before = count(audit_records());
$fpmMaster = (int) trim((string) @file_get_contents("$state/fpm.pid"));
$killed = null;
$jobs = make_jobs((int) ceil($requests / 2), $tokens, $users, 2);
$results = run_load($jobs, $concurrency, $deadline, function (int $done) use (&$killed, $fpmMaster, $jobs) {
    if ($killed === null && $done >= intdiv(count($jobs), 4)) {
        $children = array_filter(array_map('intval', explode("\n", trim((string) shell_exec("pgrep -P $fpmMaster")))));
        if ($children) {
            $killed = $children[array_rand($children)];
            posix_kill($killed, 9);   // SIGKILL
        }
    }
});
$statuses = array_count_values(array_map(fn ($x) => $x['status'], $results));
ksort($statuses);
printf("  killed worker pid %s; statuses %s\n", var_export($killed, true), json_encode($statuses));
check($killed !== null, 'a worker was killed mid-load');
$answered = [];
$lost = 0;
foreach ($results as $i => $res) {
    $a = $expectedAction($jobs[$i], $res['status']);
    if ($a === 'unexpected') { $lost++; } else { $answered[] = $a; }
}
$records = array_slice(audit_records(), $before);
printf("  answered %d, failed by the kill %d, audit records %d\n", count($answered), $lost, count($records));
check($lost <= $concurrency, 'only requests in flight on the killed worker failed');
check(count($records) >= count($answered) && count($records) <= count($answered) + $lost,
    'every answered request has its record; nothing else is lost');
[$code, $v] = verify_log();
check($code === 0 && ($v['ok'] ?? false), sprintf('audit chain verifies after the kill (%d records, torn lines: %d)',
    $v['records'] ?? -1, count($v['torn_lines'] ?? [])));
check(count($v['torn_lines'] ?? []) <= 1, 'at most one torn line');

echo $failures === 0 ? "load test: all checks passed\n" : "load test: $failures checks FAILED\n";
exit($failures === 0 ? 0 : 1);
