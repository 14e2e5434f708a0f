<?php

/**
 * IDE / static-analysis stubs for the soc2 extension (extension=soc2.so).
 *
 * php-tests/stub_matches_extension.phpt loads this file in a PHP without the
 * extension and compares every class, method, parameter, constant and INI
 * setting with what the loaded extension reports through Reflection.
 *
 * INI settings (name, default):
 * @ini soc2.password_memory_cost 65536
 * @ini soc2.password_time_cost 4
 * @ini soc2.password_threads 1
 * @ini soc2.password_max_length 4096
 * @ini soc2.jwt_ttl 900
 */

namespace Soc2 {
    /** The extension's version. */
    const VERSION = '0.1.0';

    /** Base class of every exception soc2 throws. */
    class Exception extends \RuntimeException {}

    /** Decryption or authentication failed; one generic message, no oracle. */
    class CryptoException extends Exception {}

    /** A ciphertext names a key id the keyring does not hold; the message names the id. */
    class UnknownKeyException extends CryptoException {}

    /** Bad key material, keyring, or key file permissions. */
    class KeyException extends Exception {}

    /** The audit log could not be written or verified. */
    class AuditException extends Exception {}

    /**
     * Argon2id password hashing in PHP's PHC format.
     *
     * Options use password_hash()'s names: memory_cost (KiB), time_cost, threads;
     * the defaults come from php.ini (soc2.password_*), which default to PHP's own
     * PASSWORD_ARGON2ID defaults.
     */
    final class Password
    {
        /** Not instantiable: every method is static. Throws. */
        public function __construct() {}

