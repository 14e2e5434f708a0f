--TEST--
Soc2\Crypto\Keyring encrypt/decrypt and encryptBinary/decryptBinary round trips, both suites, 0 bytes to several MiB
--INI--
memory_limit=512M
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
mt_srand(7);
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    $ring = Keyring::create($m, $suite);
    $sizes = [0, 1, 2, 15, 16, 17, 100, 1000, 4095, 65536, 3 * 1024 * 1024 + 7];
    for ($i = 0; $i < 8; $i++) {
        $sizes[] = mt_rand(0, 200000);
    }
    $ok = 0;
    foreach ($sizes as $n) {
        $pt = $n > 0 ? random_bytes($n) : "";
        $ctx = ['table' => 'users', 'column' => 'ssn', 'id' => $n];
        $text = $ring->encrypt($pt, $ctx);
        $bin = $ring->encryptBinary($pt, $ctx);
        $good = str_starts_with($text, 'soc2e1:')
            && preg_match('/^soc2e1:[A-Za-z0-9_-]*$/', $text)
            && strlen($bin) === $n + 78
            && ord($bin[0]) === 1
            && $ring->decrypt($text, $ctx) === $pt
            && $ring->decryptBinary($bin, $ctx) === $pt
            && $ring->encrypt($pt, $ctx) !== $text; // fresh salt every time
        $ok += $good ? 1 : 0;
        if (!$good) {
            echo "$suite size $n FAILED\n";
        }
    }
    echo "$suite: $ok/", count($sizes), " round trips; suite byte ", ord($ring->encryptBinary('x')[1]), "\n";
}
// Text in, text out; binary in, binary out; not interchangeable.
$ring = Keyring::create($m);
try {
    $ring->decrypt($ring->encryptBinary('x'));
} catch (Soc2\CryptoException $e) {
    echo "binary given to decrypt(): ", get_class($e), "\n";
}
try {
    $ring->decryptBinary($ring->encrypt('x'));
} catch (Soc2\CryptoException $e) {
    echo "text given to decryptBinary(): ", get_class($e), "\n";
}
var_dump($ring->decrypt($ring->encrypt("with\0nul\xff bytes")) === "with\0nul\xff bytes");
?>
--EXPECT--
xchacha20poly1305: 19/19 round trips; suite byte 1
aes256gcm: 19/19 round trips; suite byte 2
binary given to decrypt(): Soc2\CryptoException
text given to decryptBinary(): Soc2\CryptoException
bool(true)
