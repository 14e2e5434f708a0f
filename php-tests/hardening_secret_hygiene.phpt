--TEST--
Hardening: secret hygiene across every class the extension registers (Reflection)
--EXTENSIONS--
soc2
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/audit_helper.inc';
[$dir, $log, $keyFile] = audit_setup('hygiene');

// Every class holds key material or is declared secret-free. A new class must
// be added to one list, with a factory that builds an instance holding secrets.
$seed = random_bytes(32);
$hmacSecret = random_bytes(48);
$master = Soc2\Crypto\MasterKey::generate();
$exported = $master->export();
$keyHolders = [
    'Soc2\Crypto\MasterKey' => fn () => $master,
    'Soc2\Crypto\Keyring' => fn () => Soc2\Crypto\Keyring::create($master, 'aes256gcm'),
    'Soc2\Jwt\Keys' => fn () => Soc2\Jwt\Keys::hmac(['h' => $hmacSecret]),
    'Soc2\Jwt\Keys#ed25519' => fn () => Soc2\Jwt\Keys::ed25519(['e' => $seed]),
];
$secretFree = [
    'Soc2\Password' => 'static methods only',
    'Soc2\PasswordCheck' => 'a verdict and a new hash (a hash is stored data, not a secret)',
    'Soc2\Jwt\Jwt' => 'static methods only',
    'Soc2\Audit' => 'static methods only',
    'Soc2\Crypto\Legacy' => 'static methods only',
];

// Byte strings that must never appear: raw, hex, base64, base64url forms.
$needles = [];
$rawSecrets = [$seed, $hmacSecret, base64_decode(strtr(substr($exported, 8), '-_', '+/'))];
foreach ($rawSecrets as $raw) {
    $b64 = base64_encode($raw);
    $needles[] = $raw;
    $needles[] = bin2hex($raw);
    $needles[] = rtrim($b64, '=');
    $needles[] = rtrim(strtr($b64, '+/', '-_'), '=');
}
$needles[] = $exported;
function leaks(string $out, array $needles): bool {
    foreach ($needles as $n) {
        if (str_contains($out, substr($n, 0, 24))) return true;
    }
    return false;
}

$classes = array_values(array_filter(get_declared_classes(), fn ($c) => str_starts_with($c, 'Soc2\\')));
$problems = [];
foreach ($classes as $class) {
    $rc = new ReflectionClass($class);
    if ($rc->isSubclassOf(Throwable::class)) continue;
    $isHolder = isset($keyHolders[$class]);
    if (!$isHolder && !isset($secretFree[$class])) {
        $problems[] = "$class: not classified (add it to \$keyHolders or \$secretFree)";
        continue;
    }
    if (!$rc->isFinal()) $problems[] = "$class: not final";
    try { new $class(); $problems[] = "$class: new allowed"; } catch (Throwable) {}
}
foreach ($keyHolders as $label => $factory) {
    $class = explode('#', $label)[0];
    $obj = $factory();
    if (get_class($obj) !== $class) $problems[] = "$label: factory made " . get_class($obj);
    ob_start();
    var_dump($obj);
    print_r($obj);
    echo "\n";
    var_export($obj);
    echo json_encode($obj), json_encode((array) $obj), serialize((array) $obj), serialize(get_object_vars($obj));
    debug_zval_dump($obj);
    foreach ($obj as $k => $v) echo $k, '=', print_r($v, true);
    foreach ((new ReflectionObject($obj))->getProperties() as $p) { echo $p->getName(), print_r($p->getValue($obj), true); }
    echo print_r(method_exists($obj, '__debugInfo') ? $obj->__debugInfo() : [], true);
    echo $obj instanceof Stringable ? (string) $obj : '';
    $out = ob_get_clean();
    if (leaks($out, $needles)) $problems[] = "$label: a dump shows key material";
    if ((array) $obj !== [] || get_object_vars($obj) !== []) $problems[] = "$label: has visible properties";
    foreach ([
        'serialize' => fn () => serialize($obj),
        'unserialize' => fn () => unserialize('O:' . strlen($class) . ':"' . $class . '":0:{}'),
        'unserialize (C:)' => fn () => unserialize('C:' . strlen($class) . ':"' . $class . '":0:{}'),
        'clone' => fn () => clone $obj,
        '__serialize' => fn () => $obj->__serialize(),
        'var_export eval' => fn () => eval('return ' . var_export($obj, true) . ';'),
    ] as $what => $f) {
        try {
            $r = @$f();
            // var_export of an object with no properties yields \Class::__set_state(array()).
            if ($what === 'unserialize (C:)' && $r === false) continue;
            $problems[] = "$label: $what allowed";
        } catch (Throwable) {
        }
    }
}

