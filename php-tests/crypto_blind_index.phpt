--TEST--
Soc2\Crypto\Keyring::blindIndex: deterministic, truncated to $bits, separated by name and keyring, stable across rotate() and rewrap, argument errors, sensitive value
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
$ring = Keyring::create($m);
$a = $ring->blindIndex('alice@example.com', 'users.email');
var_dump($a === $ring->blindIndex('alice@example.com', 'users.email'));
var_dump(preg_match('/^[0-9a-f]{8}$/', $a) === 1);
// Lengths: bits/4 hex digits; a shorter index is a prefix of a longer one.
$full = $ring->blindIndex('alice@example.com', 'users.email', 256);
$lens = [];
foreach ([16, 20, 32, 64, 128, 256] as $bits) {
    $x = $ring->blindIndex('alice@example.com', 'users.email', $bits);
    $lens[] = strlen($x) . (str_starts_with($full, $x) ? '' : '!');
}
echo implode(' ', $lens), "\n";
// Separation: other value, other name, other keyring.
var_dump($full !== $ring->blindIndex('alice@example.co', 'users.email', 256));
var_dump($full !== $ring->blindIndex('alice@example.com', 'users.login', 256));
var_dump($full !== Keyring::create($m)->blindIndex('alice@example.com', 'users.email', 256));
// Binary-safe values and names.
var_dump($ring->blindIndex("a\0b", 'n') !== $ring->blindIndex("a\0c", 'n'));
var_dump($ring->blindIndex('', "n\0x") !== $ring->blindIndex('', 'n'));
// Stable across rotation, reloading and rewrapping under another master key.
$ring->rotate('aes256gcm');
var_dump($ring->blindIndex('alice@example.com', 'users.email') === $a);
$m2 = MasterKey::generate();
$json2 = $ring->toJson($m2);
var_dump(Keyring::load($json2, $m2)->blindIndex('alice@example.com', 'users.email') === $a);
$path = sys_get_temp_dir() . '/soc2-bi-' . getmypid() . '.json';
$ring->save($path);
var_dump(Keyring::open($path, $m)->blindIndex('alice@example.com', 'users.email') === $a);
unlink($path);
// Truncation behaves as documented: 16-bit indexes of 5000 values collide,
// 64-bit ones do not.
$seen16 = $seen64 = [];
for ($i = 0; $i < 5000; $i++) {
    $seen16[$ring->blindIndex("user$i", 'n', 16)] = true;
    $seen64[$ring->blindIndex("user$i", 'n', 64)] = true;
}
echo count($seen16) < 5000 ? "16-bit collisions\n" : "no 16-bit collisions?\n";
var_dump(count($seen64));
// Errors.
foreach ([[0], [8], [15], [17], [30], [260], [-4], [PHP_INT_MAX]] as [$bits]) {
    try { $ring->blindIndex('v', 'n', $bits); echo "$bits accepted\n"; }
    catch (ValueError $e) { echo $e->getMessage(), "\n"; break; }
}
$rejected = 0;
foreach ([0, 8, 15, 17, 30, 260, -4, PHP_INT_MAX] as $bits) {
    try { $ring->blindIndex('v', 'n', $bits); } catch (ValueError) { $rejected++; }
}
echo "$rejected/8 bad bits rejected\n";
foreach (['', str_repeat('x', 256)] as $name) {
    try { $ring->blindIndex('v', $name); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
}
var_dump(strlen($ring->blindIndex('v', str_repeat('x', 255))));
// The value never appears in a stack trace.
try { $ring->blindIndex('secret@example.com', ''); } catch (ValueError $e) {
    echo str_contains($e->getTraceAsString(), 'secret@') ? "value leaked in trace\n" : "trace redacted\n";
    echo $e->getTraceAsString(), "\n";
}
?>
--EXPECTF--
bool(true)
bool(true)
4 5 8 16 32 64
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
16-bit collisions
int(5000)
Soc2\Crypto\Keyring::blindIndex(): Argument #3 ($bits) must be a multiple of 4 between 16 and 256
8/8 bad bits rejected
Soc2\Crypto\Keyring::blindIndex(): Argument #2 ($name) must be 1 to 255 bytes long
Soc2\Crypto\Keyring::blindIndex(): Argument #2 ($name) must be 1 to 255 bytes long
int(8)
trace redacted
#0 %s(%d): Soc2\Crypto\Keyring->blindIndex(Object(SensitiveParameterValue), '')
#1 {main}
