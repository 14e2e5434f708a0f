--TEST--
Soc2\Crypto\Keyring encryptFile/decryptFile use constant memory: a 48 MiB file raises the peak RSS by far less than its size (bench/files.php measures 256 MiB)
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

function peak_rss_kib(): int {
    preg_match('/^VmHWM:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m);
    return (int) $m[1];
}
$dir = sys_get_temp_dir() . '/soc2-file-mem-' . getmypid();
@mkdir($dir);
$ring = Keyring::create(MasterKey::generate(), 'aes256gcm');
// Written in 1 MiB pieces so PHP itself never holds the file.
$f = fopen("$dir/p", 'wb');
$chunk = random_bytes(1 << 20);
for ($i = 0; $i < 48; $i++) fwrite($f, $chunk);
fclose($f);
$before = peak_rss_kib();
$ring->encryptFile("$dir/p", "$dir/e", ['id' => 1]);
$ring->decryptFile("$dir/e", "$dir/d", ['id' => 1]);
$growth = peak_rss_kib() - $before;
echo $growth < 8 * 1024 ? "peak RSS growth under 8 MiB\n" : "peak RSS grew by $growth KiB\n";
var_dump(filesize("$dir/d") === 48 << 20, md5_file("$dir/d") === md5_file("$dir/p"));
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
peak RSS growth under 8 MiB
bool(true)
bool(true)
