--TEST--
stubs/soc2.stub.php describes exactly the classes, methods, constants and INI settings of the loaded extension
--FILE--
<?php
require __DIR__ . '/support/describe.inc';
$stub = realpath(__DIR__ . '/../stubs/soc2.stub.php');

// Attributes are attached at the first request startup; this request has started.
$extension = soc2_describe();

// The same description, from a PHP that has only the stub file.
$code = 'require ' . var_export(__DIR__ . '/support/describe.inc', true) . ';'
      . 'require ' . var_export($stub, true) . ';'
      . 'echo json_encode(soc2_describe());';
$cmd = escapeshellarg(PHP_BINARY) . ' -n -r ' . escapeshellarg($code);
$fromStub = json_decode(shell_exec($cmd), true);
$extension = json_decode(json_encode($extension), true);
if ($fromStub === null) {
    echo "stub did not load:\n", shell_exec($cmd . ' 2>&1');
}

function diff_paths($a, $b, $path = '') {
    $keys = array_unique(array_merge(array_keys((array) $a), array_keys((array) $b)));
    foreach ($keys as $k) {
        $p = $path === '' ? (string) $k : "$path.$k";
        $x = is_array($a) && array_key_exists($k, $a) ? $a[$k] : '<missing>';
        $y = is_array($b) && array_key_exists($k, $b) ? $b[$k] : '<missing>';
        if (is_array($x) && is_array($y)) {
            diff_paths($x, $y, $p);
        } elseif ($x !== $y) {
            echo "differs at $p: extension=", json_encode($x), " stub=", json_encode($y), "\n";
        }
    }
}
diff_paths($extension, $fromStub);

// INI settings: the @ini lines of the stub against the registered settings.
preg_match_all('/@ini (\S+)[ \t]*(\S*)$/m', file_get_contents($stub), $m, PREG_SET_ORDER); // an empty default is allowed
$documented = [];
foreach ($m as [, $name, $default]) {
    $documented[$name] = $default;
}
$registered = array_map(fn ($e) => $e['global_value'], ini_get_all('soc2'));
ksort($documented);
ksort($registered);
if ($documented !== $registered) {
    echo "INI differs:\n", json_encode($registered), "\n", json_encode($documented), "\n";
}
printf("%d classes, %d constants, %d INI settings compared\n",
    count($extension['classes']), count($extension['constants']), count($registered));
?>
--EXPECTF--
%d classes, 1 constants, %d INI settings compared
