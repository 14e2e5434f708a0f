--TEST--
Passwords never appear in stack traces or exception messages, even with zend.exception_ignore_args=0
--INI--
zend.exception_ignore_args=0
soc2.password_max_length=24
--FILE--
<?php
function login(#[\SensitiveParameter] string $pw) {
    return Soc2\Password::hash($pw, ['bogus' => 1]);
}
$secret = 'Pa55-Secret-Should-Not-Leak';
foreach ([
    fn () => login('hunter2-secret-value'),
    fn () => Soc2\Password::hash($secret),
    fn () => Soc2\Password::check('hunter2-secret-value', 'x', ['memory_cost' => 1]),
] as $f) {
    try { $f(); } catch (Throwable $e) {
        $all = $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" . print_r($e->getTrace(), true) . (string) $e;
        echo get_class($e), ': leaked=', var_export(str_contains($all, 'secret') || str_contains($all, 'Secret'), true),
             ' marker=', var_export(str_contains($all, 'SensitiveParameterValue'), true), "\n";
    }
}
foreach (['hash' => 0, 'verify' => 0, 'check' => 0] as $method => $index) {
    $p = (new ReflectionMethod('Soc2\Password', $method))->getParameters()[$index];
    echo "$method \$", $p->getName(), ': ', count($p->getAttributes(SensitiveParameter::class)), "\n";
}
?>
--EXPECT--
ValueError: leaked=false marker=true
ValueError: leaked=false marker=true
ValueError: leaked=false marker=true
hash $password: 1
verify $password: 1
check $password: 1
