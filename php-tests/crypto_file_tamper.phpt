--TEST--
Soc2\Crypto\Keyring::decryptFile detects truncation, dropped/reordered/duplicated segments, appending, byte flips, swapped files and wrong context; $out untouched, no temporary file left
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$dir = sys_get_temp_dir() . '/soc2-file-tamper-' . getmypid();
@mkdir($dir);
$m = MasterKey::generate();
$ring = Keyring::create($m);
$S = 65536 + 16;
$P = 79;
file_put_contents("$dir/p", random_bytes(4 * 65536 + 1000)); // 5 segments
$ctx = ['user' => 7, 'file' => 'scan.pdf'];
$ring->encryptFile("$dir/p", "$dir/e", $ctx);
$enc = file_get_contents("$dir/e");
$head = substr($enc, 0, $P);
$segs = str_split(substr($enc, $P), $S);
echo count($segs), " segments\n";

file_put_contents("$dir/p2", random_bytes(4 * 65536 + 1000));
$ctxB = ['user' => 8, 'file' => 'scan.pdf'];
$ring->encryptFile("$dir/p2", "$dir/e2", $ctxB);
$enc2 = file_get_contents("$dir/e2");

$build = fn(array $order) => $head . implode('', array_map(fn($i) => $segs[$i], $order));
$cases = [
    'truncated at a segment boundary' => $build([0, 1, 2, 3]),
    'truncated after the first segment' => $build([0]),
    'truncated inside a segment' => substr($enc, 0, $P + 2 * $S + 100),
    'truncated to the header' => $head,
    'truncated inside the header' => substr($enc, 0, 40),
    'empty file' => '',
    'middle segment dropped' => $build([0, 1, 3, 4]),
    'first segment dropped' => $build([1, 2, 3, 4]),
    'segments reordered' => $build([0, 2, 1, 3, 4]),
    'segment duplicated' => $build([0, 1, 1, 2, 3, 4]),
    'last segment duplicated' => $build([0, 1, 2, 3, 4, 4]),
    'one byte appended' => $enc . "\0",
    'a segment appended' => $enc . $segs[1],
    'another file appended' => $enc . substr($enc2, $P),
    'byte flipped in the header' => substr_replace($enc, chr(ord($enc[20]) ^ 1), 20, 1),
    'byte flipped in the commitment' => substr_replace($enc, chr(ord($enc[60]) ^ 1), 60, 1),
    'byte flipped in a segment' => substr_replace($enc, chr(ord($enc[$P + $S + 5]) ^ 1), $P + $S + 5, 1),
    'byte flipped in the last tag' => substr_replace($enc, chr(ord($enc[-1]) ^ 0x80), -1, 1),
    'segment size changed' => substr_replace($enc, pack('N', 32768), 11, 4),
    'suite changed' => substr_replace($enc, "\x02", 6, 1),
    'version changed' => substr_replace($enc, "\x02", 5, 1),
    'segment from the other file spliced in' => $build([0, 1]) . str_split(substr($enc2, $P), $S)[2] . $segs[3] . $segs[4],
    'other file under this context' => $enc2,
    'not a soc2 file' => str_repeat('plain text ', 1000),
];
$messages = [];
foreach ($cases as $name => $bytes) {
    file_put_contents("$dir/bad", $bytes);
    file_put_contents("$dir/out", 'previous content');
    try {
        $ring->decryptFile("$dir/bad", "$dir/out", $ctx);
        echo "$name: NOT DETECTED\n";
    } catch (Soc2\CryptoException $e) {
        $messages[get_class($e) . ': ' . $e->getMessage()] = true;
        if (file_get_contents("$dir/out") !== 'previous content') echo "$name: OUTPUT CHANGED\n";
    }
}
echo count($cases), " cases detected with ", count($messages), " distinct message(s):\n", implode("\n", array_keys($messages)), "\n";

// The files decrypt only under their own context (swap between rows).
foreach ([["$dir/e", $ctxB], ["$dir/e", []], ["$dir/e2", $ctx], ["$dir/e", ['user' => '07', 'file' => 'scan.pdf']]] as [$f, $c]) {
    try {
        $ring->decryptFile($f, "$dir/out", $c);
        echo "wrong context accepted\n";
    } catch (Soc2\CryptoException $e) {
        echo get_class($e), "\n";
    }
}
// A missing output is not created by a failed decryption.
file_put_contents("$dir/bad", $build([0, 1, 2, 3]));
try { $ring->decryptFile("$dir/bad", "$dir/never", $ctx); } catch (Soc2\CryptoException) {}
var_dump(file_exists("$dir/never"));

// Another keyring: the key id is named.
try {
    Keyring::create($m)->decryptFile("$dir/e", "$dir/out", $ctx);
} catch (Soc2\UnknownKeyException $e) {
    echo get_class($e), ': ', str_replace($ring->primaryId(), 'ID', $e->getMessage()), "\n";
}
// A key id changed in the header names an unknown key too.
file_put_contents("$dir/bad", substr_replace($enc, "\0\0\0\0", 7, 4));
try { $ring->decryptFile("$dir/bad", "$dir/out", $ctx); } catch (Soc2\UnknownKeyException $e) { echo "unknown key 00000000\n"; }

$ring->decryptFile("$dir/e", "$dir/out", $ctx);
var_dump(file_get_contents("$dir/out") === file_get_contents("$dir/p"));
var_dump(array_values(array_filter(scandir($dir), fn($f) => str_ends_with($f, '.tmp'))));
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
5 segments
24 cases detected with 1 distinct message(s):
Soc2\CryptoException: Decryption failed: the file is not a soc2 encrypted file, was modified or truncated, or the key or context is wrong
Soc2\CryptoException
Soc2\CryptoException
Soc2\CryptoException
Soc2\CryptoException
bool(false)
Soc2\UnknownKeyException: Soc2\Crypto\Keyring::decryptFile(): the file was encrypted with key "ID", which is not in this keyring
unknown key 00000000
bool(true)
array(0) {
}
