<?php
// Keyring::encryptFile()/decryptFile() against libsodium's secretstream
// (sodium_crypto_secretstream_xchacha20poly1305_*, 64 KiB chunks, the same
// segment size) over one file (256 MiB by default): throughput and the peak RSS
// of the whole PHP process, measured by /usr/bin/time -v, each operation in a
// fresh process. Median of BENCH_FILE_ROUNDS runs.
//
//   php -n -d extension=target/release/libsoc2.so bench/files.php [MiB]
//   make bench AREAS=files
//
// SOC2_SO overrides the path of the extension the child processes load.

const CHUNK = 65536;

if (($argv[1] ?? '') === '--child') {
    files_child($argv[2], $argv[3], $argv[4]);
    exit(0);
}

require_once __DIR__ . '/lib.inc';

const BENCH_FILE_ROUNDS = 3;

function files_child(string $op, string $in, string $out): void
{
    $t = hrtime(true);
    $key = str_repeat("\x42", SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_KEYBYTES);
    switch ($op) {
        case 'soc2-encrypt':
        case 'soc2-decrypt':
            $ring = Soc2\Crypto\Keyring::load(file_get_contents($in . '.ring'), Soc2\Crypto\MasterKey::fromEnv('BENCH_MK'));
            $op === 'soc2-encrypt' ? $ring->encryptFile($in, $out, ['bench' => 1]) : $ring->decryptFile($in, $out, ['bench' => 1]);
            break;
        case 'sodium-encrypt':
        case 'sodium-encrypt-fsync':
            $src = fopen($in, 'rb');
            $dst = fopen($out, 'wb');
            [$state, $header] = sodium_crypto_secretstream_xchacha20poly1305_init_push($key);
            fwrite($dst, $header);
            $chunk = fread($src, CHUNK);
            do {
                $next = fread($src, CHUNK);
                $last = $next === '' || $next === false;
                fwrite($dst, sodium_crypto_secretstream_xchacha20poly1305_push($state, $chunk, '',
                    $last ? SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_TAG_FINAL : SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_TAG_MESSAGE));
                $chunk = $next;
            } while (!$last);
            if ($op === 'sodium-encrypt-fsync') {
                fsync($dst); // durable, as encryptFile() is
            }
            fclose($dst);
            break;
        case 'sodium-decrypt':
            $src = fopen($in, 'rb');
            $dst = fopen($out, 'wb');
            $state = sodium_crypto_secretstream_xchacha20poly1305_init_pull(fread($src, SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_HEADERBYTES), $key);
            do {
                $r = sodium_crypto_secretstream_xchacha20poly1305_pull($state, fread($src, CHUNK + SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_ABYTES));
                if ($r === false) {
                    throw new RuntimeException('sodium: bad chunk');
                }
                fwrite($dst, $r[0]);
            } while ($r[1] !== SODIUM_CRYPTO_SECRETSTREAM_XCHACHA20POLY1305_TAG_FINAL);
            fclose($dst);
            break;
        default:
            throw new ValueError("unknown op $op");
    }
    fprintf(STDOUT, "%.6f\n", (hrtime(true) - $t) / 1e9);
}

/** [seconds inside the child, peak RSS in KiB, CPU seconds] of one operation in a fresh PHP process. */
function files_run(string $so, string $op, string $in, string $out): array
{
    $cmd = ['/usr/bin/time', '-v', PHP_BINARY, '-n', '-d', "extension=$so", '-d', 'memory_limit=128M',
        __FILE__, '--child', $op, $in, $out];
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $stdout = stream_get_contents($pipes[1]);
    $stderr = stream_get_contents($pipes[2]);
    if (proc_close($proc) !== 0 || !preg_match('/Maximum resident set size \(kbytes\): (\d+)/', $stderr, $m)
        || !preg_match('/User time \(seconds\): ([\d.]+)/', $stderr, $u) || !preg_match('/System time \(seconds\): ([\d.]+)/', $stderr, $s)) {
        throw new RuntimeException("$op failed: $stderr");
    }
    return [(float) trim($stdout), (int) $m[1], (float) $u[1] + (float) $s[1]];
}

