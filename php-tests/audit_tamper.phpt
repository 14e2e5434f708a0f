--TEST--
Soc2\Audit::verify: names the first modified, deleted, duplicated, reordered, inserted, truncated or spliced record
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $key] = audit_setup('tamper');
for ($i = 1; $i <= 6; $i++) Soc2\Audit::log('sensitive_read', ['row' => $i]);
$orig = audit_lines($log);
audit_show(Soc2\Audit::verify($log));

function tamper(string $name, array $lines, bool $newline = true): void {
    global $log, $key;
    audit_put_lines($log, $lines, $newline);
    echo str_pad($name, 10), ' ';
    ob_start();
    audit_show(Soc2\Audit::verify($log, $key));
    echo preg_replace('/[0-9a-f]{16}/', 'ID', ob_get_clean());
}

$l = $orig; $l[2] = str_replace('"row":3', '"row":9', $l[2]);          tamper('modify', $l);
$l = $orig; $l[4][strlen($l[4]) - 10] = $l[4][strlen($l[4]) - 10] === 'a' ? 'b' : 'a'; tamper('mac byte', $l);
$l = $orig; array_splice($l, 3, 1);                                     tamper('delete', $l);
$l = $orig; array_splice($l, 2, 0, [$orig[1]]);                         tamper('duplicate', $l);
$l = $orig; [$l[3], $l[4]] = [$l[4], $l[3]];                            tamper('swap', $l);
$l = $orig; array_splice($l, 5, 0, ['{"event.action":"authn_login_success"}']); tamper('insert', $l);
$l = $orig; $l[5] = substr($l[5], 0, 100);                              tamper('truncate', $l, false);
$l = $orig; $l[2] = substr($l[2], 0, 60);                               tamper('cut mid', $l);

// Splice: the first half of this log, the second half of another log (same key).
$other = "$dir/other.log";
ini_set('soc2.audit_log', $other);
for ($i = 1; $i <= 6; $i++) Soc2\Audit::log('sensitive_read', ['row' => $i]);
$l = array_merge(array_slice($orig, 0, 3), array_slice(audit_lines($other), 3)); tamper('splice', $l);

// Another key's records spliced in.
$key2 = audit_key("$dir/other.key");
ini_set('soc2.audit_key_file', $key2);
$third = "$dir/third.log";
ini_set('soc2.audit_log', $third);
for ($i = 1; $i <= 6; $i++) Soc2\Audit::log('sensitive_read', ['row' => $i]);
$l = array_merge(array_slice($orig, 0, 3), array_slice(audit_lines($third), 3)); tamper('splice key', $l);

// Wrong key or no key: an error, never "ok".
audit_put_lines($log, $orig);
try { Soc2\Audit::verify($log, $key2); } catch (Soc2\KeyException $e) { echo get_class($e), ': ', preg_replace('/[0-9a-f]{16}/', 'ID', $e->getMessage()), "\n"; }
try { Soc2\Audit::verify($log, "$dir/missing.key"); } catch (Soc2\KeyException $e) { echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n"; }
ini_set('soc2.audit_key_file', '');
try { Soc2\Audit::verify($log); } catch (Soc2\KeyException $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { Soc2\Audit::verify("$dir/nope.log", $key); } catch (Soc2\AuditException $e) { echo get_class($e), ': ', str_replace($dir, 'DIR', $e->getMessage()), "\n"; }
try { Soc2\Audit::verify([], $key); } catch (ValueError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { Soc2\Audit::verify(42, $key); } catch (TypeError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
try { Soc2\Audit::verify([$log, 7], $key); } catch (TypeError $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
audit_show(Soc2\Audit::verify([$log], $key));
?>
--EXPECT--
ok=true records=6 bad=NULL reason=-
modify     ok=false records=2 bad=3 reason=record at line 3 (sequence 3) does not match its MAC: modified or forged
mac byte   ok=false records=4 bad=5 reason=record at line 5 (sequence 5) does not match its MAC: modified or forged
delete     ok=false records=3 bad=4 reason=record at line 4 has sequence 5, expected 4: 1 record(s) deleted
duplicate  ok=false records=2 bad=3 reason=record at line 3 has sequence 2 after 2: duplicated or reordered
swap       ok=false records=3 bad=4 reason=record at line 4 has sequence 5, expected 4: reordered (sequence 4 is at line 5)
insert     ok=false records=5 bad=6 reason=line 6 is not an audit record: inserted or damaged
truncate   ok=false records=5 bad=6 reason=torn final line 6: an incomplete record (a crash during a write, or truncation)
cut mid    ok=false records=2 bad=3 reason=line 3 is a truncated record (sequence 3 is missing)
splice     ok=false records=3 bad=4 reason=record at line 4 (sequence 4) does not match its MAC: modified or forged
splice key ok=false records=3 bad=4 reason=record at line 4 was written with another key (id ID): spliced from another log
Soc2\KeyException: Soc2\Audit::verify(): wrong key: the log was written with key id ID, the key given has id ID
Soc2\KeyException: Soc2\Audit::verify(): audit key: cannot open key file DIR/missing.key: No such file or directory
Soc2\KeyException: Soc2\Audit::verify(): no key file given and soc2.audit_key_file is not set
Soc2\AuditException: Soc2\Audit::verify(): cannot open DIR/nope.log: no such file
ValueError: Soc2\Audit::verify(): Argument #1 ($paths) must not be empty
TypeError: Soc2\Audit::verify(): Argument #1 ($paths) must be of type string|array, int given
TypeError: Soc2\Audit::verify(): Argument #1 ($paths) must contain only strings
ok=true records=6 bad=NULL reason=-
