--TEST--
Soc2\Audit::log failure policy: throw (AuditException) or warn (E_WARNING), never silent
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $key] = audit_setup('failure');
function attempt(): void {
    try {
        Soc2\Audit::log('authn_login_success', ['user.id' => 1]);
        echo "returned\n";
    } catch (Soc2\AuditException $e) {
        echo get_class($e), ': ', str_replace($GLOBALS['dir'], 'DIR', $e->getMessage()), "\n";
    }
}
var_dump(ini_get('soc2.audit_on_failure'));
ini_set('soc2.audit_log', "$dir/missing/dir/audit.log");
attempt();
ini_set('soc2.audit_on_failure', 'warn');
set_error_handler(function ($no, $msg) { echo "E_WARNING=", var_export($no === E_WARNING, true), ": ", str_replace($GLOBALS['dir'], 'DIR', $msg), "\n"; return true; });
attempt();
restore_error_handler();
ini_set('soc2.audit_on_failure', 'throw');
// Not writable: a directory where the file should be.
mkdir("$dir/adir");
ini_set('soc2.audit_log', "$dir/adir");
attempt();
// Missing, unset or bad key.
ini_set('soc2.audit_log', $log);
ini_set('soc2.audit_key_file', "$dir/nokey");
attempt();
ini_set('soc2.audit_key_file', '');
attempt();
file_put_contents("$dir/bad.key", "not a key\n"); chmod("$dir/bad.key", 0600);
ini_set('soc2.audit_key_file', "$dir/bad.key");
attempt();
// Unset log.
ini_set('soc2.audit_key_file', $key);
ini_set('soc2.audit_log', '');
attempt();
// A file that is not an audit log is never appended to.
file_put_contents("$dir/other.txt", "some\nother\nlog\n");
ini_set('soc2.audit_log', "$dir/other.txt");
attempt();
var_dump(file_get_contents("$dir/other.txt"));
// Back to a good sink: works, and the chain verifies.
ini_set('soc2.audit_log', $log);
attempt();
var_dump(Soc2\Audit::verify($log)['ok']);
// Bad settings are refused by ini_set.
var_dump(ini_set('soc2.audit_on_failure', 'ignore'), ini_set('soc2.audit_log', 'relative.log'),
    ini_set('soc2.audit_app', 'has space'), ini_set('soc2.audit_fsync', 'maybe'),
    ini_set('soc2.audit_key_file', 'key'), ini_set('soc2.audit_redact_keys', 'a;b'));
var_dump(ini_get('soc2.audit_on_failure'), ini_set('soc2.audit_fsync', 'on'));
attempt();
?>
--EXPECT--
string(5) "throw"
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: cannot open the audit chain file DIR/missing/dir/audit.log.chain: no such file
E_WARNING=true: Soc2\Audit::log(): the audit record was not written: cannot open the audit chain file DIR/missing/dir/audit.log.chain: no such file
returned
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: cannot open DIR/adir: Is a directory (os error 21)
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: cannot open the audit key file DIR/nokey: no such file
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: soc2.audit_key_file is not set (the file sink needs a key)
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: audit key: key file DIR/bad.key is not a master key (expected soc2mk1:<base64url> or base64 of 32 bytes)
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: soc2.audit_log is not set
Soc2\AuditException: Soc2\Audit::log(): the audit record was not written: DIR/other.txt does not end with soc2 audit records; refusing to append to it
string(15) "some
other
log
"
returned
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
string(5) "throw"
string(1) "0"
returned
