<?php
// Envelope encryption: Soc2\Crypto\Keyring encrypt+decrypt (with a row context)
// against the guide's openssl aes-256-cbc + base64(ct.'::'.iv) pattern, libsodium's
// XChaCha20-Poly1305 and openssl_encrypt('aes-256-gcm'), each doing one encrypt and
// one decrypt per call. Targets: >= 2x the CBC pattern at 100 bytes;
// >= 1x openssl aes-256-gcm at 1 MiB in the aes256gcm suite.
require_once __DIR__ . '/lib.inc';

$key = random_bytes(32);
$master = Soc2\Crypto\MasterKey::generate();
$rings = [
    'xchacha20poly1305' => Soc2\Crypto\Keyring::create($master, 'xchacha20poly1305'),
    'aes256gcm' => Soc2\Crypto\Keyring::create($master, 'aes256gcm'),
];

// The guide's pattern, verbatim in spirit: no authentication, no key ids.
$cbc = function (string $x) use ($key): string {
    $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('aes-256-cbc'));
    $encrypted = openssl_encrypt($x, 'aes-256-cbc', $key, 0, $iv);
    $data = base64_encode($encrypted . '::' . $iv);
    [$enc, $iv2] = explode('::', base64_decode($data), 2);
    return openssl_decrypt($enc, 'aes-256-cbc', $key, 0, $iv2);
};
$sodium = function (string $x, string $aad) use ($key): string {
    $nonce = random_bytes(SODIUM_CRYPTO_AEAD_XCHACHA20POLY1305_IETF_NPUBBYTES);
    $ct = sodium_crypto_aead_xchacha20poly1305_ietf_encrypt($x, $aad, $nonce, $key);
    return sodium_crypto_aead_xchacha20poly1305_ietf_decrypt($ct, $aad, $nonce, $key);
};
$gcm = function (string $x, string $aad) use ($key): string {
    $iv = random_bytes(12);
    $ct = openssl_encrypt($x, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag, $aad);
    return openssl_decrypt($ct, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag, $aad);
};

// Sanity: every contestant round-trips.
$probe = random_bytes(100);
foreach ($rings as $ring) {
    assert($ring->decrypt($ring->encrypt($probe, ['id' => 1]), ['id' => 1]) === $probe);
}
if ($cbc($probe) !== $probe || $sodium($probe, 'a') !== $probe || $gcm($probe, 'a') !== $probe) {
    throw new RuntimeException('a peer does not round-trip');
}

$record = random_bytes(100);
foreach ($rings as $suite => $ring) {
    bench_compare('crypto', "encrypt+decrypt 100 B ($suite, text, context)",
        function ($i) use ($ring, $record) {
            $ctx = ['table' => 'users', 'column' => 'ssn', 'id' => $i];
            return $ring->decrypt($ring->encrypt($record, $ctx), $ctx);
        },
        [
            'openssl aes-256-cbc + base64 (guide)' => fn ($i) => $cbc($record),
            'sodium xchacha20poly1305_ietf' => fn ($i) => $sodium($record, "users|ssn|$i"),
            'openssl_encrypt aes-256-gcm' => fn ($i) => $gcm($record, "users|ssn|$i"),
        ],
        iterations: 20000, target: 2.0, targetPeer: 'openssl aes-256-cbc + base64 (guide)');
}

$mib = random_bytes(1 << 20);
foreach ($rings as $suite => $ring) {
    bench_compare('crypto', "encrypt+decrypt 1 MiB ($suite, binary)",
        fn ($i) => $ring->decryptBinary($ring->encryptBinary($mib, ['id' => 1]), ['id' => 1]),
        [
            'openssl_encrypt aes-256-gcm' => fn ($i) => $gcm($mib, 'id=1'),
            'sodium xchacha20poly1305_ietf' => fn ($i) => $sodium($mib, 'id=1'),
            'openssl aes-256-cbc + base64 (guide)' => fn ($i) => $cbc($mib),
        ],
        iterations: 20, target: $suite === 'aes256gcm' ? 1.0 : null, targetPeer: 'openssl_encrypt aes-256-gcm');
}