        /**
         * Hashes a password with Argon2id.
         *
         * @param array{memory_cost?: int, time_cost?: int, threads?: int} $options
         * @throws \ValueError when the password is longer than soc2.password_max_length
         *                     or an option is unknown or out of range
         */
        public static function hash(#[\SensitiveParameter] string $password, array $options = []): string {}

        /**
         * True when the password matches the stored hash (argon2id, argon2i,
         * bcrypt $2y$/$2a$/$2b$). Malformed, over-long or hostile input is false.
         */
        public static function verify(#[\SensitiveParameter] string $password, string $hash): bool {}

        /**
         * True when the hash uses a legacy algorithm or is weaker than the policy.
         *
         * @param array{memory_cost?: int, time_cost?: int, threads?: int} $options
         * @throws \ValueError when the hash is malformed or over the ceilings
         */
        public static function needsRehash(string $hash, array $options = []): bool {}

        /**
         * Verifies and, when the stored hash should be upgraded, returns the new hash.
         *
         * @param array{memory_cost?: int, time_cost?: int, threads?: int} $options
         */
        public static function check(#[\SensitiveParameter] string $password, string $hash, array $options = []): PasswordCheck {}
    }

    /** The outcome of Password::check(). Read-only. */
    final class PasswordCheck
    {
        /** True when the password matched. */
        public $valid;

        /** The replacement hash to store, or null when none is needed. */
        public $rehash;

        /** Not instantiable: returned by Password::check(). Throws. */
        public function __construct() {}
    }
}

namespace Soc2\Jwt {
    /** A token was refused; reason() says why. */
    class TokenException extends \Soc2\Exception
    {
        protected $reason = '';

        /**
         * One of: malformed, too_large, alg_not_allowed, unknown_kid,
         * bad_signature, expired, not_yet_valid, claim_mismatch, missing_claim.
         */
        public function reason(): string {}
    }

    /**
     * A set of JWT keys by kid, each bound to one algorithm (HS256, HS384,
     * HS512 or EdDSA). Key bytes never leave the extension: not serializable,
     * not cloneable, var_dump shows kids and algorithms only.
     */
    final class Keys
    {
        /** Not instantiable: use hmac(), ed25519() or fromJwks(). Throws. */
        public function __construct() {}

        /**
         * HMAC keys, all for one algorithm.
         *
         * @param array<string, string> $secrets kid => raw secret, at least the hash
         *                                       output size (32/48/64 bytes)
         * @param string $alg "HS256", "HS384" or "HS512"
         * @param ?string $primary kid that sign() uses; defaults to the only key
         * @throws \ValueError on a short secret, an unknown alg, a bad kid or primary
         */
        public static function hmac(#[\SensitiveParameter] array $secrets, string $alg = 'HS256', ?string $primary = null): Keys {}

        /**
         * Ed25519 (EdDSA) keys.
         *
         * @param array<string, string> $secret_keys kid => 32-byte seed or 64-byte secret
         *                                           key (seed and public key, libsodium's form)
         * @param ?string $primary kid that sign() uses; defaults to the only secret key
         * @param array<string, string> $public_keys kid => 32-byte public key (verify only)
         * @throws \ValueError on wrong lengths or kids
         * @throws \Soc2\KeyException on inconsistent or small-order keys
         */
        public static function ed25519(#[\SensitiveParameter] array $secret_keys, ?string $primary = null, array $public_keys = []): Keys {}

        /**
         * Public keys from a JWK Set (RFC 7517). OKP/Ed25519 keys are loaded;
         * other key types (EC, RSA) and encryption keys are skipped. A key
         * without a kid gets its RFC 7638 thumbprint.
         *
         * @throws \Soc2\KeyException on invalid JSON, private keys ("d") or no usable key
         */
        public static function fromJwks(string $json): Keys {}

        /**
         * Metadata only.
         *
         * @return array<string, array{alg: string, sign: bool}> kid => facts
         */
        public function keys(): array {}

        /** The kid sign() uses by default, or null when there is none. */
        public function primaryId(): ?string {}

        /** The public halves of the Ed25519 keys as a JWK Set (HMAC secrets never appear). */
        public function publicJwks(): string {}

        /** @return array{primary: ?string, keys: array<string, array{alg: string, sign: bool}>} */
        public function __debugInfo(): array {}
    }

    /**
     * Compact JWS JSON Web Tokens with a required verification policy.
     * Failures throw TokenException with reason().
     */
    final class Jwt
    {
        /** Not instantiable: every method is static. Throws. */
        public function __construct() {}

        /**
         * Signs claims with header {alg, typ: "JWT", kid}. Sets iat, exp (now + ttl),
         * nbf when asked, and a random jti unless the claims carry one.
         *
         * @param array<string, mixed> $claims JSON-encodable: arrays and scalars only;
         *                                     iat/exp/nbf are set by sign(), not given
         * @param array{ttl?: int, nbf?: int, kid?: string, now?: int} $options
         *        ttl defaults to soc2.jwt_ttl; kid defaults to the primary key
         * @throws \ValueError on claims JSON cannot encode, mistyped registered
         *                     claims, bad options, or a token over 8192 bytes
         */
        public static function sign(array $claims, Keys $keys, array $options = []): string {}

        /**
         * Verifies a token and returns its claims.
         *
         * @param array{iss: ?string, aud: string|list<string>|null, leeway?: int,
         *              max_age?: ?int, required?: list<string>, now?: int} $policy
         *        iss and aud are required keys (null waives the check; with aud
         *        null a token that names an audience is refused); leeway defaults
         *        to 30 s, at most 300; exp is always required
         * @return array<string, mixed>
         * @throws TokenException when the token is refused (see reason())
         * @throws \ValueError on an invalid policy
         */
        public static function verify(#[\SensitiveParameter] string $token, Keys $keys, array $policy): array {}

        /**
         * UNTRUSTED: parses a token without checking its signature or claims,
         * for display or to pick a key set. Never authorise on the result.
         *
         * @return array{header: array<string, mixed>, claims: array<string, mixed>}
         * @throws TokenException when the token is malformed (same parser as verify)
         */
        public static function decodeUnverified(#[\SensitiveParameter] string $token): array {}
    }
}
