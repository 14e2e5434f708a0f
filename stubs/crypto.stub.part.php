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

        /** @return array{master_key_id: string, primary: string, keys: list<array>} what var_dump shows */
        public function __debugInfo(): array {}
    }
}
