<?php
// Stub part for issue 6 (files, blind indexes, legacy migration). Merge into
// stubs/soc2.stub.php: the three methods go into `final class Keyring` (after
// reencrypt()), the class Legacy into `namespace Soc2\Crypto`.

namespace Soc2\Crypto {
    final class Keyring
    {
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
