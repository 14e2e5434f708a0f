--TEST--
Soc2\Audit: 8 forked writers x 2500 events into one file: each record once, no torn lines, one chain
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork not available'); ?>
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log] = audit_setup('concurrency');
const WRITERS = 8;
const EVENTS = 2500;
// The parent writes first, so the children inherit an open, cached sink: each
// must take its own lock rather than share the parent's.
Soc2\Audit::log('sys_startup', ['writer' => -1, 'i' => 0]);
$children = [];
for ($w = 0; $w < WRITERS; $w++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        for ($i = 0; $i < EVENTS; $i++) {
            Soc2\Audit::log('sensitive_read', ['writer' => $w, 'i' => $i, 'pad' => str_repeat('x', $i % 300)]);
        }
        // Leave without running the parent's shutdown functions (they delete the directory).
        child_exit();
    }
    $children[] = $pid;
}
function child_exit(): never {
    // exit() would run the shutdown functions; replacing the process does not.
    pcntl_exec('/bin/true');
    exit(0);
}
$failed = 0;
foreach ($children as $pid) {
    pcntl_waitpid($pid, $status);
    if (!pcntl_wifexited($status) || pcntl_wexitstatus($status) !== 0) $failed++;
}
echo "failed children: $failed\n";
$raw = file_get_contents($log);
var_dump(str_ends_with($raw, "\n"));
$lines = explode("\n", rtrim($raw, "\n"));
echo "lines: ", count($lines), "\n";
$seen = [];
$bad = 0;
$seqs = [];
foreach ($lines as $line) {
    $r = json_decode($line, true);
    if (!is_array($r)) { $bad++; continue; }
    $k = $r['soc2.fields']['writer'] . '/' . $r['soc2.fields']['i'];
    $seen[$k] = ($seen[$k] ?? 0) + 1;
    $seqs[] = $r['event.sequence'];
}
echo "unparseable: $bad\n";
echo "distinct: ", count($seen), " max count: ", max($seen), "\n";
var_dump($seqs === range(1, WRITERS * EVENTS + 1));
$v = Soc2\Audit::verify($log);
audit_show($v);
?>
--EXPECT--
failed children: 0
bool(true)
lines: 20001
unparseable: 0
distinct: 20001 max count: 1
bool(true)
ok=true records=20001 bad=NULL reason=-
