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
 * @ini soc2.audit_log
 * @ini soc2.audit_key_file
 * @ini soc2.audit_app php
 * @ini soc2.audit_fsync 0
 * @ini soc2.audit_on_failure throw
 * @ini soc2.audit_redact_keys
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

namespace Soc2\Crypto {
    /**
     * A 32-byte master key (key-encryption key). Its bytes never appear in
     * var_dump/print_r/var_export/json_encode/(array); serialize and clone throw.
     */
    final class MasterKey
    {
        /** Not instantiable: use generate(), fromEnv() or fromFile(). Throws. */
        public function __construct() {}

        /** A fresh random master key. */
        public static function generate(): MasterKey {}

        /**
         * Reads `soc2mk1:<base64url>` or base64/base64url of 32 bytes from an environment variable.
         *
         * @throws \Soc2\KeyException when the variable is missing, empty or not a master key
         *                            (the message names the variable, never its value)
         * @throws \ValueError when $name is empty or contains "=" or NUL
         */
        public static function fromEnv(string $name = 'SOC2_MASTER_KEY'): MasterKey {}

        /**
         * Reads a key file as written by `soc2 master-key generate --out FILE`.
         *
         * @throws \Soc2\KeyException when the file is missing, not a master key, or
         *                            readable/writable by group or others (like ssh)
         */
        public static function fromFile(string $path): MasterKey {}

        /** Public fingerprint (16 hex digits), safe to log. */
        public function id(): string {}

        /** The key as `soc2mk1:<base64url>`, for a secrets manager. Handle with care. */
        public function export(): string {}

        /** @return array{id: string} what var_dump shows: the fingerprint only */
        public function __debugInfo(): array {}
    }

    /**
     * Data keys wrapped under a master key, in an authenticated JSON document.
     * Ciphertexts are versioned, key-committing and bound to a context array
     * (string keys; string|int values; an int equals its decimal string; key
     * order does not matter). See docs/FORMAT.md.
     */
    final class Keyring
    {
        /** Not instantiable: use create(), load() or open(). Throws. */
        public function __construct() {}

        /**
         * A new keyring with one fresh data key.
         *
         * @param 'xchacha20poly1305'|'aes256gcm' $suite
         * @throws \ValueError for an unknown suite
         */
        public static function create(MasterKey $master, string $suite = 'xchacha20poly1305'): Keyring {}

        /**
         * Opens a keyring document (from toJson()).
         *
         * @throws \Soc2\KeyException when the document was modified, is malformed,
         *                            or is wrapped under another master key
         */
        public static function load(string $json, MasterKey $master): Keyring {}

        /**
         * Reads and opens a keyring file.
         *
         * @throws \Soc2\KeyException as load(), or when the file cannot be read
         */
        public static function open(string $path, MasterKey $master): Keyring {}

        /** The keyring document; with $wrapWith, rewrapped under that master key (no ciphertext changes). */
        public function toJson(?MasterKey $wrapWith = null): string {}

        /**
         * Writes the document atomically (temporary file + rename), mode 0600.
         *
         * @throws \Soc2\KeyException when the file cannot be written
         */
        public function save(string $path, ?MasterKey $wrapWith = null): void {}

        /**
         * Adds a fresh data key, makes it the primary, retires the previous one.
         *
         * @param 'xchacha20poly1305'|'aes256gcm'|null $suite null keeps the primary's suite
         * @return string the new primary key id
         */
        public function rotate(?string $suite = null): string {}

        /** Id (8 hex digits) of the key new ciphertexts are made with. */
        public function primaryId(): string {}

        /** @return list<array{id: string, suite: string, status: string, created_at: int, primary: bool}> metadata only */
        public function keys(): array {}

