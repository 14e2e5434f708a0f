<?php
// `make bench`: every area's comparisons in one run, then one table of ratios.
require_once __DIR__ . '/lib.inc';

$areas = $argv[1] ?? null;
fprintf(STDERR, "soc2 %s, PHP %s, %s\n", Soc2\VERSION, PHP_VERSION, php_uname('m'));
foreach (['password', 'crypto', 'jwt', 'audit', 'files'] as $area) {
    $file = __DIR__ . "/$area.php";
    if (is_file($file) && ($areas === null || in_array($area, explode(',', $areas), true))) {
        fprintf(STDERR, "[%s]\n", $area);
        require $file;
    }
}
echo "\n", bench_table();
