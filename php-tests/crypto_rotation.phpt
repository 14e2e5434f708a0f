--TEST--
rotate, needsReencrypt, reencrypt (lazy migration), and rewrapping under a new master key touches no ciphertext
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m1 = MasterKey::generate();
$ring = Keyring::create($m1);
$old = $ring->primaryId();
$ctx = ['table' => 't', 'id' => 1];
$text = $ring->encrypt('v1', $ctx);
$bin = $ring->encryptBinary('v1', $ctx);
var_dump($ring->needsReencrypt($text), $ring->needsReencrypt($bin));

$new = $ring->rotate('aes256gcm');
var_dump($new !== $old, $ring->primaryId() === $new);
echo json_encode(array_map(fn ($k) => [$k['suite'], $k['status'], $k['primary']], $ring->keys())), "\n";
var_dump($ring->needsReencrypt($text), $ring->needsReencrypt($bin));
var_dump($ring->decrypt($text, $ctx), $ring->decryptBinary($bin, $ctx));

$text2 = $ring->reencrypt($text, $ctx);
$bin2 = $ring->reencrypt($bin, $ctx);
var_dump(str_starts_with($text2, 'soc2e1:'), ord($bin2[0]), ord($bin2[1]));
var_dump($ring->needsReencrypt($text2), $ring->needsReencrypt($bin2), $ring->decrypt($text2, $ctx), $ring->decryptBinary($bin2, $ctx));
try {
    $ring->reencrypt($text, ['table' => 't', 'id' => 2]);
} catch (Soc2\CryptoException $e) {
    echo "reencrypt with the wrong context: ", get_class($e), "\n";
}
foreach (['', 'garbage', 'soc2e1:AAAA'] as $g) {
    try {
        $ring->needsReencrypt($g);
    } catch (Soc2\CryptoException $e) {
        echo "needsReencrypt(", var_export($g, true), "): ", get_class($e), "\n";
    }
}
try {
    Keyring::create($m1)->needsReencrypt($text);
} catch (Soc2\UnknownKeyException $e) {
    echo "needsReencrypt with a foreign key: UnknownKeyException\n";
}
// Rotation without a suite keeps the primary's suite.
$ring->rotate();
echo json_encode(array_column($ring->keys(), 'suite')), "\n";

// Rewrap under a new master key: the document changes, the data keys and ciphertexts do not.
$m2 = MasterKey::generate();
$json2 = $ring->toJson($m2);
var_dump(json_decode($json2, true)['master_key_id'] === $m2->id());
$ring2 = Keyring::load($json2, $m2);
var_dump($ring2->decrypt($text, $ctx), $ring2->decryptBinary($bin2, $ctx), $ring2->primaryId() === $ring->primaryId());
try {
    Keyring::load($json2, $m1);
} catch (Soc2\KeyException $e) {
    echo "old master refused\n";
}
$path = sys_get_temp_dir() . '/soc2-rewrap-' . getmypid() . '.json';
$ring->save($path, $m2);
var_dump(Keyring::open($path, $m2)->decrypt($text2, $ctx));
// The object itself stays under the master key it was opened with.
var_dump(json_decode($ring->toJson(), true)['master_key_id'] === $m1->id());
unlink($path);
?>
--EXPECT--
bool(false)
bool(false)
bool(true)
bool(true)
[["xchacha20poly1305","retired",false],["aes256gcm","active",true]]
bool(true)
bool(true)
string(2) "v1"
string(2) "v1"
bool(true)
int(1)
int(2)
bool(false)
bool(false)
string(2) "v1"
string(2) "v1"
reencrypt with the wrong context: Soc2\CryptoException
needsReencrypt(''): Soc2\CryptoException
needsReencrypt('garbage'): Soc2\CryptoException
needsReencrypt('soc2e1:AAAA'): Soc2\CryptoException
needsReencrypt with a foreign key: UnknownKeyException
["xchacha20poly1305","aes256gcm","aes256gcm"]
bool(true)
string(2) "v1"
string(2) "v1"
bool(true)
old master refused
string(2) "v1"
bool(true)
