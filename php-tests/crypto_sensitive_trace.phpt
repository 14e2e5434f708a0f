--TEST--
Plaintexts never appear in stack traces (zend.exception_ignore_args=0): #[\SensitiveParameter] on encrypt/encryptBinary
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
use Soc2\Crypto\{MasterKey, Keyring};
$ring = Keyring::create(MasterKey::generate());
$secret = 'SSN-123-45-6789-top-secret';
foreach ([
    fn () => $ring->encrypt($secret, ['id' => 1.5]),
    fn () => $ring->encryptBinary($secret, [0 => 'x']),
    fn () => $ring->encrypt($secret, ['a' => null]),
] as $f) {
    try { $f(); } catch (Throwable $e) {
        $all = $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . print_r($e->getTrace(), true) . (string) $e;
        echo get_class($e), ': leaked=', var_export(str_contains($all, 'top-secret'), true),
             ' marker=', var_export(str_contains($all, 'SensitiveParameterValue'), true), "\n";
    }
}
foreach (['encrypt', 'encryptBinary'] as $method) {
    $p = (new ReflectionMethod(Keyring::class, $method))->getParameters()[0];
    echo "$method \$", $p->getName(), ': ', count($p->getAttributes(SensitiveParameter::class)), "\n";
}
?>
--EXPECT--
TypeError: leaked=false marker=true
ValueError: leaked=false marker=true
TypeError: leaked=false marker=true
encrypt $plaintext: 1
encryptBinary $plaintext: 1
