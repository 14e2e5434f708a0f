--TEST--
Every single-byte change of a short ciphertext (binary: exhaustively; text: every position) is rejected; garbage, empty, truncated, unknown and wrong keys too
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$m = MasterKey::generate();
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    $ring = Keyring::create($m, $suite);
    $ctx = ['id' => 7];
    $bin = $ring->encryptBinary('hi!', $ctx);
    $messages = [];
    $rejected = 0;
    $total = 0;
    for ($i = 0; $i < strlen($bin); $i++) {
        for ($d = 1; $d < 256; $d++) {
            $bad = $bin;
            $bad[$i] = chr((ord($bin[$i]) + $d) & 0xff);
            $total++;
            try {
                $ring->decryptBinary($bad, $ctx);
            } catch (Soc2\UnknownKeyException $e) {
                $rejected++;
                $messages['UnknownKeyException (key id bytes ' . ($i >= 2 && $i < 6 ? 'yes' : 'NO') . ')'] = 1;
            } catch (Soc2\CryptoException $e) {
                $rejected++;
                $messages[$e->getMessage()] = 1;
            }
        }
    }
    echo "$suite binary: $rejected/$total rejected\n";
    ksort($messages);
    echo '  ', implode("\n  ", array_keys($messages)), "\n";

    $text = $ring->encrypt('hi!', $ctx);
    $rejected = $total = 0;
    $alphabet = 'ABCxyz019-_+/=.: ' . "\0\xff";
    for ($i = 0; $i < strlen($text); $i++) {
        foreach (str_split($alphabet) as $c) {
            if ($c === $text[$i]) {
                continue;
            }
            $bad = $text;
            $bad[$i] = $c;
            $total++;
            try {
                $ring->decrypt($bad, $ctx);
            } catch (Soc2\CryptoException $e) {
                $rejected++;
            }
        }
    }
    echo "$suite text: ", $rejected === $total ? 'all' : "ONLY $rejected of $total", " single-character changes rejected\n";

    $garbage = ['', 'soc2e1:', 'soc2e1', 'hello', substr($text, 0, -1), substr($text, 0, 40), $text . 'A', $text . '=',
                strtoupper($text), "\x01", substr($bin, 0, -1), substr($bin, 0, 77), $bin . "\0", random_bytes(200),
                str_repeat("\x01", 100), 'soc2e2' . substr($text, 6)];
    $n = 0;
    foreach ($garbage as $g) {
        foreach (['decrypt', 'decryptBinary'] as $method) {
            try {
                $ring->$method($g, $ctx);
            } catch (Soc2\CryptoException $e) {
                $n++;
            }
        }
    }
    echo "$suite garbage: $n/", 2 * count($garbage), " rejected\n";
}

// A ciphertext from another keyring names a key this one does not hold.
$a = Keyring::create($m);
$b = Keyring::create($m);
$ct = $a->encrypt('x');
try {
    $b->decrypt($ct);
} catch (Soc2\UnknownKeyException $e) {
    echo get_class($e), ' names the id: ', var_export(str_contains($e->getMessage(), '"' . $a->primaryId() . '"'), true), "\n";
    var_dump($e instanceof Soc2\CryptoException);
}
// Same key id, different key bytes (wrong key): the key commitment refuses it.
$forged = $a->encryptBinary('x');
$forged = substr($forged, 0, 2) . hex2bin($b->primaryId()) . substr($forged, 6);
try {
    $b->decryptBinary($forged);
} catch (Soc2\CryptoException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
?>
--EXPECT--
xchacha20poly1305 binary: 20655/20655 rejected
  Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
  UnknownKeyException (key id bytes yes)
xchacha20poly1305 text: all single-character changes rejected
xchacha20poly1305 garbage: 32/32 rejected
aes256gcm binary: 20655/20655 rejected
  Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
  UnknownKeyException (key id bytes yes)
aes256gcm text: all single-character changes rejected
aes256gcm garbage: 32/32 rejected
Soc2\UnknownKeyException names the id: true
bool(true)
Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
