<?php
// For stubs/soc2.stub.php (the lead merges this): add the INI line to the
// header docblock, and the classes below into the existing
// `namespace Soc2\Jwt { ... }` block, after TokenException.
//
//  * @ini soc2.jwt_ttl 900

namespace Soc2\Jwt {
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