// #[\SensitiveParameter] on every parameter whose name says it takes a secret
// and whose type can carry one (objects print as their class name only).
$publicByDesign = [
    'Soc2\Audit::verify($keyFile)' => 'a path to the key file, not the key',
    'Soc2\Jwt\Keys::ed25519($public_keys)' => 'public keys',
    'Soc2\Jwt\Keys::fromJwks($json)' => 'a public JWK Set',
];
// Secret by meaning though not by name: the value a blind index is computed
// from is the plaintext being indexed (an e-mail address, an SSN).
$secretByDesign = ['Soc2\Crypto\Keyring::blindIndex($value)' => true];
$marked = [];
foreach ($classes as $class) {
    foreach ((new ReflectionClass($class))->getMethods() as $m) {
        if ($m->getDeclaringClass()->getName() !== $class) continue;
        foreach ($m->getParameters() as $p) {
            $name = "$class::{$m->getName()}(\${$p->getName()})";
            $sensitive = $p->getAttributes(SensitiveParameter::class) !== [];
            $type = $p->getType();
            $types = $type === null ? ['mixed'] : array_map(fn ($t) => $t->getName(),
                $type instanceof ReflectionUnionType ? $type->getTypes() : [$type]);
            $canCarry = array_intersect($types, ['string', 'array', 'mixed']) !== [];
            $secretName = preg_match('/password|secret|key|token|plaintext|fields/i', $p->getName())
                || isset($secretByDesign[$name]);
            if ($sensitive) $marked[] = $name;
            if ($secretName && $canCarry && !$sensitive && !isset($publicByDesign[$name])) {
                $problems[] = "$name: not #[\\SensitiveParameter]";
            }
        }
    }
}

// Every marked parameter: a marker passed there never reaches a trace. The
// other arguments are of a wrong type or value, so each call throws.
$marker = 'MARKER' . bin2hex(random_bytes(8));
$keys = Soc2\Jwt\Keys::hmac(['h' => $hmacSecret]);
$ring = Soc2\Crypto\Keyring::create($master);
$traces = '';
foreach ($marked as $name) {
    preg_match('/^(.*)::(\w+)\(\$(\w+)\)$/', $name, $mm);
    [, $class, $method, $param] = $mm;
    $rm = new ReflectionMethod($class, $method);
    $args = [];
    foreach ($rm->getParameters() as $p) {
        if ($p->getName() === $param) {
            $args[] = (string) $p->getType() === 'array' ? ['k' => $marker . str_repeat('x', 64)] : $marker;
        } else {
            $args[] = $p->getName() === 'event' ? 'not an event' : new stdClass();
        }
    }
    $target = $rm->isStatic() ? null : ($class === 'Soc2\Crypto\Keyring' ? $ring : $keys);
    try {
        // A direct call: invokeArgs() would add a frame of its own holding the arguments.
        $rm->isStatic() ? $class::$method(...$args) : $target->$method(...$args);
        $problems[] = "$name: the probe call did not throw";
    } catch (Throwable $t) {
        $trace = $t->getTraceAsString() . print_r($t->getTrace(), true) . $t . $t->getMessage();
        if (str_contains($trace, substr($marker, 0, 12))) $problems[] = "$name: the value appears in a trace";
        if (!str_contains($trace, 'SensitiveParameterValue')) $problems[] = "$name: not redacted in the trace";
        $traces .= $trace;
    }
}
// Sanity: arguments are recorded in traces at all (so the check above means something).
try { Soc2\Audit::log('visible-event-name', []); } catch (Throwable $t) {
    if (!str_contains(print_r($t->getTrace(), true), 'visible-event-name')) $problems[] = 'traces carry no arguments: the probe is blind';
}

// phpinfo() after every kind of key has been loaded and used.
Soc2\Audit::log('authn_login_success', ['user.id' => 'u1']);
$token = Soc2\Jwt\Jwt::sign(['sub' => 'u1'], $keys);
$ct = $ring->encrypt('p', ['id' => 1]);
ob_start();
phpinfo();
$info = ob_get_clean();
if (leaks($info, $needles)) $problems[] = 'phpinfo shows key material';
if (leaks($info, [file_get_contents($keyFile)])) $problems[] = 'phpinfo shows the audit key';
if (!str_contains($info, 'soc2 support')) $problems[] = 'phpinfo has no soc2 section';

echo 'classes: ', count($classes), ', key holders checked: ', count($keyHolders), ', sensitive parameters probed: ', count($marked), "\n";
echo $problems === [] ? "no problems\n" : implode("\n", $problems) . "\n";
?>
--EXPECTF--
classes: %d, key holders checked: 4, sensitive parameters probed: %d
no problems
