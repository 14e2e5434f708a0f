--TEST--
Soc2\Audit::log: event names from the OWASP vocabulary (or app_*), outcomes from ECS; bad ones are ValueErrors
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log] = audit_setup('events');
foreach (['authn_login_success', 'authn_login_fail_max', 'authz_admin', 'malicious_excess_404',
          'sensitive_delete', 'session_use_after_expire', 'sys_monitor_disabled', 'user_archived',
          'app_invoice_export'] as $e) {
    Soc2\Audit::log($e);
}
foreach (['', 'made_up', 'authn_login_success:joebob1', 'Authn_login_success', "authz_fail\n", 'app_',
          'authn__login', str_repeat('a', 65), "authz_fail\0x", "\xff"] as $bad) {
    try { Soc2\Audit::log($bad); echo "accepted ", json_encode($bad), "\n"; }
    catch (ValueError $e) { echo $e->getMessage(), "\n"; }
}
foreach (['ok', 'SUCCESS', ''] as $bad) {
    try { Soc2\Audit::log('authz_fail', [], $bad); echo "accepted\n"; }
    catch (ValueError $e) { echo $e->getMessage(), "\n"; }
}
// Nothing was written for the refused calls.
var_dump(count(audit_lines($log)), Soc2\Audit::verify($log)['ok']);
// Odd field values are written, not refused.
$self = ['a' => 1]; $self['me'] = &$self;
Soc2\Audit::log('app_odd', ['obj' => new ArrayObject([]), 'f' => STDIN, 'self' => $self, 'inf' => INF, "bin\xff" => "\xfe\xff", 7 => 'int key']);
echo json_encode(json_decode(audit_lines($log)[9], true)['soc2.fields'], JSON_UNESCAPED_UNICODE), "\n";
// Break the reference cycle: PHP does not collect cycles at shutdown, and
// `make check-memory` would count the array as leaked (by PHP, not soc2).
unset($self);
gc_collect_cycles();
?>
--EXPECT--
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be an OWASP Logging Vocabulary event name (e.g. authn_login_success) or start with "app_"
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter (put the vocabulary's ":details" in $fields instead)
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #1 ($event) must be 1 to 64 characters of [a-z0-9_] starting with a letter
Soc2\Audit::log(): Argument #3 ($outcome) must be one of "success", "failure", "unknown"
Soc2\Audit::log(): Argument #3 ($outcome) must be one of "success", "failure", "unknown"
Soc2\Audit::log(): Argument #3 ($outcome) must be one of "success", "failure", "unknown"
int(9)
bool(true)
{"obj":"[object ArrayObject]","f":"[resource]","self":{"a":1,"me":{"a":1,"me":{"a":1,"me":{"a":1,"me":{"a":1,"me":{"a":1,"me":{"a":1,"me":"[TRUNCATED depth]"}}}}}}},"inf":"inf","bin�":"��","7":"int key"}
