--TEST--
Soc2\Crypto\Legacy::decryptOpensslCbc reads exactly what the openssl_encrypt aes-256-cbc + base64('::' iv) snippet writes: many sizes, short/long keys; every failure is one CryptoException (no padding oracle)
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
use Soc2\Crypto\Legacy;

// The snippet from PHP audit-preparation guides, verbatim.
function legacy_encrypt(string $plaintext, string $encryption_key): string {
    $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('aes-256-cbc'));
    $encrypted = openssl_encrypt($plaintext, 'aes-256-cbc', $encryption_key, 0, $iv);
    $encrypted_data = base64_encode($encrypted . '::' . $iv);
    return $encrypted_data;
}
// ...and its usual counterpart, to show the blobs are the genuine article.
function legacy_decrypt(string $data, string $encryption_key): string|false {
    [$encrypted, $iv] = array_pad(explode('::', base64_decode($data), 2), 2, null);
    return openssl_decrypt($encrypted, 'aes-256-cbc', $encryption_key, 0, $iv);
}

mt_srand(3);
$keyLengths = [1, 8, 16, 24, 31, 32, 33, 48, 64, 100];
$sizes = array_merge(range(0, 70), [100, 255, 256, 1000, 4095, 65536, 100003]);
$total = $ok = $peer = 0;
foreach ($keyLengths as $kl) {
    $key = random_bytes($kl);
    foreach ($sizes as $n) {
        $pt = $n ? random_bytes($n) : '';
        $blob = @legacy_encrypt($pt, $key); // long keys: openssl warns about truncation
        $total++;
        $ok += Legacy::decryptOpensslCbc($blob, $key) === $pt ? 1 : 0;
        if (!str_contains(substr(base64_decode($blob), -16), '::')) {
            $peer += @legacy_decrypt($blob, $key) === $pt ? 1 : 0;
        } else {
            $peer++; // the explode() counterpart breaks on such IVs; soc2 does not
        }
    }
}
echo "$ok/$total decrypted ($peer/$total by openssl_decrypt)\n";

// Key handling: a short key is zero-padded, a long one truncated to 32 bytes.
$blob = legacy_encrypt('padded', 'k');
var_dump(Legacy::decryptOpensslCbc($blob, "k" . str_repeat("\0", 31)));
$long = str_repeat('L', 32);
$blob = @legacy_encrypt('truncated', $long . 'extra bytes');
var_dump(Legacy::decryptOpensslCbc($blob, $long));
var_dump(Legacy::decryptOpensslCbc(legacy_encrypt('text', 'key') . "\n", 'key')); // a trailing newline from a dump

// Failures: wrong key, tampering, malformed input. One class, one message.
$key = random_bytes(32);
$good = legacy_encrypt('the secret is 42', $key);
$raw = base64_decode($good);
[$inner, $iv] = [substr($raw, 0, -18), substr($raw, -16)];
$ct = base64_decode($inner);
$reblob = fn(string $ct, string $iv) => base64_encode(base64_encode($ct) . '::' . $iv);
$bad = [
    'wrong key' => [$good, random_bytes(32)],
    'empty blob' => ['', $key],
    'not base64' => ['***', $key],
    'no separator' => [base64_encode($inner . $iv), $key],
    'no iv' => [base64_encode($inner . '::'), $key],
    'short iv' => [base64_encode($inner . '::' . substr($iv, 0, 8)), $key],
    'inner not base64' => [base64_encode('%%%%::' . $iv), $key],
    'partial block' => [$reblob(substr($ct, 0, 17), $iv), $key],
    'no ciphertext' => [$reblob('', $iv), $key],
];
// Padding-oracle probes: change the last byte of the next-to-last block (or
// the IV) so the padding byte takes every value; all must look alike.
for ($v = 0; $v < 256; $v++) {
    $ivx = $iv;
    $ivx[15] = chr($v);
    $bad["iv byte 15 = $v"] = [$reblob($ct, $ivx), $key];
}
$messages = [];
$accepted = 0;
foreach ($bad as $name => [$blob, $k]) {
    try {
        Legacy::decryptOpensslCbc($blob, $k);
        $accepted++; // CBC has no integrity: a changed IV can still have valid padding
    } catch (Throwable $e) {
        $messages[get_class($e) . ': ' . $e->getMessage()] = true;
    }
}
echo count($bad), " bad inputs, ", count($messages), " distinct error(s), $accepted decrypted to other bytes:\n";
echo implode("\n", array_keys($messages)), "\n";

// The key never appears in a stack trace; the class is not instantiable.
try { Legacy::decryptOpensslCbc('bad', 'my-legacy-key'); } catch (Soc2\CryptoException $e) {
    echo str_contains($e->getTraceAsString(), 'my-legacy') ? "key leaked\n" : "trace redacted\n";
}
try { new Legacy(); echo "instantiated\n"; } catch (Throwable $e) { echo get_class($e), "\n"; }
?>
--EXPECTF--
780/780 decrypted (780/780 by openssl_decrypt)
string(6) "padded"
string(9) "truncated"
string(4) "text"
265 bad inputs, 1 distinct error(s), %d decrypted to other bytes:
Soc2\CryptoException: Soc2\Crypto\Legacy::decryptOpensslCbc(): Decryption failed: the blob is not an openssl aes-256-cbc blob of this form, was modified, or the key is wrong
trace redacted
Exception
