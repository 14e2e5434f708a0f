--TEST--
Soc2\Crypto\Keyring encryptFile/decryptFile failure paths: missing or unreadable input, unwritable output, bad arguments; clear messages naming the path, $out untouched
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$dir = sys_get_temp_dir() . '/soc2-file-err-' . getmypid();
@mkdir($dir);
$ring = Keyring::create(MasterKey::generate());
file_put_contents("$dir/p", 'data');
file_put_contents("$dir/out", 'keep me');

function attempt(callable $f) {
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', str_replace($GLOBALS['dir'], 'DIR', $e->getMessage()), "\n";
    }
}
foreach (['encryptFile', 'decryptFile'] as $method) {
    echo "-- $method\n";
    attempt(fn() => $ring->$method("$dir/missing", "$dir/out"));
    attempt(fn() => $ring->$method($dir, "$dir/out"));
    attempt(fn() => $ring->$method("$dir/p", "$dir/no-such-dir/out"));
    attempt(fn() => $ring->$method("$dir/p", "$dir/p/out"));   // a file used as a directory
    attempt(fn() => $ring->$method("$dir/p", $dir));
    attempt(fn() => $ring->$method('', "$dir/out"));
    attempt(fn() => $ring->$method("$dir/p", ''));
    attempt(fn() => $ring->$method("$dir/p\0x", "$dir/out"));
    attempt(fn() => $ring->$method("$dir/p", "$dir/out", [1 => 'x']));
    attempt(fn() => $ring->$method("$dir/p", "$dir/out", ['a' => 1.5]));
    attempt(fn() => $ring->$method("$dir/p", "$dir/out", ['a' => null]));
}
// Reading a directory's worth of nothing: /dev/null is an empty, valid input to encrypt.
$ring->encryptFile('/dev/null', "$dir/empty.enc");
$ring->decryptFile("$dir/empty.enc", "$dir/empty");
var_dump(filesize("$dir/empty.enc"), file_get_contents("$dir/empty"));
// decryptFile of a plaintext file is a CryptoException, not an I/O error.
attempt(fn() => $ring->decryptFile("$dir/p", "$dir/out"));
var_dump(file_get_contents("$dir/out"));
var_dump(array_values(array_filter(scandir($dir), fn($f) => str_ends_with($f, '.tmp'))));
array_map('unlink', glob("$dir/*"));
rmdir($dir);
?>
--EXPECT--
-- encryptFile
Soc2\Exception: Soc2\Crypto\Keyring::encryptFile(): cannot open input file DIR/missing: No such file or directory
Soc2\Exception: Soc2\Crypto\Keyring::encryptFile(): input file DIR is a directory
Soc2\Exception: Soc2\Crypto\Keyring::encryptFile(): cannot create output file DIR/no-such-dir/out (a temporary file in its directory): No such file or directory
Soc2\Exception: Soc2\Crypto\Keyring::encryptFile(): cannot create output file DIR/p/out (a temporary file in its directory): Not a directory
Soc2\Exception: Soc2\Crypto\Keyring::encryptFile(): output file DIR is a directory
ValueError: Soc2\Crypto\Keyring::encryptFile(): Argument #1 ($in) cannot be empty
ValueError: Soc2\Crypto\Keyring::encryptFile(): Argument #2 ($out) cannot be empty
ValueError: Soc2\Crypto\Keyring::encryptFile(): Argument #1 ($in) must not contain any null bytes
ValueError: Soc2\Crypto\Keyring::encryptFile(): Argument #3 ($context) must have string keys, integer key 1 given
TypeError: Soc2\Crypto\Keyring::encryptFile(): Argument #3 ($context) values must be of type string|int, float given
TypeError: Soc2\Crypto\Keyring::encryptFile(): Argument #3 ($context) values must be of type string|int, null given
-- decryptFile
Soc2\Exception: Soc2\Crypto\Keyring::decryptFile(): cannot open input file DIR/missing: No such file or directory
Soc2\Exception: Soc2\Crypto\Keyring::decryptFile(): input file DIR is a directory
Soc2\Exception: Soc2\Crypto\Keyring::decryptFile(): cannot create output file DIR/no-such-dir/out (a temporary file in its directory): No such file or directory
Soc2\Exception: Soc2\Crypto\Keyring::decryptFile(): cannot create output file DIR/p/out (a temporary file in its directory): Not a directory
Soc2\Exception: Soc2\Crypto\Keyring::decryptFile(): output file DIR is a directory
ValueError: Soc2\Crypto\Keyring::decryptFile(): Argument #1 ($in) cannot be empty
ValueError: Soc2\Crypto\Keyring::decryptFile(): Argument #2 ($out) cannot be empty
ValueError: Soc2\Crypto\Keyring::decryptFile(): Argument #1 ($in) must not contain any null bytes
ValueError: Soc2\Crypto\Keyring::decryptFile(): Argument #3 ($context) must have string keys, integer key 1 given
TypeError: Soc2\Crypto\Keyring::decryptFile(): Argument #3 ($context) values must be of type string|int, float given
TypeError: Soc2\Crypto\Keyring::decryptFile(): Argument #3 ($context) values must be of type string|int, null given
int(95)
string(0) ""
Soc2\CryptoException: Decryption failed: the file is not a soc2 encrypted file, was modified or truncated, or the key or context is wrong
string(7) "keep me"
array(0) {
}
