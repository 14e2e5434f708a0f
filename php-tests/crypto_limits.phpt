--TEST--
Plaintext maximum (64 MiB) gives ValueError; wrong argument types give TypeError
--INI--
memory_limit=-1
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};
$ring = Keyring::create(MasterKey::generate(), 'aes256gcm');
$max = 64 * 1024 * 1024;
$big = str_repeat('a', $max);
var_dump(strlen($ring->decryptBinary($ring->encryptBinary($big))) === $max);
$big .= 'a';
foreach (['encrypt', 'encryptBinary'] as $method) {
    try {
        $ring->$method($big);
    } catch (ValueError $e) {
        echo $e->getMessage(), "\n";
    }
}
unset($big);
foreach ([
    fn () => $ring->encrypt([]),
    fn () => $ring->encrypt('x', 'ctx'),
    fn () => $ring->decrypt(new stdClass()),
    fn () => $ring->decryptBinary('x', 5),
    fn () => $ring->rotate([]),
    fn () => $ring->needsReencrypt(null),
    fn () => MasterKey::fromFile([]),
] as $f) {
    try {
        $f();
        echo "accepted?!\n";
    } catch (TypeError $e) {
        echo "TypeError\n";
    }
}
?>
--EXPECT--
bool(true)
Soc2\Crypto\Keyring::encrypt(): Argument #1 ($plaintext) must not be longer than 67108864 bytes
Soc2\Crypto\Keyring::encryptBinary(): Argument #1 ($plaintext) must not be longer than 67108864 bytes
TypeError
TypeError
TypeError
TypeError
TypeError
TypeError
TypeError
