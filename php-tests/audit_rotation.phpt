--TEST--
Soc2\Audit: rotation (rename then continue) verifies across files; torn tails are recovered
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $key] = audit_setup('rotate');
for ($i = 0; $i < 3; $i++) Soc2\Audit::log('sys_startup');
rename($log, "$log.2");
for ($i = 0; $i < 2; $i++) Soc2\Audit::log('user_created');
rename($log, "$log.1");
// A fresh process after rotation continues the chain too (the .chain file holds the head).
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$child = <<<'PHP'
ini_set('soc2.audit_log', $argv[1]);
ini_set('soc2.audit_key_file', $argv[2]);
Soc2\Audit::log('user_updated');
Soc2\Audit::log('user_deleted');
PHP;
passthru(escapeshellarg($php) . ' -n -d extension=' . escapeshellarg(audit_so_path()) . ' -r ' . escapeshellarg($child) . ' ' . escapeshellarg($log) . ' ' . escapeshellarg($key), $rc);
var_dump($rc);
$files = ["$log.2", "$log.1", $log];
audit_show(Soc2\Audit::verify($files));
echo implode(',', array_map(fn($f) => count(audit_lines($f)), $files)), "\n";
// Missing the oldest file: the chain does not start at record 1.
audit_show(Soc2\Audit::verify(["$log.1", $log]));
// Wrong order.
audit_show(Soc2\Audit::verify(["$log.1", "$log.2", $log]));

// A crash mid-write leaves a torn final line: reported as such ...
$data = file_get_contents($log);
file_put_contents($log, $data . substr($data, 0, 70));
audit_show(Soc2\Audit::verify($files));
// ... and the next writer starts on a fresh line and continues the chain.
Soc2\Audit::log('sys_restart');
$r = Soc2\Audit::verify($files);
audit_show($r);
var_dump($r['torn_lines']);

function audit_so_path(): string {
    foreach (explode("\n", shell_exec('cat /proc/' . getmypid() . '/maps')) as $line) {
        if (preg_match('#(/\S+libsoc2\.so)$#', $line, $m)) return $m[1];
    }
    return 'soc2.so';
}
?>
--EXPECT--
int(0)
ok=true records=7 bad=NULL reason=-
3,2,2
ok=false records=0 bad=1 reason=record at line 1 has sequence 4, expected 1: 3 record(s) deleted
ok=false records=0 bad=1 reason=record at line 1 has sequence 4, expected 1: reordered (sequence 1 is at line 3)
ok=false records=7 bad=8 reason=torn final line 8: an incomplete record (a crash during a write, or truncation)
ok=true records=8 bad=NULL reason=-
array(1) {
  [0]=>
  int(8)
}
