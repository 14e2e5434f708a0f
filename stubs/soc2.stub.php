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
