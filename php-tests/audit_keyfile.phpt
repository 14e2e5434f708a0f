--TEST--
Soc2\Audit: key files readable by group or others are refused; key changes are picked up
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $key] = audit_setup('keyfile');
foreach ([0644, 0640, 0604, 0660, 0400, 0600] as $mode) {
    chmod($key, $mode);
    clearstatcache();
    try {
        Soc2\Audit::log('sys_startup');
        printf("%04o log ok\n", $mode);
    } catch (Soc2\AuditException $e) {
        printf("%04o %s\n", $mode, str_replace($dir, 'DIR', $e->getMessage()));
    }
    try {
        Soc2\Audit::verify($log);
        printf("%04o verify ok\n", $mode);
    } catch (Soc2\KeyException $e) {
        printf("%04o %s\n", $mode, str_replace($dir, 'DIR', $e->getMessage()));
    }
}
// The key text never appears in messages.
$text = trim(file_get_contents($key));
file_put_contents("$dir/k2", substr($text, 0, 20)); chmod("$dir/k2", 0600);
try { Soc2\Audit::verify($log, "$dir/k2"); } catch (Soc2\KeyException $e) {
    echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    var_dump(str_contains($e->getMessage(), substr($text, 8, 12)));
}
?>
--EXPECT--
0644 Soc2\Audit::log(): the audit record was not written: audit key: key file DIR/audit.key is readable or writable by group or others (mode 0644); restrict it to its owner: chmod 600 DIR/audit.key
0644 Soc2\Audit::verify(): audit key: key file DIR/audit.key is readable or writable by group or others (mode 0644); restrict it to its owner: chmod 600 DIR/audit.key
0640 Soc2\Audit::log(): the audit record was not written: audit key: key file DIR/audit.key is readable or writable by group or others (mode 0640); restrict it to its owner: chmod 600 DIR/audit.key
0640 Soc2\Audit::verify(): audit key: key file DIR/audit.key is readable or writable by group or others (mode 0640); restrict it to its owner: chmod 600 DIR/audit.key
0604 Soc2\Audit::log(): the audit record was not written: audit key: key file DIR/audit.key is readable or writable by group or others (mode 0604); restrict it to its owner: chmod 600 DIR/audit.key
0604 Soc2\Audit::verify(): audit key: key file DIR/audit.key is readable or writable by group or others (mode 0604); restrict it to its owner: chmod 600 DIR/audit.key
0660 Soc2\Audit::log(): the audit record was not written: audit key: key file DIR/audit.key is readable or writable by group or others (mode 0660); restrict it to its owner: chmod 600 DIR/audit.key
0660 Soc2\Audit::verify(): audit key: key file DIR/audit.key is readable or writable by group or others (mode 0660); restrict it to its owner: chmod 600 DIR/audit.key
0400 log ok
0400 verify ok
0600 log ok
0600 verify ok
Soc2\Audit::verify(): audit key: key file DIR/k2 decodes to 9 bytes; a master key is 32 bytes
bool(false)
