--TEST--
Soc2\Audit::log: record shape (ECS fields, JSON Lines, chain members)
--INI--
soc2.audit_app=billing-api
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log] = audit_setup('record');
Soc2\Audit::log('authn_login_success', ['user.id' => 42, 'source.ip' => '203.0.113.9', 'method' => 'password', 'n' => [1, 2.5, true, null]]);
Soc2\Audit::log('authz_fail', ['resource' => '/admin'], 'failure');
Soc2\Audit::log('app_invoice_export', [], 'unknown');
$raw = file_get_contents($log);
var_dump(substr_count($raw, "\n"), str_ends_with($raw, "\n"));
$lines = audit_lines($log);
$r = json_decode($lines[0], true, 512, JSON_THROW_ON_ERROR);
echo implode(',', array_keys($r)), "\n";
var_dump((bool) preg_match('/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/', $r['@timestamp']));
var_dump($r['event.action'], $r['event.outcome'], $r['event.sequence'], $r['service.name'],
    $r['host.name'] === php_uname('n'), $r['process.pid'] === getmypid(), $r['user.id'], $r['source.ip'],
    $r['soc2.fields'], strlen($r['soc2.key']), strlen($r['soc2.mac']));
$r2 = json_decode($lines[1], true);
var_dump($r2['event.sequence'], $r2['event.outcome'], isset($r2['user.id']));
$r3 = json_decode($lines[2], true);
var_dump($r3['event.sequence'], $r3['soc2.fields']);
$v = Soc2\Audit::verify($log);
var_dump($v['ok'], $v['records'], $v['head'] === $r3['soc2.mac']);
printf("%o %o\n", fileperms($log) & 0777, fileperms("$log.chain") & 0777);
?>
--EXPECT--
int(3)
bool(true)
@timestamp,event.action,event.outcome,event.sequence,ecs.version,service.name,host.name,process.pid,user.id,source.ip,soc2.fields,soc2.key,soc2.mac
bool(true)
string(19) "authn_login_success"
string(7) "success"
int(1)
string(11) "billing-api"
bool(true)
bool(true)
string(2) "42"
string(11) "203.0.113.9"
array(2) {
  ["method"]=>
  string(8) "password"
  ["n"]=>
  array(4) {
    [0]=>
    int(1)
    [1]=>
    float(2.5)
    [2]=>
    bool(true)
    [3]=>
    NULL
  }
}
int(16)
int(64)
int(2)
string(7) "failure"
bool(false)
int(3)
array(0) {
}
bool(true)
int(3)
bool(true)
600 600
