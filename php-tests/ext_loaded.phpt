--TEST--
soc2 loads, exposes Soc2\VERSION and describes itself in phpinfo
--FILE--
<?php
var_dump(extension_loaded('soc2'));
var_dump(Soc2\VERSION === phpversion('soc2'));
var_dump(preg_match('/^\d+\.\d+\.\d+$/', Soc2\VERSION));
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
$start = strpos($info, "\nsoc2\n");
$section = substr($info, $start, 3000);
foreach (['soc2 support => enabled', 'version => ' . Soc2\VERSION, 'argon2id',
          'envelope encryption suites => xchacha20poly1305, aes256gcm', 'HS256, HS384, HS512, EdDSA',
          'HMAC-SHA256 chain',
          'soc2.password_memory_cost => 65536 => 65536', 'soc2.password_time_cost => 4 => 4',
          'soc2.password_threads => 1 => 1', 'soc2.password_max_length => 4096 => 4096'] as $needle) {
    echo $needle, ': ', str_contains($section, $needle) ? 'present' : 'MISSING', "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
int(1)
soc2 support => enabled: present
version => 0.1.0: present
argon2id: present
envelope encryption suites => xchacha20poly1305, aes256gcm: present
HS256, HS384, HS512, EdDSA: present
HMAC-SHA256 chain: present
soc2.password_memory_cost => 65536 => 65536: present
soc2.password_time_cost => 4 => 4: present
soc2.password_threads => 1 => 1: present
soc2.password_max_length => 4096 => 4096: present
