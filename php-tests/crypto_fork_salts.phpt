--TEST--
Forked processes never reuse a salt: parent and children (and grandchildren) draw their own (pcntl_fork)
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl_fork not available'); ?>
--FILE--
<?php
$ring = Soc2\Crypto\Keyring::create(Soc2\Crypto\MasterKey::generate(), 'aes256gcm');
$dir = sys_get_temp_dir() . '/soc2-fork-' . getmypid();
@mkdir($dir);
$salt = fn (string $ct) => bin2hex(substr($ct, 6, 24));    // FORMAT.md §3: salt at offset 6

// The parent draws first, so a batch of salts is buffered when it forks.
$mine = [$salt($ring->encryptBinary('parent'))];
$children = [];
for ($i = 0; $i < 4; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $out = [];
        for ($j = 0; $j < 10; $j++) { $out[] = $salt($ring->encryptBinary("child $i")); }
        // A grandchild forked before this child draws again must not reuse its batch either.
        $g = pcntl_fork();
        if ($g === 0) {
            $gs = [];
            for ($j = 0; $j < 10; $j++) { $gs[] = $salt($ring->encryptBinary("grandchild $i")); }
            file_put_contents("$dir/g$i", implode("\n", $gs));
            exit(0);
        }
        pcntl_waitpid($g, $st);
        file_put_contents("$dir/c$i", implode("\n", $out));
        exit(0);
    }
    $children[] = $pid;
}
for ($j = 0; $j < 10; $j++) { $mine[] = $salt($ring->encryptBinary('parent again')); }
foreach ($children as $pid) { pcntl_waitpid($pid, $status); }
$all = $mine;
foreach (glob("$dir/*") as $f) { $all = array_merge($all, explode("\n", file_get_contents($f))); unlink($f); }
rmdir($dir);
printf("%d salts from 9 processes, %d distinct\n", count($all), count(array_unique($all)));
?>
--EXPECT--
91 salts from 9 processes, 91 distinct
