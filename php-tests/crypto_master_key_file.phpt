--TEST--
Soc2\Crypto\MasterKey::fromFile() reads the export form and refuses files open to group or others, like ssh
--FILE--
<?php
use Soc2\Crypto\MasterKey;

$dir = sys_get_temp_dir() . '/soc2-mkfile-' . getmypid();
@mkdir($dir, 0700);
$path = "$dir/master.key";
$m = MasterKey::generate();
file_put_contents($path, $m->export() . "\n");

foreach ([0600, 0400, 0644, 0640, 0604, 0620, 0660] as $mode) {
    chmod($path, $mode);
    clearstatcache();
    try {
        $k = MasterKey::fromFile($path);
        printf("%04o ok same=%s\n", $mode, var_export($k->id() === $m->id(), true));
    } catch (Soc2\KeyException $e) {
        printf("%04o %s\n", $mode, str_replace($dir, 'DIR', $e->getMessage()));
    }
}
chmod($path, 0600);
foreach (['' => 'empty', "soc2mk1:short\n" => 'short', str_repeat('A', 5000) => 'huge'] as $content => $label) {
    file_put_contents($path, $content);
    try {
        MasterKey::fromFile($path);
    } catch (Soc2\KeyException $e) {
        echo "$label: ", str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
foreach (["$dir/missing.key", $dir] as $p) {
    try {
        MasterKey::fromFile($p);
    } catch (Soc2\KeyException $e) {
        echo str_replace($dir, 'DIR', $e->getMessage()), "\n";
    }
}
foreach (['', "a\0b"] as $p) {
    try {
        MasterKey::fromFile($p);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
unlink($path);
rmdir($dir);
?>
--EXPECT--
0600 ok same=true
0400 ok same=true
0644 Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is readable or writable by group or others (mode 0644); restrict it to its owner: chmod 600 DIR/master.key
0640 Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is readable or writable by group or others (mode 0640); restrict it to its owner: chmod 600 DIR/master.key
0604 Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is readable or writable by group or others (mode 0604); restrict it to its owner: chmod 600 DIR/master.key
0620 Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is readable or writable by group or others (mode 0620); restrict it to its owner: chmod 600 DIR/master.key
0660 Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is readable or writable by group or others (mode 0660); restrict it to its owner: chmod 600 DIR/master.key
empty: Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is empty
short: Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is not a master key (expected soc2mk1:<base64url> or base64 of 32 bytes)
huge: Soc2\Crypto\MasterKey::fromFile(): key file DIR/master.key is not a master key (too large)
Soc2\Crypto\MasterKey::fromFile(): cannot open key file DIR/missing.key: No such file or directory
Soc2\Crypto\MasterKey::fromFile(): key file DIR is not a regular file
Soc2\Crypto\MasterKey::fromFile(): Argument #1 ($path) cannot be empty
Soc2\Crypto\MasterKey::fromFile(): Argument #1 ($path) must not contain any null bytes
