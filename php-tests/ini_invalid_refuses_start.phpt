--TEST--
An invalid soc2 setting in php.ini stops the module from starting with a clear message (no silent fallback)
--SKIPIF--
<?php if (!getenv('SOC2_SO')) die('skip SOC2_SO not set'); ?>
--FILE--
<?php
foreach (['soc2.password_time_cost=0', 'soc2.password_memory_cost=lots', 'soc2.password_threads=65',
          'soc2.password_max_length=0', 'soc2.password_memory_cost=8 -d soc2.password_threads=2'] as $setting) {
    $cmd = escapeshellarg(PHP_BINARY) . ' -n -d extension=' . escapeshellarg(getenv('SOC2_SO'))
         . ' -d ' . $setting . ' -r ' . escapeshellarg('echo "running\n";') . ' 2>&1';
    exec($cmd, $out, $code);
    echo $setting, " => exit ", $code, "\n  ", implode("\n  ", array_filter($out)), "\n";
    $out = [];
}
?>
--EXPECTF--
soc2.password_time_cost=0 => exit %d
  %Ssoc2: invalid php.ini setting: soc2.password_time_cost must be an integer between 1 and 64%S
  %SUnable to start soc2 module%S
soc2.password_memory_cost=lots => exit %d
  %Ssoc2: invalid php.ini setting: soc2.password_memory_cost must be an integer between 8 and 1048576%S
  %SUnable to start soc2 module%S
soc2.password_threads=65 => exit %d
  %Ssoc2: invalid php.ini setting: soc2.password_threads must be an integer between 1 and 64%S
  %SUnable to start soc2 module%S
soc2.password_max_length=0 => exit %d
  %Ssoc2: invalid php.ini setting: soc2.password_max_length must be an integer between 1 and 1048576%S
  %SUnable to start soc2 module%S
soc2.password_memory_cost=8 -d soc2.password_threads=2 => exit %d
  %Ssoc2: invalid php.ini setting: soc2.password_* settings: option "memory_cost" must be at least 8 KiB per thread (16 KiB for 2 threads)%S
  %SUnable to start soc2 module%S
