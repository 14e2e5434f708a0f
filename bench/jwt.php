<?php
// JWT sign + verify round trips: Soc2\Jwt against a pure-PHP implementation
// built from PHP's own functions the way popular PHP JWT libraries do it
// (json_encode + base64 + hash_hmac to sign; explode, base64_decode,
// json_decode, hash_equals and the time checks to verify; plus the iss/aud
// checks an application adds). Same claims, same work on both sides.
// Target (DESIGN.md): HS256 sign+verify >= 5x the pure-PHP implementation.
require_once __DIR__ . '/lib.inc';

use Soc2\Jwt\{Jwt, Keys};

function purephp_b64e(string $s): string { return str_replace('=', '', strtr(base64_encode($s), '+/', '-_')); }
function purephp_b64d(string $s): string|false
{
    $pad = strlen($s) % 4;
    if ($pad) { $s .= str_repeat('=', 4 - $pad); }
    return base64_decode(strtr($s, '-_', '+/'));
}

/** Signs like firebase/php-jwt's encode(), with iat/exp/jti set by the caller's code. */
function purephp_sign(array $claims, array $keys, string $kid, string $alg, int $ttl): string
{
    static $hashes = ['HS256' => 'sha256', 'HS384' => 'sha384', 'HS512' => 'sha512'];
    $now = time();
    $claims += ['iat' => $now, 'exp' => $now + $ttl, 'jti' => purephp_b64e(random_bytes(16))];
    $input = purephp_b64e(json_encode(['typ' => 'JWT', 'alg' => $alg, 'kid' => $kid]))
        . '.' . purephp_b64e(json_encode($claims));
    if ($alg === 'EdDSA') {
        $sig = sodium_crypto_sign_detached($input, $keys[$kid]);
    } else {
        $sig = hash_hmac($hashes[$alg], $input, $keys[$kid], true);
    }
    return $input . '.' . purephp_b64e($sig);
}

/** Verifies like firebase/php-jwt's decode(), then checks iss and aud. */
function purephp_verify(string $jwt, array $keys, string $alg, string $iss, string $aud, int $leeway = 30): array
{
    static $hashes = ['HS256' => 'sha256', 'HS384' => 'sha384', 'HS512' => 'sha512'];
    $parts = explode('.', $jwt);
    if (count($parts) !== 3) { throw new UnexpectedValueException('Wrong number of segments'); }
    [$h64, $p64, $s64] = $parts;
    $header = json_decode(purephp_b64d($h64), false, 512, JSON_BIGINT_AS_STRING);
    $payload = json_decode(purephp_b64d($p64), false, 512, JSON_BIGINT_AS_STRING);
    $sig = purephp_b64d($s64);
    if (!is_object($header) || !is_object($payload) || $sig === false) { throw new UnexpectedValueException('Invalid encoding'); }
    if (empty($header->alg) || $header->alg !== $alg) { throw new UnexpectedValueException('Algorithm not allowed'); }
    if (!isset($header->kid, $keys[$header->kid])) { throw new UnexpectedValueException('Unknown kid'); }
    $input = "$h64.$p64";
    if ($alg === 'EdDSA') {
        $ok = strlen($sig) === 64 && sodium_crypto_sign_verify_detached($sig, $input, $keys[$header->kid]);
    } else {
        $ok = hash_equals(hash_hmac($hashes[$alg], $input, $keys[$header->kid], true), $sig);
    }
    if (!$ok) { throw new UnexpectedValueException('Signature verification failed'); }
    $now = time();
    if (isset($payload->nbf) && $payload->nbf > $now + $leeway) { throw new UnexpectedValueException('Before nbf'); }
    if (isset($payload->iat) && $payload->iat > $now + $leeway) { throw new UnexpectedValueException('Before iat'); }
    if (isset($payload->exp) && $now - $leeway >= $payload->exp) { throw new UnexpectedValueException('Expired'); }
    if (($payload->iss ?? null) !== $iss) { throw new UnexpectedValueException('Wrong issuer'); }
    $auds = (array) ($payload->aud ?? []);
    if (!in_array($aud, $auds, true)) { throw new UnexpectedValueException('Wrong audience'); }
    return (array) $payload;
}

$claims = ['iss' => 'https://issuer.example', 'aud' => 'api', 'sub' => 'user-12345',
           'roles' => ['reader', 'writer'], 'tenant' => 'acme'];
$policy = ['iss' => 'https://issuer.example', 'aud' => 'api'];

// Sanity: each side accepts the other's tokens (HS256), so both do the same work.
$secret = random_bytes(32);
$keys = Keys::hmac(['2024-12' => $secret], 'HS256');
$raw = ['2024-12' => $secret];
Jwt::verify(purephp_sign($claims, $raw, '2024-12', 'HS256', 900), $keys, $policy);
purephp_verify(Jwt::sign($claims, $keys), $raw, 'HS256', $policy['iss'], $policy['aud']);

bench_compare('jwt', 'HS256 sign + verify',
    function ($i) use ($claims, $keys, $policy) { Jwt::verify(Jwt::sign($claims, $keys), $keys, $policy); },
    ['pure PHP (hash_hmac + json, firebase-style)' =>
        function ($i) use ($claims, $raw, $policy) {
            purephp_verify(purephp_sign($claims, $raw, '2024-12', 'HS256', 900), $raw, 'HS256', $policy['iss'], $policy['aud']);
        }],
    iterations: 20000, target: 5.0);

$token = Jwt::sign($claims, $keys);
$ptoken = purephp_sign($claims, $raw, '2024-12', 'HS256', 900);
bench_compare('jwt', 'HS256 verify only',
    fn ($i) => Jwt::verify($token, $keys, $policy),
    ['pure PHP (hash_hmac + json, firebase-style)' =>
        fn ($i) => purephp_verify($ptoken, $raw, 'HS256', $policy['iss'], $policy['aud'])],
    iterations: 20000);

// EdDSA: the pure-PHP side uses libsodium for the curve arithmetic.
$pair = sodium_crypto_sign_keypair();
$edKeys = Keys::ed25519(['ed-1' => sodium_crypto_sign_secretkey($pair)]);
$edSign = ['ed-1' => sodium_crypto_sign_secretkey($pair)];
$edVerify = ['ed-1' => sodium_crypto_sign_publickey($pair)];
Jwt::verify(purephp_sign($claims, $edSign, 'ed-1', 'EdDSA', 900), $edKeys, $policy);
bench_compare('jwt', 'EdDSA sign + verify',
    function ($i) use ($claims, $edKeys, $policy) { Jwt::verify(Jwt::sign($claims, $edKeys), $edKeys, $policy); },
    ['pure PHP + sodium_crypto_sign_detached' =>
        function ($i) use ($claims, $edSign, $edVerify, $policy) {
            purephp_verify(purephp_sign($claims, $edSign, 'ed-1', 'EdDSA', 900), $edVerify, 'EdDSA', $policy['iss'], $policy['aud']);
        }],
    iterations: 2000);