// Run directly: argv[1] is the size in MiB; from bench/run.php: BENCH_FILE_MIB or 256.
$mib = (int) ((!debug_backtrace() ? ($argv[1] ?? null) : null) ?? (getenv('BENCH_FILE_MIB') ?: 256));
$so = getenv('SOC2_SO') ?: realpath(__DIR__ . '/../target/release/libsoc2.so');
if (!is_executable('/usr/bin/time')) {
    fwrite(STDERR, "  files: /usr/bin/time is needed (apt-get install time); skipped\n");
    return;
}
$dir = sys_get_temp_dir() . '/soc2-bench-files-' . getmypid();
mkdir($dir, 0700);
$plain = "$dir/plain";
$f = fopen($plain, 'wb');
$block = random_bytes(1 << 20);
for ($i = 0; $i < $mib; $i++) {
    fwrite($f, $block ^ str_repeat(chr($i & 255), 1 << 20));
}
fclose($f);
$master = Soc2\Crypto\MasterKey::generate();
putenv('BENCH_MK=' . $master->export());
$rings = [];
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    file_put_contents("$dir/plain.$suite.ring", Soc2\Crypto\Keyring::create($master, $suite)->toJson());
}
// The baseline: an idle PHP process with soc2 loaded.
$proc = proc_open(['/usr/bin/time', '-v', PHP_BINARY, '-n', '-d', "extension=$so", '-r', ''], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$stderr = stream_get_contents($pipes[2]);
proc_close($proc);
preg_match('/Maximum resident set size \(kbytes\): (\d+)/', $stderr, $m);
$idle = (int) ($m[1] ?? 0);

$ops = [];
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    // Each suite's rings file sits beside its input, as files_child expects.
    copy("$dir/plain.$suite.ring", "$dir/plain-$suite.ring");
    link($plain, "$dir/plain-$suite");
    copy("$dir/plain.$suite.ring", "$dir/enc-$suite.ring");
    $ops["soc2 $suite encrypt"] = ['soc2-encrypt', "$dir/plain-$suite", "$dir/enc-$suite"];
    $ops["soc2 $suite decrypt"] = ['soc2-decrypt', "$dir/enc-$suite", "$dir/dec-$suite"];
}
$ops['sodium secretstream encrypt'] = ['sodium-encrypt', $plain, "$dir/enc-sodium"];
$ops['sodium secretstream encrypt+fsync'] = ['sodium-encrypt-fsync', $plain, "$dir/enc-sodium"];
$ops['sodium secretstream decrypt'] = ['sodium-decrypt', "$dir/enc-sodium", "$dir/dec-sodium"];
$times = array_fill_keys(array_keys($ops), []);
$rss = array_fill_keys(array_keys($ops), []);
$cpu = array_fill_keys(array_keys($ops), []);
for ($r = 0; $r < BENCH_FILE_ROUNDS; $r++) {
    foreach ($ops as $label => [$op, $in, $out]) {
        [$t, $k, $c] = files_run($so, $op, $in, $out);
        $times[$label][] = $t;
        $rss[$label][] = $k;
        $cpu[$label][] = $c;
    }
}
foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
    if (md5_file("$dir/dec-$suite") !== md5_file($plain)) {
        throw new RuntimeException("soc2 $suite round trip differs");
    }
}
if (md5_file("$dir/dec-sodium") !== md5_file($plain)) {
    throw new RuntimeException('sodium round trip differs');
}
fprintf(STDERR, "  files: %d MiB file, 64 KiB segments, median of %d fresh processes; idle php+soc2 peak RSS %.1f MiB\n",
    $mib, BENCH_FILE_ROUNDS, $idle / 1024);
fprintf(STDERR, "  %-36s %9s %8s %12s %8s %13s\n", 'operation', 'wall s', 'MiB/s', 'CPU s (u+s)', 'MiB/CPU s', 'peak RSS MiB');
foreach ($ops as $label => $_) {
    $t = bench_median($times[$label]);
    $c = bench_median($cpu[$label]);
    fprintf(STDERR, "  %-36s %9.3f %8.1f %12.2f %8.1f %13.1f\n", $label, $t, $mib / $t, $c, $mib / max($c, 0.01),
        bench_median($rss[$label]) / 1024);
}
foreach (['encrypt', 'decrypt'] as $dirn) {
    foreach (['xchacha20poly1305', 'aes256gcm'] as $suite) {
        $ours = bench_median($times["soc2 $suite $dirn"]);
        $theirs = bench_median($times[$dirn === 'encrypt' ? 'sodium secretstream encrypt+fsync' : 'sodium secretstream decrypt']);
        $peer = $dirn === 'encrypt' ? 'sodium secretstream (+fsync)' : 'sodium secretstream';
        $GLOBALS['bench_rows'][] = ['files', "{$mib} MiB $dirn ($suite)", $ours, $peer, $theirs, $theirs / $ours, null];
        fprintf(STDERR, "  %-10s %-38s soc2 %s  %-34s %s  ratio %.2fx\n", 'files', "{$mib} MiB $dirn ($suite)",
            bench_fmt($ours), $peer, bench_fmt($theirs), $theirs / $ours);
    }
}
array_map('unlink', glob("$dir/*"));
rmdir($dir);
if (!debug_backtrace()) {
    echo "\n", bench_table();
}