        /**
         * Encrypts to ASCII text (`soc2e1:` + base64url), for TEXT columns.
         *
         * @param array<string, string|int> $context
         * @throws \ValueError when the plaintext is longer than 64 MiB or a context key is an integer
         * @throws \TypeError when a context value is not string|int
         */
        public function encrypt(#[\SensitiveParameter] string $plaintext, array $context = []): string {}

        /**
         * Decrypts the text form.
         *
         * @param array<string, string|int> $context the same context as at encryption
         * @throws \Soc2\UnknownKeyException when the ciphertext names a key not in this keyring
         * @throws \Soc2\CryptoException for anything else (one generic message)
         */
        public function decrypt(string $ciphertext, array $context = []): string {}

        /**
         * Encrypts to the compact binary form, for BLOB columns.
         *
         * @param array<string, string|int> $context
         */
        public function encryptBinary(#[\SensitiveParameter] string $plaintext, array $context = []): string {}

        /**
         * Decrypts the binary form.
         *
         * @param array<string, string|int> $context
         * @throws \Soc2\UnknownKeyException|\Soc2\CryptoException
         */
        public function decryptBinary(string $ciphertext, array $context = []): string {}

        /**
         * True when a ciphertext (either form) was made with a key other than the primary.
         * Reads the header only.
         *
         * @throws \Soc2\UnknownKeyException|\Soc2\CryptoException for unknown keys and malformed input
         */
        public function needsReencrypt(string $ciphertext): bool {}

        /**
         * Decrypts and encrypts again under the primary key, in the same form (text or binary).
         *
         * @param array<string, string|int> $context
         * @throws \Soc2\UnknownKeyException|\Soc2\CryptoException
         */
        public function reencrypt(string $ciphertext, array $context = []): string {}

        /**
         * Encrypts the file $in into $out in constant memory (64 KiB segments,
         * docs/FORMAT.md §6). $out is written to a temporary file in its
         * directory, fsynced and renamed into place (mode 0600); on failure it
         * is untouched and no temporary file remains. $in may equal $out.
         *
         * @param array<string, string|int> $context bound to the file, not stored
         * @throws \Soc2\Exception when $in cannot be read or $out cannot be written (names the path)
         * @throws \ValueError for an empty path or a bad $context
         */
        public function encryptFile(string $in, string $out, array $context = []): void {}

        /**
         * Decrypts a file from encryptFile(). Truncation, reordering, duplication or
         * appending of segments and any modified byte are detected; $out appears
         * (atomically, mode 0600) only after the last segment authenticated, and
         * is untouched on failure.
         *
         * @param array<string, string|int> $context the context given to encryptFile()
         * @throws \Soc2\UnknownKeyException when the file's key is not in this keyring
         * @throws \Soc2\CryptoException when the file is not genuine or the context is wrong
         * @throws \Soc2\Exception when $in cannot be read or $out cannot be written (names the path)
         */
        public function decryptFile(string $in, string $out, array $context = []): void {}

        /**
         * Keyed equality index of $value for the field $name: the first $bits/4
         * hex digits of HMAC-SHA256 under a per-name key derived from the
         * keyring's blind-index key (docs/FORMAT.md §7, which states what it leaks).
         * Stable across rotate() and rewrapping; different for another $name or keyring.
         *
         * @param string $name the field, 1 to 255 bytes (e.g. "users.email")
         * @param int $bits a multiple of 4 from 16 to 256
         * @throws \ValueError for a bad $name or $bits
         */
        public function blindIndex(#[\SensitiveParameter] string $value, string $name, int $bits = 32): string {}

        /** @return array{master_key_id: string, primary: string, keys: list<array>} what var_dump shows */
        public function __debugInfo(): array {}
    }

    /**
     * Reads data encrypted before soc2, FOR MIGRATION ONLY (docs/FORMAT.md §8):
     * re-encrypt it with a Keyring, then delete it and its key.
     */
    final class Legacy
    {
        /** Not instantiable: every method is static. Throws. */
        public function __construct() {}

        /**
         * Decrypts what `base64_encode(openssl_encrypt($p, 'aes-256-cbc', $key, 0, $iv) . '::' . $iv)`
         * writes, with openssl's key handling (shorter keys zero-padded, longer
         * ones truncated to 32 bytes). This format has no integrity: a wrong key
         * is caught only by the padding check (about 255 times in 256).
         *
         * @throws \Soc2\CryptoException one message for every failure (no padding oracle)
         */
        public static function decryptOpensslCbc(string $blob, #[\SensitiveParameter] string $key): string {}
    }
}

namespace Soc2 {
    /**
     * Tamper-evident, redacted, structured audit log (JSON Lines, ECS field
     * names, HMAC-SHA256 chain). Format and protocol: docs/AUDIT.md.
     *
     * php.ini: soc2.audit_log (absolute path, "stderr", "syslog" or
     * "syslog:/path/to/socket"), soc2.audit_key_file (soc2mk1:... text, mode
     * 0600/0400), soc2.audit_app (service.name), soc2.audit_fsync,
     * soc2.audit_on_failure ("throw" | "warn"), soc2.audit_redact_keys
     * (comma-separated extra secret key names).
     */
    final class Audit
    {
        /** Not instantiable: every method is static. Throws. */
        public function __construct() {}

        /**
         * Writes one record. `user.id` and `source.ip` in $fields become the ECS
         * fields of those names; everything else goes under `soc2.fields`, redacted.
         *
         * @param string $event an OWASP Logging Vocabulary name (authn_login_success, authz_fail, ...) or app_*
         * @param array<array-key, mixed> $fields
         * @param 'success'|'failure'|'unknown' $outcome
         * @throws \ValueError for a malformed or unknown event name or outcome
         * @throws AuditException when the record cannot be written and soc2.audit_on_failure=throw
         *                        (with "warn" an E_WARNING is raised instead)
         */
        public static function log(string $event, #[\SensitiveParameter] array $fields = [], string $outcome = 'success'): void {}

        /**
         * Verifies a log, or rotated logs oldest first, against the key in
         * $keyFile (default soc2.audit_key_file).
         *
         * @param string|list<string> $paths (declared mixed: ext-php-rs cannot declare a union type)
         * @return array{ok: bool, records: int, first_bad_record: ?int, reason: ?string, head: string, torn_lines: list<int>}
         *         first_bad_record: 1-based line number across the files given, in order
         * @throws KeyException when the key file is missing, unreadable, too open or not the log's key
         * @throws AuditException when a log file cannot be read
         * @throws \ValueError for an empty list
         * @throws \TypeError for a path that is not a string
         */
        public static function verify(mixed $paths, ?string $keyFile = null): array {}
    }
}
