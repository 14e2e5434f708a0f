--TEST--
Soc2\Crypto\MasterKey: generate, id, export, fromEnv and its errors (naming the variable, never its value)
--FILE--
<?php
use Soc2\Crypto\MasterKey;

$m = MasterKey::generate();
var_dump(preg_match('/^[0-9a-f]{16}$/', $m->id()));
var_dump(preg_match('/^soc2mk1:[A-Za-z0-9_-]{43}$/', $m->export()));
var_dump($m->id() !== MasterKey::generate()->id());

// Every accepted text form gives the same key (same fingerprint).
$raw = base64_decode(strtr(substr($m->export(), 8), '-_', '+/') . '=');
var_dump(strlen($raw));
foreach ([$m->export(), $m->export() . "\n", base64_encode($raw), rtrim(base64_encode($raw), '='),
          rtrim(strtr(base64_encode($raw), '+/', '-_'), '=')] as $form) {
    putenv("SOC2_TEST_MK=$form");
    echo MasterKey::fromEnv('SOC2_TEST_MK')->id() === $m->id() ? "same\n" : "DIFFERENT\n";
}
putenv('SOC2_MASTER_KEY=' . $m->export());
var_dump(MasterKey::fromEnv()->id() === $m->id());

$secretish = 'c2VjcmV0LXZhbHVlLXRoYXQtbXVzdC1ub3QtbGVhaw';
foreach ([null, '', '   ', 'not base64 at all!', base64_encode(str_repeat('k', 16)), "soc2mk1:$secretish",
          'soc2mk1:' . base64_encode($raw)] as $value) {
    if ($value === null) {
        putenv('SOC2_TEST_MK');
    } else {
        putenv("SOC2_TEST_MK=$value");
    }
    try {
        MasterKey::fromEnv('SOC2_TEST_MK');
        echo "accepted?!\n";
    } catch (Soc2\KeyException $e) {
        $msg = $e->getMessage();
        echo $msg, "\n";
        if ($value !== null && trim($value) !== '' && str_contains($msg, trim($value))) {
            echo "LEAKED the value\n";
        }
    }
}
foreach (['', 'A=B', "A\0B"] as $bad) {
    try {
        MasterKey::fromEnv($bad);
    } catch (ValueError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
try {
    MasterKey::fromEnv([]);
} catch (TypeError $e) {
    echo "TypeError\n";
}
?>
--EXPECT--
int(1)
int(1)
bool(true)
int(32)
same
same
same
same
same
bool(true)
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK is not set
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK is empty
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK is empty
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK is not a master key (expected soc2mk1:<base64url> or base64 of 32 bytes)
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK decodes to 16 bytes; a master key is 32 bytes
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK decodes to 31 bytes; a master key is 32 bytes
Soc2\Crypto\MasterKey::fromEnv(): environment variable SOC2_TEST_MK is not a master key (expected soc2mk1:<base64url> or base64 of 32 bytes)
ValueError: Soc2\Crypto\MasterKey::fromEnv(): Argument #1 ($name) must be a non-empty environment variable name without "=" or NUL
ValueError: Soc2\Crypto\MasterKey::fromEnv(): Argument #1 ($name) must be a non-empty environment variable name without "=" or NUL
ValueError: Soc2\Crypto\MasterKey::fromEnv(): Argument #1 ($name) must be a non-empty environment variable name without "=" or NUL
TypeError
