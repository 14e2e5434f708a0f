--TEST--
Encryption context: int equals its decimal string, key order is irrelevant, any other difference fails; bad types are refused
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};

$ring = Keyring::create(MasterKey::generate());
$ct = $ring->encrypt('555-12-3456', ['table' => 'users', 'column' => 'ssn', 'id' => 42]);

function attempt($ring, $ct, $ctx) {
    try {
        return $ring->decrypt($ct, $ctx);
    } catch (Soc2\CryptoException $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
}
$cases = [
    'same' => ['table' => 'users', 'column' => 'ssn', 'id' => 42],
    'id as string (PDO)' => ['table' => 'users', 'column' => 'ssn', 'id' => '42'],
    'other order' => ['id' => '42', 'column' => 'ssn', 'table' => 'users'],
    'other row' => ['table' => 'users', 'column' => 'ssn', 'id' => 43],
    'id 042' => ['table' => 'users', 'column' => 'ssn', 'id' => '042'],
    'other column' => ['table' => 'users', 'column' => 'email', 'id' => 42],
    'missing key' => ['table' => 'users', 'id' => 42],
    'extra key' => ['table' => 'users', 'column' => 'ssn', 'id' => 42, 'x' => ''],
    'key case' => ['Table' => 'users', 'column' => 'ssn', 'id' => 42],
    'no context' => [],
];
foreach ($cases as $label => $ctx) {
    echo str_pad($label, 20), attempt($ring, $ct, $ctx), "\n";
}
// Without context, only an empty context opens it.
$plain = $ring->encrypt('no context');
echo attempt($ring, $plain, []), ' / ', attempt($ring, $plain, ['a' => '']), "\n";
// Negative and large ints too.
$c2 = $ring->encryptBinary('x', ['n' => -5, 'big' => PHP_INT_MAX]);
var_dump($ring->decryptBinary($c2, ['big' => (string) PHP_INT_MAX, 'n' => '-5']));

foreach ([
    [1.5], ['a' => 1.5], ['a' => true], ['a' => null], ['a' => []], ['a' => new stdClass()],
    ['x', 'y'], [0 => 'a'], ['a' => 'b', 7 => 'c'],
] as $bad) {
    try {
        $ring->encrypt('x', $bad);
        echo "accepted?!\n";
    } catch (TypeError | ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    $ring->encrypt('x', 'table=users');
} catch (TypeError $e) {
    echo "TypeError for a string context\n";
}
?>
--EXPECT--
same                555-12-3456
id as string (PDO)  555-12-3456
other order         555-12-3456
other row           Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
id 042              Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
other column        Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
missing key         Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
extra key           Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
key case            Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
no context          Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
no context / Soc2\CryptoException: Decryption failed: the ciphertext is invalid or was modified, or the key or context is wrong
string(1) "x"
ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) must have string keys, integer key 0 given
TypeError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) values must be of type string|int, float given
TypeError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) values must be of type string|int, bool given
TypeError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) values must be of type string|int, null given
TypeError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) values must be of type string|int, array given
TypeError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) values must be of type string|int, object given
ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) must have string keys, integer key 0 given
ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) must have string keys, integer key 0 given
ValueError: Soc2\Crypto\Keyring::encrypt(): Argument #2 ($context) must have string keys, integer key 7 given
TypeError for a string context
