--TEST--
Soc2\Crypto\Keyring encryptFile/decryptFile round trips: sizes around segment boundaries, both suites, context, in place, rotation, mode 0600
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$dir = sys_get_temp_dir() . '/soc2-file-rt-' . getmypid();
@mkdir($dir);
$m = MasterKey::generate();
$seg = 65536;
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    $ring = Keyring::create($m, $suite);
    $ok = 0;
    $sizes = [0, 1, 100, $seg - 1, $seg, $seg + 1, 2 * $seg, 3 * $seg + 5, 1048576 + 3];
    foreach ($sizes as $n) {
        $pt = $n ? random_bytes($n) : '';
        file_put_contents("$dir/p", $pt);
        $ctx = ['table' => 'documents', 'id' => $n];
        $ring->encryptFile("$dir/p", "$dir/e", $ctx);
        $segments = max(1, intdiv($n + $seg - 1, $seg));
        $enc = file_get_contents("$dir/e");
        $good = strlen($enc) === 79 + $n + 16 * $segments
            && substr($enc, 0, 6) === "soc2f\x01"
            && ord($enc[6]) === ($suite === 'aes256gcm' ? 2 : 1)
            && substr($enc, 7, 4) === hex2bin($ring->primaryId());
        // An int and its decimal string are the same context value.
        $ring->decryptFile("$dir/e", "$dir/d", ['id' => (string) $n, 'table' => 'documents']);
        $good = $good && file_get_contents("$dir/d") === $pt;
        // Fresh salt: encrypting twice gives different files.
        $ring->encryptFile("$dir/p", "$dir/e2", $ctx);
        $good = $good && file_get_contents("$dir/e2") !== $enc;
        $ok += $good ? 1 : 0;
        if (!$good) echo "$suite $n FAILED\n";
    }
    echo "$suite: $ok/", count($sizes), "\n";
}

// Output files are private; an existing output is replaced.
printf("modes %o %o\n", fileperms("$dir/e") & 0777, fileperms("$dir/d") & 0777);
file_put_contents("$dir/d", str_repeat('old', 1000));
$ring->decryptFile("$dir/e", "$dir/d", ['table' => 'documents', 'id' => 1048579]);
var_dump(strlen(file_get_contents("$dir/d")));

// In place: $in === $out.
file_put_contents("$dir/same", 'in place');
$ring->encryptFile("$dir/same", "$dir/same");
var_dump(substr(file_get_contents("$dir/same"), 0, 5));
$ring->decryptFile("$dir/same", "$dir/same");
var_dump(file_get_contents("$dir/same"));

// After rotation, older files still decrypt; the keyring reloaded from JSON too.
file_put_contents("$dir/p", 'before rotation');
$ring->encryptFile("$dir/p", "$dir/old");
$ring->rotate();
$ring2 = Keyring::load($ring->toJson(), $m);
$ring2->decryptFile("$dir/old", "$dir/d");
var_dump(file_get_contents("$dir/d"));

// Relative paths work (the temporary file goes to the current directory).
chdir($dir);
$ring->encryptFile('p', 'rel.enc');
$ring->decryptFile('rel.enc', 'rel.dec');
var_dump(file_get_contents('rel.dec'));

// No temporary file is left anywhere.
$left = array_values(array_filter(scandir($dir), fn($f) => str_ends_with($f, '.tmp')));
var_dump($left);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
xchacha20poly1305: 9/9
aes256gcm: 9/9
modes 600 600
int(1048579)
string(5) "soc2f"
string(8) "in place"
string(15) "before rotation"
string(15) "before rotation"
array(0) {
}
