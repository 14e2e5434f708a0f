<?php
/*
 * INI settings (name, default) for the file header:
 * @ini soc2.audit_log
 * @ini soc2.audit_key_file
 * @ini soc2.audit_app php
 * @ini soc2.audit_fsync 0
 * @ini soc2.audit_on_failure throw
 * @ini soc2.audit_redact_keys
 */

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
